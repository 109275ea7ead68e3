#!/usr/bin/env bash
# A/B ingest benchmark: the release binary of an earlier commit (A, by
# default the one before the quarter-hour roll-ups) against this checkout's
# (B), both running for the whole benchmark, their runs interleaved in
# slices as load.sh does, on SQLite and on PostgreSQL, with answers that
# carry a comment (post_comment.lua). Prints each run's requests/s and
# CPU per request, then B/A per backend (goal: >= 0.9, work added at
# ingest costs at most 10%).
#   bash collector/benches/ab.sh [seconds] [connections] [commit A]
set -Eeuo pipefail
trap 'echo "ab.sh: line $LINENO failed: $BASH_COMMAND" >&2' ERR
cd "$(dirname "$0")/../.."
secs=${1:-30}
conns=${2:-64}
before=${3:-c05827f}
rounds=${NPS_BENCH_ROUNDS:-6}
lua=collector/benches/post_comment.lua
command -v wrk >/dev/null || apt-get install -y wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }

# A is built in a worktree of its own, with this checkout's target
# directory (the dependencies are shared, only the workspace's crates are
# built again), and its binary copied out before B is built.
root=$(pwd)
a_tree="$root/target/ab-$before"
if [ ! -x "$a_tree.bin" ]; then
  rm -rf "$a_tree"
  git worktree add --detach "$a_tree" "$before" >/dev/null
  (cd "$a_tree" && CARGO_TARGET_DIR="$root/target" cargo build --release -p nps-collector)
  cp "$root/target/release/nps-collector" "$a_tree.bin"
  git worktree remove --force "$a_tree"
fi
cargo build --release -p nps-collector

work=$(mktemp -d)
dbs=()
. collector/benches/lib.sh
cleanup() {
  stop_collectors
  for db in "${dbs[@]}"; do psql -q "$pg" -c "DROP DATABASE $db" >/dev/null 2>&1 || true; done
  rm -rf "$work"
}
trap cleanup EXIT

echo "A/B ingest with comments: A = $before, B = $(git rev-parse --short HEAD); ${secs}s a run in $rounds slices, $conns connections"
start_collector sqlite-A "$a_tree.bin" --database-url "sqlite://$work/a.db"
start_collector sqlite-B target/release/nps-collector --database-url "sqlite://$work/b.db"
if pg=$(bash tests/support/ensure-postgres.sh 2>/dev/null); then
  for side in A B; do
    db="nps_ab_${side,,}_$$"
    psql -q "$pg" -c "CREATE DATABASE $db" >/dev/null
    dbs+=("$db")
    start_collector "postgres-$side" "$( [ "$side" = A ] && echo "$a_tree.bin" || echo target/release/nps-collector )" \
      --database-url "${pg%/*}/$db"
  done
fi

for _ in $(seq "$rounds"); do
  for name in sqlite-A sqlite-B postgres-A postgres-B; do
    [ -z "${base[$name]:-}" ] || slice "$name" "$name" "${base[$name]}/api/v1/responses" "$lua"
  done
done

for name in sqlite-A sqlite-B postgres-A postgres-B; do
  [ -z "${base[$name]:-}" ] && continue
  report "$name" "$( [[ $name == postgres* ]] && echo postgres )"
done
echo "B/A: sqlite $(ratio "$(rps sqlite-B)" "$(rps sqlite-A)"), postgres $(ratio "$(rps postgres-B)" "$(rps postgres-A)") (goal >= 0.9)"
