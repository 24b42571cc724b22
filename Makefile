# One command to run the site, one to run the tests. Both create .venv and install what they need.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
CORPUS ?= $(abspath ../shared/corpus)
INSTANCE := instance/content
CONFIG := instance/portal.toml

.PHONY: run test lint build check install import-corpus clean

$(BIN)/portal: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	@touch $@

install: $(BIN)/portal

# The site configuration every portal command reads; written once from the corpus found, then yours to edit.
$(CONFIG): | $(BIN)/portal
	$(BIN)/portal init $(if $(wildcard $(CORPUS)/laws),--corpus $(CORPUS))

import-corpus: install | $(CONFIG)
	@if [ -d "$(CORPUS)/policies" ]; then \
	  $(BIN)/portal import --overwrite --content $(INSTANCE) $(CORPUS)/policies/*.txt; \
	else echo "no corpus at $(CORPUS): publishing content/ only"; fi

run: import-corpus
	@$(BIN)/portal serve

build: import-corpus
	$(BIN)/portal build

check: import-corpus
	$(BIN)/portal check

# axe-core for the browser accessibility tests (package.json); reinstalled only when the lock changes.
node_modules/.package-lock.json: package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then npm ci --no-audit --no-fund; \
	else echo "npm not found: the accessibility tests will be skipped (and fail in CI)"; fi

test: install node_modules/.package-lock.json
	$(BIN)/ruff check portal tests bench
	$(BIN)/pytest

clean:
	rm -rf build .build.* instance/index
