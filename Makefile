# Two commands set everything up: `make run` and `make test` (see README.md).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install run test e2e lint format messages translations bench ci clean demo stack-up stack-down stack-test

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: $(BIN)/activate requirements.lock pyproject.toml
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet --require-hashes -r requirements.lock
	touch $@

# Front-end libraries (Leaflet for maps), served by the site itself: no CDN.
node_modules/.installed: package.json package-lock.json
	npm ci --omit=dev --no-audit --no-fund --loglevel=error
	touch $@

install: $(VENV)/.installed node_modules/.installed

# .mo files are built from the .po files in the repo (pure Python: no gettext needed).
translations: install
	$(PY) manage.py compile_translations

demo: translations
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo

# The site, a background worker (search indexing, e-mail) and the periodic tasks (event
# reminders, erasure of old personal data) together; Ctrl+C stops them all.
run: demo
	$(PY) manage.py db_worker --batch --no-startup-delay
	@echo "Sovet: http://$(HOST):$(PORT)/  (staff admin: http://$(HOST):$(PORT)/admin/)"
	@echo "Demo logins: admin@sovet.kg (administrator), editor@sovet.kg (organization editor), moderator@sovet.kg (memory moderator), bishkek@sovet.kg (head of the Bishkek legal-aid centre), osh@sovet.kg (Osh legal-aid lawyer), volunteers@sovet.kg (volunteer coordinator), youth@sovet.kg (youth council coordinator), volunteer@sovet.kg and teen@sovet.kg (volunteers, 22 and 16); password sovet-demo-2021"
	@echo "Two-factor code: $(PY) manage.py demo_totp"
	@trap 'kill 0' INT TERM EXIT; \
	$(PY) manage.py db_worker --interval 2 & \
	while true; do $(PY) manage.py run_periodic_tasks >/dev/null; sleep 900; done & \
	$(PY) manage.py runserver $(HOST):$(PORT)

test: translations
	$(BIN)/pytest

# Browser tests: Playwright drives Debian's Chromium (installed with apt when missing).
e2e: translations
	@command -v chromium >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium)
	$(BIN)/pytest e2e -p no:cacheprovider

# The production stack on one machine (deploy/stack): PostgreSQL, Redis, two app servers, a
# worker and Varnish on http://127.0.0.1:8100/, all under var/stack/ (Varnish installed with apt
# when missing). stack-test brings it up if needed and tests it from outside (not in `make test`).
stack-up: translations
	deploy/stack up

stack-down:
	deploy/stack down

stack-test: stack-up
	$(BIN)/pytest deploy/tests -p no:cacheprovider

# The layers (pyproject.toml): imports by import-linter, the rest (model relations, migrations,
# template tags…) by check_layers.
lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(PY) manage.py makemigrations --check --dry-run
	$(BIN)/lint-imports
	$(PY) manage.py check_layers

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# Extract new interface strings into the catalogues (needs gettext's xgettext).
messages: install
	$(PY) manage.py makemessages --all --no-obsolete --ignore='.venv/*' --ignore='var/*' --ignore='e2e/*' --ignore='bench/*'

bench: demo
	$(PY) bench/home.py

clean:
	rm -rf $(VENV) node_modules var/static
