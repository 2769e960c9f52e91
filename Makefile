# Shahr on a machine where Odoo 19 is importable and PostgreSQL is reachable.
PYTHON ?= python3

.PHONY: serve test help

help:
	@echo "make serve  - create the demo database if missing, install the suite and serve it on :8069"
	@echo "make test   - run every test on a fresh database; the last line reads 'N passed, N failed'"

serve:
	$(PYTHON) scripts/serve.py

test:
	$(PYTHON) scripts/run_tests.py
