#!/usr/bin/env bash
# Sourced by run.sh and test scripts: export each secret of .secrets/quanzu.env that the
# environment does not already set (a variable set by the caller wins over the file).
_secrets_file="${QUANZU_SECRETS_FILE:-.secrets/quanzu.env}"
if [ -f "$_secrets_file" ]; then
  while IFS='=' read -r _name _value; do
    case "$_name" in ''|\#*) continue ;; esac
    if [ -z "${!_name:-}" ]; then export "$_name=$_value"; fi
  done < "$_secrets_file"
fi
unset _secrets_file _name _value
