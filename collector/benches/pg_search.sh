#!/usr/bin/env bash
# The verbatim feed under a search on PostgreSQL, at scale: seeds a fresh
# database with ROWS answers (1,000,000 by default; 30% with a comment, a
# twentieth of those "The CSV export is too slow", the rest "Answer number
# N", so words range from common to absent and some are found only far
# back in time), then times the admin feed's first page (50) for each
# query: the median of 5 calls through HTTP, with the number of answers
# found. (SQLite's search at 10M is in `cargo bench --bench scale`.)
#   bash collector/benches/pg_search.sh [rows]
set -Eeuo pipefail
trap 'echo "pg_search.sh: line $LINENO failed: $BASH_COMMAND" >&2' ERR
cd "$(dirname "$0")/../.."
rows=${1:-1000000}
bin=${NPS_BENCH_BIN:-target/release/nps-collector}
[ -n "${NPS_BENCH_BIN:-}" ] || cargo build --release -p nps-collector
pg=$(bash tests/support/ensure-postgres.sh)
db="nps_search_bench_$$"
work=$(mktemp -d)
. collector/benches/lib.sh
cleanup() {
  stop_collectors
  psql -q "$pg" -c "DROP DATABASE IF EXISTS $db" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

psql -q "$pg" -c "CREATE DATABASE $db" >/dev/null
# Migrations and the `demo` project, then the answers, a second apart.
start_collector postgres "$bin" --database-url "${pg%/*}/$db"
started=$(date +%s)
psql -q "${pg%/*}/$db" >/dev/null <<SQL
INSERT INTO responses (id, project_key, score, comment, user_id, moment, traits, locale,
                       created_at, updated_at)
SELECT gen_random_uuid()::text, 'demo', (i % 11)::int,
       CASE WHEN (i * 7919) % 10 < 3 THEN
         CASE WHEN (i * 104729) % 20 = 0 THEN 'The CSV export is too slow'
              ELSE 'Answer number ' || i END
       END,
       'user-' || (i % 50000), 'onboarding_completed', '{}', 'en',
       1700000000000 + i * 1000, 1700000000000 + i * 1000
FROM generate_series(1::bigint, ${rows}::bigint) AS i;
ANALYZE responses;
SQL
echo "pg_search: $rows answers seeded in $(( $(date +%s) - started )) s"

# What each query is: how many comments it matches, and where.
for q in "export:common, everywhere" "csv%20slow:two common words" \
         "answer%20number:in 95% of comments" "12:a prefix, mostly old answers" \
         "4242:a prefix, a handful of answers" "zzzrare:no comment (a typo)"; do
  ms=()
  for _ in 1 2 3 4 5; do
    ms+=("$(curl -s -o "$work/page.json" -w '%{time_total}' -H 'Authorization: Bearer bench-admin-token' \
      "${base[postgres]}/api/v1/responses?project=demo&limit=50&q=${q%%:*}")")
  done
  found=$(node -e 'console.log(JSON.parse(require("fs").readFileSync(process.argv[1])).items.length)' "$work/page.json")
  median=$(printf '%s\n' "${ms[@]}" | sort -n | sed -n 3p)
  awk -v q="${q%%:*}" -v why="${q#*:}" -v n="$found" -v t="$median" \
    'BEGIN { gsub("%20", " ", q); printf "q=%-16s %-34s found %2d  median %7.1f ms\n", q, "(" why ")", n, t * 1000 }'
done
