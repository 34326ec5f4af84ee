# BF1 Pub: the two commands are `make run` and `make test` (see README.md).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test lint format css icons e2e bench messages deps dev-deps migrate seed clean

$(VENV)/.created:
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	touch $@

$(VENV)/.deps: $(VENV)/.created requirements.txt
	$(PIP) install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev-deps: $(VENV)/.deps requirements-dev.txt
	$(PIP) install --quiet -r requirements-dev.txt
	touch $@

deps: $(VENV)/.deps
dev-deps: $(VENV)/.dev-deps

migrate: deps
	$(PY) manage.py migrate --noinput

## seed_demo prints where each persona lands, on this HOST and PORT.
seed: migrate
	HOST=$(HOST) PORT=$(PORT) $(PY) manage.py seed_demo

## Start the portal on http://$(HOST):$(PORT) with its background worker (Ctrl-C stops both).
run: seed
	@echo "BF1 Pub: http://$(HOST):$(PORT)/  (Ctrl-C pour arrêter)"
	@bash scripts/run_dev.sh $(PY) $(HOST) $(PORT)

## Run the whole test suite on every core (SQLite by default; DATABASE_URL=postgres://... for PostgreSQL).
## TEST_WORKERS=0 runs it in one process.
TEST_WORKERS ?= auto
test: dev-deps
	$(PY) -m pytest -n $(TEST_WORKERS) $(PYTEST_ARGS)

e2e: dev-deps
	$(PY) -m pytest tests/e2e -m e2e $(PYTEST_ARGS)

lint: dev-deps
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: dev-deps
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

## Rebuild static/css/app.css and the vendored JS/fonts (needs Node.js and npm).
css:
	npm ci --no-audit --no-fund
	npm run build
	$(MAKE) icons

## Serve only the Font Awesome icons in use (scripts/subset_icons.py): rerun after adding one.
icons: dev-deps
	$(PY) scripts/subset_icons.py

## Extract and compile the French translations (needs gettext).
messages: deps
	$(PY) manage.py makemessages -l fr -l en --ignore=.venv --ignore=node_modules --ignore=staticfiles
	$(PY) manage.py compilemessages --ignore=.venv

bench: dev-deps
	$(PY) bench/run.py

clean:
	rm -rf $(VENV) staticfiles .pytest_cache
