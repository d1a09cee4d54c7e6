#!/usr/bin/env bash
# Fetch the rasa-webchat 1.0.1 bundle from the npm registry (install time only) for the test
# that checks the socket.io channel works with an existing Rasa web-chat client.
set -euo pipefail
cd "$(dirname "$0")/.."
target=build/webchat/rasa-webchat-1.0.1.js
[ -f "$target" ] && exit 0
command -v npm >/dev/null || { echo "error: npm is needed to fetch rasa-webchat for the tests" >&2; exit 1; }
expected="sha512-Ld1zVJvTAaTrs6A5p8t70agNNrKYRyXlvqXZRgBoDvKKUXbA0jhJKECi5bdPGlaR6jsmqWtVylHS+YqIqo0x8w=="
mkdir -p build/webchat
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack rasa-webchat@1.0.1 --silent >/dev/null)
actual="sha512-$(openssl dgst -sha512 -binary "$tmp/rasa-webchat-1.0.1.tgz" | base64 -w0)"
if [ "$actual" != "$expected" ]; then
  echo "error: rasa-webchat-1.0.1.tgz integrity mismatch ($actual)" >&2
  exit 1
fi
tar -xzf "$tmp/rasa-webchat-1.0.1.tgz" -C "$tmp" package/lib/index.js
mv "$tmp/package/lib/index.js" "$target"
echo "rasa-webchat 1.0.1 bundle in $target"
