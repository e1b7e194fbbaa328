# planwatch developer tasks. `make demo` and `make test` work on a fresh clone: they create .venv
# and install exactly what requirements.lock pins, then the project itself (editable).
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat requirements.lock pyproject.toml 2>/dev/null | sha1sum | cut -c1-12)
OUT ?= out
AS_OF ?= 2025Q2
SEED ?= 42
PYTEST_ARGS ?=

.PHONY: install system-deps demo test test-fast test-web-pg lint bench clean serve docs-cli

$(STAMP): requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -r requirements.lock
	$(BIN)/python -m pip install -q --no-deps --no-build-isolation -e .
	rm -f $(VENV)/.installed-*
	touch $@

install: $(STAMP)

# Debian packages the browser tests and the bulletin preview need (chromium, LibreOffice, poppler).
# Installed only when missing and only where we may (root with apt); otherwise those tests say why they skip.
system-deps:
	@./scripts/system-deps.sh

lint: install
	$(BIN)/ruff check src tests bench
	$(BIN)/mypy
	$(BIN)/mypy --config-file src/planwatch_web/mypy.ini
	$(BIN)/lint-imports

# The web and browser tests again on the real PostgreSQL server (pytest-django creates and drops test_* databases).
PG_URL ?= postgresql://postgres@127.0.0.1:5432/test
test-web-pg: install
	@$(BIN)/python -c "import psycopg; psycopg.connect('$(PG_URL)', connect_timeout=3).close()" 2>/dev/null \
	  || { echo "PostgreSQL is not reachable at $(PG_URL) (set PG_URL=…); the web tests need it."; exit 1; }
	PLANWATCH_DATABASE_URL=$(PG_URL) $(BIN)/pytest -n 2 tests/web tests/e2e $(PYTEST_ARGS)

test: install system-deps lint test-web-pg
	$(BIN)/pytest -n 2 $(PYTEST_ARGS)

test-fast: install
	$(BIN)/pytest -n 2 -m "not e2e and not slow" $(PYTEST_ARGS)

# The whole chain on synthetic data into $(OUT)/, then the web platform with that data loaded
# (address and demo logins are printed; Ctrl-C stops it). `make demo SERVE=0` stops after the files.
SERVE ?= 1
HOST ?= 127.0.0.1
PORT ?= 8000
demo: install
	$(BIN)/planwatch demo --out $(OUT) --as-of $(AS_OF) --seed $(SEED)
	@if [ "$(SERVE)" = "1" ]; then $(MAKE) --no-print-directory serve; fi

serve: install
	$(BIN)/planwatch serve --demo-dir $(OUT) --host $(HOST) --port $(PORT)

bench: install
	$(BIN)/python bench/run_all.py

clean:
	rm -rf $(VENV) $(OUT) .pytest_cache .mypy_cache .ruff_cache
