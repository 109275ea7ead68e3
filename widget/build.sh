#!/usr/bin/env bash
# Builds the browser widget into widget/dist/: widget.js (loader + glue,
# minified) and nps-<hash>.wasm, then prints their sizes.
#
#   widget/build.sh            # from any directory
#
# Needs the toolchain the top-level setup installs (it installs nothing
# itself): the wasm32-unknown-unknown target, `wasm-bindgen` (same version as
# the `wasm-bindgen` crate in Cargo.lock), and `npm install` for wasm-opt
# (npm `binaryen`) and esbuild. Honours CARGO_TARGET_DIR.
set -euo pipefail

WIDGET="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(dirname "$WIDGET")"
TARGET_DIR="${CARGO_TARGET_DIR:-$REPO/target}"
DIST="$WIDGET/dist"
BIN="$REPO/node_modules/.bin"

die() {
  echo "widget/build.sh: $*" >&2
  exit 1
}

command -v wasm-bindgen >/dev/null || die "wasm-bindgen not found; install it with: cargo install wasm-bindgen-cli --version <the wasm-bindgen version in Cargo.lock>"
[[ -x "$BIN/wasm-opt" ]] || die "$BIN/wasm-opt not found; run 'npm install' in $REPO (npm package 'binaryen')"
[[ -x "$BIN/esbuild" ]] || die "$BIN/esbuild not found; run 'npm install' in $REPO"
command -v node >/dev/null || die "node not found"

# The glue must come from the same wasm-bindgen as the crate, or the wasm's
# imports will not match it.
LOCKED="$(grep -A1 '^name = "wasm-bindgen"$' "$REPO/Cargo.lock" 2>/dev/null | sed -n 's/^version = "\(.*\)"/\1/p' || true)"
CLI="$(wasm-bindgen --version | awk '{print $2}')"
if [[ -n "$LOCKED" && "$LOCKED" != "$CLI" ]]; then
  die "wasm-bindgen CLI is $CLI but Cargo.lock has wasm-bindgen $LOCKED"
fi

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

# Nightly rebuilds std for the widget with panics that abort at once, which
# drops the panic machinery and formatting from the wasm (about 10 kB
# brotli). It is optional: without a nightly toolchain with rust-src and the
# wasm32 target (or with NPS_WIDGET_STABLE=1) the same widget is built on
# stable. Nightly builds in a target dir of their own so they never
# invalidate the stable artefacts clippy and the tests use.
nightly_ready() {
  [[ -z "${NPS_WIDGET_STABLE:-}" ]] &&
    rustup component list --toolchain nightly --installed 2>/dev/null | grep -q '^rust-src' &&
    rustup target list --toolchain nightly --installed 2>/dev/null | grep -qx wasm32-unknown-unknown
}
if nightly_ready; then
  echo "==> cargo +nightly build (wasm-release, build-std, panic=immediate-abort)"
  NIGHTLY_DIR="$TARGET_DIR/wasm-nightly"
  RUSTFLAGS="-Zunstable-options -Cpanic=immediate-abort" CARGO_TARGET_DIR="$NIGHTLY_DIR" \
    cargo +nightly build --manifest-path "$REPO/Cargo.toml" --profile wasm-release \
    -Z build-std=std,panic_abort --target wasm32-unknown-unknown -p nps-widget
  WASM_IN="$NIGHTLY_DIR/wasm32-unknown-unknown/wasm-release/nps_widget.wasm"
else
  echo "==> cargo build (wasm-release, stable)"
  cargo build --manifest-path "$REPO/Cargo.toml" --profile wasm-release \
    --target wasm32-unknown-unknown -p nps-widget
  WASM_IN="$TARGET_DIR/wasm32-unknown-unknown/wasm-release/nps_widget.wasm"
fi

echo "==> wasm-bindgen"
wasm-bindgen --target no-modules --no-typescript --out-dir "$WORK" "$WASM_IN"

echo "==> wasm-opt -Oz"
"$BIN/wasm-opt" -Oz "$WORK/nps_widget_bg.wasm" -o "$WORK/nps.wasm"

HASH="$(sha256sum "$WORK/nps.wasm" | cut -c1-16)"
WASM_FILE="nps-$HASH.wasm"
mkdir -p "$DIST"
# Keep the previous wasm beside the new one: pages still holding the old
# widget.js (cached 5 minutes) must find the wasm it names after a deploy.
if [ ! -f "$DIST/$WASM_FILE" ]; then
  { ls -t "$DIST"/nps-*.wasm 2>/dev/null || true; } | tail -n +2 | xargs -r rm -f
  cp "$WORK/nps.wasm" "$DIST/$WASM_FILE"
fi

echo "==> widget.js"
# Paste the glue into the loader's IIFE and name the hashed wasm.
node - "$WIDGET/loader/loader.js" "$WORK/nps_widget.js" "$WASM_FILE" "$WORK/widget.js" <<'JS'
const fs = require('node:fs');
const [loaderPath, gluePath, wasmFile, out] = process.argv.slice(2);
const loader = fs.readFileSync(loaderPath, 'utf8');
const glue = fs.readFileSync(gluePath, 'utf8');
const marker = '/* @@WASM_BINDGEN_GLUE@@ */';
if (!loader.includes(marker) || !loader.includes('@@WASM_FILE@@')) {
  throw new Error('loader.js lost its @@ placeholders');
}
fs.writeFileSync(out, loader.replace(marker, () => glue).replaceAll('@@WASM_FILE@@', wasmFile));
JS
"$BIN/esbuild" "$WORK/widget.js" --minify --target=es2020 --legal-comments=none \
  --log-level=warning --outfile="$DIST/widget.js"

node "$WIDGET/size-report.mjs" "$REPO/target/widget-size.json" "$DIST/$WASM_FILE" "$DIST/widget.js"
