"""What a page says about itself outside its text, read from the whole tree before chrome is removed:
<title>, Open Graph and other <meta> tags, <link rel=canonical>, JSON-LD objects, breadcrumbs, a kicker.

Headline and publication date weigh these as evidence (``headline.py``, ``published.py``); none is
trusted alone: CMS templates often fill them with the listing's or the site's values.
"""
from __future__ import annotations

import html as htmllib
import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import islice

from lxml import etree

from .pagebytes import PageBytes
from .text import norm_space, tag_of, text_of, xpath

#: <meta name/property> values that say when the page was published (lower case); "date" and "DC.date"
#: are left out: portals fill them with the page's (or the template's) last change
DATE_META_NAMES = frozenset((
    "article:published_time", "og:published_time", "og:article:published_time", "dc.date.issued",
    "dcterms.issued", "pubdate", "publishdate", "publish-date", "publication_date", "publication-date",
    "article.published", "datepublished", "parsely-pub-date", "citation_publication_date",
))
#: JSON-LD types that describe one article (their headline and dates are the page's own)
ARTICLE_TYPES = frozenset(("article", "newsarticle", "reportagenewsarticle", "blogposting", "report", "pressrelease",
                           "analysisnewsarticle", "scholarlyarticle", "techarticle", "event"))


@dataclass
class LdObject:
    """One JSON-LD object (``@graph`` members and list items are objects of their own)."""
    type: str                       # lower-case @type ("newsarticle"; "" when missing)
    headline: str | None = None     # headline, else name
    date_published: str | None = None
    date_modified: str | None = None
    date_created: str | None = None
    url: str | None = None


@dataclass
class Meta:
    html_title: str | None = None
    og_title: str | None = None
    site_name: str | None = None
    canonical: str | None = None
    og_url: str | None = None
    jsonld_headline: str | None = None      # the first "headline" of the page's JSON-LD, as written
    jsonld: list[LdObject] = field(default_factory=list)
    meta_dates: list[tuple[str, str]] = field(default_factory=list)  # (meta name, content)
    breadcrumbs: list[str] = field(default_factory=list)
    kicker: str | None = None               # (set once the headline is known: ``find_kicker``)
    header_date: object = None              # (a published.FoundDate in the header: ``header_date``)
    lang: str | None = None
    #: the page's first <h1>-<h3> elements in document order (``MAX_HEADINGS``), for ``headline.choose``:
    #: collected in the pass over the tree that finds the tags above (None: not read, choose looks itself)
    headings: list | None = field(default=None, repr=False)
    #: the same with the <h4> elements (``MAX_HEADINGS`` of them), for ``published.header_date``
    header_headings: list | None = field(default=None, repr=False)

    def get(self, key: str, default=None):  # (callers that read it like the dict it once was)
        return getattr(self, key, default)


#: (a JSON string as runs of plain characters between escapes, not one alternation per character)
_JSONLD_HEADLINE_RE = re.compile(r'"headline"\s*:\s*"([^"\\]*(?:\\.[^"\\]*)*)"')
_JSONLD_FIELD_RE = re.compile(r'"(@type|headline|name|datePublished|dateModified|dateCreated|url)"\s*:\s*"((?:[^"\\]|\\.)*)"')


def _unescape(value: str) -> str:
    """JSON-LD strings as CMSes write them: sometimes with HTML entities inside ("L&#228;rm")."""
    return norm_space(htmllib.unescape(value)) if "&" in value else norm_space(value)


#: JSON-LD objects read of a page: a page states its article, breadcrumbs and organisation in a few dozen; a
#: catalogue of 150,000 objects took a second (the page's own come first)
MAX_LD_OBJECTS = 200


def _ld_objects(data, out: list[LdObject], depth: int = 0) -> None:
    if depth > 6 or len(out) >= MAX_LD_OBJECTS:
        return
    if isinstance(data, list):
        for item in data:
            if len(out) >= MAX_LD_OBJECTS:
                break
            _ld_objects(item, out, depth + 1)
        return
    if not isinstance(data, dict):
        return
    kind = data.get("@type")
    if isinstance(kind, list):
        kind = next((k for k in kind if isinstance(k, str)), "")

    def s(key):
        v = data.get(key)
        return _unescape(v) if isinstance(v, str) and v.strip() else None

    headline = s("headline") or s("name")
    published = s("datePublished")
    if kind or headline or published:
        out.append(LdObject(type=(kind or "").lower() if isinstance(kind, str) else "", headline=headline,
                            date_published=published, date_modified=s("dateModified"),
                            date_created=s("dateCreated"), url=s("url")))
    for key in ("@graph", "mainEntity", "itemListElement"):
        if key in data:
            _ld_objects(data[key], out, depth + 1)


def _ld_fallback(text: str, out: list[LdObject]) -> None:
    """JSON-LD that is not valid JSON (trailing commas, stray quotes): the fields by pattern, as one object."""
    found: dict[str, str] = {}
    for m in _JSONLD_FIELD_RE.finditer(text):
        found.setdefault(m.group(1), m.group(2))
    if found:
        def s(key):
            v = found.get(key)
            return _unescape(v.encode().decode("unicode_escape", "ignore") if "\\u" in v else v) if v else None
        out.append(LdObject(type=(found.get("@type") or "").lower(), headline=s("headline") or s("name"),
                            date_published=s("datePublished"), date_modified=s("dateModified"),
                            date_created=s("dateCreated"), url=s("url")))


def read_jsonld(meta: Meta, script_text: str) -> None:
    full = len(meta.jsonld) >= MAX_LD_OBJECTS  # (a page of a hundred thousand JSON-LD scripts: the first are read)
    if full and meta.jsonld_headline is not None:
        return
    if meta.jsonld_headline is None:
        m = _JSONLD_HEADLINE_RE.search(script_text)
        if m:
            h = m.group(1)
            meta.jsonld_headline = norm_space(h.encode().decode("unicode_escape", "ignore") if "\\u" in h else h)
    if full:
        return
    try:
        data = json.loads(script_text, strict=False)
    except ValueError:
        _ld_fallback(script_text, meta.jsonld)
        return
    _ld_objects(data, meta.jsonld)


# -- breadcrumbs and kicker ---------------------------------------------------------------------------

_CRUMB_CLASS_RE = re.compile(
    r"breadcrumb|brotkrume|brotkrumen|sie sind hier|pfadnavigation|(?:^|[\s_-])pfad(?:$|[\s_-])", re.I)
#: the leads of a trail in old CMS templates ("Sie sind hier:"), at the start of an element's text, in any case
_CRUMB_LEADS = ("sie sind hier", "sie befinden sich hier", "you are here", "aktuelle seite")
_CRUMB_TEXT_RE = re.compile(r"^\s*(?:" + "|".join(map(re.escape, _CRUMB_LEADS)) + r")\s*:?\s*", re.I)
#: the letters that re.I matches with an ASCII one, in UTF-8: "İ" (U+0130) and "ı" (U+0131) with "i", "ſ"
#: (U+017F) with "s", the Kelvin sign (U+212A) with "k"
_FOLDS = tuple(c.encode() for c in "\u0130\u0131\u017f\u212a")
_CRUMB_LEADS_BYTES = tuple(lead.encode() for lead in _CRUMB_LEADS)
_CRUMB_LEAD_TAGS = ("div", "p", "nav", "ol", "ul")
#: the <li> and <a> elements of a trail read at most: a trail names a handful of levels; an element marked as one
#: that holds hundreds of links is a site menu
MAX_CRUMB_ELEMENTS = 200
_X_ARIA_LABELS = xpath("descendant::*/@aria-label")
#: what crumb-like class and id values contain, for libxml2's case-sensitive contains(): "breadcrumb",
#: "BreadCrumb" in classes; also "pfad", "Pfadnavigation", "brotkrume" in ids. (Classes are many and long;
#: each word looked for in them costs about a tenth of what parsing the page costs, so a trail marked only
#: by class="pfad" is not found: old CMS templates mark it by id or by its "Sie sind hier" lead.)
_CRUMB_CLASS_WORDS = ("rumb",)
_CRUMB_ID_WORDS = ("rumb", "fad", "rume")


@lru_cache(maxsize=64)
def _xpath(expr: str) -> etree.XPath:
    return xpath(expr)


def _attr_hits(root: etree._Element, attrs: tuple[str, ...], spellings: tuple[str, ...]) -> list:
    """Elements whose ``attrs`` contain one of ``spellings``, in document order. (An XPath over attribute
    nodes with few contains(): conditions on every element, or translate() for the case, cost several times
    what parsing the page costs.)"""
    if not spellings:
        return []
    cond = " or ".join(f"contains(., '{w}')" for w in spellings)
    return [v.getparent() for v in _xpath(" | ".join(f"descendant::*/@{a}[{cond}]" for a in attrs))(root)]


def _doc_order(el: etree._Element) -> tuple[int, ...]:
    key = []
    parent = el.getparent()
    while parent is not None:
        key.append(parent.index(el))
        el, parent = parent, parent.getparent()
    return tuple(reversed(key))


def _is_crumb_trail(el: etree._Element) -> bool:
    cls = f"{el.get('class', '')} {el.get('id', '')} {el.get('aria-label', '')}"
    tag = tag_of(el)
    return _CRUMB_CLASS_RE.search(cls) is not None or "breadcrumb" in tag or (
        tag in _CRUMB_LEAD_TAGS and _CRUMB_TEXT_RE.match(el.text or "") is not None)


def _by_aria_label(root: etree._Element) -> list[etree._Element]:
    out = []
    for v in _X_ARIA_LABELS(root):
        lv = v.lower()
        if "crumb" in lv or "pfad" in lv or "krume" in lv or "sie sind hier" in lv:
            out.append(v.getparent())
    return out


#: where a breadcrumb trail is looked for, most explicit (and cheapest) first: the accessible name
#: (<nav aria-label="Breadcrumb">), the id, the class, a custom element's name, a "Sie sind hier:" lead of
#: old CMS templates. The first kind that finds a trail decides; within it, the first in document order.
#: Each kind but the last is skipped when the page's bytes cannot hold what it looks for (``pagebytes.py``;
#: without the bytes, every kind looks).
_CRUMB_TIERS = (
    lambda root, pb: _by_aria_label(root) if pb is None or pb.has_name(b"aria-label") else [],
    lambda root, pb: _attr_hits(root, ("id",), _CRUMB_ID_WORDS)
    if pb is None or pb.in_values(*_CRUMB_ID_BYTES) else [],
    lambda root, pb: _attr_hits(root, ("class",), _CRUMB_CLASS_WORDS)
    if pb is None or pb.in_values(*_CRUMB_CLASS_BYTES) else [],
    lambda root, pb: [el for el in root.iter(etree.Element) if "breadcrumb" in el.tag]
    if pb is None or pb.has_name(b"breadcrumb") else [],
    # (each ``el.text`` is a new str: read once)
    lambda root, pb: [el for el in root.iter(*_CRUMB_LEAD_TAGS) if (t := el.text) and _CRUMB_TEXT_RE.match(t)]
    if pb is None or len(pb.data) < LEAD_PRECHECK_BYTES or _lead_in_text(root) else [],
)
#: pages from this size on are asked whether a lead is in their text at all before the walk over their elements
#: (a page of 300,000 paragraphs: 150 ms for the walk, 20 ms for the text; on a page of 100 kB the walk costs
#: less than the question)
LEAD_PRECHECK_BYTES = 1 << 20


def _lead_in_text(root: etree._Element) -> bool:
    """Whether the page's text can hold a lead: every element's text is a piece of it, as it is."""
    text = etree.tostring(root, method="text", encoding="utf-8")  # (bytes: a third of the time of a str)
    low = text.lower()  # (ASCII letters only: the others are looked for as they are)
    return any(lead in low for lead in _CRUMB_LEADS_BYTES) or any(c in text for c in _FOLDS)
_CRUMB_ID_BYTES = tuple(w.encode() for w in _CRUMB_ID_WORDS)
_CRUMB_CLASS_BYTES = tuple(w.encode() for w in _CRUMB_CLASS_WORDS)


def crumb_trail(root: etree._Element, data: bytes | None = None) -> etree._Element | None:
    """The page's breadcrumb trail (``_CRUMB_TIERS``), or None. ``data``: the bytes the tree was parsed
    from (a lookup for what is not in them is skipped)."""
    pb = PageBytes(data) if data is not None else None
    for tier in _CRUMB_TIERS:
        trails = [el for el in tier(root, pb) if _is_crumb_trail(el)]
        if trails:
            return min(trails, key=_doc_order) if len(trails) > 1 else trails[0]
    return None


def find_breadcrumbs(root: etree._Element, data: bytes | None = None) -> list[str]:
    """The items of the page's breadcrumb trail (``crumb_trail``) in order, without lead and separators."""
    el = crumb_trail(root, data)
    if el is None:
        return []
    items = []
    for n, item in enumerate(el.iterdescendants("li", "a")):  # (in document order, as ".//li|.//a")
        if n == MAX_CRUMB_ELEMENTS:
            return []  # a site menu marked as a trail, no trail (and libxml2 merges a union in quadratic time)
        if t := text_of(item):
            items.append(t)
    if not items:
        items = [p.strip() for p in re.split(r"[›>»/|]", text_of(el)) if p.strip()]
        if len(items) > MAX_CRUMB_ELEMENTS:
            return []
    seen: list[str] = []
    for i in items:
        i = _CRUMB_TEXT_RE.sub("", i).strip(" ›>»/|")
        if i and (not seen or seen[-1] != i) and len(i) < 120:
            seen.append(i)
    return seen


def _kicker_class(el: etree._Element) -> bool:
    cls = el.get("class")  # (the words one by one: a generator per element costs more than the tests)
    return cls is not None and ("topline" in cls or "kicker" in cls or "dachzeile" in cls or "overline" in cls)


def _beside(el: etree._Element):
    """The headline's own elements, a few elements before (with their children) and after it."""
    yield from el.iterdescendants()
    for sib in islice(el.itersiblings(preceding=True), 3):
        yield sib
        yield from sib
    yield from islice(el.itersiblings(), 2)


def find_kicker(root: etree._Element, headline: etree._Element | None,
                headings: list | None = None) -> str | None:
    """The text of a kicker ("topline", "dachzeile" … class) at the headline: inside it, before or after
    it, or beside the element that holds it; else at the page's first <h1> (on a listing, whose <h1> is
    generic). A kicker elsewhere belongs to a teaser. (Looked at element by element: a few dozen.)
    ``headings``: ``Meta.headings`` of the same, unchanged tree, when collected."""
    found = _kicker_at(headline) if headline is not None else None
    if found is None:
        first_h1 = _first_h1(root, headings)
        if first_h1 is not None and first_h1 is not headline:
            found = _kicker_at(first_h1)
    return found


def _first_h1(root: etree._Element, headings: list | None) -> etree._Element | None:
    """The page's first <h1>: from the headings ``read_meta`` collected (the first <h1>-<h3> in document
    order) when it is among them or they are all there are; else by a walk over the tree."""
    if headings is not None:
        for el in headings:
            if el.tag == "h1":
                return el
        if len(headings) < MAX_HEADINGS:
            return None  # every <h1>-<h3> of the page was collected: there is no <h1>
    return next(root.iter("h1"), None)


def _kicker_at(anchor: etree._Element) -> str | None:
    near = list(_beside(anchor))
    parent = anchor.getparent()
    if parent is not None:
        near += [el for sib in islice(parent.itersiblings(preceding=True), 3) for el in (sib, *sib)]
        near += list(islice(parent.itersiblings(), 2))
    hits = [el for el in near if isinstance(el.tag, str) and _kicker_class(el)]
    return text_of(min(hits, key=_doc_order)) if hits else None


#: date <meta> tags kept (a page has a few; one of 80,000 took a second to weigh them all)
MAX_META_DATES = 50
#: headings kept in ``Meta.headings`` (the headline is among a page's first headings; ``headline.py``)
MAX_HEADINGS = 200
_HEADING_TAGS = frozenset(("h1", "h2", "h3"))


def read_meta(root: etree._Element, data: bytes | None = None) -> Meta:
    """Everything of ``Meta`` from the whole tree (run before cleaning: most of it is in <head> or chrome).
    ``data``: the bytes the tree was parsed from, when known."""
    meta = Meta()
    title = None
    headings = meta.headings = []
    with_h4 = meta.header_headings = []
    for el in root.iter("title", "meta", "link", "script", "h1", "h2", "h3", "h4"):
        tag = el.tag
        if tag in _HEADING_TAGS or tag == "h4":
            if len(with_h4) < MAX_HEADINGS:
                with_h4.append(el)
            if len(headings) < MAX_HEADINGS and tag != "h4":
                headings.append(el)
        elif tag == "title":
            if title is None:
                title = el
        elif tag == "meta":
            prop = el.get("property")
            content = el.get("content")
            if content is None:
                continue
            if prop == "og:title" and meta.og_title is None:
                meta.og_title = norm_space(content)
            elif prop == "og:site_name" and meta.site_name is None:
                meta.site_name = norm_space(content)
            elif prop == "og:url" and meta.og_url is None:
                meta.og_url = content.strip()
            if len(meta.meta_dates) >= MAX_META_DATES:
                continue
            name = (prop or el.get("name") or el.get("itemprop") or "").lower()
            if name in DATE_META_NAMES and content.strip():
                meta.meta_dates.append((name, norm_space(content)))
        elif tag == "link":
            if meta.canonical is None and el.get("rel") == "canonical" and el.get("href") is not None:
                meta.canonical = el.get("href").strip()
        elif el.get("type") == "application/ld+json" and el.text is not None:  # (not the text of other scripts)
            read_jsonld(meta, el.text)
    meta.html_title = text_of(title) if title is not None else None
    meta.breadcrumbs = find_breadcrumbs(root, data)
    meta.lang = root.get("lang")
    return meta
