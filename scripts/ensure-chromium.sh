#!/usr/bin/env bash
# Make sure Debian's chromium is present for the browser tests; install it when we can.
set -euo pipefail
browser="${COPROD_CHROMIUM:-/usr/bin/chromium}"
if [ -x "$browser" ]; then
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
  echo "Installing Debian's chromium for the browser tests..."
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  exit 0
fi
echo "The browser tests need Chromium at $browser." >&2
echo "Install it with: sudo apt-get install chromium (or set COPROD_CHROMIUM to its path)." >&2
exit 1
