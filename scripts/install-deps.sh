#!/usr/bin/env bash
# Installs the Debian packages a task needs, only when some are missing.
#   scripts/install-deps.sh build   what building asic needs (make build, release, demo)
#   scripts/install-deps.sh test    that and what the tests need (xmllint, xmlsec1, python3 with jsonschema,
#                                   unzip, Chromium for the HTML rendering tests, GNU parallel for sharding,
#                                   and in a venv under .build/pytools: schemathesis, kubernetes-validate)
#   scripts/install-deps.sh bench   that and nginx, wrk (service scale-out) and valgrind, gcc, binutils (callgrind guard)
# Only Debian packages: Debian's own python3 refuses pip installs (externally managed), so jsonschema
# comes as python3-jsonschema.
set -euo pipefail
build=(libxml2-dev libssl-dev zlib1g-dev libcurl4-openssl-dev nettle-dev pkg-config)
tests=(openssl libxml2-utils xmlsec1 python3 python3-jsonschema python3-venv unzip curl chromium parallel)
bench=(nginx wrk valgrind gcc binutils)
packages=("${build[@]}")
[ "${1:-test}" = build ] || packages+=("${tests[@]}")
[ "${1:-test}" != bench ] || packages+=("${bench[@]}")
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

# The service's contract tests run tools from PyPI, kept in a venv of their own (Debian's python3
# refuses pip installs into the system); pinned, installed once.
if [ "${1:-test}" != build ]; then
  venv=.build/pytools
  if ! "$venv/bin/schemathesis" --version >/dev/null 2>&1 || ! "$venv/bin/kubernetes-validate" --version >/dev/null 2>&1; then
    echo "installing into $venv: schemathesis kubernetes-validate"
    /usr/bin/python3 -m venv "$venv" 2>/dev/null || python3 -m venv "$venv"
    "$venv/bin/pip" install -q --disable-pip-version-check schemathesis==4.32.5 kubernetes-validate==1.37.0
  fi
fi
