#!/usr/bin/env bash
# Every test of the project, in the order that fails fastest:
# formatting, lints (native and wasm), the docs, native unit and
# integration tests, then the browser specs against the real collector and
# widget. tests/README.md says what each step holds.
# Installs what it needs first (idempotent). This is `npm test`.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n==> %s\n' "$*"; }

step "toolchain"
bash widget/ensure-toolchain.sh
bash tests/support/ensure-browser.sh
bash tests/support/ensure-postgres.sh >/dev/null
bash tests/support/ensure-sqlite3.sh
bash tests/support/ensure-proof-languages.sh

step "cargo fmt --check"
cargo fmt --all -- --check

step "cargo clippy (native: collector, protocol, widget rules)"
cargo clippy --workspace --all-targets -- -D warnings
# The benchmark-only upper bounds (collector/benches/bounds.sh) compile too.
cargo clippy -p nps-collector --features bench-bounds -- -D warnings

step "cargo clippy (wasm32: the widget's core, its ui and its lazily loaded module)"
cargo clippy -p nps-widget --target wasm32-unknown-unknown -- -D warnings
cargo clippy -p nps-widget-ui --target wasm32-unknown-unknown -- -D warnings
cargo clippy -p nps-widget-lazy --target wasm32-unknown-unknown -- -D warnings

step "cargo clippy (wasm32: the dashboard)"
cargo clippy -p nps-dashboard --target wasm32-unknown-unknown -- -D warnings

step "docs: every command line, path and JSON field the Markdown names is real (collector/tests/docs)"
cargo test -p nps-collector --test docs

step "widget build (core + lazy wasm, wasm-bindgen, wasm-opt, esbuild, precompressed copies, byte budget)"
bash widget/build.sh

step "dashboard build (wasm-release, wasm-bindgen --target web, wasm-opt, esbuild)"
bash www/dashboard/build.sh

step "cargo test (unit, property and API integration tests)"
cargo test --workspace

step "widget tests in headless Chromium (wasm-bindgen-test): components, JSON conformance with nps-protocol"
CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
  cargo test -p nps-widget --target wasm32-unknown-unknown --test browser --test conformance

step "API integration tests again, on PostgreSQL"
pg_url=$(bash tests/support/ensure-postgres.sh)
trap 'bash tests/support/ensure-postgres.sh stop' EXIT
NPS_TEST_DATABASE_URL="$pg_url" cargo test -p nps-collector --test api

step "schema-driven API test (schemathesis against /api/v1/openapi.json)"
cargo build -p nps-collector
bash tests/schema/run.sh

step "identity-proof samples (Node, Python, Ruby, Go) against the collector"
node --test tests/identity-proof/

step "npm package (@nps/widget: pack, install, tsc --strict, import without a window, esbuild, Chromium) and a typed client from /api/v1/openapi.json (openapi-typescript, tsc --strict)"
# typescript and openapi-typescript are root devDependencies; the toolchain
# step's npm ci installs them, unless node_modules predates them.
[ -x node_modules/.bin/tsc ] && [ -d node_modules/openapi-typescript ] || npm ci --no-audit --no-fund
node --test --test-concurrency=1 tests/npm-package/ tests/openapi-client/

step "crash test: kill -9 under load, every acknowledged response survives"
node tests/crash/kill9.mjs --rounds 3 --backend sqlite
node tests/crash/kill9.mjs --rounds 2 --backend postgres

step "faults: PostgreSQL restarted, SQLite disk full, one of two instances killed (one short round each; npm run faults for more)"
node tests/faults/pg-restart.mjs --rounds 1 --down 2
node tests/faults/two-instances.mjs --rounds 1
# It mounts a tmpfs: without root it says so and exits 77 (skipped).
node tests/faults/disk-full.mjs --rounds 1 --room 2 || [ $? -eq 77 ]

step "browser specs (Playwright + Debian Chromium)"
node --test --test-concurrency=1 tests/e2e/
