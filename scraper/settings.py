"""Scrapy settings: polite defaults for live portals (robots.txt, an identifying User-Agent,
AutoThrottle, at most 2 requests at a time per site, HTTP cache with revalidation).

The snapshot demo and the tests override what only makes sense on loopback (see scraper/runner.py).
"""
BOT_NAME = "stadtprojekte"
SPIDER_MODULES = ["scraper.spiders"]
# scrapy crawl with a usage message for bad spider arguments (scraper/commands/crawl.py)
COMMANDS_MODULE = "scraper.commands"
NEWSPIDER_MODULE = "scraper.spiders"

USER_AGENT = "stadtprojekte/0.1 (+https://github.com/stadtprojekte/stadtprojekte; open-data research crawler)"
ROBOTSTXT_OBEY = True

CONCURRENT_REQUESTS = 8
CONCURRENT_REQUESTS_PER_DOMAIN = 2
DOWNLOAD_DELAY = 1.0
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0

# Items of one page go through the pipelines one after another: they are synchronous, and Scrapy's default
# of 100 starts 100 asyncio workers for every page's output (a third of re-extraction's CPU, bench/reextract.py)
CONCURRENT_ITEMS = 1

DOWNLOAD_TIMEOUT = 30
DOWNLOAD_MAXSIZE = 8 * 1024 * 1024     # a project page is < 1 MB; anything far larger is not one
DOWNLOAD_WARNSIZE = 2 * 1024 * 1024
RETRY_ENABLED = True
RETRY_TIMES = 2
RETRY_HTTP_CODES = [500, 502, 503, 504, 522, 524, 408, 429]
REDIRECT_MAX_TIMES = 5
COOKIES_ENABLED = False

# Conditional requests: every page is revalidated with If-None-Match / If-Modified-Since, so an unchanged
# portal answers 304 and costs almost no bytes (see scraper/cache.py for why not plain RFC2616Policy).
HTTPCACHE_ENABLED = True
HTTPCACHE_POLICY = "scraper.cache.RevalidatePolicy"
HTTPCACHE_STORAGE = "scraper.cache.OutputCacheStorage"   # OUTPUT/httpcache: nothing written outside OUTPUT
HTTPCACHE_DIR = "httpcache"
HTTPCACHE_IGNORE_HTTP_CODES = [301, 302, 303, 307, 308, 401, 403, 404, 410, 500, 502, 503, 504]
STADTPROJEKTE_CACHE_MAX_AGE = 0        # seconds a cached page is trusted without asking the server

# Scrapy's telnet console runs Python for whoever reaches its port: off (enable it explicitly to debug)
TELNETCONSOLE_ENABLED = False

ITEM_PIPELINES = {
    "pipelines.normalize.NormalizePipeline": 100,
    "pipelines.validate.ValidatePipeline": 200,
    "pipelines.state.StatePipeline": 300,
    "pipelines.export.ExportPipeline": 400,
}
DOWNLOADER_MIDDLEWARES = {
    # a page from a web archive (--archive): before the offsite filter (50), which must let the archive's
    # robots.txt through (the spider's own requests are filtered when scheduled), and before robots.txt
    # (100), which then applies to the archive's requests, not to the original host that is never contacted
    "scraper.archive.ArchiveMiddleware": 40,
    "scraper.warc.WarcRecorder": 890,       # engine side of the HTTP cache (900): cached pages are recorded too
    "scraper.middlewares.WireStats": 950,   # between the HTTP cache (900) and the network
}
EXTENSIONS = {
    "scraper.run.extension.RunExtension": 10,   # the run folder (first: the other pieces use it)
    "scraper.run.ledger.Ledger": 20,            # failures, rejected items, accounting
    "scraper.pool.PoolExtension": 30,           # page extraction in a process pool
    "scraper.progress.Progress": 40,            # one progress line on a terminal (scraper/progress.py)
}
# ``scrapy crawl -O x.csv|.jsonl|.json|.parquet`` writes the same values as our own files
FEED_EXPORTERS = {
    "csv": "scraper.exporters.CsvExporter",
    "jsonlines": "scraper.exporters.JsonLinesExporter",
    "jsonl": "scraper.exporters.JsonLinesExporter",
    "json": "scraper.exporters.JsonExporter",
    "parquet": "scraper.exporters.ParquetExporter",
}

# Where outputs go (projects.csv/.parquet/.jsonl, failures.jsonl, runs/, latest/, state.sqlite).
STADTPROJEKTE_OUTPUT_DIR = "output"
STADTPROJEKTE_STATE_PATH = None        # default: <output>/state.sqlite
STADTPROJEKTE_RESUME = False
STADTPROJEKTE_PARQUET_ROW_GROUP = 1000
# True only in a real crawl (set by `python -m scraper crawl` and `scrapy crawl`): debugging commands
# (scrapy parse, shell, check, fetch) create no run folder and never touch published files.
STADTPROJEKTE_RUN = False
STADTPROJEKTE_PUBLISH_ANYWAY = False    # publish an untrustworthy run too (--publish-anyway)
# Page extraction in a process pool (scraper/pool.py): "auto" = 1 worker (isolation from a page that hangs
# or crashes the parser), a number, or 0 = in the crawler's thread.
STADTPROJEKTE_EXTRACT_WORKERS = "auto"
STADTPROJEKTE_EXTRACT_TIMEOUT = 60      # seconds one page may take before it is recorded as parse_error
# Bounds per start URL: listing pages followed, and pagination hops from the first listing (endless
# "weiter" links). Reaching one is recorded in run.json and makes the run untrustworthy (projects may be
# missing): raise it if the portal really has more.
STADTPROJEKTE_MAX_LISTING_PAGES = 500
STADTPROJEKTE_MAX_LISTING_DEPTH = 200
# A run is untrustworthy (non-zero exit of `python -m scraper crawl`) past these limits.
STADTPROJEKTE_MAX_FAILURE_RATE = 0.2
STADTPROJEKTE_MAX_REJECT_RATE = 0.2
STADTPROJEKTE_MAX_COVERAGE_DROP = 0.25  # fraction of items, per field, against the previous run
STADTPROJEKTE_MIN_ITEMS = 1
# Progress line on stderr while crawling: auto (a terminal, not CI, log level WARNING or quieter), on, off.
STADTPROJEKTE_PROGRESS = "auto"
STADTPROJEKTE_PROGRESS_INTERVAL = 2.0   # seconds
# Provenance: the responses a crawl used, in <run folder>/pages.warc.gz (scraper/warc.py)
STADTPROJEKTE_WARC = True
# Crawling through a web archive (scraper/archive.py): replay prefix, CDX API and the wanted time
# (YYYY[MM[DD]]); off while STADTPROJEKTE_ARCHIVE_PREFIX is empty.
STADTPROJEKTE_ARCHIVE_PREFIX = ""
STADTPROJEKTE_ARCHIVE_CDX = ""
STADTPROJEKTE_ARCHIVE_AT = ""
STADTPROJEKTE_ARCHIVE_MAX_WAIT = 300   # longest Retry-After (seconds) waited out after the archive's 429
# Re-extraction (scraper/replay.py): the WARC that answers every request instead of the network
STADTPROJEKTE_REPLAY_WARC = ""

REQUEST_FINGERPRINTER_IMPLEMENTATION = "2.7"
TWISTED_REACTOR = "twisted.internet.asyncioreactor.AsyncioSelectorReactor"
FEED_EXPORT_ENCODING = "utf-8"
LOG_LEVEL = "INFO"
