"""Raw fields from what the finders found, the page's metadata and the navigation's context.

Pure functions, one per field, so that a site's page object (``sites.py``) can replace one of them and a
table-driven test can call one alone. The page's own statements win over the context.
"""
from __future__ import annotations

import re
from functools import lru_cache

from .. import cities
from .facts import Fact
from .labels import (GENERIC_TITLES, PROJECT_LISTS, is_contractor_label, is_district_label, is_funding_label,
                     is_funding_programme_label, is_milestone_label, is_programme_label, is_runtime_label)
from .meta import Meta

#: the words each contractor sentence pattern needs: one of each group (a page without them is not searched)
_CONTRACTOR_WORDS = ((("Auftragnehmer", "Projektträger", "Träger"),), (("Auftragnehmer", "Projektträger"),),
                     (("beauftragt",), ("Büro", "büro", "Planungsgruppe")))
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
    for rx, groups in zip(_CONTRACTOR_PROSE, _CONTRACTOR_WORDS):
        if not all(any(w in prose for w in words) for words in groups):
            continue
        m = rx.search(prose)
        if m:
            return m.group(1).strip().rstrip(".,")
    return None


#: words that make a name a programme or a programme area ("Soziale Stadt Nordstadt", "Stadtumbau West")
_PROGRAMME_WORDS_RE = re.compile(
    r"stadterneuerung|stadtumbau|soziale[rn]? stadt|sozialer zusammenhalt|städtebauförderung|lebendige zentren|"
    r"aktive (?:stadt- und orts)?zentren|wachstum und nachhaltige erneuerung|stadtteilerneuerung|sanierungsgebiet|"
    r"zukunftsstadt|handlungskonzept|\bisek\b|\binhk\b|förderprogramm|programmgebiet|stadtentwicklungsprogramm|"
    r"\bleader\b", re.I)
#: a title that is itself a programme's name: a programme word, then the area
_PROGRAMME_TITLE_RE = re.compile(
    r"^(?:Soziale Stadt|Stadtumbau(?: West| Ost)?|Stadterneuerung|Sozialer Zusammenhalt|Lebendige Zentren|"
    r"Wachstum und nachhaltige Erneuerung)\s*[-–]?\s+[A-ZÄÖÜ][^:]{1,60}$")


def looks_like_programme(name: str | None, city: cities.City | None = None) -> bool:
    """A programme or programme area by its words ("Stadterneuerung Hörde") or as a known area of the city;
    not a portal's section ("Nachrichten", "Rathaus", "Familie", "Quartierskonzepte")."""
    if not name or len(name) > 100:
        return False
    if _PROGRAMME_WORDS_RE.search(name):
        return True
    return bool(city) and " ".join(name.lower().split()) in city.area_districts


def programme(meta: Meta, facts: list[Fact], title: str | None, context: dict,
              generic: frozenset = GENERIC_TITLES, city: cities.City | None = None) -> str | None:
    """A programme fact; else the kicker when it names a programme; else the breadcrumb above a project
    listing ("Soziale Stadt Nordstadt > Beendete Projekte > …"); else the title when the page is a programme's
    own ("Soziale Stadt Westerfilde & Bodelschwingh"); else the navigation's context; else a
    funding-programme fact without figures. A portal's sections ("Nachrichten", "Rathaus > Aktuelles") are
    no programme: null is better than a wrong one."""
    for f in facts:
        if is_programme_label(f.label) and f.value:
            return f.value
    kicker = meta.kicker
    if kicker and kicker.lower() not in generic and kicker != title and looks_like_programme(kicker, city):
        return kicker
    crumbs = meta.breadcrumbs
    for k in range(len(crumbs) - 1, 0, -1):
        if crumbs[k].lower() in PROJECT_LISTS and crumbs[k - 1].lower() not in generic:
            return crumbs[k - 1]
    if title and (_PROGRAMME_TITLE_RE.match(title) or (city and title.lower() in city.area_districts)):
        return title
    if context.get("programme"):
        return context["programme"]
    for f in facts:
        if is_funding_programme_label(f.label) and f.value and not re.search(r"\d", f.value):
            return f.value
    return None


def district(facts: list[Fact], prose: str, city: cities.City | None, programme: str | None,
             context: dict, title: str | None = None) -> str | None:
    known, searchable = _districts_of(city.districts) if city else ({}, ())
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
    named = _district_named(known, title or "", _IN_TITLE, searchable) if known else None
    if named:  # (a headline's place beats "ein neuer Platz im Stadtbezirk X" further down)
        return named
    for m in _district_mentions(prose):
        name = m.group(1)
        if not known or name.lower() in known:
            return known.get(name.lower(), name)
    if context.get("district"):
        return context["district"]
    return (cities.district_for_area(city, programme) or cities.district_for_area(city, context.get("programme"))
            or (_district_named(known, _lead(prose), r"\bin {}(?![\w-])", searchable) if known else None))


def _district_mentions(prose: str):
    """``_DISTRICT_PROSE.finditer(prose)``, the pattern tried only where one of its words starts: every form
    starts with "Stadtbezirk" or "Bezirk", found by a search for their "ezirk" (the pattern would be tried at
    every position of the prose)."""
    pos = 0  # (where the last match ended: the next is looked for after it, as finditer does)
    at = prose.find("ezirk")
    while at >= 0:
        if at >= 1 and prose[at - 1] == "B":
            start = at - 1
        elif at >= 6 and prose.startswith("Stadtb", at - 6):
            start = at - 6
        else:
            start = -1
        if start >= pos:
            m = _DISTRICT_PROSE.match(prose, start)
            if m:
                yield m
                pos = m.end()
        at = prose.find("ezirk", at + 1)


#: the end of a sentence: punctuation, spaces, a capital; after a small letter (``_lead``). (Looked for from
#: the punctuation, which the pattern finds by its first character; a letter or a lookbehind first would be
#: tried at almost every position of the prose.)
_SENTENCE_END_RE = re.compile(r"[.!?]\s+(?=[A-ZÄÖÜ])")
_SMALL_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyzäöüß")


def _lead(prose: str) -> str:
    """The first sentence ("ab dem 18. September" does not end it)."""
    for m in _SENTENCE_END_RE.finditer(prose):
        at = m.start()
        if at and prose[at - 1] in _SMALL_LETTERS:
            return prose[:at + 1]
    return prose


_IN_TITLE = r"(?<![\w-]){}(?![\w-])"
#: district names that are also everyday words ("Brand in der Schule"): only a "Stadtbezirk …" form names them
_COMMON_WORDS = frozenset({"mitte", "brand", "nord", "süd", "ost", "west", "zentrum", "innenstadt"})


@lru_cache(maxsize=1024)
def _district_rx(pattern: str, low: str) -> re.Pattern:
    return re.compile(pattern.format(_forms(low)))


def _forms(low: str) -> str:
    """A district's name, or its adjective before a centre word ("in der Elberfelder Innenstadt", "die Barmer
    City"), as a pattern."""
    stem = _stem(low)
    return (f"(?:{re.escape(low)}|(?:der |die |dem )?{re.escape(stem)}er "
            f"(?:innenstadt|city|stadtmitte|zentrum|ortsmitte|ortskern|fußgängerzone|altstadt))")


def _stem(low: str) -> str:
    """The name without its ending "-e"/"-en" (each of ``_forms`` holds it)."""
    return low[:-2] if low.endswith("en") else low[:-1] if low.endswith("e") else low


@lru_cache(maxsize=64)
def _districts_of(districts: tuple[str, ...]) -> tuple[dict[str, str], tuple[tuple[str, str, str], ...]]:
    """A city's districts by their lower-case name, and (lower-case name, name, stem) of those that are no
    everyday word (``_district_named`` looks for them): once per city, not per page."""
    known = {d.lower(): d for d in districts}
    return known, tuple((low, name, _stem(low)) for low, name in known.items() if low not in _COMMON_WORDS)


def _district_named(known: dict[str, str], text: str, pattern: str,
                    searchable: tuple[tuple[str, str, str], ...]) -> str | None:
    """A Stadtbezirk of the city's own list that ``text`` names by ``pattern``: the headline ("Zweiter
    Kunstrasenplatz in Haspe eröffnet"), or the first sentence placing the project ("… den Kinderspielplatz am
    Murmelbach in Heckinghausen neu"). Only when exactly one is named (two names are two places, neither sure).
    ``known``, ``searchable``: the city's ``_districts_of``."""
    low_text = text.lower()
    named = {name for low, name, stem in searchable
             if stem in low_text  # (a text without the stem is not searched)
             and _district_rx(pattern, low).search(low_text)}
    if not named:  # "Brand: Skateanlage wird umgestaltet": a headline led by the district's name and a colon
        named = {name for low, name in known.items() if low_text.startswith(low + ":")} if pattern == _IN_TITLE else set()
    return named.pop() if len(named) == 1 else None


#: a milestone named in a value ("11/2014  Baubeginn" in a row labelled "Umsetzung")
_MILESTONE_IN_VALUE = re.compile(
    r"\b((?:Bau|Projekt|Planungs)?(?:beginn|start)|Spatenstich|Bewilligung|(?:Bau|Projekt)?(?:fertigstellung|abschluss)"
    r"|(?:Wieder)?[Ee]röffnung|Einweihung|Übergabe|Inbetriebnahme|Richtfest|Grundsteinlegung|Bauantrag)\b", re.I)
#: milestone-table labels that name a phase, not a point in time
_PHASE_LABEL = re.compile(r"^(?:planung|umsetzung|bauphase|ausführung|nutzung|planungsphase|umsetzungsphase)$", re.I)


def runtime_text(facts: list[Fact]) -> str | None:
    """The runtime as one string: a single 'Laufzeit'-type value as is; milestones as 'Label: value; …'.

    A milestone table ("Projektverlauf": "Planung: 2013", "Umsetzung: 11/2014 Baubeginn", " : 02/2015
    Baufertigstellung", "Nutzung: seit 03/2015") gives its dated milestones by name ("Baubeginn: 11/2014;
    Baufertigstellung: 02/2015"), so that normalization makes one phase from the first start to the last
    end; the phases around them (planning, use) are then not the runtime."""
    main = [f for f in facts if is_runtime_label(f.label) and f.value]
    if len(main) == 1 and not re.fullmatch(r"(?:Projektverlauf|Realisierungszeitraum)", main[0].label, re.I):
        return main[0].value
    if main:
        return "; ".join(f"{f.label}: {f.value}" for f in main)
    ms = [f for f in facts if is_milestone_label(f.label) and f.value and re.search(r"\d{2}", f.value)]
    named = [m for m in map(_named_milestone, ms) if m]
    if named and len(named) < len(ms) and any(_MILESTONE_IN_VALUE.search(f.value) for f in ms):
        return "; ".join(f"{label}: {value}" for label, value in named)
    if ms:
        return "; ".join(f"{f.label}: {f.value}" for f in ms)
    return None


def _named_milestone(f: Fact) -> tuple[str, str] | None:
    """(milestone, date text) of a fact that dates a named milestone, None for a phase ("Planung: 2013")."""
    if not _PHASE_LABEL.match(f.label):
        return f.label, f.value
    m = _MILESTONE_IN_VALUE.search(f.value)
    if m:
        rest = (f.value[:m.start()] + f.value[m.end():]).strip(" :–-\t")
        if re.search(r"\d{2}", rest):
            return m.group(1), rest
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
