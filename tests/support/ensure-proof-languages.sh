#!/usr/bin/env bash
# Installs what the identity-proof samples (tests/identity-proof/) run on
# when it is missing: Debian's ruby and golang-go. Node and Python are on
# the machine already (npm test needs Node; python3 runs schemathesis).
set -euo pipefail
missing=()
command -v ruby >/dev/null || missing+=(ruby)
command -v go >/dev/null || missing+=(golang-go)
command -v python3 >/dev/null || missing+=(python3)
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
echo "==> apt-get install ${missing[*]}"
sudo_if_needed() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
export DEBIAN_FRONTEND=noninteractive
sudo_if_needed apt-get update -qq
sudo_if_needed apt-get install -y -qq "${missing[@]}" >/dev/null
