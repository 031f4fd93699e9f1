# Accord — two commands do everything: `make run` (demo) and `make test` (the whole suite).
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
DEMO_ENV := ACCORD_DEBUG=True

.PHONY: run test lint fmt bench soak venv chromium test-sqlite test-postgres clean

$(VENV)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e ".[dev]"
	touch $@

venv: $(VENV)/.installed

run: venv
	mkdir -p var
	$(DEMO_ENV) $(BIN)/accord migrate --noinput
	$(DEMO_ENV) PORT=$(PORT) $(BIN)/accord demo
	@echo "Serving Accord on http://127.0.0.1:$(PORT) (Ctrl-C stops it and its worker)"
	$(DEMO_ENV) $(BIN)/accord worker & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(DEMO_ENV) PORT=$(PORT) $(BIN)/accord run

chromium:
	@if [ ! -x /usr/bin/chromium ]; then \
	  if [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null; then \
	    echo "Installing Debian's chromium for the browser tests…"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else \
	    echo "Browser tests need Chromium at /usr/bin/chromium: run 'sudo apt-get install chromium'."; \
	    exit 1; \
	  fi; \
	fi

lint: venv
	$(BIN)/ruff check accord tests bench
	$(BIN)/ruff format --check accord tests bench
	$(BIN)/mypy accord

fmt: venv
	$(BIN)/ruff check --fix accord tests bench
	$(BIN)/ruff format accord tests bench

test-sqlite: venv chromium
	env -u TEST_DATABASE_URL $(BIN)/pytest -n 2 --dist loadgroup

test-postgres: venv chromium
	@if [ -n "$$TEST_DATABASE_URL" ]; then \
	  echo "Running the suite again on PostgreSQL"; \
	  $(BIN)/pytest -n 2 --dist loadgroup; \
	fi

test: lint test-sqlite test-postgres

bench: venv  # e.g. make bench BENCH_ARGS='--keep --only clients.list.erin'
	$(BIN)/python -m bench $(BENCH_ARGS)

soak: venv  # not part of `make test`; e.g. make soak SOAK_ARGS='--db sqlite --users 10 --duration 30'
	$(BIN)/python -m bench.soak $(SOAK_ARGS)

clean:
	rm -rf var/bench var/soak var/accord.sqlite3*
