"""A project's status (completed / ongoing / planned), where the page or the project's section says so.

In this order, the first that answers decides:

1. a status fact: "Projektstand: abgeschlossen", "Status: in Umsetzung", "Stand: in Planung";
2. a sentence about the project itself: its subject is a project word ("Das Projekt", "Die Bauarbeiten",
   "Das Programm") or a word of its title ("Der Schulhof ist seit … fertig"), and it states the present or
   the past ("ist abgeschlossen", "laufen noch", "Die Planung läuft"); a plan ("soll … abgeschlossen sein",
   "voraussichtlich", "bis Ende …") or a negation says nothing;
3. the group the project stands in: a section's group heading ("Abgeschlossene Projekte"), the listing the
   page belongs to (kicker or breadcrumb "Beendete Projekte"), the crawl's context;
4. the runtime against the publication date, by whole years: ended before the year of publication:
   completed; begins after it: planned; open ("seit 2015") or spanning it: ongoing; ending in it: unknown.

Anything else is None: a wrong status is worse than none.
"""
from __future__ import annotations

import re

from .facts import Fact

_STATUS_LABEL_RE = re.compile(r"^(?:projekt)?(?:stand|status)|^(?:bearbeitungs|umsetzungs|bau|sach)stand$|"
                              r"^stand des projekts$|^phase$|^projektphase$", re.I)
_VALUE = (
    ("planned", re.compile(r"\b(?:in (?:der )?planung|geplant|planungsphase|in vorbereitung|vorplanung|"
                           r"entwurfsphase)\b", re.I)),
    ("completed", re.compile(r"\b(?:abgeschlossen|fertig(?:gestellt)?|beendet|realisiert|umgesetzt|in nutzung|"
                             r"(?:bau)?fertigstellung|eröffnet|übergeben)\b", re.I)),
    ("ongoing", re.compile(r"\b(?:in (?:der )?umsetzung|im bau|in bau|laufend|läuft|bauphase|in durchführung|"
                           r"begonnen|in arbeit)\b", re.I)),
)
#: the subjects a status sentence may have besides the title's words
_PROJECT_WORDS = ("Projekt", "Projekte", "Programm", "Maßnahme", "Maßnahmen", "Konzept", "Umbau", "Neubau",
                  "Ausbau", "Sanierung", "Umgestaltung", "Neugestaltung", "Bauarbeiten", "Arbeiten", "Baumaßnahme",
                  "Bau", "Erneuerung", "Modernisierung", "Abbruch", "Abriss", "Erweiterung")
_SENTENCE_RE = re.compile(r"[^.!?]*[.!?]")
_FUTURE_RE = re.compile(r"\b(?:soll|sollen|sollte|sollten|wird|werden|voraussichtlich|geplant|vorgesehen|"
                        r"planmäßig|bis|nicht|kein|keine|nachdem|sobald|wenn|falls|erst)\b", re.I)
_CUES = (
    ("planned", re.compile(r"\bPlanung(?:en)? (?:läuft|laufen)\b|\b(?:ist|sind|befindet sich|befinden sich) "
                           r"(?:noch |derzeit |zurzeit )?in (?:der )?(?:Planung|Vorbereitung)\b")),
    ("completed", re.compile(r"\b(?:ist|sind|wurde|wurden)\b[^,;:]{0,60}?\b(?:abgeschlossen|fertig|fertiggestellt|"
                             r"beendet)\b")),
    ("ongoing", re.compile(r"\b(?:laufen|läuft) (?:noch|derzeit|zurzeit|bereits)\b|\bhaben begonnen und laufen\b|"
                           r"\b(?:ist|sind|befindet sich|befinden sich) (?:derzeit |zurzeit |noch )?im Bau\b")),
)
#: per cue above (same order), the words one of which each of its matches holds (the patterns are
#: case-sensitive: a sentence without any of them cannot match, and is spared the pattern)
_CUE_NEEDS = (("Planung", "Vorbereitung"), ("abgeschlossen", "fertig", "beendet"), ("läuft", "laufen", "im Bau"))
#: a word every cue above holds
_CUE_WORDS = ("abgeschlossen", "fertig", "beendet", "läuft", "laufen", "im Bau", "Planung", "Vorbereitung")
_LISTING = (("completed", re.compile(r"^(?:beendete|abgeschlossene|realisierte|umgesetzte) projekte$", re.I)),
            ("ongoing", re.compile(r"^(?:laufende|aktuelle) projekte$", re.I)),
            ("planned", re.compile(r"^(?:geplante|künftige) projekte$", re.I)))
_YEAR_RE = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")
_OPEN_RE = re.compile(r"^\s*(?:seit|ab)\b", re.I)


def from_facts(facts: list[Fact]) -> str | None:
    for f in facts:
        if _STATUS_LABEL_RE.match(f.label.strip()) and f.value:
            for status, rx in _VALUE:
                if rx.search(f.value):
                    return status
    return None


def from_text(paragraphs: list[str], title: str | None) -> str | None:
    """The status a sentence about the project states (see the module's docstring), or None."""
    subjects = None
    for para in paragraphs:
        if not _has_cue_word(para):
            continue  # (most paragraphs)
        for sentence in _cue_sentences(para):
            if len(sentence) > 250:
                continue
            if subjects is None:
                subjects = set(_PROJECT_WORDS) | {w for w in re.findall(r"[A-ZÄÖÜ][\w-]{3,}", title or "")}
            for (status, rx), needs in zip(_CUES, _CUE_NEEDS):
                if not any(map(sentence.__contains__, needs)):
                    continue
                m = rx.search(sentence)
                # ("Die Planung läuft" is its own subject)
                if m and (m.group(0).startswith("Planung") or _names_subject(sentence, subjects)):
                    # (a plan or a negation says nothing: tested only here, where a cue stands, as the
                    # future pattern is the slowest)
                    if _FUTURE_RE.search(sentence):
                        break
                    return status
    return None


def _cue_sentences(para: str):
    """The sentences of ``para`` that hold one of ``_CUE_WORDS``, in order, cut as
    ``_SENTENCE_RE.findall(para + ".")`` cuts them (each up to and with its ".", "!" or "?"). Found from
    the cue words by substring searches: most sentences, and most paragraphs, hold none, and the pattern
    would scan them all. (No cue word holds a sentence end: each lies inside one sentence.)"""
    starts = set()
    for word in _CUE_WORDS:
        at = para.find(word)
        while at >= 0:
            starts.add(max(para.rfind(".", 0, at), para.rfind("!", 0, at), para.rfind("?", 0, at)) + 1)
            at = para.find(word, at + 1)
    for start in sorted(starts):
        ends = [e for e in (para.find(".", start), para.find("!", start), para.find("?", start)) if e >= 0]
        yield para[start:min(ends) + 1] if ends else para[start:] + "."


def _has_cue_word(text: str) -> bool:
    """One of ``_CUE_WORDS`` in ``text`` (substring tests: cheaper than one pattern of them all)."""
    for word in _CUE_WORDS:
        if word in text:
            return True
    return False


def _names_subject(sentence: str, subjects: set[str]) -> bool:
    """The sentence has one of ``subjects`` as a noun after an article ("Das Projekt", "die Bauarbeiten")."""
    for m in re.finditer(r"\b(?:[Dd]as|[Dd]ie|[Dd]er|[Dd]ieses|[Dd]iese|[Dd]ieser|[Aa]lle)\s+(?:[\w-]+\s+){0,2}([A-ZÄÖÜ][\w-]+)",
                         sentence):
        if m.group(1) in subjects:
            return True
    return False


def from_listing(names: list[str]) -> str | None:
    """The status a listing's name gives ("Beendete Projekte"), for the kicker or a breadcrumb."""
    for name in names:
        for status, rx in _LISTING:
            if name and rx.match(name.strip()):
                return status
    return None


def from_runtime(runtime: str | None, published: str | None) -> str | None:
    """By whole years: the runtime's first and last year against the year of publication."""
    if not runtime or not published or not _YEAR_RE.match(published[:4]):
        return None
    years = [int(y) for y in _YEAR_RE.findall(runtime)]
    if not years:
        return None
    now, first, last = int(published[:4]), min(years), max(years)
    if _OPEN_RE.match(runtime) and len(years) == 1:
        return "ongoing" if first <= now else "planned"
    if last < now:
        return "completed"
    if first > now:
        return "planned"
    if first <= now < last:
        return "ongoing"
    return None
