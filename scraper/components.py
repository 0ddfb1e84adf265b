"""Finding the project's settings and a crawl's components: ``component(crawler, SomeExtension)`` returns the
enabled instance or None.

Spiders and pipelines reach the run's pieces (the run folder, the ledger, the extraction pool) through
Scrapy's own extension manager rather than through attributes hung on the crawler.
"""
from __future__ import annotations


def component(crawler, cls):
    manager = getattr(crawler, "extensions", None)
    for ext in getattr(manager, "middlewares", ()):
        if isinstance(ext, cls):
            return ext
    return None


def project_settings():
    """This project's Scrapy settings, also when run from outside the repository (no scrapy.cfg there)."""
    from scrapy.settings import Settings
    from scrapy.utils.project import get_project_settings
    settings = get_project_settings()
    if settings.get("BOT_NAME") != "stadtprojekte":
        settings = Settings()
        settings.setmodule("scraper.settings", priority="project")
    return settings
