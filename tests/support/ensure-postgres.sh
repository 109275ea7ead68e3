#!/usr/bin/env bash
# Starts a throwaway PostgreSQL cluster on 127.0.0.1 for the tests (installing
# Debian's postgresql package first if it is missing) and prints its URL.
# Reuses the cluster when it is already running (a stopped one is made
# anew). Stop it, or start a stopped one again on its data (the fault
# scripts restart PostgreSQL under load: tests/faults/pg-restart.mjs), with:
#   bash tests/support/ensure-postgres.sh stop [fast|immediate]
#   bash tests/support/ensure-postgres.sh start
# (`immediate` is a crash: no checkpoint, WAL replayed at the next start.)
# NPS_PG_DIR and NPS_PG_PORT pick another cluster than the shared one.
set -euo pipefail

dir=${NPS_PG_DIR:-/tmp/nps-test-pg}
port=${NPS_PG_PORT:-55432}

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
# The server's own binaries, not just a directory: Debian's client package
# makes /usr/lib/postgresql/N/bin too, with psql and no initdb.
pg_bin() {
  for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -rV); do
    if [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ] && [ -x "$d/postgres" ]; then
      echo "$d"
      return
    fi
  done
}
# initdb refuses to run as root: use the package's postgres user then.
as_owner() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

if [ -z "$(pg_bin)" ]; then
  echo "==> apt-get install postgresql" >&2
  export DEBIAN_FRONTEND=noninteractive
  as_root apt-get update -qq >&2
  as_root apt-get install -y -qq postgresql >/dev/null
fi
bin=$(pg_bin)

run_cluster() {
  as_owner "$bin/pg_ctl" -D "$dir" -l "$dir/server.log" -w \
    -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c max_connections=300" start >/dev/null
}

if [ "${1:-}" = stop ]; then
  as_owner "$bin/pg_ctl" -D "$dir" stop -m "${2:-fast}" >/dev/null 2>&1 || true
  exit 0
fi
if [ "${1:-}" = start ]; then
  run_cluster
  exit 0
fi

if ! as_owner "$bin/pg_ctl" -D "$dir" status >/dev/null 2>&1; then
  rm -rf "$dir"
  mkdir -p "$dir"
  [ "$(id -u)" -eq 0 ] && chown postgres: "$dir"
  as_owner "$bin/initdb" -D "$dir" -A trust -U nps >/dev/null
  run_cluster
fi
echo "postgres://nps@127.0.0.1:$port/postgres"
