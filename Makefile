# ecoboard developer entry points. `make run` and `make test` are the README's two commands.
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin

.PHONY: setup run test test-py test-web lint bench

setup: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -c constraints.txt -e '.[dev]'
	touch $@

run: setup web/dist/index.html
	$(BIN)/ecoboard run $(if $(PORT),--port $(PORT))

# The phone dashboard served at /: built once (again when its sources change) when npm is here;
# without npm the board still runs and / says how to build it.
web/dist/index.html: web/package.json web/package-lock.json $(shell find web/src -type f 2>/dev/null) web/index.html
	@if command -v npm >/dev/null 2>&1; then cd web && npm ci --no-audit --no-fund && npm run build; \
	else echo "npm not found: the LED board runs; the dashboard at / explains how to build it"; fi

test: setup lint test-py test-web

lint: setup
	$(BIN)/ruff check .

test-py: setup
	$(BIN)/python -m pytest

# The dashboard: Vitest component tests, the production build (web/dist, served by the API at /),
# and the end-to-end test in Debian's Chromium against the real API (never a downloaded browser).
test-web: setup
	@test -x /usr/bin/chromium || (apt-get update -qq && apt-get install -y -qq chromium)
	cd web && npm ci --no-audit --no-fund && npm test && npm run build && npm run test:e2e

bench: setup
	$(BIN)/python -m bench.render
