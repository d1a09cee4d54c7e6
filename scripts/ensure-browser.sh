#!/usr/bin/env bash
# Make sure Debian's Chromium and a CJK font are installed for the browser tests.
# (No browser download: Playwright drives /usr/bin/chromium.)
set -euo pipefail
have_font() { fc-list 2>/dev/null | grep -qi "WenQuanYi Micro Hei"; }
if [ -x /usr/bin/chromium ] && have_font; then exit 0; fi
if [ "$(id -u)" != 0 ]; then
  echo "error: the browser tests need Debian's chromium and fonts-wqy-microhei:" >&2
  echo "       sudo apt-get install chromium fonts-wqy-microhei" >&2
  exit 1
fi
echo "installing chromium and fonts-wqy-microhei from Debian's packages"
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-wqy-microhei >/dev/null
