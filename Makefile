# One command to set up and run the demo, one to set up and run every check (what CI runs).
PY ?= python3
VENV ?= .venv
BIN = $(VENV)/bin

.PHONY: setup demo test lint

setup: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev,corpus,web,spark,multilingual]'
	touch $@

demo: setup
	$(BIN)/retold compare examples/01_wire_original.txt examples/03_heavy_rewrite.txt

lint: setup
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/mypy

test: lint
	$(BIN)/pytest -q
	@if [ -f benchmarks/quality_gate.py ]; then $(BIN)/python benchmarks/quality_gate.py; fi
