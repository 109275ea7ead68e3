#!/usr/bin/env bash
# Builds the dashboard into www/dashboard/dist/, which the collector serves
# at /dashboard/: index.html, app-<hash>.js (boot + wasm-bindgen glue,
# minified ES module), app-<hash>.wasm and style-<hash>.css; then prints
# their sizes.
#
#   www/dashboard/build.sh                         # from any directory
#   NPS_DASHBOARD_PROFILE=dev www/dashboard/build.sh   # quick, unoptimised
#
# Needs what the widget's build needs (it installs nothing itself): the
# wasm32-unknown-unknown target, `wasm-bindgen` at the version of the
# `wasm-bindgen` crate in Cargo.lock, and `npm install` for wasm-opt (npm
# `binaryen`) and esbuild. Honours CARGO_TARGET_DIR.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
TARGET_DIR="${CARGO_TARGET_DIR:-$REPO/target}"
DIST="$HERE/dist"
BIN="$REPO/node_modules/.bin"
PROFILE="${NPS_DASHBOARD_PROFILE:-wasm-release}"

die() {
  echo "www/dashboard/build.sh: $*" >&2
  exit 1
}

command -v wasm-bindgen >/dev/null || die "wasm-bindgen not found; install it with: cargo install wasm-bindgen-cli --version <the wasm-bindgen version in Cargo.lock>"
[[ -x "$BIN/wasm-opt" ]] || die "$BIN/wasm-opt not found; run 'npm install' in $REPO (npm package 'binaryen')"
[[ -x "$BIN/esbuild" ]] || die "$BIN/esbuild not found; run 'npm install' in $REPO"
command -v node >/dev/null || die "node not found"

# The glue must come from the same wasm-bindgen as the crate.
LOCKED="$(grep -A1 '^name = "wasm-bindgen"$' "$REPO/Cargo.lock" 2>/dev/null | sed -n 's/^version = "\(.*\)"/\1/p' || true)"
CLI="$(wasm-bindgen --version | awk '{print $2}')"
if [[ -n "$LOCKED" && "$LOCKED" != "$CLI" ]]; then
  die "wasm-bindgen CLI is $CLI but Cargo.lock has wasm-bindgen $LOCKED"
fi

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

echo "==> cargo build (dashboard, $PROFILE)"
cargo build --manifest-path "$REPO/Cargo.toml" --profile "$PROFILE" \
  --target wasm32-unknown-unknown -p nps-dashboard
OUT_DIR_NAME="$PROFILE"
[[ "$PROFILE" == "dev" ]] && OUT_DIR_NAME=debug
WASM_IN="$TARGET_DIR/wasm32-unknown-unknown/$OUT_DIR_NAME/nps_dashboard.wasm"

echo "==> wasm-bindgen --target web"
wasm-bindgen --target web --no-typescript --out-dir "$WORK" "$WASM_IN"

if [[ "$PROFILE" == "dev" ]]; then
  cp "$WORK/nps_dashboard_bg.wasm" "$WORK/app.wasm"
else
  echo "==> wasm-opt -Oz"
  "$BIN/wasm-opt" -Oz "$WORK/nps_dashboard_bg.wasm" -o "$WORK/app.wasm"
fi

hash_of() { sha256sum "$1" | cut -c1-16; }
WASM_FILE="app-$(hash_of "$WORK/app.wasm").wasm"

echo "==> boot.js + glue (esbuild)"
sed "s/@@WASM_FILE@@/$WASM_FILE/" "$HERE/boot.js" >"$WORK/boot.js"
grep -q "$WASM_FILE" "$WORK/boot.js" || die "boot.js lost its @@WASM_FILE@@ placeholder"
"$BIN/esbuild" "$WORK/boot.js" --bundle --format=esm --minify --target=es2020 \
  --legal-comments=none --log-level=warning --outfile="$WORK/app.js"
"$BIN/esbuild" "$HERE/style.css" --minify --log-level=warning --outfile="$WORK/style.css"
JS_FILE="app-$(hash_of "$WORK/app.js").js"
CSS_FILE="style-$(hash_of "$WORK/style.css").css"

# Replace the previous build; keep only .gitkeep and the new files.
mkdir -p "$DIST"
find "$DIST" -mindepth 1 ! -name .gitkeep -delete
cp "$WORK/app.wasm" "$DIST/$WASM_FILE"
cp "$WORK/app.js" "$DIST/$JS_FILE"
cp "$WORK/style.css" "$DIST/$CSS_FILE"
sed -e "s/@@APP_JS@@/$JS_FILE/" -e "s/@@STYLE_CSS@@/$CSS_FILE/" "$HERE/index.html" >"$DIST/index.html"
grep -q "$JS_FILE" "$DIST/index.html" || die "index.html lost its @@APP_JS@@ placeholder"

node - "$DIST/$WASM_FILE" "$DIST/$JS_FILE" "$DIST/$CSS_FILE" <<'JS'
const fs = require('node:fs');
const zlib = require('node:zlib');
const rows = process.argv.slice(2).map((file) => {
  const raw = fs.readFileSync(file);
  const gzip = zlib.gzipSync(raw, { level: 9 }).length;
  const br = zlib.brotliCompressSync(raw, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  return [file.split('/').pop(), raw.length, gzip, br];
});
const fmt = (n) => n.toLocaleString('en');
console.log('\ndashboard sizes (bytes)      raw       gzip -9    brotli 11');
for (const [name, raw, gz, br] of rows) {
  console.log(`${name.padEnd(28)} ${fmt(raw).padStart(9)} ${fmt(gz).padStart(10)} ${fmt(br).padStart(11)}`);
}
JS
