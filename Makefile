# pbchat: `make run` starts the product with demo campaigns; `make test` runs the whole suite.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export DEBIAN_FRONTEND := noninteractive

.PHONY: run test test-fast test-rasa chat rasa lint system-deps browser-deps catalogs clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

## Debian packages the suite needs: PostgreSQL (the throwaway test server).
system-deps:
	@if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then \
		echo "installing PostgreSQL (apt-get)"; \
		apt-get update -qq && apt-get install -y -qq postgresql >/dev/null; \
	fi

## Chromium, Playwright and axe-core for the widget's browser tests.
browser-deps: $(STAMP)
	bash scripts/install-browser.sh

run: $(STAMP)
	$(BIN)/pbchat demo load
	$(BIN)/pbchat run --host 127.0.0.1 --port 8000

chat: $(STAMP)
	$(BIN)/pbchat demo load --if-missing
	$(BIN)/pbchat chat --campaign west --lang $${LANG_CODE:-nl}

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/lint-imports

## The whole suite: lint, then every test, the real Rasa server and the browser included.
test: $(STAMP) system-deps browser-deps lint rasa
	$(BIN)/pytest -q

## Everything but the tests that need the Rasa environment (quicker while developing).
test-fast: $(STAMP) system-deps browser-deps
	$(BIN)/pytest -q -m "not rasa"

## The rasa interpreter: .venv-rasa (Python 3.10, Rasa 3.6.21) and models/pbchat-nlu.tar.gz.
rasa: $(STAMP)
	bash nlu/rasa/build_env.sh
	$(BIN)/python -m nlu.rasa_train

## Only the tests that need the real Rasa server.
test-rasa: rasa
	$(BIN)/pytest -q -m rasa

## Re-extract the resident-facing texts and merge them into every catalog.
catalogs: $(STAMP)
	$(BIN)/pybabel extract -F babel.cfg -k _ -k n_:1,2 --no-default-keywords --sort-by-file \
		--no-wrap --project pbchat -o data/locales/messages.pot .
	$(BIN)/pybabel update -D messages -i data/locales/messages.pot -d data/locales --no-wrap \
		--ignore-obsolete --no-fuzzy-matching

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache pbchat.db*
