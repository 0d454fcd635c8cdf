# make run  — set up and serve on http://127.0.0.1:5000 (SQLite in instance/, demo accounts)
# make test — set up and run the whole test suite
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.requirements-installed
MO := studyapp/translations/en/LC_MESSAGES/messages.mo
export FLASK_APP := wsgi

.PHONY: run test setup db content-check demo lint format translations clean

$(STAMP): requirements.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $(STAMP)

$(MO): $(STAMP) studyapp/translations/en/LC_MESSAGES/messages.po
	$(BIN)/pybabel compile --domain messages -d studyapp/translations

setup: $(STAMP) $(MO)

db: setup
	$(BIN)/flask db upgrade

content-check: setup
	$(BIN)/flask content check

demo: db
	$(BIN)/flask demo create

run: db content-check demo
	$(BIN)/flask content reload
	$(BIN)/flask run --host 127.0.0.1 --port 5000

test: setup
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: setup
	$(BIN)/ruff check studyapp tests bench
	$(BIN)/ruff format --check studyapp tests bench
	$(BIN)/lint-imports

format: setup
	$(BIN)/ruff format studyapp tests bench
	$(BIN)/ruff check --fix studyapp tests bench

# After changing user-facing text: refresh the catalogue, translate new entries, commit the .po.
translations: setup
	$(BIN)/pybabel extract -F babel.cfg -k _l -k N_ -o studyapp/translations/messages.pot studyapp
	$(BIN)/pybabel update -i studyapp/translations/messages.pot -d studyapp/translations --width 100

clean:
	rm -rf $(VENV) .pytest_cache
