# Two commands on a fresh machine (only Python 3.11+ needed):
#   make lab    create .venv, install, open JupyterLab on the notebooks
#   make test   create .venv if needed, install, run every test
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
SETTINGS := $(VENV)/share/jupyter/lab/settings/overrides.json

.PHONY: lab test lint notebooks bench bench-latency lock clean

$(STAMP): requirements.txt pyproject.toml binder/overrides.json
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed; set PYTHON=python3.11")'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	mkdir -p $(dir $(SETTINGS))
	cp binder/overrides.json $(SETTINGS)
	touch $(STAMP)

# JupyterLab refuses to start as root unless told it may (containers, CI machines): only then add --allow-root.
ROOT_FLAG := $(shell [ "$$(id -u)" = 0 ] && echo --allow-root)

lab: $(STAMP)
	$(BIN)/jupyter lab $(ROOT_FLAG) notebooks/00_start_here.ipynb

lint: $(STAMP)
	$(BIN)/ruff check .

test: lint
	$(BIN)/python -m pytest

# Re-execute every notebook top to bottom in a fresh kernel and save it with its outputs.
notebooks: $(STAMP)
	$(BIN)/python -m tools.execute_notebooks notebooks/*.ipynb

bench: $(STAMP)
	$(BIN)/python benchmarks/bench_gradients.py
	$(BIN)/python benchmarks/bench_multivariate.py
	$(BIN)/python benchmarks/bench_frames.py
	$(BIN)/python benchmarks/bench_curvature.py

bench-latency: $(STAMP)
	$(BIN)/python benchmarks/bench_latency.py

# Refresh the pins after changing a top-level dependency.
lock: $(STAMP)
	$(BIN)/python -m tools.lock

clean:
	rm -rf $(VENV) build *.egg-info
