"""When the page was published: the date a reader sees at the headline, checked against the metadata.

Sources, in the order they are trusted:

1. the **byline**: a short line right before or after the headline that is mostly a date ("28.07.2026",
   "05.03.2026 | Bielefeld (bi)", "09. September 2026, 14:44 Uhr | Stadt Gelsenkirchen"). The finder
   ``find_byline`` claims it, so it is not read as the description's first paragraph;
   or else a date in a heading of the page's header, above the headline ("Pressemeldung – 05.06.2026");
2. JSON-LD ``datePublished`` of an article about this page (its headline is the page's headline);
3. ``<meta>`` dates that name publication (``article:published_time``, ``DC.date.issued`` …; not ``date``
   or ``DC.date``, which portals fill with the last change).

CMS templates often fill metadata with the listing's or the template's date (aachen.de: JSON-LD of the
press-release listing, 2024, on a press release of 2026), so a visible date wins, and a metadata date that
disagrees with it, or belongs to another headline, is named in a warning. The raw value is an ISO date
("2026-07-28") when the text names a day with certainty, else the date text as written; dates are
resolved (and relative dates read against it) in ``pipelines/german``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from .headline import comparable
from .lines import Line
from .meta import ARTICLE_TYPES, Meta
from .text import text_of

_MONTHS = {
    "jan": 1, "januar": 1, "january": 1, "jän": 1, "jänner": 1, "feb": 2, "februar": 2, "february": 2,
    "mär": 3, "märz": 3, "maerz": 3, "mar": 3, "march": 3, "apr": 4, "april": 4, "mai": 5, "may": 5,
    "jun": 6, "juni": 6, "june": 6, "jul": 7, "juli": 7, "july": 7, "aug": 8, "august": 8, "sep": 9,
    "sept": 9, "september": 9, "okt": 10, "oktober": 10, "oct": 10, "october": 10, "nov": 11, "november": 11,
    "dez": 12, "dezember": 12, "dec": 12, "december": 12,
}
_MONTH_ALT = "|".join(sorted(_MONTHS, key=len, reverse=True))
_DATE_RES = (
    (re.compile(r"(?<!\d)((?:19|20)\d{2})-(\d{2})-(\d{2})(?!\d)"), ("y", "m", "d")),
    (re.compile(r"(?<![\d.])(\d{1,2})\.\s?(\d{1,2})\.\s?((?:19|20)\d{2})(?!\d)"), ("d", "m", "y")),
    (re.compile(rf"(?<!\d)(\d{{1,2}})(?:\.\s*|\s+)({_MONTH_ALT})\.?\s+((?:19|20)\d{{2}})(?!\d)", re.I),
     ("d", "mon", "y")),
    (re.compile(rf"\b({_MONTH_ALT})\.?\s+(\d{{1,2}}),?\s+((?:19|20)\d{{2}})(?!\d)", re.I), ("mon", "d", "y")),
)
#: what else a byline holds besides its date: times, separators, "Veröffentlicht am", the author or office
_BYLINE_NOISE_RE = re.compile(
    r"\b\d{1,2}[:.]\d{2}\s*(?:Uhr|h)?\b|\bUhr\b|[|,;·•/–—-]|\b(?:veröffentlicht|erschienen|publiziert|datum|"
    r"pressemitteilung|pressemeldung|meldung|news|vom|am|um|von|by)\b:?", re.I)
#: a date that says when the page was changed, not published
_MODIFIED_RE = re.compile(r"\b(?:stand|aktualisiert|zuletzt|geändert|update[d]?|letzte änderung)\b", re.I)
_BYLINE_MAX = 120         # characters of a byline
_BYLINE_REST_MAX = 30     # characters besides the date (office, author, place)
_NEAR_BEFORE, _NEAR_AFTER = 2, 4  # lines around the headline where a byline stands


@dataclass(frozen=True)
class FoundDate:
    iso: str | None   # "2026-07-28", when the text names a valid day
    text: str         # the date as written
    source: str       # byline / jsonld / meta:<name>

    @property
    def raw(self) -> str:
        return self.iso or self.text


def read_date(text: str) -> tuple[str | None, str | None, int, int]:
    """The first full date in ``text``: (ISO date or None when impossible, the date as written, start, end);
    (None, None, -1, -1) when there is none."""
    if "20" not in text and "19" not in text:
        return None, None, -1, -1  # (every form has a year 19xx or 20xx: most texts are spared the patterns)
    best = None
    for rx, order in _DATE_RES:
        m = rx.search(text)
        if m and (best is None or m.start() < best[0].start()):
            best = (m, order)
            if m.start() == 0:
                break  # (no form can start earlier: "2026-03-04T12:06", "28.07.2026 | …")
    if best is None:
        return None, None, -1, -1
    m, order = best
    parts = dict(zip(order, m.groups()))
    month = int(parts["m"]) if "m" in parts else _MONTHS.get(parts["mon"].lower().rstrip("."))
    try:
        iso = date(int(parts["y"]), month, int(parts["d"])).isoformat() if month else None
    except ValueError:  # 31.04., 29.02. of a common year: no such day
        iso = None
    return iso, m.group(0), m.start(), m.end()


def _byline_date(text: str) -> FoundDate | None:
    """The date of a byline; None for anything else that holds a date: a fact ("Laufzeit: 01.04.2017 bis
    …"), a span of two dates, a teaser ("05.07.2022 – Sommerfest: Programm steht"), a sentence, a "Stand:"."""
    if len(text) > _BYLINE_MAX:
        return None
    iso, written, start, end = read_date(text)
    if written is None or _MODIFIED_RE.search(text) or read_date(text[end:])[1] is not None \
            or re.search(r"\bbis\b", text):
        return None
    rest = _BYLINE_NOISE_RE.sub(" ", text[:start] + " " + text[end:])
    if ":" in rest or len(" ".join(rest.split())) > _BYLINE_REST_MAX:
        return None
    return FoundDate(iso, written, "byline")


def find_byline(lines: list[Line], title_index: int) -> FoundDate | None:
    """The byline date around the headline (``title_index``); claims its line (``consumed = "byline"``)."""
    if title_index < 0:
        return None
    order = list(range(title_index + 1, min(len(lines), title_index + 1 + _NEAR_AFTER)))
    order += list(range(title_index - 1, max(-1, title_index - 1 - _NEAR_BEFORE), -1))
    for i in order:
        ln = lines[i]
        if ln.consumed or ln.kind in ("img", "row", "li", "dt", "dd") or ln.heading_level:
            continue
        found = _byline_date(ln.text)
        if found is not None:
            ln.consumed = "byline"
            return found
    return None


def header_date(root, headline, headings: list | None = None) -> FoundDate | None:
    """A date in a heading above the headline, in the page's header ("Pressemeldung – 05.06.2026" beside
    the portal's name, wuppertal.de): read before chrome is removed. ``headings``: ``Meta.header_headings``
    of the same, unchanged tree, when collected (the <h1>-<h4> before the headline, when it is among them:
    no walk over the tree up to it)."""
    if headline is None:
        return None
    for el in headings if headings is not None and headline in headings else root.iter("h1", "h2", "h3", "h4"):
        if el is headline:
            break
        found = _byline_date(text_of(el))
        if found is not None:
            return FoundDate(found.iso, found.text, "header")
    return None


def metadata_dates(meta: Meta, title: str | None) -> tuple[list[FoundDate], list[str]]:
    """Publication dates from JSON-LD and <meta>, most trusted first, and the JSON-LD dates set aside
    because their object is about another page."""
    out, other = [], []
    want = comparable(title)
    for obj in meta.jsonld:
        if not obj.date_published:
            continue
        iso, written, _, _ = read_date(obj.date_published)
        found = FoundDate(iso, written or obj.date_published, "jsonld")
        if want and comparable(obj.headline) == want:
            out.insert(0, found)  # the article about this headline
        elif obj.type in ARTICLE_TYPES and not obj.headline:
            out.append(found)
        else:  # another page's object: a listing, the site, a template
            other.append(f"{obj.date_published} (JSON-LD {obj.type or 'object'} "
                         f"{obj.headline!r})")
    for name, content in meta.meta_dates:
        iso, written, _, _ = read_date(content)
        out.append(FoundDate(iso, written or content, f"meta:{name}"))
    return out, other


def published(byline: FoundDate | None, meta: Meta, title: str | None) -> tuple[str | None, list[str]]:
    """The raw publication date and warnings: the byline's (or the page header's), else the most trusted
    metadata date; each disagreement is named."""
    structured, other = metadata_dates(meta, title)
    warnings: list[str] = []
    byline = byline or meta.header_date
    if byline is not None:
        for s in structured:
            if s.iso and byline.iso and s.iso != byline.iso:
                warnings.append(f"publication date: the page shows {byline.text}, its {s.source} says {s.text}; "
                                f"the page's date is taken")
                break
        return byline.raw, warnings
    if structured:
        first = structured[0]
        for s in structured[1:]:
            if s.iso and first.iso and s.iso != first.iso:
                warnings.append(f"publication date: {first.source} says {first.text}, {s.source} says {s.text}; "
                                f"the first is taken")
                break
        return first.raw, warnings
    if other:
        warnings.append("publication date: JSON-LD names " + "; ".join(other[:2])
                        + ", which is not about this page's headline; left out")
    return None, warnings
