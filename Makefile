# make run  — set up and serve on http://127.0.0.1:5000 (SQLite in instance/, demo accounts);
#             make run PORT=5100 serves on another port
# make test — set up and run the whole test suite
# make lint — ruff, ruff format, import-linter contracts and mypy (CI runs it before the tests)
# make install-prod — the runtime packages alone, hash-checked, for a production server (deploy/)
PYTHON ?= python3
PORT ?= 5000
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.requirements-installed
MO := studyapp/translations/en/LC_MESSAGES/messages.mo
export FLASK_APP := wsgi

.PHONY: run test setup install-prod lock db content-check demo lint format translations clean

# Development and tests: the runtime lock plus the test and development tools, every file hashed.
$(STAMP): requirements.txt requirements-dev.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements.txt -r requirements-dev.txt
	touch $(STAMP)

$(MO): $(STAMP) studyapp/translations/en/LC_MESSAGES/messages.po
	$(BIN)/pybabel compile --domain messages -d studyapp/translations

setup: $(STAMP) $(MO)

# Production: requirements.txt alone; refuses a .venv that already holds test or development tools.
install-prod:
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements.txt
	$(BIN)/pybabel compile --domain messages -d studyapp/translations
	$(PYTHON) deploy/check-prod-install --venv $(VENV)

# After editing requirements.in or requirements-dev.in: pin and hash both sets again.
lock:
	tools=$$(mktemp -d) && $(PYTHON) -m venv $$tools \
	  && $$tools/bin/pip install --quiet pip-tools==7.7.0 \
	  && export CUSTOM_COMPILE_COMMAND="make lock" \
	  && $$tools/bin/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras \
	       --no-emit-index-url --no-emit-find-links -o requirements.txt requirements.in \
	  && $$tools/bin/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras \
	       --no-emit-index-url --no-emit-find-links -o requirements-dev.txt requirements-dev.in; \
	status=$$?; rm -rf $$tools; exit $$status

db: setup
	$(BIN)/flask db upgrade

content-check: setup
	$(BIN)/flask content check

demo: db
	$(BIN)/flask demo create

run: db content-check demo
	$(BIN)/flask content reload
	$(BIN)/flask run --host 127.0.0.1 --port $(PORT)

test: setup
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: setup
	$(BIN)/ruff check studyapp tests bench deploy
	$(BIN)/ruff format --check studyapp tests bench deploy
	$(BIN)/lint-imports
	$(BIN)/mypy

format: setup
	$(BIN)/ruff format studyapp tests bench deploy
	$(BIN)/ruff check --fix studyapp tests bench deploy

# After changing user-facing text: refresh the catalogue, translate new entries, commit the .po.
translations: setup
	$(BIN)/pybabel extract -F babel.cfg -k _l -k N_ -k lazy_pgettext:1c,2 -k Text -o studyapp/translations/messages.pot studyapp
	$(BIN)/pybabel update -i studyapp/translations/messages.pot -d studyapp/translations --width 100

clean:
	rm -rf $(VENV) .pytest_cache
