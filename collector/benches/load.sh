#!/usr/bin/env bash
# Ingest load benchmark, on loopback, bounded in time. In one run it
# measures, at the same concurrency:
#   1. the HTTP ceiling: GET /healthz on the same server;
#   2. the validation ceiling: POST /api/v1/responses?dry_run=true (parse,
#      validate, look the project up, store nothing);
#   3. durable ingest on SQLite (group commit, synchronous=FULL);
#   4. durable ingest on PostgreSQL (group commit; if a server can be
#      started).
# Prints requests/s and p99 for each, the CPU each request cost each party
# (the collector's request threads, its SQLite writer, the PostgreSQL
# server, wrk), then the ratios the goals are stated in: SQLite / healthz
# (goal ≥ 0.6) and PostgreSQL / SQLite (goal ≥ 0.8).
# Needs wrk (installed with apt if missing) and builds the release binary
# (or measures NPS_BENCH_BIN, e.g. a saved binary for an A/B comparison).
#   bash collector/benches/load.sh [seconds] [connections]
set -euo pipefail
cd "$(dirname "$0")/../.."
secs=${1:-10}
conns=${2:-64}
bin=${NPS_BENCH_BIN:-target/release/nps-collector}
lua=collector/benches/post.lua
get=collector/benches/get.lua
command -v wrk >/dev/null || apt-get install -y wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }
[ -n "${NPS_BENCH_BIN:-}" ] || cargo build --release -p nps-collector

work=$(mktemp -d)
cleanup() { stop; rm -rf "$work"; }
trap cleanup EXIT

# The collector comes from the shared launcher (tests/support/collector.mjs
# through serve.mjs), rate limits off: the limit is not what is measured.
start() { # $1 = database URL; sets $base
  local db=$1 line
  coproc SERVE { exec node tests/support/serve.mjs --bin "$bin" --database-url "$db" \
    --admin-token bench-admin-token --no-rate-limits; }
  read -r -u "${SERVE[0]}" line || { echo "the collector did not start" >&2; exit 1; }
  base=${line#listening on }
}
stop() {
  if [ -n "${SERVE_PID:-}" ]; then
    kill "$SERVE_PID" 2>/dev/null || true
    wait "$SERVE_PID" 2>/dev/null || true
  fi
}
declare -A rps
# CPU seconds so far: `threads` of the collector by party ("request" for
# its async workers, "writer" for SQLite's writer thread), `postgres` of
# every PostgreSQL server process.
threads() {
  local pid
  pid=$(pgrep -P "$SERVE_PID" | head -n 1)
  for t in /proc/"$pid"/task/*; do
    echo "$(cat "$t/comm") $(cut -d' ' -f14,15 "$t/stat")"
  done 2>/dev/null | awk -v hz="$(getconf CLK_TCK)" '
    { if ($1 == "nps-sqlite-writ") w += $2 + $3; else r += $2 + $3 }
    END { printf "%f %f\n", r / hz, w / hz }'
}
postgres_cpu() {
  for p in $(pgrep -x postgres); do cut -d' ' -f14,15 /proc/"$p"/stat 2>/dev/null; done |
    awk -v hz="$(getconf CLK_TCK)" '{ s += $1 + $2 } END { printf "%f\n", s / hz }'
}
run() { # $1 = label, $2 = url, $3 = wrk script
  local line before after pg0 pg1 wrk_cpu
  before=$(threads); pg0=$(postgres_cpu)
  line=$( { TIMEFORMAT='WRKCPU %U %S'; time wrk -t2 -c"$conns" -d"${secs}s" --latency -s "${3:-$lua}" "$2"; } 2>&1 )
  after=$(threads); pg1=$(postgres_cpu)
  wrk_cpu=$(sed -n 's/^WRKCPU //p' <<<"$line")
  line=$(sed -n "s/^RESULT /$1 /p" <<<"$line")
  echo "$line"
  rps[$1]=$(sed -E 's/.* rps=([0-9]+).*/\1/' <<<"$line")
  # Where each request's CPU went (µs): the collector's request threads,
  # its SQLite writer, the PostgreSQL server, wrk. On one machine these
  # share the cores, so they say why a ratio is what it is; CPU time per
  # request also varies less between runs than req/s does.
  awk -v n="$(sed -E 's/.* requests=([0-9]+).*/\1/' <<<"$line")" -v b="$before" -v a="$after" \
      -v p0="$pg0" -v p1="$pg1" -v w="$wrk_cpu" -v db="${4:-}" 'BEGIN {
    split(b, x, " "); split(a, y, " "); split(w, z, " ")
    if (n == 0) exit
    printf "  cpu per request: request threads %.1f us", (y[1] - x[1]) * 1e6 / n
    if (y[2] > x[2]) printf ", sqlite writer %.1f us", (y[2] - x[2]) * 1e6 / n
    if (db == "postgres") printf ", postgres server %.1f us", (p1 - p0) * 1e6 / n
    printf ", wrk %.1f us\n", (z[1] + z[2]) * 1e6 / n
  }'
}
stored() { curl -s -H 'authorization: Bearer bench-admin-token' "$base/api/v1/stats?project=demo" | sed -E 's/.*"responses":([0-9]+).*/\1/'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }'; }

echo "ingest benchmark: ${secs}s per run, $conns connections, $(nproc) cores"
start "sqlite://$work/bench.db"
run "ceiling(healthz)" "$base/healthz" "$get"
run "ceiling(dry_run)" "$base/api/v1/responses?dry_run=true"
run "sqlite(durable)" "$base/api/v1/responses"
echo "  sqlite rows stored: $(stored)"
stop

if pg=$(bash tests/support/ensure-postgres.sh 2>/dev/null); then
  db="nps_bench_$$"
  psql -q "$pg" -c "CREATE DATABASE $db" >/dev/null
  start "${pg%/*}/$db"
  run "postgres(durable)" "$base/api/v1/responses" "$lua" postgres
  echo "  postgres rows stored: $(stored)"
  stop
  psql -q "$pg" -c "DROP DATABASE $db" >/dev/null || true
else
  echo "postgres: skipped (no server could be started)"
fi

echo "ratios: sqlite/healthz $(ratio "${rps[sqlite(durable)]:-0}" "${rps[ceiling(healthz)]:-0}") (goal >= 0.6)," \
  "postgres/sqlite $(ratio "${rps[postgres(durable)]:-0}" "${rps[sqlite(durable)]:-0}") (goal >= 0.8)," \
  "sqlite/dry_run $(ratio "${rps[sqlite(durable)]:-0}" "${rps[ceiling(dry_run)]:-0}")"
