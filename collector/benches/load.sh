#!/usr/bin/env bash
# Ingest load benchmark, on loopback, bounded in time. At the same
# concurrency it measures:
#   1. the HTTP ceiling: GET /healthz on the SQLite server;
#   2. the validation ceiling: POST /api/v1/responses?dry_run=true (parse,
#      validate, look the project up, store nothing);
#   3. durable ingest on SQLite (group commit, synchronous=FULL);
#   4. durable ingest on PostgreSQL (group commit; if a server can be
#      started).
# Both collectors run for the whole benchmark, and the four runs take
# turns in short slices (NPS_BENCH_ROUNDS, 3 by default, each run getting
# 1/ROUNDS of its seconds per round): this shared machine's speed drifts
# by a fifth within a minute, and runs made one after the other compared
# that drift as much as the code. Every figure adds up a run's slices.
# Prints requests/s and p99 (the worst slice's) for each, the CPU each
# request cost each party (the collector's request threads, its SQLite
# writer, the PostgreSQL server, wrk), then the ratios the goals are stated
# in: SQLite / healthz (goal ≥ 0.6) and PostgreSQL / SQLite (goal ≥ 0.8).
# Needs wrk (installed with apt if missing) and builds the release binary
# (or measures NPS_BENCH_BIN, e.g. a saved binary for an A/B comparison).
#   bash collector/benches/load.sh [seconds] [connections]
set -Eeuo pipefail
trap 'echo "load.sh: line $LINENO failed: $BASH_COMMAND" >&2' ERR
cd "$(dirname "$0")/../.."
secs=${1:-10}
conns=${2:-64}
rounds=${NPS_BENCH_ROUNDS:-3}
bin=${NPS_BENCH_BIN:-target/release/nps-collector}
lua=collector/benches/post.lua
get=collector/benches/get.lua
command -v wrk >/dev/null || apt-get install -y wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }
[ -n "${NPS_BENCH_BIN:-}" ] || cargo build --release -p nps-collector

work=$(mktemp -d)
pg_db=""
. collector/benches/lib.sh
cleanup() {
  stop_collectors
  [ -z "$pg_db" ] || psql -q "$pg" -c "DROP DATABASE $pg_db" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

echo "ingest benchmark: ${secs}s per run in $rounds slices, $conns connections, $(nproc) cores"
start_collector sqlite "$bin" --database-url "sqlite://$work/bench.db"
if pg=$(bash tests/support/ensure-postgres.sh 2>/dev/null); then
  pg_db="nps_bench_$$"
  psql -q "$pg" -c "CREATE DATABASE $pg_db" >/dev/null
  start_collector postgres "$bin" --database-url "${pg%/*}/$pg_db"
else
  echo "postgres: skipped (no server could be started)"
fi

for _ in $(seq "$rounds"); do
  slice "ceiling(healthz)" sqlite "${base[sqlite]}/healthz" "$get"
  slice "ceiling(dry_run)" sqlite "${base[sqlite]}/api/v1/responses?dry_run=true" "$lua"
  slice "sqlite(durable)" sqlite "${base[sqlite]}/api/v1/responses" "$lua"
  [ -z "${base[postgres]:-}" ] || slice "postgres(durable)" postgres "${base[postgres]}/api/v1/responses" "$lua"
done

report "ceiling(healthz)"
report "ceiling(dry_run)"
report "sqlite(durable)"
echo "  sqlite rows stored: $(stored "${base[sqlite]}")"
if [ -n "${base[postgres]:-}" ]; then
  report "postgres(durable)" postgres
  echo "  postgres rows stored: $(stored "${base[postgres]}")"
fi

echo "ratios: sqlite/healthz $(ratio "$(rps "sqlite(durable)")" "$(rps "ceiling(healthz)")") (goal >= 0.6)," \
  "postgres/sqlite $(ratio "$(rps "postgres(durable)")" "$(rps "sqlite(durable)")") (goal >= 0.8)," \
  "sqlite/dry_run $(ratio "$(rps "sqlite(durable)")" "$(rps "ceiling(dry_run)")")"
