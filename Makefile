# IsoDiary: `make run` starts the program, `make test` runs every test headless.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PIP := $(BIN)/python -m pip --disable-pip-version-check --quiet
export PIP_CONSTRAINT := $(CURDIR)/requirements.lock

.PHONY: run test lint bench demo clean lock package

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Stamps keep repeated runs instant; they are redone when the project's requirements change.
$(VENV)/.run-installed: pyproject.toml requirements.lock | $(BIN)/python
	$(PIP) install -e .
	touch $@

$(VENV)/.test-installed: pyproject.toml requirements.lock | $(BIN)/python
	$(PIP) install -e '.[test]'
	touch $@ $(VENV)/.run-installed

$(VENV)/.bench-installed: pyproject.toml requirements.lock | $(BIN)/python
	$(PIP) install -e '.[test,bench]'
	touch $@ $(VENV)/.test-installed $(VENV)/.run-installed

$(VENV)/.package-installed: pyproject.toml requirements.lock | $(BIN)/python
	$(PIP) install -e '.[test,package]'
	touch $@ $(VENV)/.test-installed $(VENV)/.run-installed

# First: can Qt's X11 plugin load? If not, say which system libraries are missing.
run: $(VENV)/.run-installed
	@$(BIN)/python tools/check_qt_platform.py
	$(BIN)/isodiary

demo: $(VENV)/.run-installed
	@$(BIN)/python tools/check_qt_platform.py
	$(BIN)/isodiary --demo

test: $(VENV)/.test-installed
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest $(PYTEST_ARGS)

lint: $(VENV)/.test-installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy --strict diary

bench: $(VENV)/.bench-installed
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m benchmarks

# The standalone folder dist/isodiary/ (PyInstaller, one-dir) for this system, then the
# test that starts it headless: --version, check and report on the demo diary.
package: $(VENV)/.package-installed
	$(BIN)/pyinstaller --noconfirm --clean --log-level WARN --distpath dist --workpath build/pyinstaller packaging/isodiary.spec
	ISODIARY_PACKAGE_REQUIRED=1 QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q -m package tests/test_package.py

clean:
	rm -rf $(VENV) build dist .pytest_cache .ruff_cache

# Re-pin every dependency to what a fresh resolve gives today.
lock:
	rm -rf .lock-venv && $(PYTHON) -m venv .lock-venv
	PIP_CONSTRAINT= .lock-venv/bin/python -m pip install --quiet -e '.[test,bench,package]'
	{ echo "# Exact versions every install uses (make passes this file as pip constraints)."; \
	  echo "# After changing pyproject.toml's dependencies: make lock"; \
	  .lock-venv/bin/python -m pip freeze --exclude-editable; } > requirements.lock
	rm -rf .lock-venv
