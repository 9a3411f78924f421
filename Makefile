# allegraph: the two commands. Needs only Python 3.11, 3.12 or 3.13 and make.
PYTHON ?= $(shell command -v python3.11 || command -v python3.12 || command -v python3.13 || command -v python3)
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
STORE  ?= allegraph-data

.PHONY: demo test setup clean bench eval smoke typecheck

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if (3, 11) <= sys.version_info[:2] <= (3, 13) else "allegraph needs Python 3.11, 3.12 or 3.13; set PYTHON=/path/to/python3.x")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $(STAMP)

setup: $(STAMP)

demo: $(STAMP)
	$(BIN)/allegraph --store $(STORE) ingest samples/
	$(BIN)/allegraph --store $(STORE) view --out out/graph.html
	$(BIN)/allegraph --store $(STORE) report

test: $(STAMP)
	$(BIN)/python -m pytest -q

# mypy --strict on src/ (settings in pyproject.toml [tool.mypy]); CI runs it before the tests
typecheck: $(STAMP)
	$(BIN)/python -m mypy

# a quick check on another interpreter: make smoke PYTHON=python3.13 VENV=.venv-3.13
FAST ?= tests/test_behaviour.py tests/test_settings.py tests/test_ingest_readers.py tests/test_ingest_clean.py tests/test_aggregate.py
smoke: demo
	$(BIN)/python -m pytest -q $(FAST)

bench: $(STAMP)
	$(BIN)/python bench/extraction_overhead.py

clean:
	rm -rf $(VENV) .venv-* $(STORE) allegraph-data-* .eval-store out .pytest_cache

# score extraction on the shared dev set: tune half (01-06, seed, 21-30) and check half (31-40)
DEV ?= ../shared/dev
eval: $(STAMP)
	rm -rf .eval-store
	$(BIN)/allegraph --store .eval-store ingest $(DEV) >/dev/null
	$(BIN)/allegraph --store .eval-store eval $(DEV) --check '3[1-9]_*,40_*'
