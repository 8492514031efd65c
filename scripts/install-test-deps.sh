#!/usr/bin/env bash
# Installs what the test suite needs beyond the .NET SDK: the PostgreSQL server used as an oracle,
# and the npm reference implementations our formats are checked against. Idempotent; safe to run on every test run.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v node >/dev/null 2>&1; then
  echo "install-test-deps: node is required for the interop tests" >&2
  exit 1
fi
# The PostgreSQL 15 server is the oracle of the differential TPC-H test; the image usually has it.
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql-15 >/dev/null
  else
    echo "install-test-deps: the PostgreSQL 15 server (Debian package postgresql-15) is needed; install it as root" >&2
    exit 1
  fi
fi
if [ ! -d tests/interop/node_modules/apache-arrow ] || [ ! -d tests/interop/node_modules/@msgpack/msgpack ]; then
  (cd tests/interop && npm ci --no-audit --no-fund --loglevel=error)
fi
