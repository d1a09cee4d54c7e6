#!/usr/bin/env bash
# Every test, in order; stops at the first failure. Called by `make test` after setup.
set -euo pipefail
cd "$(dirname "$0")/.."
export TF_CPP_MIN_LOG_LEVEL=3 SQLALCHEMY_SILENCE_UBER_WARNING=1 PYTHONHASHSEED=0
BIN=.venv/bin
MODEL=models/quanzu.tar.gz

echo "== rasa data validate"
$BIN/rasa data validate --quiet

echo "== conversation tests (rasa test core, failing on any prediction error)"
rm -rf results/conversations
$BIN/rasa test core --model "$MODEL" --stories tests/conversations --out results/conversations \
  --fail-on-prediction-errors --no-plot --quiet
echo "conversation tests passed"

echo "== NLU evaluation on the held-out utterances"
rm -rf results/nlu
$BIN/rasa test nlu --model "$MODEL" --nlu tests/nlu/heldout.yml --out results/nlu --no-plot --quiet
$BIN/python scripts/check_nlu_accuracy.py results/nlu/intent_report.json 0.90

echo "== pytest: unit, integration, actions, end-to-end"
$BIN/pytest -q tests
