#!/usr/bin/env bash
# Runs the client suites against a throwaway PostgreSQL 15 (the reference behaviour they were written
# against): initdb under /tmp, superuser `admin` with a SCRAM-SHA-256 password, database `dev`, a free
# 127.0.0.1 port; stopped and deleted on exit. Usage: tests/clients/postgres-reference.sh [python|java|node]...
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
[ -x "$bin/initdb" ] || { echo "no PostgreSQL server under /usr/lib/postgresql" >&2; exit 1; }
dir=$(mktemp -d /tmp/aw-clients-pg-XXXXXX)
password="reference-$$"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
as_pg=()
if [ "$(id -u)" -eq 0 ]; then chown postgres "$dir"; as_pg=(runuser -u postgres --); fi
cleanup() {
  "${as_pg[@]}" "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap cleanup EXIT
printf '%s\n' "$password" > "$dir/pw"; chmod 644 "$dir/pw"
"${as_pg[@]}" "$bin/initdb" -D "$dir/data" -U admin --pwfile="$dir/pw" --auth=scram-sha-256 -E UTF8 --locale=C >/dev/null
"${as_pg[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/log" -w \
  -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c TimeZone=UTC" start >/dev/null
PGPASSWORD=$password psql -X -q -h 127.0.0.1 -p "$port" -U admin -d postgres -c "create database dev"

export AW_HOST=127.0.0.1 AW_PORT=$port AW_USER=admin AW_PASSWORD=$password AW_DATABASE=dev
suites=("$@"); [ ${#suites[@]} -gt 0 ] || suites=(python java node)
status=0
for suite in "${suites[@]}"; do
  echo "== $suite"
  case $suite in
    python) /usr/bin/python3 "$here/python/client_checks.py" || status=1 ;;
    java) java -cp /usr/share/java/postgresql.jar "$here/java/ClientChecks.java" || status=1 ;;
    node) node "$here/node/client_checks.js" || status=1 ;;
    *) echo "unknown suite $suite" >&2; status=1 ;;
  esac
done
exit $status
