# The few targets people need. CI (.ci/run) calls the same ones.
VENV ?= .venv
PY := $(VENV)/bin/python
# The PostgreSQL + Redis pass of the tests; override to isolate parallel runs.
TEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/fitness
TEST_REDIS_URL ?= redis://127.0.0.1:6379/1
PYTEST_ARGS ?=
# `make run HOST=0.0.0.0 PORT=8105` serves the whole local network (a phone, see README).
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test test-postgres test-sqlite bench lint format serve loadtest faults install install-dev

$(VENV)/.installed: requirements.txt
	python3 -m venv $(VENV)
	$(VENV)/bin/pip install -q --upgrade pip
	$(VENV)/bin/pip install -q -r requirements.txt
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed requirements-dev.txt
	$(VENV)/bin/pip install -q -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

run: install
	DEBUG=1 $(PY) manage.py migrate --noinput
	DEBUG=1 $(PY) manage.py rebuild_history_summaries --missing
	DEBUG=1 $(PY) manage.py seed_demo
	DEBUG=1 $(PY) manage.py runserver $(HOST):$(PORT)

test: test-postgres test-sqlite

test-postgres: install-dev
	DATABASE_URL=$(TEST_DATABASE_URL) REDIS_URL=$(TEST_REDIS_URL) $(PY) scripts/check_services.py
	DEBUG=1 DATABASE_URL=$(TEST_DATABASE_URL) REDIS_URL=$(TEST_REDIS_URL) $(PY) -m pytest $(PYTEST_ARGS)

test-sqlite: install-dev
	DEBUG=1 DATABASE_URL=sqlite:///$(CURDIR)/var/test.sqlite3 REDIS_URL= $(PY) -m pytest $(PYTEST_ARGS)

bench: install-dev
	DEBUG=1 DATABASE_URL=$(TEST_DATABASE_URL) REDIS_URL=$(TEST_REDIS_URL) $(PY) bench/run.py

lint: install-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install-dev
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# The production-like stack on one machine: PostgreSQL + Redis, DEBUG off (see README).
SERVE_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/fitness
SERVE_REDIS_URL ?= redis://127.0.0.1:6379/0
serve: install
	mkdir -p var
	DATABASE_URL=$(SERVE_DATABASE_URL) REDIS_URL=$(SERVE_REDIS_URL) $(PY) manage.py collectstatic --noinput -v0
	DATABASE_URL=$(SERVE_DATABASE_URL) REDIS_URL=$(SERVE_REDIS_URL) $(PY) manage.py migrate --noinput
	DATABASE_URL=$(SERVE_DATABASE_URL) REDIS_URL=$(SERVE_REDIS_URL) $(PY) manage.py rebuild_history_summaries --missing
	PATH=$(CURDIR)/$(VENV)/bin:$$PATH DATABASE_URL=$(SERVE_DATABASE_URL) REDIS_URL=$(SERVE_REDIS_URL) $(VENV)/bin/honcho start web worker beat

# Load test on loopback (scripts/loadtest.py): LOAD_SECONDS (60), LOAD_USERS (20),
# LOAD_IMPORT_SESSIONS (20000, about 50 MB), LOAD_DATABASE_URL, LOAD_REDIS_URL.
loadtest: install-dev
	$(PY) scripts/loadtest.py

# Fault tests (scripts/faults.py): a private PostgreSQL cluster and Redis server, made and removed.
faults: install-dev
	$(PY) scripts/faults.py
