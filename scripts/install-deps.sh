#!/usr/bin/env bash
# Installs the Debian packages a task needs, only when some are missing.
#   scripts/install-deps.sh build   what building asic needs (make build, release, demo)
#   scripts/install-deps.sh test    that and what the tests need (xmllint, xmlsec1, python3 with jsonschema,
#                                   unzip, Chromium for the HTML rendering tests)
# Only Debian packages: Debian's own python3 refuses pip installs (externally managed), so jsonschema
# comes as python3-jsonschema.
set -euo pipefail
build=(libxml2-dev libssl-dev zlib1g-dev libcurl4-openssl-dev pkg-config)
tests=(openssl libxml2-utils xmlsec1 python3 python3-jsonschema unzip curl chromium)
packages=("${build[@]}")
[ "${1:-test}" = build ] || packages+=("${tests[@]}")
missing=()
for p in "${packages[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing: ${missing[*]}"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi
if [ "${1:-test}" != build ] && ! python3 -c 'import jsonschema' 2>/dev/null; then
  # A python3 first on PATH that is not Debian's (pyenv, a venv) does not see python3-jsonschema.
  echo "install-deps: $(command -v python3) cannot import jsonschema (python3-jsonschema serves Debian's /usr/bin/python3);" \
       "install it for that python or put /usr/bin first on PATH" >&2
  exit 1
fi
