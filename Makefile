# ecoboard developer entry points. `make run` and `make test` are the README's two commands.
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin

.PHONY: setup run test test-py test-web lint web bench

setup: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -c constraints.txt -e '.[dev]'
	touch $@

run: setup
	$(BIN)/ecoboard run

test: setup lint test-py

lint: setup
	$(BIN)/ruff check .

test-py: setup
	$(BIN)/python -m pytest

bench: setup
	$(BIN)/python -m bench.render
