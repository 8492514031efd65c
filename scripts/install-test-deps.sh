#!/usr/bin/env bash
# Installs what the test suite needs beyond the .NET SDK: the npm reference implementations
# our formats are checked against. Idempotent; safe to run on every test run.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v node >/dev/null 2>&1; then
  echo "install-test-deps: node is required for the interop tests" >&2
  exit 1
fi
if [ ! -d tests/interop/node_modules/apache-arrow ] || [ ! -d tests/interop/node_modules/@msgpack/msgpack ]; then
  (cd tests/interop && npm ci --no-audit --no-fund --loglevel=error)
fi
