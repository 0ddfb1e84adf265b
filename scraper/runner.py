"""Running a crawl in-process (for the CLI): settings for the situation, then Scrapy's CrawlerProcess."""
from __future__ import annotations

import json
from pathlib import Path

from scrapy.crawler import CrawlerProcess
from scrapy.settings import Settings
from scrapy.utils.project import get_project_settings


def crawl_settings(output: Path, state: str | None = None, resume: bool = False, snapshot: bool = False,
                   cache: bool = True, log_level: str = "WARNING", thresholds: dict | None = None,
                   user_agent: str | None = None) -> Settings:
    settings = get_project_settings()
    if not settings.get("BOT_NAME") == "stadtprojekte":  # run from outside the repo: load ours explicitly
        settings = Settings()
        settings.setmodule("scraper.settings", priority="project")
    settings.set("STADTPROJEKTE_OUTPUT_DIR", str(output), priority="cmdline")
    settings.set("HTTPCACHE_DIR", str(output / "httpcache"), priority="cmdline")
    settings.set("HTTPCACHE_ENABLED", bool(cache), priority="cmdline")
    settings.set("STADTPROJEKTE_RESUME", resume, priority="cmdline")
    settings.set("LOG_LEVEL", log_level, priority="cmdline")
    if state:
        settings.set("STADTPROJEKTE_STATE_PATH", state, priority="cmdline")
    if user_agent:
        settings.set("USER_AGENT", user_agent, priority="cmdline")
    for key, value in (thresholds or {}).items():
        settings.set(f"STADTPROJEKTE_{key.upper()}", value, priority="cmdline")
    if snapshot:
        # loopback: no one to be polite to, so no throttling; robots.txt is still obeyed
        settings.set("AUTOTHROTTLE_ENABLED", False, priority="cmdline")
        settings.set("DOWNLOAD_DELAY", 0, priority="cmdline")
        settings.set("CONCURRENT_REQUESTS", 16, priority="cmdline")
        settings.set("CONCURRENT_REQUESTS_PER_DOMAIN", 8, priority="cmdline")
    return settings


def run_crawl(spider: str, spider_args: dict, settings: Settings) -> dict | None:
    process = CrawlerProcess(settings)
    crawler = process.create_crawler(spider)
    process.crawl(crawler, **spider_args)
    process.start()
    run = getattr(crawler, "_stadtprojekte_run", None)
    if run is not None and run.report is not None:
        return run.report
    out = Path(settings.get("STADTPROJEKTE_OUTPUT_DIR"))
    try:
        return json.loads((out / "latest" / "run.json").read_text("utf-8")) if run and run.dir is None else None
    except OSError:
        return None
