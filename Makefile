# The two commands of the README:
#   make lab    set everything up and open the series in JupyterLab
#   make test   set everything up and run every test
# Both create .venv on first use and reinstall only when pyproject.toml or
# the constraints change, so running them again is fast.

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
PIP    := $(PY) -m pip
CONSTRAINTS := requirements/constraints.txt
LAB_STAMP   := $(VENV)/.stamp-lab
TEST_STAMP  := $(VENV)/.stamp-test
FIRST_NOTEBOOK := notebooks/00_start_here.ipynb

.PHONY: lab test test-browser test-kernel bench assignments site lint format constraints binder clean help

help:
	@echo "make lab    - install (first time) and open the series in JupyterLab"
	@echo "make test   - install (first time, with test tools) and run every test"
	@echo "make bench  - run the speed benchmarks and write benchmarks/results.json"
	@echo "make assignments - graded nbgrader assignments and a learner copy without solutions (artifacts/assignments/)"
	@echo "make site   - the course website, every notebook executed, in artifacts/site/ (offline)"
	@echo "make lint   - ruff"
	@echo "make binder - regenerate binder/requirements.txt from the constraints"
	@echo "make clean  - remove .venv and caches"

$(PY):
	$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Python 3.11 or newer is needed (3.11 is tested), found " + sys.version'
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

# An editable install leaves out [tool.setuptools.data-files]: link the front-end stand-in that `pip install .`
# installs (live dashboards on jupyterlab-rise slides: tests/browser/test_slides.py)
STAND_IN := share/jupyter/labextensions/linreg-helpers-console-stand-in
LINK_STAND_IN = mkdir -p $(VENV)/$(dir $(STAND_IN)) && ln -sfn $(CURDIR)/$(STAND_IN) $(VENV)/$(STAND_IN)

$(LAB_STAMP): pyproject.toml $(CONSTRAINTS) | $(PY)
	$(PIP) install --quiet -c $(CONSTRAINTS) -e .
	$(LINK_STAND_IN)
	touch $@

# nbgrader (tests/test_grading.py grades with its command line) also installs Jupyter extensions for a
# hub's Assignments tab and Formgrader; they would slow every JupyterLab the browser tests start and add
# toolbar items, so the test environment turns them off (a teacher's hub turns them on: teaching guide).
# tools/nbgrader_off.py writes what `jupyter server/labextension disable` would, in one process.

$(TEST_STAMP): pyproject.toml $(CONSTRAINTS) | $(PY)
	$(PIP) install --quiet -c $(CONSTRAINTS) -e ".[test]"
	$(LINK_STAND_IN)
	$(PY) tools/nbgrader_off.py >/dev/null
	touch $@ $(LAB_STAMP)

# JupyterLab refuses to run as root unless told (containers, some lab machines).
ALLOW_ROOT := $(if $(filter 0,$(shell id -u 2>/dev/null)),--allow-root,)

lab: $(LAB_STAMP)
	$(VENV)/bin/jupyter lab $(ALLOW_ROOT) --LabApp.default_url=/lab/tree/$(if $(wildcard $(FIRST_NOTEBOOK)),$(FIRST_NOTEBOOK),notebooks)

# The suite runs as two pytest processes side by side (one per core), each printing its report when it
# ends: the browser tests and the tests that build or start environments (one JupyterLab, one Chromium,
# the Binder and wheel builds, the hub's kernels, nbgrader), and everything else (kernel tests, nbval,
# doctests). The split balances them: side by side on a fresh 2-core machine both take about 15.5 minutes
# (alone, about 10 and 14: .ci/run's figures in the stop notes).
BROWSER_TESTS := tests/browser tests/test_binder.py tests/test_wheel.py tests/hub tests/test_grading.py

test: $(TEST_STAMP)
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(MAKE) --no-print-directory -j2 --output-sync=target test-browser test-kernel

test-browser: $(TEST_STAMP)
	$(PY) -m pytest -p no:cacheprovider $(BROWSER_TESTS)

test-kernel: $(TEST_STAMP)
	$(PY) -m pytest -p no:cacheprovider $(addprefix --ignore=,$(BROWSER_TESTS))

bench: $(TEST_STAMP)
	$(PY) benchmarks/run.py

# Graded assignments (nbgrader) and a learner copy without solutions: docs/teaching-guide.md#graded-assignments
assignments: $(TEST_STAMP)
	$(PY) tools/make_assignments.py

# The course website (Sphinx + MyST-NB, sphinx -W): site/build.py; open artifacts/site/index.html.
# tests/browser/test_site.py builds it once per `make test` too.
site: $(TEST_STAMP)
	$(PY) site/build.py

lint: $(TEST_STAMP)
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

constraints: | $(PY)
	$(PIP) install --quiet -e ".[test]"
	{ echo "# Exact versions that 'make lab' / 'make test' install (pip constraints; tested together)."; \
	  echo "# Regenerate: make constraints"; \
	  $(PIP) freeze --exclude-editable | grep -v '^linreg' ; } > $(CONSTRAINTS)
	$(PY) tools/binder_requirements.py

# Binder's requirements: the runtime subset of the constraints (tests/test_binder.py checks it is current).
binder: $(TEST_STAMP)
	$(PY) tools/binder_requirements.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis *.egg-info
