#!/usr/bin/env bash
# The fault scripts at full length: `npm run faults`. Each round prints
# its figures (collector/README.md, "Faults survived", quotes them) and
# each script ends with `N passed, M failed`; this runs them all, then
# fails if any failed. `npm test` (tests/run.sh) runs one short round of
# each. Builds the debug collector unless NPS_COLLECTOR_BIN names one.
#   bash tests/faults/run.sh
set -uo pipefail
cd "$(dirname "$0")/../.."
[ -n "${NPS_COLLECTOR_BIN:-}" ] || cargo build -p nps-collector || exit 1
bash tests/support/ensure-postgres.sh >/dev/null || exit 1
bash tests/support/ensure-sqlite3.sh || exit 1

failed=0
run() {
  printf '\n==> %s\n' "$*"
  "$@"
  local rc=$?
  # 77: skipped (disk-full.mjs cannot mount a tmpfs without root).
  if [ "$rc" -ne 0 ] && [ "$rc" -ne 77 ]; then failed=$((failed + 1)); fi
}
run node tests/faults/pg-restart.mjs --rounds 5 --down 3
run node tests/faults/pg-restart.mjs --rounds 2 --down 15
run node tests/faults/pg-restart.mjs --rounds 3 --down 3 --mode immediate
run node tests/faults/disk-full.mjs --rounds 5 --room 8
run node tests/faults/two-instances.mjs --rounds 5
if [ "$failed" -ne 0 ]; then
  echo "$failed fault script(s) failed" >&2
  exit 1
fi
