# Quanzu front door. `make run` sets everything up and starts the assistant;
# `make test` sets up the same and runs every test.
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV        := .venv
BIN         := $(VENV)/bin
PY          := $(BIN)/python
RASA        := $(BIN)/rasa
QUANZU      := $(BIN)/quanzu
INSTALLED   := $(VENV)/.installed
NLP_MODEL   := build/nlp/zh_quanzu/meta.json
MODEL       := models/quanzu.tar.gz

export TF_CPP_MIN_LOG_LEVEL ?= 3
export SQLALCHEMY_SILENCE_UBER_WARNING ?= 1
export PYTHONHASHSEED ?= 0
export DATABASE_URL ?= sqlite:///quanzu.db
# Demo mode (the default): demo accounts and cases are seeded. `make run QUANZU_DEMO=0
# DATABASE_URL=...` runs on a real database with no demo data and strict secrets.
export QUANZU_DEMO ?= 1
SECRETS     := .secrets/quanzu.env

TRAINING_INPUTS := config.yml domain.yml $(shell find data -name '*.yml' -not -path 'data/drills/*' 2>/dev/null)
NLP_SOURCES     := $(wildcard assistant/nlp/*.py assistant/domain/*.py)

.PHONY: help setup run shell test lint validate train bench charts screenshots clean

help:
	@echo "make run    - set up everything and start the assistant (Rasa + action server)"
	@echo "make shell  - chat with the running assistant in the terminal"
	@echo "make test   - set up everything and run every test"
	@echo "make lint   - ruff and mypy"
	@echo "make bench  - time the hot paths and every statistics query (1,000,000 interventions)"
	@echo "make screenshots - copy the browser tests' screenshots (results/screenshots) to docs/screenshots"

# --- setup -----------------------------------------------------------------------------
$(INSTALLED): pyproject.toml requirements-lock.txt scripts/find-python310.sh
	@python310=$$(scripts/find-python310.sh) || exit 1; \
	if [ ! -x $(PY) ] || ! $(PY) -c 'import sys; sys.exit(sys.version_info[:2] != (3, 10))'; then \
	  rm -rf $(VENV) && echo "creating $(VENV) with $$python310" && $$python310 -m venv $(VENV); fi
	$(BIN)/pip install --quiet --disable-pip-version-check pip==24.0 setuptools==70.3.0 wheel==0.45.1
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-lock.txt
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	@touch $@

$(NLP_MODEL): $(INSTALLED) $(NLP_SOURCES)
	$(QUANZU) build-nlp --output build/nlp/zh_quanzu

# Rasa trains only when the training data, domain or config changed.
$(MODEL): $(INSTALLED) $(NLP_MODEL) $(TRAINING_INPUTS)
	$(RASA) train --fixed-model-name quanzu --out models

# Random per-installation secrets, created on first run, never overwritten (git-ignored).
$(SECRETS): | $(INSTALLED)
	$(QUANZU) secrets init --file $(SECRETS)

setup: $(INSTALLED) $(NLP_MODEL) $(MODEL) $(SECRETS)
	$(QUANZU) db upgrade
	@if [ "$(QUANZU_DEMO)" = "1" ]; then $(QUANZU) seed-demo; else echo "not in demo mode: no demo data seeded"; fi

train: $(MODEL)

# The dashboard's charting library (Chart.js from the npm registry, integrity-checked; build/).
charts:
	scripts/ensure-charts.sh

# --- run -------------------------------------------------------------------------------
run: setup charts
	scripts/run.sh

shell: $(INSTALLED) $(SECRETS)
	source scripts/load-secrets.sh && $(PY) -m assistant.shell

# --- tests -----------------------------------------------------------------------------
validate: $(INSTALLED)
	$(RASA) data validate --debug 2>&1 | grep -v DEBUG | tail -n 20; exit $${PIPESTATUS[0]}

lint: $(INSTALLED)
	$(BIN)/ruff check assistant actions tests
	$(BIN)/mypy assistant actions

test: setup charts
	scripts/ensure-browser.sh
	scripts/ensure-webchat.sh
	scripts/test.sh

bench: setup
	$(PY) -m tests.bench

# The README's screenshots are copies of what the browser tests took (tests never write docs/).
screenshots:
	@ls results/screenshots/*.png >/dev/null 2>&1 || { echo "no screenshots in results/screenshots: run the browser tests first (make test)" >&2; exit 1; }
	cp results/screenshots/*.png docs/screenshots/
	@echo "docs/screenshots refreshed from results/screenshots"

clean:
	rm -rf build models results .pytest_cache
