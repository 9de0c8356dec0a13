# moonbase: two commands on a fresh machine with only python3.
#   make run   - create .venv, install, run the `alpha` preset, print where the report is
#   make test  - create .venv, install with test extras, run the test suite
#                (installs Debian's chromium for the browser tests when it is missing)
#   make serve - the web explorer on http://127.0.0.1:8000/
#   make docs  - the documentation site (MkDocs, --strict) into site/
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp

.PHONY: run test test-all bench clean browser serve docs

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/moonbase run alpha

# Browser tests drive Debian's chromium (Playwright's own browser download is not used).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium; \
	  else echo "warning: chromium is missing and this is not root; the browser tests will be skipped" \
	            "(install it with: sudo apt-get install chromium)"; fi; }

test: $(STAMP) browser
	$(BIN)/python -m pytest -q

test-all: $(STAMP) browser
	$(BIN)/python -m pytest -q -m ''

serve: $(STAMP)
	$(BIN)/moonbase serve

# Model pages, validation results, convergence tables, CLI and API reference are generated
# from the code at build time (docs/gen/); broken links or missing pages fail the build.
docs: $(STAMP)
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --strict --site-dir site

bench: $(STAMP)
	$(BIN)/python benchmarks/timeline.py

clean:
	rm -rf $(VENV) runs .pytest_cache
