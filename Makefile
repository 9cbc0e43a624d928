# pbchat: `make run` starts the product with demo campaigns; `make test` runs the whole suite.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export DEBIAN_FRONTEND := noninteractive

.PHONY: run test chat rasa lint check system-deps catalogs clean

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

test: $(STAMP) system-deps lint
	$(BIN)/pytest -m "not rasa" -q

## Re-extract the resident-facing texts and merge them into every catalog.
catalogs: $(STAMP)
	$(BIN)/pybabel extract -F babel.cfg -k _ -k n_:1,2 --no-default-keywords --sort-by-file \
		--no-wrap --project pbchat -o data/locales/messages.pot .
	$(BIN)/pybabel update -D messages -i data/locales/messages.pot -d data/locales --no-wrap \
		--ignore-obsolete

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache pbchat.db*
