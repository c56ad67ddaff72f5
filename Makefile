# eventwire: `make demo` sets everything up and runs the demo; `make test` runs the tests.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# uv needs the system certificates and must not fetch Python builds.
export UV_SYSTEM_CERTS := 1
export UV_PYTHON_DOWNLOADS := never

VENDOR := src/eventwire/web/static/vendor/countries-50m.json

.PHONY: setup demo test lint eval bench lock clean

LINTED := src tests bench scripts eval

$(BIN)/eventwire: pyproject.toml requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check uv
	$(BIN)/uv pip install --quiet --python $(BIN)/python --require-hashes -r requirements.lock
	$(BIN)/uv pip install --quiet --python $(BIN)/python --no-deps -e .
	touch $@

# The dashboard's browser libraries and world map come from npm (pinned in package-lock.json)
# and are copied into the package; without npm, everything but the dashboard page works.
$(VENDOR): package.json package-lock.json scripts/vendor_js.py
	@if command -v npm >/dev/null; then \
		npm ci --silent && $(BIN)/python scripts/vendor_js.py; \
	else \
		echo "npm not found: the dashboard page needs it once (install Node.js, then run make setup again)"; \
	fi

setup: $(BIN)/eventwire $(VENDOR)
	$(BIN)/eventwire setup

demo: setup
	$(BIN)/eventwire demo

test: setup lint
	$(BIN)/python -m pytest

# Style: ruff's lint and format and mypy (configured in pyproject.toml).
lint: setup
	$(BIN)/ruff check $(LINTED)
	$(BIN)/ruff format --check $(LINTED)
	$(BIN)/mypy

eval: setup
	$(BIN)/eventwire eval

bench: setup
	$(BIN)/python bench/bench_pipeline.py
	$(BIN)/python bench/bench_ingest.py
	$(BIN)/python bench/bench_api.py
	$(BIN)/python bench/bench_batch.py --articles 1000
	$(BIN)/python bench/bench_load.py

lock:
	uv pip compile pyproject.toml --extra test --generate-hashes --python-version 3.11 --no-header -q -o requirements.lock

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info node_modules src/eventwire/web/static/vendor
