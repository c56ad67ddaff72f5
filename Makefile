# eventwire: `make demo` sets everything up and runs the demo; `make test` runs the tests.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# uv needs the system certificates and must not fetch Python builds.
export UV_SYSTEM_CERTS := 1
export UV_PYTHON_DOWNLOADS := never

.PHONY: setup demo test eval bench lock clean

$(BIN)/eventwire: pyproject.toml requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check uv
	$(BIN)/uv pip install --quiet --python $(BIN)/python --require-hashes -r requirements.lock
	$(BIN)/uv pip install --quiet --python $(BIN)/python --no-deps -e .
	touch $@

setup: $(BIN)/eventwire
	$(BIN)/eventwire setup

demo: setup
	$(BIN)/eventwire demo

test: setup
	$(BIN)/python -m pytest

eval: setup
	$(BIN)/eventwire eval

bench: setup
	$(BIN)/python bench/bench_pipeline.py

lock:
	uv pip compile pyproject.toml --extra test --generate-hashes --python-version 3.11 --no-header -q -o requirements.lock

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info
