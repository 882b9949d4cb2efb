# The two commands a new user needs (see README.md):
#   make start   set up .venv if needed, then open the course in JupyterLab
#   make test    set up .venv if needed, then run every check the project has
# Setting up happens once: .venv/.installed records it and is only rebuilt
# when requirements.txt or pyproject.toml change.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
PORT   ?= 8888
NOTEBOOKS := $(sort $(wildcard notebooks/*.ipynb exercises/*.ipynb))
PY_DIRS   := $(wildcard course tests benchmarks notebooks exercises)
NODE_STAMP  := node_modules/.installed
SCREENSHOTS := test-output/screenshots
# JupyterLab refuses to run as root unless told to; only say so when needed.
ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--ServerApp.allow_root=True,)

.PHONY: start learn site test lint types unit content notebooks browser hub html execute lock clean help atlas student instructor handouts slides

help:
	@echo "make start    open the course in JupyterLab (sets up .venv the first time)"
	@echo "make learn    the course in learner mode (Voila): pages of text and widgets, no code"
	@echo "make test     lint, type check, unit tests, content check, every notebook under nbval, browser and a11y tests, a class on JupyterHub"
	@echo "make site     the course as a website with search in build/site (Jupyter Book; REPO_URL=... adds launch buttons)"
	@echo "make html     export every notebook to static HTML in build/html (works offline)"
	@echo "make execute  re-run every notebook in place to refresh its stored outputs"
	@echo "make atlas    draw every illustration of the field guide into build/atlas (index.html, works offline)"
	@echo "make student / make instructor   the two builds of the course, in build/student and build/instructor"
	@echo "make handouts / make slides       handouts as PDF (A4, Letter) and one reveal.js deck per lesson, in build/"
	@echo "make lock     re-pin requirements.txt and environment.yml from requirements.in"

LEARNER_MODE := $(wildcard course/resources/voila/voila.py course/resources/voila/templates/course/*)

$(STAMP): requirements.txt pyproject.toml course/resources/lab-overrides.json $(LEARNER_MODE)
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 10) else "The course needs Python 3.10 or newer.")'
	@$(PYTHON) -m venv $(VENV) || { echo "Could not create $(VENV). On Debian or Ubuntu: sudo apt-get install python3-venv"; exit 1; }
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	$(BIN)/python -m pip install --quiet --no-deps -e .
	@# The course runs offline: no news or update checks from JupyterLab.
	@mkdir -p $(VENV)/share/jupyter/lab/settings
	@cp course/resources/lab-overrides.json $(VENV)/share/jupyter/lab/settings/overrides.json
	@# Learner mode: Voilà's settings and the course's template (no stylesheet from a CDN).
	$(BIN)/python -m course install-learner-mode
	@touch $(STAMP)

# Local copies of require.js, the widget manager and axe-core (package.json),
# so exported pages and their accessibility checks work offline.
$(NODE_STAMP): package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
		npm ci --no-audit --no-fund --loglevel=error && touch $(NODE_STAMP); \
	else \
		echo "npm not found: the HTML export and accessibility checks need Node.js (apt-get install npm)"; \
	fi

start: $(STAMP)
	$(BIN)/jupyter lab --ServerApp.ip=127.0.0.1 --ServerApp.port=$(PORT) $(ROOT_FLAG) \
		--ServerApp.root_dir=. --LabApp.default_url=/lab/tree/notebooks/00-start-here.ipynb

# Learner mode: the same notebooks in Voilà, as pages of text and widgets with no code.
# A Jupyter server with Voilà, so the address is the one a hub or Binder uses too.
learn: $(STAMP)
	$(BIN)/jupyter server --ServerApp.ip=127.0.0.1 --ServerApp.port=$(PORT) $(ROOT_FLAG) \
		--ServerApp.root_dir=. --ServerApp.open_browser=True \
		--ServerApp.default_url=/voila/render/notebooks/00-start-here.ipynb

test: lint types unit content notebooks browser hub

lint: $(STAMP)
	$(BIN)/ruff check $(PY_DIRS)
	$(BIN)/ruff format --check $(filter-out notebooks exercises,$(PY_DIRS))

# The content, logic and rendering layers under mypy --strict (settings in pyproject.toml).
types: $(STAMP)
	$(BIN)/mypy

unit: $(STAMP) $(NODE_STAMP)
	$(BIN)/python -m pytest tests --ignore=tests/browser --ignore=tests/hub

content: $(STAMP)
	$(BIN)/python -m course check

# The notebooks run with a throwaway progress folder: testing never reads or
# writes a learner's own progress. Each notebook's kernel imports the course from
# bytecode compiled here (where PYTHONDONTWRITEBYTECODE is set, every kernel would
# compile some fifty modules again). tests/nbval_fast.py spares nbval's own process
# work that checks nothing; no pytest plugin but nbval is needed.
NBVAL = -m pytest --nbval --nbval-current-env -p no:cacheprovider -p no:hypothesispytest -p no:anyio -p tests.nbval_fast
notebooks: $(STAMP)
	$(BIN)/python -m compileall -q course
	scratch=$$(mktemp -d) && COURSE_PROGRESS_DIR=$$scratch COURSE_LEARNER=learner-abc123 $(BIN)/python $(NBVAL) \
		$(NOTEBOOKS); status=$$?; rm -rf $$scratch; exit $$status

# Real Chromium: every notebook run in JupyterLab, and every exported page
# checked with axe. Without Chromium these skip (and say how to install it),
# except under CI=true, where they must run.
browser: $(STAMP) $(NODE_STAMP)
	$(BIN)/python -m pytest tests/browser --screenshots=$(SCREENSHOTS)
	@echo "Screenshots of every notebook after it ran: $(SCREENSHOTS)/"

# A class of three on a real JupyterHub (configurable-http-proxy from node_modules),
# each learner in Chromium: log in, pull the course with nbgitpuller from a git
# repository served on 127.0.0.1, answer, export. About two and a half minutes.
hub: $(STAMP) $(NODE_STAMP)
	$(BIN)/python -m pytest tests/hub

# The course as a website with search, from the stored outputs (nothing runs): build/site/index.html.
# Jupyter Book 1, warnings as errors. REPO_URL=https://github.com/OWNER/REPO adds launch buttons
# (Binder; with HUB_URL=https://hub.example.org also the hub, through nbgitpuller).
site: $(STAMP) $(NODE_STAMP)
	$(BIN)/python -m course site --out build/site $(if $(REPO_URL),--repo-url $(REPO_URL)) $(if $(HUB_URL),--hub $(HUB_URL))

html: $(STAMP) $(NODE_STAMP)
	$(BIN)/python -m course export-html --out build/html $(NOTEBOOKS)

# Every illustration as PNG, with a contact sheet: build/atlas/index.html.
atlas: $(STAMP)
	$(BIN)/python -m course atlas --out build/atlas

# Two builds from one source: what students get, and what instructors get (answer keys).
student instructor: $(STAMP)
	$(BIN)/python -m course build $@ --out build/$@

handouts: $(STAMP)
	$(BIN)/python -m course handouts --out build/handouts

slides: $(STAMP) $(NODE_STAMP)
	$(BIN)/python -m course slides --out build/slides

execute: $(STAMP)
	$(BIN)/python -m course execute $(NOTEBOOKS)

# Re-pin: resolve requirements.in in a throw-away environment, freeze it, and
# write the same pins into environment.yml for Binder.
lock: $(STAMP)
	rm -rf .lock-venv
	$(PYTHON) -m venv .lock-venv
	.lock-venv/bin/python -m pip install --quiet -r requirements.in
	{ echo "# Pinned by 'make lock' from requirements.in. Do not edit by hand."; \
	  .lock-venv/bin/python -m pip freeze --exclude-editable | LC_ALL=C sort -f; } > requirements.txt
	rm -rf .lock-venv
	$(BIN)/python -m course environment > environment.yml

clean:
	rm -rf $(VENV) node_modules build test-output .pytest_cache .ruff_cache
