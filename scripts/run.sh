#!/usr/bin/env bash
# Start the action server, the officer's side panel and the Rasa server (REST + socket.io,
# HTTP API on localhost:5005). All stop together on Ctrl-C. Called by `make run` after setup.
set -euo pipefail
cd "$(dirname "$0")/.."
: "${QUANZU_API_TOKEN:=quanzu-dev-token}"
: "${RASA_PORT:=5005}"
: "${ACTIONS_PORT:=5055}"
: "${PANEL_PORT:=8080}"
export QUANZU_API_TOKEN QUANZU_RASA_URL="http://localhost:${RASA_PORT}"
mkdir -p logs
.venv/bin/rasa run actions --actions actions --port "$ACTIONS_PORT" > logs/actions.log 2>&1 &
actions_pid=$!
.venv/bin/quanzu web --host 127.0.0.1 --port "$PANEL_PORT" > logs/panel.log 2>&1 &
panel_pid=$!
trap 'kill $actions_pid $panel_pid 2>/dev/null || true' EXIT INT TERM
cat <<MSG

  Quanzu is starting (the Rasa server takes about 30 seconds to load).
    Side panel:    http://localhost:${PANEL_PORT}   (demo accounts: officer_li / quanzu-officer,
                   trainee_wang / quanzu-trainee, supervisor_zhao / quanzu-supervisor)
    REST channel:  POST http://localhost:${RASA_PORT}/webhooks/rest/webhook  {"sender": "...", "message": "..."}
    socket.io:     http://localhost:${RASA_PORT}/socket.io
    HTTP API:      http://localhost:${RASA_PORT}/?token=${QUANZU_API_TOKEN}
    Terminal chat: run 'make shell' in another terminal, then type e.g. 打开案件 YJ20261125001
    Logs:          logs/actions.log (action server), logs/panel.log (panel)

MSG
.venv/bin/rasa run --model models/quanzu.tar.gz --enable-api --auth-token "$QUANZU_API_TOKEN" \
  --cors "*" --interface 127.0.0.1 --port "$RASA_PORT" --endpoints endpoints.yml --credentials credentials.yml
