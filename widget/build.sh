#!/usr/bin/env bash
# Builds the browser widget into widget/dist/, then prints the sizes and
# fails past the byte budget:
#   widget.js          the loader with the core's glue (minified)
#   nps-<hash>.wasm    the core (rules, state machine, controller; no Yew), always loaded
#   ui-<hash>.js/.wasm the lazy module: the prompt's UI (Yew, English texts) and
#                      the outbox's delivery, loaded only when a prompt may come
#                      or answers wait to be sent
#   notice-<hash>.js   a waiting notice ("You asked, we delivered"), loaded
#                      only to show one (widget/loader/notice.js, minified)
#   lang-<hash>-<code>.json  each other language's texts, one fetched with a
#                      prompt in that language (written from widget/ui/src/texts/)
# and beside each a brotli (.br) and gzip (.gz) copy, which the collector
# serves as they are.
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
# invalidate the stable artefacts clippy and the tests use. It also builds
# without the reference-types feature: wasm-bindgen then keeps JS values in
# an array in the glue instead of a table the wasm manages, about 0.5 KB
# brotli less for the core and 0.6 KB for the lazy module (glue included).
nightly_ready() {
  [[ -z "${NPS_WIDGET_STABLE:-}" ]] &&
    rustup component list --toolchain nightly --installed 2>/dev/null | grep -q '^rust-src' &&
    rustup target list --toolchain nightly --installed 2>/dev/null | grep -qx wasm32-unknown-unknown
}
# Two builds, so that the lazy module's `nps-widget` (without its `widget`
# feature: only the outbox's delivery) is not unified with the core's.
CORE=(-p nps-widget)
LAZY=(-p nps-widget-lazy)
if nightly_ready; then
  echo "==> cargo +nightly build (wasm-release, build-std, panic=immediate-abort): core, then the lazy module"
  NIGHTLY_DIR="$TARGET_DIR/wasm-nightly"
  for crates in CORE LAZY; do
    declare -n picked="$crates"
    RUSTFLAGS="-Zunstable-options -Cpanic=immediate-abort -Zlocation-detail=none -Ctarget-feature=-reference-types" CARGO_TARGET_DIR="$NIGHTLY_DIR" \
      cargo +nightly build --manifest-path "$REPO/Cargo.toml" --profile wasm-release \
      -Z build-std=std,panic_abort --target wasm32-unknown-unknown "${picked[@]}"
  done
  OUT="$NIGHTLY_DIR/wasm32-unknown-unknown/wasm-release"
  BUDGET=enforce
else
  echo "==> cargo build (wasm-release, stable): core, then the lazy module"
  for crates in CORE LAZY; do
    declare -n picked="$crates"
    cargo build --manifest-path "$REPO/Cargo.toml" --profile wasm-release \
      --target wasm32-unknown-unknown "${picked[@]}"
  done
  OUT="$TARGET_DIR/wasm32-unknown-unknown/wasm-release"
  # The budget is the nightly build's; on stable (about 3 KB brotli more for
  # the core, 8 KB for the ui) going past it is only a warning.
  BUDGET=warn
fi

# The core is a classic script's wasm (its glue goes inside widget.js); the
# lazy module (the prompt's ui and the outbox's delivery) is an ES module the
# loader imports when a prompt may come or answers wait to be sent.
echo "==> wasm-bindgen"
wasm-bindgen --target no-modules --no-typescript --out-dir "$WORK" "$OUT/nps_widget.wasm"
wasm-bindgen --target web --no-typescript --out-dir "$WORK" "$OUT/nps_widget_lazy.wasm"

echo "==> the glues trimmed to the loader's one way of loading each"
node "$WIDGET/trim-glue.mjs" "$WORK/nps_widget.js"
node "$WIDGET/trim-glue.mjs" --lazy "$WORK/nps_widget_lazy.js"

echo "==> wasm-opt -Oz, short import and export names"
node "$WIDGET/minify-names.mjs" "$BIN/wasm-opt" "$WORK/nps_widget_bg.wasm" "$WORK/core.wasm" "$WORK/nps_widget.js"
node "$WIDGET/minify-names.mjs" "$BIN/wasm-opt" "$WORK/nps_widget_lazy_bg.wasm" "$WORK/ui.wasm" "$WORK/nps_widget_lazy.js"
"$BIN/esbuild" "$WORK/nps_widget_lazy.js" --minify --format=esm --target=es2020 --legal-comments=none \
  --log-level=warning --outfile="$WORK/ui.js"
"$BIN/esbuild" "$WIDGET/loader/notice.js" --minify --format=esm --target=es2020 --legal-comments=none \
  --log-level=warning --outfile="$WORK/notice.js"

echo "==> the languages' texts (widget/ui/src/texts/ → lang-<hash>-<code>.json)"
cargo run --quiet --manifest-path "$REPO/Cargo.toml" -p nps-widget-ui --features all-languages \
  --example texts-json -- "$WORK/lang"
# One hash over every language file: widget.js names them all by it.
LANG_HASH="$(cat "$WORK"/lang/*.json | sha256sum | cut -c1-16)"

mkdir -p "$DIST"
# Installs $1 in dist as $2-<hash>.$3 and prints that name. Keeps the
# previous file of the kind beside it: pages still holding the old
# widget.js (cached 5 minutes) must find the files it names after a deploy.
install_hashed() {
  local src="$1" prefix="$2" ext="$3" name
  name="$prefix-$(sha256sum "$src" | cut -c1-16).$ext"
  if [ ! -f "$DIST/$name" ]; then
    { ls -t "$DIST/$prefix"-*."$ext" 2>/dev/null || true; } | tail -n +2 |
      while read -r old; do rm -f "$old" "$old.br" "$old.gz"; done
    cp "$src" "$DIST/$name"
  fi
  echo "$name"
}
WASM_FILE="$(install_hashed "$WORK/core.wasm" nps wasm)"
UI_WASM="$(install_hashed "$WORK/ui.wasm" ui wasm)"
UI_JS="$(install_hashed "$WORK/ui.js" ui js)"
NOTICE_JS="$(install_hashed "$WORK/notice.js" notice js)"
LANG_FILES=()
if [ ! -f "$DIST/lang-$LANG_HASH-fr.json" ]; then
  # The previous set stays beside the new one, as for the other files.
  { ls -t "$DIST"/lang-*-fr.json 2>/dev/null || true; } | tail -n +2 | sed 's/-fr\.json$//' |
    while read -r old; do rm -f "$old"-*.json "$old"-*.json.br "$old"-*.json.gz; done
fi
for f in "$WORK"/lang/*.json; do
  cp "$f" "$DIST/lang-$LANG_HASH-$(basename "$f")"
  LANG_FILES+=("$DIST/lang-$LANG_HASH-$(basename "$f")")
done

echo "==> widget.js"
# Paste the glue into the loader's IIFE and name the hashed files.
node - "$WIDGET/loader/loader.js" "$WORK/nps_widget.js" "$WORK/widget.js" \
  "@@WASM_FILE@@=$WASM_FILE" "@@UI_WASM@@=$UI_WASM" "@@UI_JS@@=$UI_JS" "@@NOTICE_JS@@=$NOTICE_JS" \
  "@@LANG_HASH@@=$LANG_HASH" <<'JS'
const fs = require('node:fs');
const [loaderPath, gluePath, out, ...names] = process.argv.slice(2);
let loader = fs.readFileSync(loaderPath, 'utf8');
const glue = fs.readFileSync(gluePath, 'utf8');
const marker = '/* @@WASM_BINDGEN_GLUE@@ */';
if (!loader.includes(marker)) throw new Error('loader.js lost its glue placeholder');
loader = loader.replace(marker, () => glue);
for (const pair of names) {
  const [placeholder, name] = pair.split('=');
  if (!loader.includes(placeholder)) throw new Error(`loader.js lost its ${placeholder} placeholder`);
  loader = loader.replaceAll(placeholder, name);
}
fs.writeFileSync(out, loader);
JS
"$BIN/esbuild" "$WORK/widget.js" --minify --target=es2020 --legal-comments=none \
  --log-level=warning --outfile="$DIST/widget.js"

echo "==> precompressed copies (brotli 11, gzip 9)"
node "$WIDGET/compress.mjs" "$DIST/widget.js" "$DIST/$WASM_FILE" "$DIST/$UI_JS" "$DIST/$UI_WASM" "$DIST/$NOTICE_JS" "${LANG_FILES[@]}"

NPS_WIDGET_BUDGET="$BUDGET" node "$WIDGET/size-report.mjs" "$REPO/target/widget-size.json" \
  --core "$DIST/widget.js" "$DIST/$WASM_FILE" --ui "$DIST/$UI_JS" "$DIST/$UI_WASM" --lang "${LANG_FILES[@]}" --notice "$DIST/$NOTICE_JS"
