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

# CPU seconds so far: `threads` of a collector by party ("request" for its
# async workers and the rest, "writer" for SQLite's writer thread),
# `postgres` of every PostgreSQL server process.
threads() { # $1 = name
  local pid
  pid=$(pgrep -P "${launcher[$1]}" | head -n 1)
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

# Totals per run label, over its slices.
declare -A requests errors took p99 cpu_req cpu_writer cpu_pg cpu_wrk
slice() { # $1 = label, $2 = server name, $3 = url, $4 = wrk script
  local label=$1 line before after pg0 pg1 wrk_cpu n e d q r wr pgc wk
  local length=$(( (secs + rounds - 1) / rounds ))
  before=$(threads "$2"); pg0=$(postgres_cpu)
  line=$( { TIMEFORMAT='WRKCPU %U %S'; time wrk -t2 -c"$conns" -d"${length}s" --latency -s "$4" "$3"; } 2>&1 )
  after=$(threads "$2"); pg1=$(postgres_cpu)
  wrk_cpu=$(sed -n 's/^WRKCPU //p' <<<"$line")
  line=$(sed -n 's/^RESULT //p' <<<"$line")
  eval "$(awk -v l="$line" -v b="$before" -v a="$after" -v p0="$pg0" -v p1="$pg1" -v w="$wrk_cpu" 'BEGIN {
    split(b, x, " "); split(a, y, " "); split(w, z, " ")
    n = split(l, f, " "); for (i = 1; i <= n; i++) { split(f[i], kv, "="); v[kv[1]] = kv[2] }
    # The duration as wrk measured it: requests / (requests per second).
    printf "n=%d e=%d d=%f q=%.2f r=%f wr=%f pgc=%f wk=%f\n", v["requests"], v["errors"],
      v["requests"] / (v["rps"] > 0 ? v["rps"] : 1), v["p99_ms"],
      y[1] - x[1], y[2] - x[2], p1 - p0, z[1] + z[2]
  }')"
  requests[$label]=$(( ${requests[$label]:-0} + n ))
  errors[$label]=$(( ${errors[$label]:-0} + e ))
  took[$label]=$(awk -v a="${took[$label]:-0}" -v b="$d" 'BEGIN { print a + b }')
  p99[$label]=$(awk -v a="${p99[$label]:-0}" -v b="$q" 'BEGIN { print (b > a ? b : a) }')
  cpu_req[$label]=$(awk -v a="${cpu_req[$label]:-0}" -v b="$r" 'BEGIN { print a + b }')
  cpu_writer[$label]=$(awk -v a="${cpu_writer[$label]:-0}" -v b="$wr" 'BEGIN { print a + b }')
  cpu_pg[$label]=$(awk -v a="${cpu_pg[$label]:-0}" -v b="$pgc" 'BEGIN { print a + b }')
  cpu_wrk[$label]=$(awk -v a="${cpu_wrk[$label]:-0}" -v b="$wk" 'BEGIN { print a + b }')
}
rps() { awk -v n="${requests[$1]:-0}" -v d="${took[$1]:-0}" 'BEGIN { if (d > 0) printf "%.0f", n / d; else print 0 }'; }
# One line per run, and where each request's CPU went (µs): on one machine
# the parties share the cores, so these say why a ratio is what it is; CPU
# per request also varies less between runs than req/s does.
report() { # $1 = label, $2 = "postgres" to count the PostgreSQL server
  local label=$1
  echo "$label requests=${requests[$label]} errors=${errors[$label]} rps=$(rps "$label") p99_ms=${p99[$label]} (worst of $rounds slices)"
  awk -v n="${requests[$label]}" -v r="${cpu_req[$label]}" -v w="${cpu_writer[$label]}" \
      -v p="${cpu_pg[$label]}" -v k="${cpu_wrk[$label]}" -v db="${2:-}" 'BEGIN {
    if (n == 0) exit
    printf "  cpu per request: request threads %.1f us", r * 1e6 / n
    if (w > 0) printf ", sqlite writer %.1f us", w * 1e6 / n
    if (db == "postgres") printf ", postgres server %.1f us", p * 1e6 / n
    printf ", wrk %.1f us\n", k * 1e6 / n
  }'
}
stored() { curl -s -H 'authorization: Bearer bench-admin-token' "$1/api/v1/stats?project=demo" | sed -E 's/.*"responses":([0-9]+).*/\1/'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }'; }

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
