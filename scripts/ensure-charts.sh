#!/usr/bin/env bash
# Fetch Chart.js 4.5.1 from the npm registry (build time only) for the supervisors' dashboard:
# the panel serves it from its own origin (/vendor/chart.umd.min.js), so nothing is loaded from a
# CDN at run time and the Content-Security-Policy stays script-src 'self'.
set -euo pipefail
cd "$(dirname "$0")/.."
target=build/charts/chart.umd.min.js
[ -f "$target" ] && exit 0
command -v npm >/dev/null || { echo "error: npm is needed to fetch Chart.js for the dashboard" >&2; exit 1; }
expected="sha512-GIjfiT9dbmHRiYi6Nl2yFCq7kkwdkp1W/lp2J99rX0yo9tgJGn3lKQATztIjb5tVtevcBtIdICNWqlq5+E8/Pw=="
mkdir -p build/charts
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack chart.js@4.5.1 --silent >/dev/null)
actual="sha512-$(openssl dgst -sha512 -binary "$tmp/chart.js-4.5.1.tgz" | base64 -w0)"
if [ "$actual" != "$expected" ]; then
  echo "error: chart.js-4.5.1.tgz integrity mismatch ($actual)" >&2
  exit 1
fi
tar -xzf "$tmp/chart.js-4.5.1.tgz" -C "$tmp" package/dist/chart.umd.min.js package/LICENSE.md
mv "$tmp/package/LICENSE.md" build/charts/LICENSE.md
mv "$tmp/package/dist/chart.umd.min.js" "$target"
echo "Chart.js 4.5.1 in $target"
