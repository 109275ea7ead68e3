#!/usr/bin/env bash
# Installs Debian's Chromium and its WebDriver for the browser tests, each
# checked on its own: a machine often has the browser without the driver,
# and the widget's wasm tests need the driver. Playwright drives this
# system browser: no tool may download a browser of its own here.
set -euo pipefail
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -x /usr/bin/chromedriver ] || missing+=(chromium-driver)
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
echo "==> apt-get install ${missing[*]}"
sudo_if_needed() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
export DEBIAN_FRONTEND=noninteractive
sudo_if_needed apt-get update -qq
sudo_if_needed apt-get install -y -qq "${missing[@]}" >/dev/null
