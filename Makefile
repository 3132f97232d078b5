# Two commands do all the set-up (see README):
#   make run   -> installs what is needed, starts the web app on the built-in Iraq data
#   make test  -> installs what is needed (Python deps, PostgreSQL), runs the whole test suite
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
HOST   ?= 127.0.0.1
PORT   ?= 8000

.PHONY: run test lint install bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Re-install only when the project's metadata changes (second runs take well under a second).
$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[web,postgres,dev]'
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	$(BIN)/majlis serve --host $(HOST) --port $(PORT)

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/lint-imports
	$(BIN)/mypy

test: $(STAMP) lint
	@bash scripts/install-chromium.sh
	@eval "$$(bash scripts/test-postgres.sh start)" && \
	  $(BIN)/python -m pytest -q $(PYTEST_ARGS); status=$$?; \
	  bash scripts/test-postgres.sh stop >/dev/null 2>&1; exit $$status

bench: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[bench]'
	$(BIN)/python bench/electoral.py
	$(BIN)/python bench/power.py
	$(BIN)/python bench/forecast.py
	$(BIN)/python bench/formation.py
	$(BIN)/python bench/negotiation.py
	$(BIN)/python bench/web_load.py

clean:
	rm -rf $(VENV) build dist src/*.egg-info .pytest_cache .hypothesis
