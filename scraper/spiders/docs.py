"""docs/spiders.md and ``python -m scraper spiders``, generated from the spiders' docstrings (the spider
loader finds the spiders: a new spider module in scraper/spiders/ is listed without further registration)."""
from __future__ import annotations

import inspect

from scrapy.spiderloader import SpiderLoader


def _spiders() -> list[tuple[str, type]]:
    from ..components import project_settings
    loader = SpiderLoader.from_settings(project_settings())
    return [(name, loader.load(name)) for name in sorted(loader.list())]


def summary() -> str:
    rows = [(name, (inspect.getdoc(cls) or "").splitlines()[0] if cls.__doc__ else "") for name, cls in _spiders()]
    width = max((len(n) for n, _ in rows), default=0)
    return "".join(f"{n.ljust(width)}  {d}\n" for n, d in rows)


def markdown() -> str:
    out = ["# Spiders", "",
           "Generated from the spiders' docstrings by `python -m scraper spiders --markdown > docs/spiders.md`; "
           "do not edit by hand. Run one with `python -m scraper crawl NAME` or `scrapy crawl NAME -a ARG=VALUE`.",
           ""]
    for name, cls in _spiders():
        doc = inspect.getdoc(cls) or "(no description)"
        first, _, rest = doc.partition("\n")
        out += [f"## `{name}`", "", first.strip(), ""]
        if rest.strip():
            out += [rest.strip(), ""]
        out += [f"Module: `{cls.__module__}`", ""]
    return "\n".join(out)
