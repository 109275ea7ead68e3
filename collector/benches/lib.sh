# Shared by the load benchmarks (load.sh, bounds.sh, ab.sh); sourced, not
# run. The measuring half (slice, report) reads the caller's `secs`,
# `rounds` and `conns`.
# Collectors from the shared launcher (tests/support/collector.mjs through
# serve.mjs), rate limits off: the limit is not what is measured. The
# launcher stops its collector when its stdin closes, so it reads a fifo
# this script holds open until it exits. The caller sets `work` (a temp
# dir) first; the environment passes through (`VAR=x start_collector …`).

declare -A base launcher
# Starts one and waits until it listens; sets base[$1] to its URL.
start_collector() { # $1 = name, $2 = binary, then more serve.mjs flags
  local name=$1 bin=$2 fd
  shift 2
  mkfifo "$work/$name.in"
  node tests/support/serve.mjs --bin "$bin" --admin-token bench-admin-token \
    --no-rate-limits "$@" < "$work/$name.in" > "$work/$name.out" &
  launcher[$name]=$!
  exec {fd}> "$work/$name.in"
  for _ in $(seq 300); do
    grep -q '^listening on ' "$work/$name.out" 2>/dev/null && break
    kill -0 "${launcher[$name]}" 2>/dev/null || { echo "the $name collector did not start" >&2; exit 1; }
    sleep 0.1
  done
  base[$name]=$(sed -n 's/^listening on //p' "$work/$name.out")
}
# Stops every collector started (for the caller's EXIT trap).
stop_collectors() {
  for name in "${!launcher[@]}"; do
    kill "${launcher[$name]}" 2>/dev/null || true
    wait "${launcher[$name]}" 2>/dev/null || true
  done
}

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
  # A server process may end between pgrep and the read (another
  # cluster restarting): not an error.
  for p in $(pgrep -x postgres); do cut -d' ' -f14,15 /proc/"$p"/stat 2>/dev/null || true; done |
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

