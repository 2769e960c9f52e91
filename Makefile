# Shahr on a machine where Odoo 19 is importable and PostgreSQL is reachable.
PYTHON ?= python3

.PHONY: serve test help

help:
	@echo "make serve  - the demo: create the database with demo data the first time, serve it on 127.0.0.1:8069"
	@echo "              (make serve UPDATE=1 updates every addon first)"
	@echo "make test   - run every test on a fresh database without demo data, then check that the demo data loads;"
	@echo "              the last line reads 'N passed, N failed' (SHAHR_FAKETIME='2026-12-02 20:45:00' sets the clock)"

serve:
	SHAHR_UPDATE=$(if $(UPDATE),1,$${SHAHR_UPDATE:-0}) $(PYTHON) scripts/serve.py

test:
	$(PYTHON) scripts/run_tests.py
