#!/usr/bin/env bash
# The import's speed and memory: a CSV of N answers (default 1,000,000,
# spread over 2025, a comment on one in five, a user id, a trait) imported
# into a fresh SQLite database (or $NPS_DATABASE_URL's PostgreSQL) by a
# release build of `nps-collector import`, timed by /usr/bin/time (elapsed
# and peak resident memory); then the same file again (all duplicates).
#
#   cargo build --release -p nps-collector
#   bash collector/benches/import.sh [ROWS]
set -euo pipefail
cd "$(dirname "$0")/../.."
rows=${1:-1000000}
bin=${NPS_BIN:-${CARGO_TARGET_DIR:-target}/release/nps-collector}
work=$(mktemp -d)
serve_pid=
trap '[ -n "$serve_pid" ] && kill "$serve_pid" 2>/dev/null; rm -rf "$work"' EXIT
export NPS_DATABASE_URL=${NPS_DATABASE_URL:-sqlite://$work/nps.db}

awk -v n="$rows" 'BEGIN {
  print "id,created_at,score,comment,user_id,trait.plan";
  split("free team pro", plans, " ");
  for (i = 1; i <= n; i++) {
    comment = (i % 5 == 0) ? "Answer " i " says the reports are slow" : "";
    printf "%d,%d,%d,%s,u%d,%s\n", i, 1735689600 + int(i * 31536000 / n), (i * 7) % 11, comment, i % 50000, plans[i % 3 + 1];
  }
}' > "$work/answers.csv"
echo "$rows rows, $(du -h "$work/answers.csv" | cut -f1) of CSV"

# The demo project, created by a collector started and stopped at once.
"$bin" serve --demo --listen 127.0.0.1:0 > "$work/serve.out" 2>&1 &
serve_pid=$!
for _ in $(seq 300); do grep -q '^listening on ' "$work/serve.out" && break; sleep 0.1; done
kill "$serve_pid"; wait "$serve_pid" 2>/dev/null || true; serve_pid=

for run in first again; do
  /usr/bin/time -f '%e %M %U %S' -o "$work/time" "$bin" import --project demo --format csv "$work/answers.csv" \
    > "$work/out" 2> "$work/err"
  read -r secs kb user sys < "$work/time"
  echo "$run: $(cat "$work/out") in ${secs} s: $(awk -v n="$rows" -v s="$secs" 'BEGIN { printf "%.0f", n / s }') rows/s, peak RSS $((kb / 1024)) MiB, CPU ${user} s user + ${sys} s system"
done
