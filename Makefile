# Accord — two commands do everything: `make run` (demo) and `make test` (the whole suite).
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
LOCK := requirements.lock
PORT ?= 8000
# The local settings file `make run` writes for the demo and `accord` reads (see accord/settings.py).
ENV_FILE ?= var/accord.env
ENV_FILE_HEADER := \# Written by make run for the local demo
UV_VERSION := 0.13.9

.PHONY: run demo-env test lint fmt bench soak venv lock chromium test-sqlite test-postgres \
	test-newest-python clean vendor eval-tone train-tone

# One clear line, not a failed install, when $(PYTHON) is missing or older than 3.11.
define check_python
version=$$($(PYTHON) -c 'import sys; print("%d.%d.%d" % sys.version_info[:3])' 2>/dev/null) || { \
  echo "Accord needs Python 3.11 or newer; '$(PYTHON)' was not found. Choose one, e.g. make PYTHON=python3.12 $(or $(MAKECMDGOALS),run)"; exit 1; }; \
$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { \
  echo "Accord needs Python 3.11 or newer; found $$version ($(PYTHON)). Choose another, e.g. make PYTHON=python3.12 $(or $(MAKECMDGOALS),run)"; exit 1; }
endef

# The exact versions in $(LOCK), then Accord itself. A failed or interrupted install removes the
# venv, so none is left half-made; .installed exists only after a complete install.
$(VENV)/.installed: pyproject.toml $(LOCK)
	@$(check_python)
	@rm -f $@
	@trap 'rm -rf $(VENV); echo "Install interrupted: $(VENV) removed."; exit 130' INT TERM; \
	wanted=$$($(PYTHON) -c 'import sys; print(sys.version_info[:2])'); \
	if [ -e $(VENV) ] && [ "$$($(BIN)/python -c 'import sys; print(sys.version_info[:2])' 2>/dev/null)" != "$$wanted" ]; then \
	  echo "Making $(VENV) again with $(PYTHON)"; rm -rf $(VENV); \
	fi; \
	echo "Installing Accord and its dependencies ($(LOCK)) in $(VENV)…"; \
	{ test -x $(BIN)/python || $(PYTHON) -m venv $(VENV); } \
	  && $(BIN)/pip install -q --upgrade pip \
	  && $(BIN)/pip install -q -r $(LOCK) \
	  && $(BIN)/pip install -q --no-deps -e . \
	  || { rm -rf $(VENV); echo "Installing failed (see above); $(VENV) was removed, so the next make starts clean."; exit 1; }
	@touch $@

venv: $(VENV)/.installed

# Exact versions for every install, from pyproject.toml's ranges, for Python 3.11 and newer on any
# platform. Versions already in $(LOCK) are kept while the ranges allow them; newest with
# `make lock LOCK_ARGS=--upgrade`.
lock:
	@$(check_python)
	@test -x .venv-lock/bin/uv || { $(PYTHON) -m venv .venv-lock && .venv-lock/bin/pip install -q "uv==$(UV_VERSION)"; }
	.venv-lock/bin/uv pip compile pyproject.toml --extra dev --universal --python-version 3.11 \
	  --custom-compile-command "make lock" --quiet --output-file $(LOCK) $(LOCK_ARGS)
	# What a server installs: the same versions, without the test and lint tools.
	.venv-lock/bin/uv pip compile pyproject.toml --universal --python-version 3.11 \
	  --constraint $(LOCK) --custom-compile-command "make lock" --quiet \
	  --output-file requirements-production.lock

# The demo's local settings, so that `accord …` works after `make run` without any variable. A file
# someone wrote themselves (without the header line) is left alone.
demo-env:
	@mkdir -p $(dir $(ENV_FILE))
	@if [ -e $(ENV_FILE) ] && [ "$$(head -n 1 $(ENV_FILE))" != "$(ENV_FILE_HEADER)" ]; then \
	  echo "$(ENV_FILE) was not written by make run: left as it is."; \
	else \
	  printf '%s\n' "$(ENV_FILE_HEADER)" \
	    "# (written again on each run; a variable set in the environment wins over this file)." \
	    "ACCORD_DEBUG=True" \
	    "# Links in emails point to http://127.0.0.1:PORT unless ACCORD_BASE_URL says otherwise." \
	    "PORT=$(PORT)" > $(ENV_FILE); \
	fi

run: venv demo-env
	$(BIN)/accord migrate --noinput
	PORT=$(PORT) $(BIN)/accord demo
	@echo "Serving Accord on http://127.0.0.1:$(PORT) (Ctrl-C stops it and its worker)"
	PORT=$(PORT) $(BIN)/accord worker & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	PORT=$(PORT) $(BIN)/accord run

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

# The suite but its browser tests, on SQLite, with the newest Python on this machine, in its own
# venv (.venv-3.N) from the same lock; skipped when $(VENV)'s Python is already the newest.
test-newest-python: venv
	@read -r version path <<< "$$(.ci/newest-python)"; \
	current=$$($(BIN)/python -c 'import sys; print("%d.%d" % sys.version_info[:2])'); \
	minor=$${version%.*}; \
	if [ -z "$$version" ] || [ "$$(printf '%s\n' "$$minor" "$$current" | sort -V | tail -n 1)" = "$$current" ]; then \
	  echo "No Python newer than $$current on this machine: skipping the run on the newest Python."; \
	  exit 0; \
	fi; \
	echo "Running the suite (browser tests aside, on SQLite) again on Python $$version ($$path)"; \
	$(MAKE) --no-print-directory VENV=.venv-$$minor PYTHON=$$path venv \
	  && env -u TEST_DATABASE_URL .venv-$$minor/bin/pytest -n 2 --dist loadgroup -m "not browser"

bench: venv  # e.g. make bench BENCH_ARGS='--keep --only clients.list.erin'
	$(BIN)/python -m bench $(BENCH_ARGS)

# The tone check on its labelled sets (evals/tone/*.jsonl): precision, recall and the messages it
# gets wrong; fails below precision 0.90 or recall 0.85 on the unseen sets (heldout5*, never
# trained on). Not part of `make test`.
eval-tone: venv
	$(BIN)/python -m accord.insights.eval_tone

train-tone: venv  # refits tone_weights.py and data/tone_lexicon.json on the training sets (~1 min)
	$(BIN)/python -m accord.insights.train_tone --write

soak: venv  # not part of `make test`; e.g. make soak SOAK_ARGS='--db sqlite --users 10 --duration 30'
	$(BIN)/python -m bench.soak $(SOAK_ARGS)

# Vendored browser libraries (committed; nothing is fetched at run time): the pinned version
# from the npm registry, checked against its SHA-512.
vendor:
	scripts/vendor-sortable

clean:
	rm -rf var/bench var/soak var/accord.sqlite3*
