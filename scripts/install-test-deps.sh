#!/usr/bin/env bash
# Installs what the test suite needs beyond the .NET SDK, only when missing (idempotent; safe on every run):
#   - the PostgreSQL 15 server: oracle of the differential TPC-H test and of the slt runner checks;
#   - the real clients of the wire-protocol acceptance suites (tests/clients, issue #3): psql
#     (postgresql-client), Debian's psycopg2 for /usr/bin/python3, PgJDBC (libpostgresql-jdbc-java,
#     /usr/share/java/postgresql.jar) with a headless Java runtime;
#   - the npm packages of tests/interop: Arrow/MessagePack reference implementations, node-postgres (pg)
#     and pg-copy-streams.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v node >/dev/null 2>&1; then
  echo "install-test-deps: node is required for the interop and node-postgres tests" >&2
  exit 1
fi

missing=()
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql-15)
command -v psql >/dev/null 2>&1 || missing+=(postgresql-client)
/usr/bin/python3 -c 'import psycopg2' >/dev/null 2>&1 || missing+=(python3-psycopg2)
[ -f /usr/share/java/postgresql.jar ] || missing+=(libpostgresql-jdbc-java)
command -v java >/dev/null 2>&1 || missing+=(default-jre-headless)

if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "install-test-deps: installing ${missing[*]}"
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "install-test-deps: missing Debian packages: ${missing[*]} (install them as root)" >&2
    exit 1
  fi
fi

need_npm=0
for module in apache-arrow @msgpack/msgpack pg pg-copy-streams; do
  [ -d "tests/interop/node_modules/$module" ] || need_npm=1
done
if [ "$need_npm" -eq 1 ]; then
  (cd tests/interop && npm ci --no-audit --no-fund --loglevel=error)
fi
