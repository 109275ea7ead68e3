#!/usr/bin/env bash
# Upper bounds for durable SQLite ingest: what the same server reaches when
# part of the write path is taken away (see collector/src/store/sqlite/
# bounds.rs). On loopback, wrk at 64 connections, runs interleaved in
# NPS_BENCH_ROUNDS slices (3 by default) as load.sh does:
#   healthz   GET /healthz (the HTTP ceiling every ratio divides by)
#   dry-run   POST ?dry_run=true: parsed, validated, nothing stored
#   durable   the real writer (synchronous=FULL, indexes, roll-ups)
#   no-fsync  the same transactions, never waiting for the disk
#   bare      id and score into an unindexed table, one fsync a batch
#   noop      handed to the writer thread and answered, nothing stored
# Builds a benchmark binary with the `bench-bounds` feature (never deploy
# it: with NPS_BENCH_WRITER set it acknowledges what it did not store).
#   bash collector/benches/bounds.sh [seconds] [connections]
set -Eeuo pipefail
trap 'echo "bounds.sh: line $LINENO failed: $BASH_COMMAND" >&2' ERR
cd "$(dirname "$0")/../.."
secs=${1:-9}
conns=${2:-64}
rounds=${NPS_BENCH_ROUNDS:-3}
command -v wrk >/dev/null || apt-get install -y wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }
cargo build --release -p nps-collector --features bench-bounds
work=$(mktemp -d)
bin=$work/nps-collector-bounds
# A copy: the next ordinary build replaces target/release's binary.
cp target/release/nps-collector "$bin"

. collector/benches/lib.sh
cleanup() {
  stop_collectors
  rm -rf "$work"
}
trap cleanup EXIT

# One collector per writer, each on its own SQLite file.
start_collector durable "$bin"
for bound in no-fsync bare noop; do NPS_BENCH_WRITER=$bound start_collector "$bound" "$bin"; done

declare -A requests took
slice() { # $1 = label, $2 = URL, $3 = wrk script
  local length=$(( (secs + rounds - 1) / rounds )) line n rps
  line=$(wrk -t2 -c"$conns" -d"${length}s" --latency -s "$3" "$2" | sed -n 's/^RESULT //p')
  n=$(sed -n 's/.*requests=\([0-9]*\).*/\1/p' <<<"$line")
  rps=$(sed -n 's/.*rps=\([0-9]*\).*/\1/p' <<<"$line")
  [ "$(sed -n 's/.*errors=\([0-9]*\).*/\1/p' <<<"$line")" = 0 ] || echo "$1: wrk counted errors: $line" >&2
  requests[$1]=$(( ${requests[$1]:-0} + n ))
  took[$1]=$(awk -v a="${took[$1]:-0}" -v n="$n" -v r="$rps" 'BEGIN { print a + (r > 0 ? n / r : 0) }')
}
post=collector/benches/post.lua
for _ in $(seq "$rounds"); do
  slice healthz "${base[durable]}/healthz" collector/benches/get.lua
  slice dry-run "${base[durable]}/api/v1/responses?dry_run=true" "$post"
  slice durable "${base[durable]}/api/v1/responses" "$post"
  for bound in no-fsync bare noop; do slice "$bound" "${base[$bound]}/api/v1/responses" "$post"; done
done

echo "bounds: ${secs}s a run in $rounds slices, $conns connections"
ceiling=$(awk -v n="${requests[healthz]}" -v d="${took[healthz]}" 'BEGIN { print n / d }')
for label in healthz dry-run durable no-fsync bare noop; do
  awk -v l="$label" -v n="${requests[$label]}" -v d="${took[$label]}" -v c="$ceiling" \
    'BEGIN { printf "%-9s %7.0f req/s  %.2f x healthz\n", l, n / d, n / d / c }'
done
