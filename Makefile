# coprod: `make run` for a working demo on SQLite, `make test` for the full checks.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := .make
VENDOR := coprod/static/vendor
export FLASK_APP := wsgi

.PHONY: run serve test lint format assets translations db seed browser clean

run: $(STAMP)/deps $(STAMP)/assets translations db seed
	@echo "coprod is starting on http://127.0.0.1:5000 (Ctrl+C to stop)"
	$(BIN)/flask run --host 127.0.0.1 --port 5000

test: $(STAMP)/dev-deps $(STAMP)/assets translations browser lint
	$(BIN)/pytest $(PYTEST_ARGS)

lint: $(STAMP)/dev-deps
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)/dev-deps
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

db: $(STAMP)/deps
	$(BIN)/flask db upgrade

seed: $(STAMP)/deps
	$(BIN)/flask seed-demo

assets: $(STAMP)/assets

# Compile every translation catalogue (.po) into the .mo files Flask-Babel reads.
translations: $(STAMP)/deps
	@for po in coprod/translations/*/LC_MESSAGES/*.po; do \
	  $(BIN)/pybabel compile --use-fuzzy --statistics -i "$$po" -o "$${po%.po}.mo" || exit 1; \
	done

browser:
	@bash scripts/ensure-chromium.sh

$(STAMP)/venv:
	@mkdir -p $(STAMP)
	$(PYTHON) -m venv $(VENV) || python3 -m venv $(VENV)
	@touch $@

$(STAMP)/deps: $(STAMP)/venv requirements.txt
	$(BIN)/pip install --quiet -r requirements.txt
	@touch $@

$(STAMP)/dev-deps: $(STAMP)/deps requirements-dev.txt
	$(BIN)/pip install --quiet -r requirements-dev.txt
	@touch $@

$(STAMP)/assets: package.json package-lock.json scripts/build_assets.py $(STAMP)/venv
	npm ci --no-audit --no-fund --loglevel=error
	$(BIN)/python scripts/build_assets.py
	@touch $@

clean:
	rm -rf $(VENV) $(STAMP) node_modules $(VENDOR)
