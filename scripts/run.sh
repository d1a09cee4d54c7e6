#!/usr/bin/env bash
# Start the action server, the officer's side panel and the Rasa server (REST + socket.io,
# HTTP API on localhost:5005). All stop together on Ctrl-C. Called by `make run` after setup.
# Secrets come from .secrets/quanzu.env (created by `make run` on first run) unless set in the
# environment; every server refuses to start without them.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/load-secrets.sh
: "${RASA_PORT:=5005}"
: "${ACTIONS_PORT:=5055}"
: "${PANEL_PORT:=8080}"
export QUANZU_RASA_URL="${QUANZU_RASA_URL:-http://localhost:${RASA_PORT}}"
.venv/bin/quanzu secrets check
mkdir -p logs
cors=()
if [ -n "${QUANZU_CORS_ORIGINS:-}" ]; then read -r -a cors <<< "${QUANZU_CORS_ORIGINS//,/ }"; cors=(--cors "${cors[@]}"); fi
.venv/bin/python -m actions.server --host 127.0.0.1 --port "$ACTIONS_PORT" > logs/actions.log 2>&1 &
actions_pid=$!
.venv/bin/quanzu web --host 127.0.0.1 --port "$PANEL_PORT" > logs/panel.log 2>&1 &
panel_pid=$!
trap 'kill $actions_pid $panel_pid 2>/dev/null || true' EXIT INT TERM
demo_note="demo mode: accounts officer_li / quanzu-officer, trainee_wang / quanzu-trainee, supervisor_zhao / quanzu-supervisor"
[ "${QUANZU_DEMO:-}" = "1" ] || demo_note="production mode: no demo accounts (create them with 'quanzu user add')"
cat <<MSG

  Quanzu is starting (the Rasa server takes about 30 seconds to load).
    Side panel:    http://localhost:${PANEL_PORT}   (${demo_note})
    Terminal chat: run 'make shell' in another terminal (it signs in like the panel)
    REST channel and socket.io: only with a chat token the panel issues to a signed-in user
    HTTP API:      http://localhost:${RASA_PORT}/ with the token in .secrets/quanzu.env (QUANZU_API_TOKEN)
    Logs:          logs/actions.log (action server), logs/panel.log (panel)

MSG
.venv/bin/rasa run --model models/quanzu.tar.gz --enable-api --auth-token "$QUANZU_API_TOKEN" \
  "${cors[@]}" --interface 127.0.0.1 --port "$RASA_PORT" --endpoints endpoints.yml --credentials credentials.yml \
  --logging-config-file assistant/logging.yml
