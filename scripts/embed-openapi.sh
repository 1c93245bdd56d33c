#!/bin/sh
# Writes Sources/Service/OpenAPIDocument.swift from docs/openapi.yaml (the served document must
# be the committed one, byte for byte; a test checks it).
set -eu
cd "$(dirname "$0")/.."
{
  echo '/// The OpenAPI 3 document of every endpoint, served at `/openapi.yaml`: generated from'
  echo '/// `docs/openapi.yaml` by `scripts/embed-openapi.sh` (a test keeps the two equal).'
  echo 'enum OpenAPIDocument {'
  echo '    static let yaml = #"""'
  cat docs/openapi.yaml
  echo ''
  echo '"""#'
  echo '}'
} > Sources/Service/OpenAPIDocument.swift
