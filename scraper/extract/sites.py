"""Site hooks: which page object reads a page, by its host.

``ProjectPage`` (``pageobject.py``) reads any portal; it must do well on portals nobody has seen, so the
rules there are general. A portal that does something no general rule can know gets a subclass here,
registered for its hosts with ``@for_hosts``; it overrides only what differs (a loading hint, one field
method, the finders' list). ``page_class(url, context)`` picks the class: the most specific registered
host that the URL's host equals or ends with (".stadt.de" matches "www.stadt.de"), else the host of the
context's city (``cities.py``: a snapshot served on 127.0.0.1 stands for its city), else the default.

Why not web-poet/scrapy-poet, the ecosystem's way to do this: extraction here is a pure, synchronous
function (``extract.page(html, url, context)``) that the CLI, the tests, a process pool and the
re-extraction of archives call without Scrapy; web-poet's ``to_item`` is a coroutine, its rules match URL
patterns through url-matcher and scrapy-poet injects page objects through Scrapy's middlewares. What the
project needs of it is the pattern: a default page object with one method per field, and subclasses chosen
by host. That is ~60 lines here and no new dependency; a move to web-poet later is mechanical
(``ProjectPage`` becomes an ``ItemPage``, ``for_hosts`` becomes ``handle_urls``).
"""
from __future__ import annotations

import re
from dataclasses import replace
from urllib.parse import urlsplit

from .. import cities
from .document import DEFAULT_HINTS
from .lines import image_src
from .pageobject import ProjectPage

_REGISTRY: dict[str, type[ProjectPage]] = {}


def for_hosts(*hosts: str):
    """Class decorator: the page object for these hosts (and their subdomains)."""
    def register(cls: type[ProjectPage]) -> type[ProjectPage]:
        cls.hosts = tuple(h.lower().removeprefix("www.") for h in hosts)
        for h in cls.hosts:
            if h in _REGISTRY and _REGISTRY[h] is not cls:
                raise ValueError(f"{h} already has a page object: {_REGISTRY[h].__name__}")
            _REGISTRY[h] = cls
        return cls
    return register


def _lookup(host: str | None) -> type[ProjectPage] | None:
    host = (host or "").lower().rstrip(".")
    while host:
        if host in _REGISTRY:
            return _REGISTRY[host]
        host = host.partition(".")[2]
    return None


def page_class(url: str, context: dict | None = None) -> type[ProjectPage]:
    try:
        host = urlsplit(url).hostname
    except ValueError:
        host = None
    cls = _lookup(host)
    if cls is None and context and context.get("city"):
        city = cities.city_by_name(context["city"])
        for h in city.hosts if city else ():
            cls = cls or _lookup(h)
    return cls or ProjectPage


def registered() -> dict[str, type[ProjectPage]]:
    """Host -> page object, for docs and tests."""
    return dict(_REGISTRY)


# -- per-host page objects: only what no general rule can know ---------------------------------------------

_GE_IMAGE_SRC = re.compile(r"""['"]src['"]\s*:\s*['"]([^'"]+)['"]""")


def _gelsenkirchen_image(el) -> str | None:
    """gelsenkirchen.de's image slider: every <img> has src="/images/dummy.gif" and the picture's URL in a
    JavaScript object literal, data-ctrl-geImage="{'type':'bild','src':'/images/scoop/….jpg'}"."""
    m = _GE_IMAGE_SRC.search(el.get("data-ctrl-geimage") or "")
    return m.group(1) if m else image_src(el)


@for_hosts("gelsenkirchen.de")
class GelsenkirchenPage(ProjectPage):
    hints = replace(DEFAULT_HINTS, image_url=_gelsenkirchen_image)
