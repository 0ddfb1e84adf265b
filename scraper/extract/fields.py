"""Raw fields from what the finders found, the page's metadata and the navigation's context.

Pure functions, one per field, so that a site's page object (``sites.py``) can replace one of them and a
table-driven test can call one alone. The page's own statements win over the context.
"""
from __future__ import annotations

import re

from .. import cities
from .facts import Fact
from .labels import (GENERIC_TITLES, is_contractor_label, is_district_label, is_funding_label,
                     is_funding_programme_label, is_milestone_label, is_programme_label, is_runtime_label)
from .meta import Meta

#: the words each contractor sentence pattern needs (a page without them is not searched)
_CONTRACTOR_WORDS = (("Auftragnehmer", "Projektträger", "Träger"), ("Auftragnehmer", "Projektträger"),
                     ("beauftragt",))
_CONTRACTOR_PROSE = (
    re.compile(r"\b(?:war|ist|waren|sind|wurde|blieb)\s+(?:auch\s+)?(?:die|der|das)\s+"
               r"((?:[A-ZÄÖÜ][\w.&+\-äöüß]*)(?:\s+(?:[A-ZÄÖÜ&+][\w.&+\-äöüß]*|und|für|GmbH|mbH|e\.\s?V\.)){0,6})"
               r"\s+(?:als\s+)?(?:Auftragnehmer(?:in)?|Projektträger(?:in)?|Träger(?:in)?)\b"),
    re.compile(r"\b(?:Auftragnehmer(?:in)?|Projektträger(?:in)?)\s+(?:war|ist|wurde)\s+(?:die|der|das)?\s*"
               r"((?:[A-ZÄÖÜ][\w.&+\-äöüß]*)(?:\s+(?:[A-ZÄÖÜ&+][\w.&+\-äöüß]*|und|für|GmbH|mbH|e\.\s?V\.)){0,6})"),
    re.compile(r"\b(?:wurde|wurden|war)\s+(?:das|die|der)\s+((?:Büro|Planungsbüro|Planungsgruppe|Architekturbüro)"
               r"(?:\s+[A-ZÄÖÜ&+][\w.&+\-äöüß]*){1,5})\s+(?:mit\b[^.]{0,80}?\s)?beauftragt"),
)
_DISTRICT_PROSE = re.compile(
    r"\b(?:Stadtbezirk(?:s|es)?|Bezirksvertretung|Bezirk|Bezirks)\s+([A-ZÄÖÜ][\wäöüß]+(?:-[A-ZÄÖÜ][\wäöüß]+)?)")
#: a value that is money by its form whatever its label: "2013: 32.000€, 2014: 50.000€", "1,2 Mio. Euro"
_MONEY_VALUE_RE = re.compile(
    r"^(?:(?:ca\.|rund|rd\.|etwa|insgesamt)\s+)?(?:(?:19|20)\d{2}(?:/\d{2,4})?\s*:\s*)?\d[\d.,]*\s*"
    r"(?:Mio\.?|Millionen|Mrd\.?|Tsd\.?)?\s*(?:€|Euro\b|EUR\b|DM\b)(?!\s*/)")


def contractor(facts: list[Fact], prose: str) -> str | None:
    for f in facts:
        if is_contractor_label(f.label) and f.value and not re.fullmatch(r"[\d\s./–-]+", f.value):
            return f.value.strip().rstrip(",;")
    for rx, words in zip(_CONTRACTOR_PROSE, _CONTRACTOR_WORDS):
        if not any(w in prose for w in words):
            continue
        m = rx.search(prose)
        if m:
            return m.group(1).strip().rstrip(".,")
    return None


def programme(meta: Meta, facts: list[Fact], title: str | None, context: dict,
              generic: frozenset = GENERIC_TITLES) -> str | None:
    """A programme fact; else the kicker; else the breadcrumb above the listing ("Soziale Stadt Nordstadt
    > Beendete Projekte > …"); else the navigation's context; else a funding-programme fact without figures."""
    for f in facts:
        if is_programme_label(f.label) and f.value:
            return f.value
    kicker = meta.kicker
    if kicker and kicker.lower() not in generic and kicker != title and len(kicker) <= 100:
        return kicker
    crumbs = meta.breadcrumbs
    for k in range(len(crumbs) - 1, 0, -1):
        if crumbs[k].lower() in generic and crumbs[k - 1].lower() not in generic:
            return crumbs[k - 1]
    if context.get("programme"):
        return context["programme"]
    for f in facts:
        if is_funding_programme_label(f.label) and f.value and not re.search(r"\d", f.value):
            return f.value
    return None


def district(facts: list[Fact], prose: str, city: cities.City | None, programme: str | None,
             context: dict) -> str | None:
    known = {d.lower(): d for d in city.districts} if city else {}
    for f in facts:
        if not is_district_label(f.label) or not f.value:
            continue
        value = re.sub(r"^(?:Stadtbezirk|Bezirk)\s+", "", f.value.strip(), flags=re.I).rstrip(".")
        if known:
            for low, name in known.items():
                if re.search(rf"(?<![\w-]){re.escape(low)}(?![\w-])", value.lower()):
                    return name
        elif f.label.lower() in ("stadtbezirk", "bezirk") and len(value) <= 60:
            return value
    for m in _DISTRICT_PROSE.finditer(prose) if "ezirk" in prose else ():  # (every form has "…ezirk")
        name = m.group(1)
        if not known or name.lower() in known:
            return known.get(name.lower(), name)
    if context.get("district"):
        return context["district"]
    return cities.district_for_area(city, programme) or cities.district_for_area(city, context.get("programme"))


def runtime_text(facts: list[Fact]) -> str | None:
    """The runtime as one string: a single 'Laufzeit'-type value as is, milestones as 'Label: value; …'."""
    main = [f for f in facts if is_runtime_label(f.label) and f.value]
    if len(main) == 1 and not re.fullmatch(r"(?:Projektverlauf|Realisierungszeitraum)", main[0].label, re.I):
        return main[0].value
    if main:
        return "; ".join(f"{f.label}: {f.value}" for f in main)
    ms = [f for f in facts if is_milestone_label(f.label) and f.value and re.search(r"\d{2}", f.value)]
    if ms:
        return "; ".join(f"{f.label}: {f.value}" for f in ms)
    return None


def funding_raw(facts: list[Fact]) -> list[dict]:
    """Facts whose label is about money, or whose value is money by its form."""
    return [{"label": f.label, "value": f.value} for f in facts
            if f.value and (is_funding_label(f.label) or _MONEY_VALUE_RE.match(f.value))]


def description(sections: dict[str, list[str]]) -> str | None:
    """The description section, else the prose before and under other headings."""
    if sections.get("description"):
        return "\n\n".join(sections["description"])
    parts = sections.get("intro", []) + sections.get("heading", [])
    return "\n\n".join(parts) if parts else None
