# Two commands do all setup: `make demo` runs the main job, `make test` runs every test.
# Each creates .venv and installs what it needs on a machine that has only Python 3.11.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint check schemas bench clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@# atheris (coverage-guided fuzzing) has no wheel for every platform; without it the fuzz
	@# tests fall back to a hypothesis mutation fuzzer, so a failed install is not an error.
	$(BIN)/python -m pip install --quiet 'atheris>=2.3' \
	  || echo "note: atheris unavailable; the fuzz tests use hypothesis instead"
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/catalog validate items
	$(BIN)/catalog export guide items -o site
	$(BIN)/catalog stats items
	@echo "Guide site / 办事指南: site/index.html   Dashboard / 统计看板: site/stats.html"

test: $(STAMP)
	bash tools/ensure-browser.sh
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check src tests $(wildcard benchmarks)
	$(BIN)/ruff format --check src tests $(wildcard benchmarks)
	$(BIN)/mypy --strict src

check: test lint

bench: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[dev,bench]'
	$(BIN)/python benchmarks/run.py

schemas: $(STAMP)
	$(BIN)/catalog schema --write

clean:
	rm -rf $(VENV) .catalog_cache .pytest_cache .mypy_cache .ruff_cache
