#!/usr/bin/env bash
# Installs what building the widget needs, only what is missing:
#   - the wasm32-unknown-unknown Rust target,
#   - wasm-bindgen-cli at exactly the wasm-bindgen version in Cargo.lock
#     (the CLI and the library must match, or the glue is refused),
#   - the npm dev tools (binaryen's wasm-opt, esbuild, playwright-core).
# Safe to run again and again: each step checks before it acts.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  echo "==> rustup target add wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

# Optional: nightly's std sources and wasm32 target let build.sh shrink the
# widget (build-std, immediate-abort panics). When the machine has no
# nightly toolchain, build.sh builds on stable instead.
if rustup toolchain list | grep -q '^nightly'; then
  if ! rustup component list --toolchain nightly --installed | grep -q '^rust-src'; then
    rustup component add rust-src --toolchain nightly || echo "(nightly rust-src unavailable: stable widget build)"
  fi
  if ! rustup target list --toolchain nightly --installed | grep -qx wasm32-unknown-unknown; then
    rustup target add wasm32-unknown-unknown --toolchain nightly || echo "(nightly wasm32 unavailable: stable widget build)"
  fi
fi

wanted=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/"/, "", $3); print $3; exit }' Cargo.lock)
if [ -z "$wanted" ]; then
  echo "cannot find wasm-bindgen in Cargo.lock" >&2
  exit 1
fi
have=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
if [ "$have" != "$wanted" ]; then
  echo "==> cargo install wasm-bindgen-cli $wanted (found: ${have:-none}; takes a few minutes)"
  # Not --locked: the CLI's own lockfile pins a webpki-roots release the
  # registry mirror here does not serve (see ../shared/TOOLCHAIN.md).
  cargo install wasm-bindgen-cli --version "$wanted" --force
fi

# npm ci is slow and wipes node_modules; only run it when the lockfile
# changed since the last install.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "==> npm ci"
  npm ci --no-audit --no-fund
fi
