#!/usr/bin/env bash
# Print the path of a working Python 3.10 interpreter (Rasa 3.6 needs Python < 3.11).
# Looks on PATH first, then in pyenv; fails with a clear message when there is none.
set -u
is310() { "$1" -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 10) else 1)' >/dev/null 2>&1; }
for cand in python3.10 python3 python; do
  path=$(command -v "$cand" 2>/dev/null) || continue
  if is310 "$path"; then echo "$path"; exit 0; fi
done
if command -v pyenv >/dev/null 2>&1; then
  for version in $(pyenv versions --bare 2>/dev/null | grep -E '^3\.10(\.[0-9]+)?$' | sort -rV); do
    path="$(pyenv prefix "$version" 2>/dev/null)/bin/python3.10"
    if [ -x "$path" ] && is310 "$path"; then echo "$path"; exit 0; fi
  done
fi
# pyenv installed but not on PATH (e.g. a non-login shell): look in its versions folder.
for path in "${PYENV_ROOT:-$HOME/.pyenv}"/versions/3.10*/bin/python3.10; do
  if [ -x "$path" ] && is310 "$path"; then echo "$path"; exit 0; fi
done
echo "error: Quanzu needs Python 3.10 (Rasa 3.6 does not support 3.11 or newer)." >&2
echo "       None was found on PATH or in pyenv. Install it, e.g. 'pyenv install 3.10.13', and retry." >&2
exit 1
