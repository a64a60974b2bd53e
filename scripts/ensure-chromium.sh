#!/usr/bin/env bash
# Makes sure Debian's Chromium is present for the browser tests, installing it when we can.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
  echo "Chromium not found: installing Debian's chromium package with apt-get" >&2
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
if [ ! -x /usr/bin/chromium ]; then
  echo "ERROR: /usr/bin/chromium is missing and could not be installed (run as root, or: apt-get install chromium)." >&2
  exit 1
fi
