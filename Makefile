# The two commands of the README: `make run` and `make test`. Both set everything up on a fresh
# machine: a Python 3.10 virtual environment with the pinned dependencies, then a trained model
# (retrained only when config.yml, domain.yml or the training data changed).
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV        ?= .venv
PY          := $(VENV)/bin/python
RASA        := $(VENV)/bin/rasa
MODEL       := models/current.tar.gz
TRAIN_DATA  := data/nlu data/rules
TRAIN_FILES := config.yml domain.yml $(shell find $(TRAIN_DATA) -name '*.yml' 2>/dev/null)
PYENV_ROOT  ?= $(HOME)/.pyenv
# The first Python 3.10 that really runs (a pyenv shim on the PATH may exist and still fail).
PYTHON310   ?= $(shell for p in python3.10 $$(ls -d $(PYENV_ROOT)/versions/3.10*/bin/python3.10 2>/dev/null | sort -V -r); do \
                 "$$p" -c 'import sys; assert sys.version_info[:2] == (3, 10)' >/dev/null 2>&1 && { command -v "$$p"; break; }; done)

export RASA_PORT           ?= 5005
export ACTION_PORT         ?= 5055
export ACTION_ENDPOINT_URL ?= http://localhost:$(ACTION_PORT)/webhook
export TRACKER_DB          ?= var/tracker.db
export RASA_TELEMETRY_ENABLED := false
export TF_CPP_MIN_LOG_LEVEL   := 2
export SQLALCHEMY_SILENCE_UBER_WARNING := 1
export PYTHONPATH := $(CURDIR)

.PHONY: help run test shell train validate bench clean

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

$(VENV)/.installed: requirements.lock
	@if [ -z "$(PYTHON310)" ]; then \
	  echo "Python 3.10 is required (Rasa 3.6 supports 3.8-3.10). Install python3.10, or 'pyenv install 3.10.13'," >&2; \
	  echo "then run this again (or set PYTHON310=/path/to/python3.10)." >&2; exit 1; fi
	@test -x $(PY) || $(PYTHON310) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --upgrade "pip==24.2"
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.lock
	@touch $@

venv: $(VENV)/.installed ## create the virtual environment and install the pinned dependencies

# The web chat's front-end packages, from the npm registry (package-lock.json), served from our origin.
node_modules/.installed: package-lock.json
	@command -v npm >/dev/null || { echo "npm is required for the web chat page (install Node.js 18 or newer)." >&2; exit 1; }
	npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
	@touch $@

# Debian's Chromium for the browser test (a browser download does not work on these machines).
CHROMIUM ?= /usr/bin/chromium
$(CHROMIUM):
	@if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	else echo "The browser test needs Debian's chromium: sudo apt-get install chromium" >&2; exit 1; fi

$(MODEL): $(TRAIN_FILES) | $(VENV)/.installed
	@mkdir -p models var
	$(RASA) train --domain domain.yml --config config.yml --data $(TRAIN_DATA) --out models --fixed-model-name current
	@touch $@

train: $(MODEL) ## train the model if config, domain or data changed

run: $(MODEL) node_modules/.installed ## start the assistant and the web chat page (Ctrl-C stops all)
	@mkdir -p var
	exec $(PY) -m bot.run

shell: $(VENV)/.installed ## talk to the running assistant in this terminal (start `make run` first)
	@$(PY) -m bot.chat

validate: $(VENV)/.installed ## rasa data validate (tests/test_data.py fails on any warning it prints)
	$(RASA) data validate --domain domain.yml --config config.yml --data $(TRAIN_DATA)

test: $(MODEL) node_modules/.installed $(CHROMIUM) ## run the whole test suite
	@mkdir -p var
	$(PY) -m pytest

bench: $(MODEL) ## routing accuracy and turn latency, with the moodbot as reference
	$(PY) -m bench.routing

clean: ## remove the trained model, local databases and caches (keeps the virtual environment)
	rm -rf models/*.tar.gz var .rasa results artifacts

print-python: ## show which Python 3.10 the set-up uses
	@echo "$(PYTHON310)"
