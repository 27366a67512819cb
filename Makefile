# corroborator: every task a developer or CI runs. `make help` lists them.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: help install browser demo test lint typecheck unit bench clean

help:  ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/'

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip==25.3
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)  ## create .venv and install corroborator with its pinned dependencies

demo: install  ## ingest the bundled sample corpus and show its stories
	$(BIN)/corroborator demo

lint: install  ## ruff
	$(BIN)/ruff check corroborator tests benchmarks scripts

typecheck: install  ## mypy --strict on the library
	$(BIN)/mypy

browser:  ## install the Debian chromium the browser tests drive (never `playwright install`)
	@command -v chromium >/dev/null 2>&1 || { \
		if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
		$$SUDO apt-get update && $$SUDO apt-get install -y --no-install-recommends chromium; }

unit: install browser  ## the pytest suite (quality gates and browser tests included)
	$(BIN)/python -m pytest

test: lint typecheck unit  ## everything CI runs

bench: install  ## the speed benchmarks (slow; prints tables)
	$(BIN)/python benchmarks/ingest.py
	$(BIN)/python benchmarks/web.py

clean:  ## remove the virtual environment and caches
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache .hypothesis
