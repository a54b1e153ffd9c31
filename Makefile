# The two commands of the README:
#   make run   - set up everything, make a demo county database, start zxdesk on it
#   make test  - set up everything and run the whole test suite
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEMO_DB ?= out/demo-county.sqlite3

.PHONY: run test test-core test-gui bench forms fonts clean

$(STAMP): pyproject.toml
	bash tools/system_deps.sh
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e ".[test,postgres]"
	touch $(STAMP)

$(DEMO_DB): | $(STAMP)
	mkdir -p $(dir $(DEMO_DB))
	$(BIN)/zxdesk demo --scale county --db $(DEMO_DB)

run: $(STAMP) $(DEMO_DB)
	$(BIN)/zxdesk --db $(DEMO_DB)

# tests/core runs in its own process with pytest-qt off and PySide6 blocked:
# that is the proof that the core never imports Qt.
test: $(STAMP)
	$(BIN)/python -m pytest -p no:pytest-qt tests/core
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest tests/gui

bench: $(STAMP)
	$(BIN)/python -m benchmarks

forms: $(STAMP)
	$(BIN)/python tools/compile_forms.py

clean:
	rm -rf $(VENV) out
