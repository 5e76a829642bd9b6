#!/usr/bin/env bash
# Installs the system packages Axle's tests need (headless Chromium and its driver for the browser tests).
# Safe to run again: it installs only what is missing.
set -euo pipefail
needed=()
command -v chromium >/dev/null 2>&1 || needed+=(chromium)
command -v chromedriver >/dev/null 2>&1 || needed+=(chromium-driver)
if [ ${#needed[@]} -gt 0 ]; then
  echo "setup: installing ${needed[*]}"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${needed[@]}" >/dev/null
fi
