# Net Zero Vietnam Digest: `make site` builds everything, `make test` tests everything.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
export NO_MKDOCS_2_WARNING := 1
export PYTHONDONTWRITEBYTECODE := 1
# The team's archive of the source articles, beside the checkout (their publishers' copyright: never
# copied into the repository). The generator checks the data against it (digest/archive.py); without
# it the build says provenance was not checked and the real-data tests against the articles are
# skipped with the reason printed; in CI (CI=true) a missing archive fails them.
NZD_ARCHIVE ?= $(abspath $(wildcard ../shared/seeds))
export NZD_ARCHIVE

.PHONY: site pages check serve new-event schema check-translations test test-unit test-site test-browser golden lint chromium bench clean audit compare screenshots

$(VENV)/.site-installed: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.test-installed: $(VENV)/.site-installed requirements-test.txt
	$(PY) -m pip install --quiet -r requirements-test.txt
	touch $@

## site: set up (venv + pinned packages), generate pages, build site/ (one MkDocs process per language) with its search index
site: $(VENV)/.site-installed
	$(PY) scripts/build_site.py --quiet
	@echo "Built site/. Preview: make serve (http://127.0.0.1:8000/), or: $(PY) -m http.server -d site 8000"

## pages: regenerate docs/ from data/ (only changed files are written)
pages: $(VENV)/.site-installed
	$(PY) scripts/build_pages.py

## check: fail if docs/ is not what data/ produces
check: $(VENV)/.site-installed
	$(PY) scripts/build_pages.py --check

## new-event: start an event file: make new-event DATE=2024-01-17 SLUG="Hải Phòng net zero workshop" ARTICLES="001_c2204bc3e771eed6.txt 003_487f19f65b8e1254.txt" [ARCHIVE=dir]
new-event: $(VENV)/.site-installed
	$(PY) scripts/new_event.py $(if $(ARCHIVE),--archive "$(ARCHIVE)") -- "$(DATE)" "$(SLUG)" $(ARTICLES)

## schema: write schema/*.schema.json from digest/schema.py and the schema line atop each data file (data/ and the fixture data)
schema: $(VENV)/.site-installed
	$(PY) scripts/build_pages.py --schema
	$(PY) scripts/build_pages.py --schema --data tests/fixtures/data

## check-translations: list texts changed in one language only since SINCE (default HEAD, the last commit)
SINCE ?= HEAD
check-translations: $(VENV)/.site-installed
	$(PY) scripts/build_pages.py --check-translations --since "$(SINCE)"

## serve: live preview at http://127.0.0.1:8000/ (PORT=8000); an edited event's pages first, the rest in the background
PORT ?= 8000
serve: $(VENV)/.site-installed
	$(PY) scripts/serve.py --port $(PORT)

## chromium: Debian's Chromium for the browser tests (Playwright cannot download its own here)
chromium:
	@command -v chromium >/dev/null || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq chromium >/dev/null; }
	@chromium --version 2>/dev/null

## test: set up everything the tests need and run the whole suite (lint, docs/ check, then the unit, site and browser layers)
test: $(VENV)/.test-installed chromium
	$(PY) -m ruff check .
	$(PY) scripts/build_pages.py --check
	$(PY) -m pytest tests/unit tests/site tests/browser

## test-unit: quick: pure functions and the generator on fixture data (no MkDocs build, no browser)
test-unit: $(VENV)/.test-installed
	$(PY) -m pytest tests/unit

##: same as test-unit
test-fast: test-unit

## test-site: build the real site once, then parse its HTML, XML and JSON (no browser)
test-site: $(VENV)/.test-installed
	$(PY) -m pytest tests/site

## test-browser: build and serve the real site, drive it in Chromium (Playwright)
test-browser: $(VENV)/.test-installed chromium
	$(PY) -m pytest tests/browser

## golden: rewrite tests/golden/ (the whole render of tests/fixtures/data) after an intended change; review the diff
golden: $(VENV)/.test-installed
	$(PY) -m pytest tests/unit/test_golden.py --update-golden

## screenshots: build the site, then write PNGs of one page of every kind at 390 and 1280 px, in both languages (light and dark), to screenshots/
screenshots: $(VENV)/.test-installed chromium
	$(PY) scripts/build_site.py --quiet
	$(PY) tools/screenshots.py --out screenshots
	$(PY) tools/screenshots.py --out screenshots --scheme dark

AUDIT_TOOLS := tools/audit/node_modules/.installed
$(AUDIT_TOOLS): tools/audit/package.json
	cd tools/audit && npm ci --no-audit --no-fund --loglevel=error
	touch $@

## audit: build, serve on localhost, Lighthouse (mobile) on 6 pages, Nu HTML validator on all pages, link check
audit: $(VENV)/.test-installed chromium $(AUDIT_TOOLS)
	@command -v java >/dev/null || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq default-jre-headless >/dev/null; }
	CHROME_PATH=/usr/bin/chromium $(PY) tools/audit.py

## bench: build benchmark on synthetic archives beside Hugo (make bench N="1000 3000"; see ARCHITECTURE.md, Performance)
N ?= 100 1000 3000
bench: $(VENV)/.test-installed chromium
	@command -v hugo >/dev/null || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq hugo >/dev/null; }
	$(PY) tools/bench.py --sizes $(N)

## compare: build BEFORE (default HEAD) and AFTER (default: the working tree) and compare them byte for byte
BEFORE ?= HEAD
compare: $(VENV)/.site-installed
	$(PY) tools/compare_builds.py $(BEFORE) $(AFTER)

lint: $(VENV)/.test-installed
	$(PY) -m ruff check .

clean:
	rm -rf site .pytest_cache
