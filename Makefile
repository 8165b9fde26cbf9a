# HarzPortal: `make run` starts the portal with demo data, `make test` runs every test.
# Needs only Python >= 3.11, Node/npm and apt on the machine; everything else is installed here.

SHELL := /bin/bash
PYTHON ?= python3
PORT ?= 3000
VENV := .venv
BIN := $(VENV)/bin
TOOLS := .tools
BUN_VERSION := 1.4.5
AXE_VERSION := 4.14.1
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

# Reflex would download bun from the internet; we install it from npm and make Reflex use it.
export PATH := $(CURDIR)/$(TOOLS)/node_modules/.bin:$(PATH)
export REFLEX_USE_SYSTEM_BUN := 1
export PORT

.PHONY: run test install bun chromium nginx pdftools test-unit test-e2e clean
.PHONY: run-scaled
.PHONY: fuzz
.PHONY: bench
.PHONY: lighthouse
.PHONY: translations

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[test]"
	$(BIN)/pybabel compile --use-fuzzy --statistics -d harzportal/locale >/dev/null
	touch $@

$(TOOLS)/node_modules/.bin/bun:
	npm install --silent --no-audit --no-fund --prefix $(TOOLS) bun@$(BUN_VERSION)

bun: $(TOOLS)/node_modules/.bin/bun

# axe-core checks every page for accessibility in the browser tests.
$(TOOLS)/node_modules/axe-core/axe.min.js:
	npm install --silent --no-audit --no-fund --prefix $(TOOLS) axe-core@$(AXE_VERSION)

install: $(BIN)/.installed bun

chromium:
	@command -v chromium >/dev/null || { $(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium fonts-dejavu-core; }

# tests/invoices/documents.py and the certificate tests render PDFs with poppler's pdftoppm
# (GiroCodes read from the page image) and read word boxes with pdftotext -bbox-layout.
pdftools:
	@command -v pdftoppm >/dev/null || { $(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq poppler-utils; }

# tests/e2e/test_reverse_proxy.py runs Debian's nginx (as the user that runs the tests, with a
# configuration of its own) as the TLS proxy of the README in front of the server. The system
# service the package starts is not needed: it is stopped and disabled right after installing.
nginx:
	@[ -x /usr/sbin/nginx ] || { $(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq nginx-light openssl && \
		{ ! command -v systemctl >/dev/null || $(SUDO) systemctl disable --now nginx || true; }; }

run: install
	$(BIN)/harzportal migrate
	$(BIN)/harzportal seed-demo --show-logins
	@echo "HarzPortal builds its frontend (about a minute), then starts at http://localhost:$(PORT)"
	$(BIN)/harzportal build
	$(BIN)/harzportal serve

# The portal on PostgreSQL and Redis with several backend workers (README: "Running on
# PostgreSQL and Redis with several workers"). `harzportal serve` has Granian spawn WORKERS
# processes; the client state lives in Redis, our sessions and everything else in PostgreSQL.
WORKERS ?= 4
run-scaled: export REFLEX_DB_URL ?= postgresql+psycopg://postgres@127.0.0.1:5432/harzportal
run-scaled: export REFLEX_REDIS_URL ?= redis://127.0.0.1:6379/0
run-scaled: export WORKERS := $(WORKERS)
run-scaled: install
	@case "$$REFLEX_DB_URL" in postgresql*) ;; *) echo "REFLEX_DB_URL must name a PostgreSQL database" >&2; exit 1;; esac
	$(BIN)/harzportal create-database
	$(BIN)/harzportal migrate
	$(BIN)/harzportal seed-demo --show-logins
	@echo "HarzPortal builds its frontend (about a minute), then starts at http://localhost:$(PORT) with $(WORKERS) workers"
	$(BIN)/harzportal build
	$(BIN)/harzportal serve

test: install chromium nginx pdftools $(TOOLS)/node_modules/axe-core/axe.min.js
	$(BIN)/pytest

test-unit: install pdftools
	$(BIN)/pytest --ignore=tests/e2e

test-e2e: install chromium nginx pdftools $(TOOLS)/node_modules/axe-core/axe.min.js
	$(BIN)/pytest tests/e2e

# Hostile input with many more examples than the normal suite (tests/hostile, a few minutes);
# prints and writes the number of inputs tried (artifacts/hostile/inputs-fuzz.json).
fuzz: install
	HYPOTHESIS_PROFILE=fuzz $(BIN)/pytest tests/hostile

# Benchmarks at scale (benchmarks/run.py, about 15 minutes; BENCH_SCALE=quick for a short run):
# its own PostgreSQL database filled by `harzportal seed-scale` plus 5,000 exchange posts, the
# production server (`harzportal build` + `harzportal serve`) on a free port; latency, the JSON
# floor, saturation, total server RSS (idle, under load, after 500 clients left), cold-visit bytes,
# the exchange through the websocket; writes docs/PERFORMANCE.md, docs/performance-latency.svg and
# artifacts/bench/results.json; then the annual fee run for 2,000 organizations on SQLite and on
# PostgreSQL with Redis while 10 clients sign in and open pages (benchmarks/annual_run.py, about
# 10 minutes, `small` with BENCH_SCALE=quick; its section of docs/PERFORMANCE.md and its entry
# `annual_run` in results.json; Redis on 127.0.0.1:6379, an empty database BENCH_REDIS_URL,
# default /9); then the exchange's service calls alone (benchmarks/exchange.py, printed).
# Asserts nothing.
$(BIN)/.bench-installed: pyproject.toml $(BIN)/.installed
	$(BIN)/pip install --quiet -e ".[test,bench]"
	touch $@

bench: install chromium $(BIN)/.bench-installed
	$(BIN)/python -m benchmarks.run --scale $${BENCH_SCALE:-full}
	$(BIN)/python -m benchmarks.annual_run --scale $$([ "$${BENCH_SCALE:-full}" = quick ] && echo small || echo full)
	$(BIN)/python -m benchmarks.exchange

# Lighthouse 12 on the login page, the member pages and the staff dashboard (mobile settings,
# Debian's Chromium; benchmarks/lighthouse.py, a few minutes): writes its section of
# docs/PERFORMANCE.md and the reports to artifacts/lighthouse/. Not part of `make test`.
LIGHTHOUSE_VERSION := 12.2.3
.lighthouse/node_modules/.bin/lighthouse:
	npm install --silent --no-audit --no-fund --prefix .lighthouse lighthouse@$(LIGHTHOUSE_VERSION)

lighthouse: install chromium $(BIN)/.bench-installed .lighthouse/node_modules/.bin/lighthouse
	$(BIN)/python -m benchmarks.lighthouse

# Translations (harzportal/locale/*/LC_MESSAGES/messages.po, keys as message ids): extract the
# keys the code uses (babel.cfg), add new ones to both catalogues, compile. Fill in new messages
# with Poedit or Weblate; tests/core/test_catalogue.py fails on a missing or unused one.
translations: $(BIN)/.installed
	$(BIN)/pybabel extract -F babel.cfg --sort-output --no-location \
		--omit-header -o harzportal/locale/messages.pot .
	$(BIN)/pybabel update -i harzportal/locale/messages.pot -d harzportal/locale \
		--no-fuzzy-matching --ignore-obsolete --no-wrap
	rm harzportal/locale/messages.pot
	$(BIN)/pybabel compile --statistics -d harzportal/locale

clean:
	rm -rf .web .e2e .states $(TOOLS)
