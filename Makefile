# Kinerja: two commands for a newcomer (see README.md).
#   make run   create the environment, install, migrate, load the demo city, serve on :8000
#   make test  run the whole test suite
SHELL := /bin/sh
VENV ?= .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
HOST ?= 127.0.0.1
PORT ?= 8000
export DJANGO_SETTINGS_MODULE ?= kinerja.settings

.PHONY: run test venv lint typecheck check clean messages bench

$(PY):
	@python="$$(scripts/find-python)" || exit 1; \
	echo "Membuat lingkungan Python di $(VENV) dengan $$python"; \
	"$$python" -m venv $(VENV)

$(VENV)/.installed: $(PY) pyproject.toml requirements.lock
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -c requirements.lock -e ".[dev,postgres,pdf]"
	@touch $@

venv: $(VENV)/.installed

run: venv
	@scripts/ensure-pango
	@mkdir -p var
	DEBUG=1 KINERJA_DEMO=1 $(PY) manage.py migrate --no-input -v 0
	DEBUG=1 KINERJA_DEMO=1 $(PY) manage.py seed_demo
	@echo "Menjalankan pekerja latar belakang dan server di http://$(HOST):$(PORT)/ (Ctrl+C untuk berhenti)"
	@DEBUG=1 KINERJA_DEMO=1 $(PY) manage.py db_worker --no-startup-delay > var/worker.log 2>&1 & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	DEBUG=1 KINERJA_DEMO=1 $(PY) manage.py runserver $(HOST):$(PORT)

test: venv
	@scripts/ensure-chromium
	@scripts/ensure-pango
	$(PY) -m pytest $(PYTEST_ARGS)

lint: venv
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: venv
	$(BIN)/mypy kinerja

check: lint typecheck test

messages: venv
	cd kinerja && ../$(PY) ../manage.py makemessages -l en --no-obsolete && ../$(PY) ../manage.py compilemessages

bench: venv
	$(PY) bench/run.py

clean:
	rm -rf $(VENV) staticfiles .mypy_cache .ruff_cache
