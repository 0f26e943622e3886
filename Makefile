# Two commands for a fresh clone with only python3 (3.11+) and make:
#   make demo   build the environment and a Japanese demo desk, then open the app on it
#   make test   build the environment and run every check (ruff, import contracts, mypy, pytest on SQLite and PostgreSQL)

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo test lint bench clean

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "SupportDesk needs Python 3.11 or newer")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

demo: $(STAMP)
	$(BIN)/supportdesk demo

# ruff, import contracts, mypy, pytest on SQLite, then on PostgreSQL (a throw-away local cluster; see .ci/test-all.sh)
test: $(STAMP)
	BIN=$(BIN) .ci/test-all.sh

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/lint-imports
	$(BIN)/mypy

# Benchmarks (not part of `make test`): BENCH_SIZE=small (default) or full (100k customers / 300k tickets).
BENCH_SIZE ?= small
# BENCH_DB=postgresql: the database benchmarks again on a PostgreSQL copy of the desk, side by side with SQLite.
BENCH_DB ?= sqlite
# tantivy, measured beside FTS5 and PostgreSQL by bench/bench_engines.py, only for the benchmarks.
BENCH_STAMP := $(VENV)/.installed-bench
$(BENCH_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[dev,bench]'
	@touch $(BENCH_STAMP)

bench: $(BENCH_STAMP)
	BENCH_SIZE=$(BENCH_SIZE) BENCH_DB=$(BENCH_DB) $(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .import_linter_cache .mypy_cache
