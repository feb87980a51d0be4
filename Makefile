# ven-tui developer tasks. `make help` lists them.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
APP_STAMP := $(VENV)/.installed-app
STAMP := $(VENV)/.installed

.PHONY: help run test lint bench snapshot-update mutation clean

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-16s %s\n", $$1, $$2}'

# The app alone for `make run`; the test and dev tools on top of it for everything else.
$(APP_STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e .
	touch $(APP_STAMP)

$(STAMP): $(APP_STAMP)
	$(BIN)/pip install --quiet -e '.[test,dev]'
	touch $(STAMP)

run: $(APP_STAMP) ## set up the app alone (first time) and launch .venv/bin/ven-tui $(ARGS)
	$(BIN)/ven-tui $(ARGS)

test: $(STAMP) ## set up (first time) and run the whole test suite
	$(BIN)/pytest $(PYTEST_ARGS)

lint: $(STAMP) ## ruff, the type checker (strict on tui/domain) and the import-layer contracts
	$(BIN)/ruff check tui tests scripts
	$(BIN)/ruff format --check tui tests scripts
	$(BIN)/mypy
	$(BIN)/lint-imports

BENCH_STAMP := $(VENV)/.installed-bench

$(BENCH_STAMP): $(STAMP)
	$(BIN)/pip install --quiet -e '.[bench]'
	touch $(BENCH_STAMP)

bench: $(BENCH_STAMP) ## ven-tui beside a bare Textual table and VisiData (needs tmux); BENCH_ARGS=--quick
	env -u PYTHONDONTWRITEBYTECODE $(BIN)/python scripts/bench.py $(BENCH_ARGS)

MUTATION_JOBS ?= 2
MUTATION_STAMP := $(VENV)/.installed-mutation

$(MUTATION_STAMP): $(STAMP)
	$(BIN)/pip install --quiet -e '.[mutation]'
	touch $(MUTATION_STAMP)

mutation: $(MUTATION_STAMP) ## mutation-test tui/domain (mutmut, fast tests; MUTATION_JOBS=2)
	rm -rf mutants
	VEN_TUI_FAST_TESTS=1 $(BIN)/mutmut run --max-children $(MUTATION_JOBS)
	$(BIN)/python scripts/mutation_report.py --fail-under 90

snapshot-update: $(STAMP) ## re-record the SVG snapshot baselines
	$(BIN)/pytest tests/test_snapshots.py --snapshot-update

clean: ## remove the virtual environment and build outputs
	rm -rf $(VENV) dist build .pytest_cache
