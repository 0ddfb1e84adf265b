# The two commands of the README: `make demo` and `make test`. Both set themselves up on a fresh machine
# with only Python 3.11: a virtual environment in .venv, then the pinned packages.
PYTHON ?= $(shell command -v python3.11 2>/dev/null || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo test fuzz bench bench-full docs clean serve

$(STAMP): pyproject.toml constraints.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e ".[test,bench]"
	@touch $(STAMP)

demo: $(STAMP)
	$(BIN)/python -m scraper crawl dortmund --snapshot --output output

test: $(STAMP)
	$(BIN)/python -m pytest

# the extractor fuzzer with 20,000 random generated pages (tests/test_fuzz_extract.py; make test runs 250)
fuzz: $(STAMP)
	STADTPROJEKTE_FUZZ_EXAMPLES=20000 $(BIN)/python -m pytest tests/test_fuzz_extract.py -p no:cacheprovider --timeout=0

# about 10 minutes on 2 cores; bench-full adds the 2,000 vs 20,000 page memory run (another ~5 minutes)
bench: $(STAMP)
	$(BIN)/python bench/quality.py
	$(BIN)/python bench/extract_real.py --rounds 7
	$(BIN)/python bench/extract.py --json
	$(BIN)/python bench/normalize.py --json
	$(BIN)/python bench/scheduled.py --json
	$(BIN)/python bench/reliability.py --json
	$(BIN)/python bench/site.py loadtest --pages 2000
	$(BIN)/python bench/crawl.py --pages 2000 --repeat 3 --json
	$(BIN)/python bench/crawl.py --memory --memory-sizes 500,5000 --json
	$(BIN)/python bench/reextract.py --pages 500 --repeat 3 --json

bench-full: bench
	$(BIN)/python bench/crawl.py --memory --memory-sizes 2000,20000 --json

docs: $(STAMP)
	$(BIN)/python -m scraper schema > docs/schema.md
	$(BIN)/python -m scraper spiders --markdown > docs/spiders.md

serve: $(STAMP)
	$(BIN)/python -m scraper serve

clean:
	rm -rf output/runs output/latest output/report output/httpcache output/*.csv output/*.parquet output/*.jsonl output/*.json output/state.sqlite*
