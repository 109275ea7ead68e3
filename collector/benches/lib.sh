# Shared by the load benchmarks (load.sh, bounds.sh); sourced, not run.
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
