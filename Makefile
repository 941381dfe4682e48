# Two commands on a fresh machine with only Python 3.11+: `make site` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PORT ?= 8000

.PHONY: site test serve clean bench screenshots install

# Reinstall only when the project's metadata changed: a second run is a no-op.
$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

site: $(STAMP)
	$(BIN)/explainer build

test: $(STAMP)
	$(BIN)/python -m pytest

# make serve PORT=8001 chooses the port.
serve: $(STAMP)
	$(BIN)/explainer serve --port $(PORT)

bench: $(STAMP)
	$(BIN)/python benchmarks/bench.py

screenshots: $(STAMP)
	$(BIN)/python scripts/screenshots.py

clean:
	rm -rf site .explainer-cache .pytest_cache .hypothesis
