# The two commands a newcomer runs: `make site` and `make test`.
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := 1

.PHONY: site test serve check lint format bench schema chromium clean

$(STAMP): pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

site: $(STAMP)  ## build both editions into site/internal and site/customer
	$(VENV)/bin/adoptbook build

test: $(STAMP) chromium  ## lint, then every test (browser journeys included)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(PY) -m pytest

serve: $(STAMP)  ## preview the internal edition with live reload (EDITION=customer for the other)
	$(VENV)/bin/adoptbook serve --edition $(or $(EDITION),internal)

check: $(STAMP)  ## validate every play, page and snippet
	$(VENV)/bin/adoptbook check --strict

lint: $(STAMP)
	$(VENV)/bin/ruff check .

format: $(STAMP)
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

bench: $(STAMP)  ## performance figures (see BENCHMARKS.md)
	$(PY) scripts/bench

schema: $(STAMP)  ## regenerate schema/play.schema.json
	$(VENV)/bin/adoptbook schema

chromium:  ## Debian's chromium for the browser tests (never a downloaded browser)
	@command -v chromium >/dev/null 2>&1 || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq chromium >/dev/null; }

clean:
	rm -rf site .pytest_cache .ruff_cache
