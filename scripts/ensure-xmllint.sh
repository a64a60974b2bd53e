#!/usr/bin/env bash
# Makes sure xmllint (Debian's libxml2-utils) is present: the StratML export tests validate against the official XSDs with it.
set -euo pipefail
if command -v xmllint >/dev/null; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
  echo "xmllint not found: installing Debian's libxml2-utils package with apt-get" >&2
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libxml2-utils >/dev/null
fi
if ! command -v xmllint >/dev/null; then
  echo "ERROR: xmllint is missing and could not be installed (run as root, or: apt-get install libxml2-utils)." >&2
  exit 1
fi
