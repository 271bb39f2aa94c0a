# Milepost: `make run` starts the demo, `make test` runs every test.
# Both set everything up first (virtualenv, Python and npm packages, browser).

SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
# pyproject.toml declares the ranges; requirements/*.txt pin every package
# with its hashes (`make lock` rewrites them, keeping the pins it can).
LOCK_OPTS := --universal --python-version 3.12 --generate-hashes --quiet
HOST ?= 127.0.0.1
PORT ?= 8000
PG_URL ?= postgres://postgres@127.0.0.1:5432/milepost
REDIS_TEST_URL ?= redis://127.0.0.1:6379/15

.PHONY: pdf-libs setup lock run test test-fast test-services reliability browser worker beat lint bench clean messages

setup: pdf-libs $(VENV)/.installed node_modules/.installed locale/zh_Hans/LC_MESSAGES/django.mo

# The pinned, hashed lock first; then the project itself, whose ranges the
# lock already satisfies (tests/test_dependencies.py fails on a stale lock).
$(VENV)/.installed: pyproject.toml requirements/dev.txt
	@PYTHON=$$(scripts/find-python) && echo "Using $$PYTHON" && \
	  [ -x $(PY) ] || $$PYTHON -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet --require-hashes -r requirements/dev.txt
	$(PY) -m pip install --quiet -e '.[dev]'
	$(PY) -m pip check
	touch $@

# After changing dependencies in pyproject.toml (or merging a branch that did):
# re-pin requirements/base.txt (the image) and requirements/dev.txt (make setup).
lock:
	@[ -x $(VENV)/bin/uv ] || { [ -x $(PY) ] || $$(scripts/find-python) -m venv $(VENV); \
	  $(PY) -m pip install --quiet "uv>=0.13,<0.14"; }
	$(VENV)/bin/uv pip compile pyproject.toml $(LOCK_OPTS) -o requirements/base.txt
	$(VENV)/bin/uv pip compile pyproject.toml --extra dev $(LOCK_OPTS) \
	  -c requirements/base.txt -o requirements/dev.txt

# The Chinese catalogue, compiled by GNU gettext's msgfmt (Debian's gettext,
# installed here when missing; the tests also run its xgettext).
locale/zh_Hans/LC_MESSAGES/django.mo: locale/zh_Hans/LC_MESSAGES/django.po $(VENV)/.installed
	@command -v msgfmt >/dev/null 2>&1 || { SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq gettext; }
	$(PY) manage.py compilemessages --ignore=.venv --ignore=node_modules -v0

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

run: setup
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_demo
	@echo "Milepost is starting at http://$(HOST):$(PORT)/ (Ctrl+C stops it)"
	$(PY) manage.py runserver $(HOST):$(PORT)

# Pango (WeasyPrint draws the PDF reports with it) and a CJK font, so
# Chinese reports render; installed when missing.
PDF_PKGS := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-wqy-microhei
pdf-libs:
	@if ! ldconfig -p 2>/dev/null | grep -q libpangoft2-1.0 || ! fc-list 2>/dev/null | grep -qi wenquanyi; then \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $(PDF_PKGS); fi

# Debian's chromium for the browser tests (Playwright's own download cannot run here),
# with a CJK font so the KPI terms (中文) render in screenshots.
BROWSER_PKGS := chromium fonts-dejavu-core fonts-wqy-microhei
browser:
	@if ! command -v chromium >/dev/null 2>&1 || ! fc-list 2>/dev/null | grep -qi wenquanyi; then \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $(BROWSER_PKGS); fi

test: setup browser
	$(PY) manage.py makemigrations --check --dry-run > /dev/null
	$(PY) -m pytest

test-fast: setup
	$(PY) -m pytest -m "not browser"

# The whole suite again on PostgreSQL and Redis, with a real Celery worker
# process for the task tests. Fails (does not skip) when a service is missing.
test-services: setup browser
	DATABASE_URL=$(PG_URL) REDIS_URL=$(REDIS_TEST_URL) MILEPOST_SERVICES=1 \
	  CELERY_QUEUE=milepost-test-$$$$ $(PY) -m pytest

# Fault drills (issue 20): PostgreSQL, Redis and real Celery workers; each line
# prints its figure, the target fails when one does. Not part of `make test`.
# It migrates and seeds RELIABILITY_DB_URL: give it a database of its own.
RELIABILITY_DB_URL ?= postgres://postgres@127.0.0.1:5432/milepost_reliability
RELIABILITY_REDIS_URL ?= redis://127.0.0.1:6379/14
reliability: setup
	DATABASE_URL=$(RELIABILITY_DB_URL) REDIS_URL=$(RELIABILITY_REDIS_URL) \
	  CELERY_QUEUE=milepost-reliability-$$$$ $(PY) scripts/reliability.py

worker: setup
	$(VENV)/bin/celery -A config worker -l info

beat: setup
	$(VENV)/bin/celery -A config beat -l info

# After changing a user-facing string: refresh the catalogue, translate the
# new entries (make test fails on any left untranslated), compile.
messages: setup
	$(PY) manage.py makemessages -l zh_Hans
	$(PY) manage.py compilemessages --ignore=.venv --ignore=node_modules -v0

lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

bench: setup
	$(PY) bench/run.py

clean:
	rm -rf $(VENV) node_modules staticfiles db.sqlite3
