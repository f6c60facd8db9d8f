# The two commands of the README:
#   make demo   install policygraph and run the main job on the embedded store
#   make test   install what the tests need and run them (CI runs this)
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
DB     ?= policygraph-data
CORPUS ?= examples/corpus

.PHONY: demo test lint install install-dev clean

demo: $(VENV)/.installed
	$(BIN)/policygraph load $(CORPUS) --db $(DB)
	$(BIN)/policygraph stats --db $(DB)
	$(BIN)/policygraph export --format node-link -o $(DB)/graph-export.json --db $(DB)
	$(BIN)/policygraph viz -o $(DB)/map.html --db $(DB)
	$(BIN)/policygraph report -o $(DB)/report.html --db $(DB)
	@echo "Open the map: $(abspath $(DB))/map.html and the report: $(abspath $(DB))/report.html"

# Neo4j is started for the tests (scripts/neo4j-start) and stopped after them,
# whatever their outcome; make still fails when a test fails. The browser tests
# need Debian's chromium and a CJK font: scripts/install-browser adds them with
# apt-get when they are missing.
test: $(VENV)/.installed-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	scripts/install-browser
	scripts/neo4j-start
	status=0; $(BIN)/pytest || status=$$?; scripts/neo4j-stop; exit $$status

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check . && $(BIN)/ruff format --check .

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(VENV)/bin/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml | $(VENV)/bin/python
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $@ $(VENV)/.installed

clean:
	rm -rf $(VENV) $(DB) .pytest_cache .ruff_cache
