#!/usr/bin/env bash
# Installs Debian's Chromium (and its driver) for the browser tests when it
# is missing. Playwright drives this system browser: no tool may download
# a browser of its own here.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then
  exit 0
fi
echo "==> apt-get install chromium chromium-driver"
sudo_if_needed() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
export DEBIAN_FRONTEND=noninteractive
sudo_if_needed apt-get update -qq
sudo_if_needed apt-get install -y -qq chromium chromium-driver >/dev/null
