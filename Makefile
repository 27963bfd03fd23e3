.DEFAULT_GOAL := help
SHELL := /bin/bash

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
RUNTIME_STAMP := $(VENV)/.installed-runtime
DEV_STAMP := $(VENV)/.installed-dev

help: ## List the targets
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "}; {printf "  make %-18s %s\n", $$1, $$2}'

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(RUNTIME_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(DEV_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $@ $(RUNTIME_STAMP)

install: $(RUNTIME_STAMP) ## Create .venv and install the site

run: $(RUNTIME_STAMP) ## Install, migrate, load demo content and serve on http://127.0.0.1:8000
	$(BIN)/python manage.py migrate --no-input
	$(BIN)/python manage.py load_demo
	@echo "Open http://127.0.0.1:$(PORT) (Ctrl+C stops the server)."
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

demo-data: $(RUNTIME_STAMP) ## Load the demo pages and accounts (safe to repeat)
	$(BIN)/python manage.py load_demo

lint: $(DEV_STAMP) ## Check code style with ruff
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(DEV_STAMP) ## Fix what ruff can fix and format the code
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

migrations-check: $(DEV_STAMP) ## Fail if a model change has no migration
	DJANGO_SETTINGS_MODULE=peersite.settings.test $(BIN)/python manage.py makemigrations --check --dry-run

test: lint migrations-check ## Lint, check migrations, run the whole test suite
	$(BIN)/pytest

bench: $(DEV_STAMP) ## Measure page weight and query counts (run by hand)
	DJANGO_SETTINGS_MODULE=peersite.settings.test $(BIN)/python benchmarks/page_weight.py

bench-forum: $(DEV_STAMP) ## Seed a large forum in PostgreSQL and load it with wrk (run by hand)
	$(BIN)/python benchmarks/seed_forum.py --recreate
	$(BIN)/python benchmarks/forum_load.py

bench-writers: $(DEV_STAMP) ## Have 50 members reply and react at once for 60 s, then 10 on SQLite (run by hand)
	$(BIN)/python benchmarks/forum_writers.py
	$(BIN)/python benchmarks/forum_writers.py --sqlite

bench-trust: $(DEV_STAMP) ## Time the daily trust-level job on 2,000 and 20,000 members (run by hand)
	$(BIN)/python benchmarks/trust_levels.py

bench-flag: $(DEV_STAMP) ## Time flag requests, including the one that hides a post (run by hand)
	$(BIN)/python benchmarks/flag_request.py

bench-digest: $(DEV_STAMP) ## Time a digest run for 20,000 members to a local mail server (run by hand)
	$(BIN)/python benchmarks/digest_run.py

.PHONY: help install run demo-data lint format migrations-check test bench bench-forum bench-writers bench-trust bench-flag bench-digest
