#!/usr/bin/env bash
# Installs Debian's sqlite3 command when it is missing: the fault scripts
# open a collector's database with it after a fault (row count, integrity
# check), independently of the collector.
set -euo pipefail
if command -v sqlite3 >/dev/null; then
  exit 0
fi
echo "==> apt-get install sqlite3"
sudo_if_needed() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
export DEBIAN_FRONTEND=noninteractive
sudo_if_needed apt-get update -qq
sudo_if_needed apt-get install -y -qq sqlite3 >/dev/null
