"""The default page object: how a project page of any portal becomes raw fields.

``ProjectPage(doc, context)`` has one method per raw field; ``to_raw()`` collects them. A portal that does
something no general rule can know overrides the one method, or the loading hints, in a subclass
registered for its hosts (``sites.py``). This is the page-object pattern of web-poet (``ItemPage`` with one
method per field, ``handle_urls`` for the hosts) written small: see ``sites.py`` for why.
"""
from __future__ import annotations

import re
from functools import cached_property
from urllib.parse import urlsplit

from .. import cities
from . import fields, headline, multiproject, status
from .published import find_byline, published
from .document import DEFAULT_HINTS, Document, Hints
from .finders import FINDERS, run
from .prose import find_prose, milestone_facts, page_blocks


class ProjectPage:
    #: hosts this page object serves ("muelheim-ruhr.de" serves its subdomains too); the default: any
    hosts: tuple[str, ...] = ()
    #: what the loading should know about the site (never-headline texts, headline element, chrome)
    hints: Hints = DEFAULT_HINTS
    #: the finders and their order (``finders.py``)
    finders = FINDERS

    def __init__(self, doc: Document, context: dict | None = None, *, page: ProjectPage | None = None,
                 section: multiproject.Section | None = None):
        self.doc = doc
        self.context = context or {}
        self.warnings: list[str] = list(doc.warnings)
        #: on a page that presents several projects (``multiproject.py``): the page's object and this project's
        #: section; the page's own values (its publication date, its listing) are read from ``page``
        self.page = page
        self.section = section

    @cached_property
    def found(self) -> dict:
        return run(self.doc, self.finders)

    @property
    def facts(self) -> list:
        return self.found["facts"]

    @property
    def sections(self) -> dict[str, list[str]]:
        return self.found["sections"]

    @cached_property
    def prose(self) -> str:
        return " ".join(t for v in self.sections.values() for t in v)

    @cached_property
    def city_record(self) -> cities.City | None:
        return cities.city_by_name(self.context.get("city")) or cities.city_for_host(
            urlsplit(self.doc.url).hostname) or cities.city_for_host(self.doc.meta.site_name)

    # -- one method per raw field ----------------------------------------------------------------------

    def title(self) -> str | None:
        h = self.doc.headline
        if h.el is not None and self.doc.title_index >= 0:
            return h.text
        if h.el is not None:  # a headline element whose text left no line: the page's other titles
            h = headline.from_metadata(self.doc.meta, self.hints.generic_titles)
        self.warnings += h.warnings
        return h.text

    def published(self) -> str | None:
        if self.page is not None:
            return self.page.page_published
        value, warnings = published(self.found["byline"], self.doc.meta, self._title)
        self.warnings += warnings
        return value

    @cached_property
    def page_published(self) -> str | None:
        """The publication date of the page as a whole (its byline, metadata), for its sections."""
        value, _ = published(find_byline(self.doc.lines, self.doc.title_index), self.doc.meta, self.title())
        return value

    def status(self) -> str | None:
        """completed / ongoing / planned where the page or the section says so (``status.py``)."""
        found = status.from_facts(self.facts) or status.from_text(
            [t for v in self.sections.values() for t in v], self._title)
        if found:
            return found
        if self.section is not None and self.section.status:
            return self.section.status
        if self.page is not None:
            found = self.page.page_status
        else:
            found = self.context.get("status") or status.from_listing(
                [self.doc.meta.kicker or ""] + self.doc.meta.breadcrumbs[-2:])
        return found or status.from_runtime(self._runtime_raw, self._published)

    @cached_property
    def page_status(self) -> str | None:
        """What the page says of all its projects (its introduction up to the first heading: "Alle hier
        vorgestellten Projekte sind abgeschlossen"; its listing), for its sections."""
        intro = []
        for ln in self.doc.lines[self.doc.title_index + 1:]:
            if ln.heading_level:
                break  # (a group's own text, "Diese Projekte sind im Bau", speaks for its group only)
            intro.append(ln.text)
        return status.from_text(intro, None) or self.context.get("status") or status.from_listing(
            [self.doc.meta.kicker or ""] + self.doc.meta.breadcrumbs[-2:])

    def to_raws(self) -> list[dict]:
        """The raw fields of every project the page presents: one dict for a page about one project, one per
        project section for a page that presents several (``multiproject.py``)."""
        found = multiproject.split(self.doc)
        if not found:
            return [self.to_raw()]
        return [type(self)(multiproject.section_document(self.doc, s), self.context, page=self, section=s).to_raw()
                for s in found]

    def programme(self) -> str | None:
        return fields.programme(self.doc.meta, self.facts, self._title, self.context, self.hints.generic_titles,
                                self.city_record)

    def district(self) -> str | None:
        return fields.district(self.facts, self.prose, self.city_record, self._programme, self.context, self._title)

    def city(self) -> str | None:
        return self.context.get("city") or (self.city_record.name if self.city_record else None)

    def runtime_raw(self) -> str | None:
        return fields.runtime_text(self.facts)

    def section_anchor(self) -> str | None:
        return self.section.anchor if self.section is not None else None

    def funding_raw(self) -> list[dict]:
        return fields.funding_raw(self.facts)

    def credits_raw(self) -> list[dict]:
        return self.found["credits"]

    def contractor(self) -> str | None:
        return fields.contractor(self.facts, self.prose)

    def description(self) -> str | None:
        return fields.description(self.sections)

    def _section(self, key: str) -> str | None:
        return "\n\n".join(self.sections[key]) if self.sections.get(key) else None

    def evaluation(self) -> str | None:
        return self._section("evaluation")

    def result(self) -> str | None:
        return self._section("result")

    def images(self) -> list[dict]:
        return self.found["images"]

    # --- facts in sentences and milestones (scraper/extract/prose.py, the numbers work of issue 13): candidates
    # as strings; pipelines/normalize types them and merges them with the facts
    def stated(self) -> dict:
        runtime = self._runtime_raw
        found = find_prose(page_blocks(self.doc.lines, self.doc.title_index, self._title),
                           runtime_known=bool(re.search(r"\d{4}", runtime or "")))
        self.warnings += found["warnings"]
        return {"prose_funding": found["funding"], "prose_runtime": found["runtime"],
                "milestones_raw": milestone_facts(self.facts)}

    def to_raw(self) -> dict:
        self._title = self.title()
        self.found  # the finders claim lines before any field reads them
        self._programme = self.programme()
        self._runtime_raw = self.runtime_raw()
        self._published = self.published()
        stated = self.stated()
        return {
            "url": self.doc.url,
            "title": self._title,
            "programme": self._programme,
            "district": self.district(),
            "city": self.city(),
            "runtime_raw": self._runtime_raw,
            "funding_raw": self.funding_raw(),
            "credits_raw": self.credits_raw(),
            "contractor": self.contractor(),
            "description": self.description(),
            "evaluation": self.evaluation(),
            "result": self.result(),
            "images": self.images(),
            "facts": [{"label": f.label, "value": f.value} for f in self.facts],
            "published": self._published,
            "section": self.section_anchor(),
            "status": self.status(),
            "warnings": self.warnings,
            **stated,
        }

