"""HTML -> the page's content as a list of typed lines.

Works on structure, not on one site's CSS classes: boilerplate is recognised by tag, ARIA role, common
class/id words and short UI texts; the content root is found from the title heading upwards; the content
is then flattened into ``Line`` objects (headings, paragraphs, list items, definition terms, table rows,
images) that the fact, section and credit finders read.

``load`` first empties the site's menus in the page's bytes where that provably changes nothing
(``menus.py``): a portal's mega menu is most of a page's elements, and every pass over the tree pays for it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urljoin

from lxml import etree

from .encoding import decode_html
from .menus import CRUMB_LEAD_RE, MARK, crumb_or_kicker_words, skip_menus

#: Tags whose content is never page text.
_DROP_TAGS = {
    "script", "style", "noscript", "template", "svg", "iframe", "object", "embed", "form", "button",
    "select", "input", "textarea", "nav", "head", "map", "canvas", "video", "audio", "source",
}
_BLOCK_TAGS = {
    "address", "article", "aside", "blockquote", "dd", "details", "div", "dl", "dt", "fieldset",
    "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main",
    "ol", "p", "pre", "section", "table", "tbody", "thead", "tfoot", "tr", "td", "th", "ul", "caption",
    "summary", "center", "body", "html", "picture",
}
_KIND_TAGS = {"h1", "h2", "h3", "h4", "h5", "h6", "li", "dt", "dd", "pre", "figcaption", "caption", "p",
              "td", "th"}
_CAPTION_HINT = re.compile(r"caption|bildunterschrift|credit|copyright|bildnachweis|licen[cs]e|legende", re.I)
#: class/id words of page chrome. Matched as whole words inside class/id strings.
_CHROME_RE = re.compile(
    r"(?:^|[\s_\-])(?:cookies?|consent|gdpr|skip(?:links?)?|sprungmarken?|breadcrumbs?|brotkrume\w*|"
    r"readspeaker|rs_skip|rsbtn|vorlesen|share|sharing|social(?:media)?|navigation|nav|navbar|mainnav|"
    r"subnav|metanav|servicenav|menu|megamenu|footer|pagination|pager|teaserslider|newsletter|searchbox|"
    r"suche|search|toolbar|print|backlink|back-link|emergency|header)(?:$|[\s_\-])",
    re.I,
)
_CHROME_TAG_RE = re.compile(
    r"header|footer|nav|menu|slider|breadcrumb|cookie|consent|emergency|back-link|badge|share|social|search|"
    r"sender-identifier"
)
#: Short UI strings that are not content wherever they appear.
_UI_LINE_RE = re.compile(
    r"^(?:readspeaker|vorlesen|seite vorlesen|diese seite vorlesen|drucken|seite drucken|nach oben|"
    r"zum seitenanfang|seitenanfang|teilen|seite teilen|zurück|zur übersicht|zurück zur übersicht|"
    r"mehr|weiterlesen|mehr erfahren|schließen|menü|suche|top|\^|»|«|print|share|"
    r"\d+ bilder?|bild \d+ von \d+)$",
    re.I,
)
_CRUMB_TEXT_RE = re.compile(r"^\s*(?:sie (?:sind|befinden sich) hier|you are here|aktuelle seite)\s*:?\s*", re.I)
#: custom elements that wrap inline content (links, icons) rather than blocks
_INLINE_CUSTOM_RE = re.compile(r"anchor|link|icon|label|tooltip|abbr|glossar|inline")
_CONTAINER_TAG_RE = re.compile(r"</?(?:div|span|section|article|main|aside|font|center|[a-z]+-[a-z-]+)\b[^>]*>", re.I)
_TAB_SPACE_RE = re.compile(r" ?\t ?")
_RUN_RE = re.compile(r"[ \u00a0\u2002\u2003\u2009]{3,}|\t+")
_WS_RE = re.compile(r"[ \u00a0\u2002\u2003\u2009\u200b\ufeff]+")


@dataclass(slots=True)
class Line:
    text: str
    kind: str = "p"          # h1..h6, p, li, dt, dd, row, pre, figcaption, caption, img
    bold: bool = False       # the whole line is bold
    lead: str | None = None  # leading bold text ("Laufzeit:" of "<strong>Laufzeit:</strong> 2010")
    caption: bool = False    # inside figure/figcaption/caption or a caption/credit container
    cells: tuple[str, ...] = ()
    image: dict | None = None
    consumed: str | None = None  # what a finder used this line for: fact, credit, caption, heading …

    @property
    def heading_level(self) -> int:
        return int(self.kind[1]) if len(self.kind) == 2 and self.kind[0] == "h" else 0


@dataclass
class Document:
    url: str
    root: etree._Element           # the whole cleaned document
    content: etree._Element        # the content root
    title_el: etree._Element | None
    lines: list[Line] = field(default_factory=list)
    title_index: int = -1          # index of the title line in ``lines`` (-1: none)
    meta: dict = field(default_factory=dict)


def decode(body: bytes | str, content_type: str | None = None) -> str:
    """Bytes from a file or the wire -> text, honouring BOM, header charset and <meta charset>."""
    if isinstance(body, str):
        return body
    return decode_html(bytes(body), content_type)[1]


_XML_DECL_RE = re.compile(r"\s*<\?xml[^>]*>")


def _parser() -> etree.HTMLParser:
    return etree.HTMLParser(encoding="utf-8", collect_ids=False, remove_comments=True)


def parse_html(html: str | bytes) -> etree._Element:
    return _parse(decode(html))[0]


def _utf8(text: str) -> bytes:
    """Text -> the UTF-8 bytes libxml2 is given."""
    m = _XML_DECL_RE.match(text)
    if m:
        text = text[m.end():]  # lxml refuses str input with an XML encoding declaration
    if not text or text.isspace():  # (not strip(): a copy of the page)
        raise ValueError("empty document")
    # UTF-8 bytes with the encoding given: libxml2 parses them ~30 % faster than a Python str
    return text.encode("utf-8", "replace")


def _parse(text: str) -> tuple[etree._Element, bytes]:
    """The tree, and the UTF-8 bytes it was parsed from."""
    data = _utf8(text)
    return _parse_bytes(data, deep_ok=True), data


def _parse_bytes(data: bytes, deep_ok: bool) -> etree._Element | None:
    """``deep_ok``: when libxml2 hits its depth limit, parse again without layout containers (else None)."""
    try:
        # plain etree elements, not lxml.html's HtmlElement: its class lookup runs Python code for every
        # element touched, which made a traversal of a page several times slower;
        # no ID index (nothing looks elements up by ID) and no comment nodes (``clean`` dropped them anyway,
        # keeping their tail text where it was): another 15 %
        parser = _parser()
        root = etree.fromstring(data, parser)
        if any(e.type_name == "ERR_RESOURCE_LIMIT" for e in parser.error_log):
            if not deep_ok:
                return None
            # libxml2 drops everything nested deeper than 256 elements (generated markup, unclosed <div>s in a
            # loop); without the layout containers the content's own structure fits
            text = data.decode("utf-8")
            root = etree.fromstring(_CONTAINER_TAG_RE.sub(" ", text).encode("utf-8", "replace"), _parser())
    except (etree.ParserError, ValueError) as exc:
        raise ValueError(f"not parseable as HTML: {exc}") from exc
    if root is None:
        raise ValueError("not parseable as HTML: document is empty")
    return root


# Whitespace handling runs on every text line of every page, so it has a fast path in str methods; the
# regular expressions (which make one match per space, ~35 ns a character) only see lines with tabs,
# runs of 3+ spaces or unusual spaces. Both paths give the same result (tests/extract/test_fastpaths.py).


def _join_lines(text: str) -> str:
    r"""Every whitespace run that holds a line break -> one space (== re.sub(r"\s*[\r\n]\s*", " ", text),
    which is quadratic on long indentation runs)."""
    if "\n" not in text and "\r" not in text:
        return text
    lines = text.replace("\r", "\n").split("\n")
    last = len(lines) - 1
    out = [lines[0].rstrip()]
    for i in range(1, last):
        mid = lines[i].strip()
        if mid:
            out.append(mid)
    out.append(lines[last].lstrip())
    return " ".join(out)


def _plain(text: str) -> bool:
    return not ("\t" in text or "   " in text or "\u00a0" in text or "\u2002" in text or "\u2003" in text
                or "\u2009" in text or "\u200b" in text or "\ufeff" in text)


def _single_spaced(text: str) -> str:
    """Runs of spaces -> one, ends stripped; for text that ``_plain`` accepted. Most lines already are: they
    are returned as they are, without splitting them into words."""
    if "  " not in text and not text[:1].isspace() and not text[-1:].isspace():
        return text
    return " ".join(filter(None, text.split(" "))).strip()


def norm_space(text: str) -> str:
    text = _join_lines(text)
    if _plain(text):
        return _single_spaced(text)
    return _WS_RE.sub(" ", text).strip()


def squash_line(raw: str, pre: bool = False) -> str:
    """A block's raw text -> one line; runs of 3+ spaces or tabs (column gaps) become one tab."""
    if not pre:
        raw = _join_lines(raw)
    if _plain(raw):
        return _single_spaced(raw)
    raw = _RUN_RE.sub("\t", raw)
    text = _WS_RE.sub(" ", raw).strip().strip("\t").strip()
    return _TAB_SPACE_RE.sub("\t", text)


_STRING = etree.XPath("string()", smart_strings=False)


def text_content(el: etree._Element) -> str:
    """All text below ``el`` (what lxml.html's ``text_content()`` gives), for plain etree elements."""
    return _STRING(el)


def text_of(el: etree._Element) -> str:
    return norm_space(_STRING(el))


def _tag(el) -> str:
    return el.tag.lower() if isinstance(el.tag, str) else ""


def _ancestors_or_self(el):
    while el is not None:
        yield el
        el = el.getparent()


# compiled once: XPath compilation is a good part of the cost on 50 kB pages
_X_CRUMB_ITEMS = etree.XPath(".//li|.//a")
# XPath's translate() over every element cost ~1.4 ms a page; one Python pass over the elements ~0.15 ms
_LOWER_ALL = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
_LOWER_PFAD = str.maketrans("BEFHIPRSZ", "befhiprsz")
_LOWER_BROT = str.maketrans("BKMORT", "bkmort")


_CRUMB_LEAD_RE = re.compile(r"[ \t\r\n]*(?:Sie[ \t\r\n]+[^ \t\r\n]|You[ \t\r\n]+are)")  # XPath: starts-with(normalize-space(text()[1]), ...)


def _crumb_candidate(el: etree._Element, tag: str) -> bool:
    """Breadcrumb candidates by attribute, by custom-element name, or by a "Sie befinden sich hier:" lead."""
    attrib = el.attrib
    if attrib:
        cls, eid, aria = attrib.get("class"), attrib.get("id"), attrib.get("aria-label")
        if cls is not None or eid is not None or aria is not None:
            joined = f"{cls or ''} {eid or ''} {aria or ''}"
            low = joined.lower()  # a cheap superset test first; the exact case rules below
            if ("crumb" in low or "pfad" in low or "brotkrume" in low or "sie sind hier" in low) and (
                    "crumb" in joined.translate(_LOWER_ALL) or "pfad" in joined.translate(_LOWER_PFAD)
                    or "brotkrume" in joined.translate(_LOWER_BROT)
                    or "sie sind hier" in (aria or "").replace("S", "s")):
                return True
    if "breadcrumb" in tag:
        return True
    if tag in ("div", "p", "nav", "ol", "ul"):
        return _has_crumb_lead(el)
    return False


def _has_crumb_lead(el: etree._Element) -> bool:
    """Its first text node starts with "Sie …" / "You are" (a "Sie befinden sich hier:" trail)."""
    first = el.text if el.text is not None else next((c.tail for c in el if c.tail is not None), None)
    return first is not None and _CRUMB_LEAD_RE.match(first) is not None


_X_ATTRS = etree.XPath("//@class | //@id | //@aria-label")


def _doc_order(el: etree._Element) -> tuple[int, ...]:
    key = []
    parent = el.getparent()
    while parent is not None:
        key.append(parent.index(el))
        el, parent = parent, parent.getparent()
    return tuple(reversed(key))


def _custom_crumb_tag_possible(low: bytes) -> bool:
    """Whether an element named "…breadcrumb…" can be in the page: the word inside a tag name."""
    i = low.find(b"breadcrumb")
    while i != -1:
        j = low.rfind(b"<", 0, i)
        if j != -1 and not any(c in b" \t\r\n>/\"'=" for c in low[j + 1:i]):
            return True
        i = low.find(b"breadcrumb", i + 10)
    return False


def _meta_candidates(root: etree._Element, raw: bytes | None = None
                     ) -> tuple[list[etree._Element], etree._Element | None]:
    """Breadcrumb candidates in document order, and the first kicker element.

    Same result as testing ``_crumb_candidate`` (and, for the kicker, "topline"/"kicker"/"dachzeile"/
    "overline" in the class) on every element, but only the
    attribute values are looked at in Python (a page has hundreds of elements and few crumb-like names),
    and the scans that can only find something when a word occurs in the page's source (``raw``, its
    UTF-8 bytes) are skipped when it does not: a Python loop over ~700 elements costs more than the rest.
    With ``raw``, elements that only have a "Sie …"/"You are" lead are found only where the lead reads as a
    breadcrumb trail's ("Sie sind hier", …): others are never taken by ``_read_crumbs``.
    """
    src = raw.lower() if raw is not None else None  # bytes: ASCII only, at memory speed
    found: dict = {}
    kicker = None
    if src is None or crumb_or_kicker_words(raw, src):
        for value in _X_ATTRS(root):
            low = value.lower()
            if "crumb" in low or "pfad" in low or "brotkrume" in low or "sie sind hier" in low:
                el = value.getparent()
                if el not in found and _crumb_candidate(el, _tag(el)):
                    found[el] = None
            if kicker is None and ("topline" in value or "kicker" in value or "dachzeile" in value
                                   or "overline" in value) and value.attrname == "class":
                kicker = value.getparent()
    if src is None or _custom_crumb_tag_possible(src):
        for el in root.iter(etree.Element):  # (faster than the equivalent XPath in libxml2)
            if "breadcrumb" in el.tag:
                found.setdefault(el, None)
    if raw is None or b"&#" in raw or CRUMB_LEAD_RE.search(raw):  # (leads _read_crumbs would not take: left out)
        for el in root.iter("div", "p", "nav", "ol", "ul"):
            if _has_crumb_lead(el):
                found.setdefault(el, None)
    candidates = list(found)
    if len(candidates) > 1:
        candidates.sort(key=_doc_order)
    return candidates, kicker


_CRUMB_CLASS_RE = re.compile(r"breadcrumb|brotkrume|brotkrumen|sie sind hier|pfadnavigation|(?:^|[\s_-])pfad(?:$|[\s_-])",
                             re.I)
_JSONLD_HEADLINE_RE = re.compile(r'"headline"\s*:\s*"((?:[^"\\]|\\.)*)"')


def scan(root: etree._Element, raw: bytes | None = None) -> tuple[dict, set]:
    meta, scope, _ = _scan(root, raw)
    return meta, scope


def _scan(root: etree._Element, raw: bytes | None, head: bool = True) -> tuple[dict, set, list]:
    """Everything read before cleaning: the page's metadata (titles, breadcrumbs, kicker, canonical, JSON-LD
    headline) and ``find_cookie_scope``. ``raw``: the UTF-8 bytes the tree was parsed from, to skip lookups
    that cannot find anything in them.

    A Python loop over a page's ~700 elements costs more than the lookups themselves (lxml builds a proxy
    object and decodes each text it is asked for), so the head's elements are picked by ``iter(tag)`` in C
    (not four ``//`` XPaths, one walk each). Same result as the lookups it replaced
    (tests/extract/test_fastpaths.py).
    """
    title = og_title = site_name = canonical = headline = None
    for el in root.iter("title", "meta", "link", "script"):
        tag = el.tag
        if tag == "title":
            if title is None:
                title = el
        elif tag == "meta":
            prop = el.get("property")
            if prop == "og:title" and og_title is None:
                og_title = el.get("content")
            elif prop == "og:site_name" and site_name is None:
                site_name = el.get("content")
        elif tag == "link":
            if canonical is None and el.get("rel") == "canonical":
                canonical = el.get("href")
        elif headline is None and el.text is not None and el.get("type") == "application/ld+json":
            m = _JSONLD_HEADLINE_RE.search(el.text)
            if m:
                headline = m.group(1)
    candidates, kicker = _meta_candidates(root, raw)
    scope = find_cookie_scope(root, head) if raw is None or b"ookie" in raw else set()
    meta: dict = {
        "html_title": text_of(title) if title is not None else None,
        "og_title": norm_space(og_title) if og_title is not None else None,
        "site_name": norm_space(site_name) if site_name is not None else None,
        "canonical": canonical.strip() if canonical is not None else None,
        "jsonld_headline": None,
    }
    if headline is not None:
        meta["jsonld_headline"] = norm_space(headline.encode().decode("unicode_escape", "ignore")
                                             if "\\u" in headline else headline)
    _read_crumbs(meta, candidates, kicker)
    meta["lang"] = root.get("lang")
    if kicker is not None:
        candidates.append(kicker)
    return meta, scope, candidates


#: (a boolean from libxml2: the subtree's text is not copied into a Python string)
_HAS_COOKIE = etree.XPath("contains(., 'ookie')")


def find_cookie_scope(root: etree._Element, head: bool = True) -> set:
    """The elements with a text node mentioning cookies, and their ancestors: only these can be an
    unlabelled cookie banner (``clean``). (As lxml reports a text node's parent: for a tail text, the
    element it follows.)

    Found from the top down, only descending into elements whose text holds the word: the string value of a
    subtree is one C call, while testing every text node (``//text()[contains(., 'ookie')]``) copied each
    of a page's ~1,500 text nodes (~0.35 ms). Same result (tests/extract/test_fastpaths.py).
    ``head=False``: not looking into <head> (its scripts and styles often say "cookie"); ``clean`` never
    looks inside it.
    """
    scope: set = set()
    if not _HAS_COOKIE(root):
        return scope
    hits = []
    stack = [root]
    while stack:
        el = stack.pop()
        text = el.text
        if text is not None and "ookie" in text:
            hits.append(el)
        for child in el:
            tail = child.tail
            if tail is not None and "ookie" in tail:
                hits.append(child)
            # (an element whose string holds the word only across text nodes, "Co<b>okie</b>", is entered
            # and yields nothing)
            if isinstance(child.tag, str) and (head or child.tag != "head") and _HAS_COOKIE(child):
                stack.append(child)
    for el in hits:
        while el is not None and el not in scope:
            scope.add(el)
            el = el.getparent()
    return scope


def _read_crumbs(meta: dict, candidates: list[etree._Element], kicker: etree._Element | None) -> None:
    crumbs: list[str] = []
    for el in candidates:
        cls = f"{el.get('class', '')} {el.get('id', '')} {el.get('aria-label', '')}"
        if _CRUMB_CLASS_RE.search(cls) or "breadcrumb" in _tag(el) or (
                _tag(el) in ("div", "p", "nav", "ol", "ul") and _CRUMB_TEXT_RE.match(el.text or "")):
            items = [t for t in map(text_of, _X_CRUMB_ITEMS(el)) if t]
            if not items:
                items = [p.strip() for p in re.split(r"[›>»/|]", text_of(el)) if p.strip()]
            seen: list[str] = []
            for i in items:
                i = _CRUMB_TEXT_RE.sub("", i).strip(" ›>»/|")
                if i and (not seen or seen[-1] != i) and len(i) < 120:
                    seen.append(i)
            crumbs = seen
            break
    meta["breadcrumbs"] = crumbs
    meta["kicker"] = text_of(kicker) if kicker is not None else None


def _is_chrome(el: etree._Element) -> bool:
    tag = _tag(el)
    if tag in _DROP_TAGS:
        return True
    if tag in ("footer", "header"):
        return True
    if tag == "aside":  # a sidebar of links is chrome; a "Projektdaten" box is not
        txt = len(text_content(el).strip()) or 1
        return sum(len(text_content(a).strip()) for a in el.iter("a")) / txt > 0.5
    if "-" in tag and _CHROME_TAG_RE.search(tag):
        return True
    cls = eid = None
    for name, value in el.items():  # one call for all attributes, not five lookups
        if name == "class":
            cls = value
        elif name == "id":
            eid = value
        elif name == "role":
            if value.lower() in _CHROME_ROLES:
                return True
        elif name == "hidden" or (name == "aria-hidden" and value == "true"):
            return True
    if cls is None and eid is None:
        return False
    cid = f"{cls or ''} {eid or ''}"
    return bool(cid.strip()) and _CHROME_RE.search(cid) is not None


_CHROME_ROLES = frozenset(("navigation", "banner", "contentinfo", "search", "menu", "menubar", "dialog",
                           "alertdialog"))


_COOKIE_TAGS = ("div", "section", "aside", "dialog", "p")
_COOKIE_TEXT_MAX = 800  # characters: a notice is short


def _cookie_like(el: etree._Element) -> bool:
    if _tag(el) not in _COOKIE_TAGS:
        return False
    txt = text_content(el)
    return len(txt) < _COOKIE_TEXT_MAX and "ookie" in txt and re.search(r"akzeptier|zustimm|einverstanden|ablehnen|Einstellung", txt) is not None


def find_title_el(root: etree._Element, generic: set[str]) -> etree._Element | None:
    """The content's heading: an <h1> that is not the portal name or a section label."""
    h1s = [h for h in root.iter("h1") if text_of(h)]
    for h in h1s:
        if any(_tag(a) in ("nav", "footer") for a in _ancestors_or_self(h)):
            continue
        if text_of(h).lower() in generic:
            continue
        return h
    # no usable h1: the first h2 inside main/article (some CMSes demote the title)
    for scope in root.xpath("//main|//article|//*[@role='main']"):
        for h in scope.iter("h2"):
            if text_of(h) and text_of(h).lower() not in generic:
                return h
    return None


def clean(root: etree._Element, keep: etree._Element | None, cookie_scope: set | None = None) -> None:
    """Remove page chrome in place, never an element that holds the title. ``cookie_scope``: from ``scan``
    of the same, unchanged tree."""
    protected = set(_ancestors_or_self(keep)) if keep is not None else set()
    if cookie_scope is None:
        cookie_scope = find_cookie_scope(root)
    doomed = []
    stack = [root]
    while stack:  # pre-order, not descending into what is removed anyway
        el = stack.pop()
        if not isinstance(el.tag, str):
            if isinstance(el, (etree._Comment, etree._ProcessingInstruction)):
                doomed.append(el)
            continue
        if el not in protected and (_is_chrome(el) or (el in cookie_scope and _cookie_like(el))):
            doomed.append(el)
            continue
        stack.extend(reversed(el))
    for el in doomed:
        parent = el.getparent()
        if parent is None:
            continue
        # keep the tail text: it belongs to the parent
        if el.tail and el.tail.strip():
            prev = el.getprevious()
            if prev is not None:
                prev.tail = (prev.tail or "") + el.tail
            else:
                parent.text = (parent.text or "") + el.tail
        parent.remove(el)


def content_root(root: etree._Element, title_el: etree._Element | None) -> etree._Element:
    body = root.find("body")
    if body is None:
        body = root
    total = len(text_content(body))
    if title_el is None:
        for xp in ("//main", "//*[@role='main']", "//article", "//*[@id='content']", "//*[@id='inhalt']"):
            found = root.xpath(xp)
            if found and len(text_content(found[0])) > 0.3 * total:
                return found[0]
        return body
    node = title_el
    while True:
        parent = node.getparent()
        if parent is None or _tag(parent) in ("body", "html"):
            return body
        node = parent
        if _tag(node) in ("main", "article") or node.get("role") == "main":
            return node
        if len(text_content(node)) >= 0.5 * total:
            return node


class _Flattener:
    def __init__(self, base_url: str):
        self.base_url = base_url
        self.lines: list[Line] = []
        self._frags: list[str] = []
        self._bold_len = 0
        self._len = 0
        self._lead: list[str] = []
        self._lead_open = True
        self._kind = "p"
        self._caption = False
        self._pre = False
        self.title_el = None
        self.title_index = -1

    def _add(self, text: str, bold: bool, kind: str, caption: bool) -> None:
        if self._pre:
            parts = text.split("\n")
            for i, part in enumerate(parts):
                if i:
                    self.flush()
                self._add_inline(part, bold, kind, caption)
            return
        self._add_inline(text, bold, kind, caption)

    def _add_inline(self, text: str, bold: bool, kind: str, caption: bool) -> None:
        frags = self._frags
        n = len(text.strip())
        if not frags:
            if not n and not bold and not self._pre:
                return  # indentation before a line's first text: squashed away, changes nothing
            self._kind, self._caption = kind, caption
        frags.append(text)
        self._len += n
        if n:
            if bold:
                self._bold_len += n
                if self._lead_open:
                    self._lead.append(text)
            else:
                self._lead_open = False
        elif bold and self._lead_open:
            self._lead.append(text)

    def flush(self) -> None:
        if not self._frags:
            return
        if not self._len:  # only whitespace collected: no line, nothing to squash
            self._frags, self._lead = [], []
            self._bold_len = 0
            self._lead_open = True
            return
        text = squash_line("".join(self._frags), self._pre)
        if text:
            lead = norm_space("".join(self._lead)) if self._lead else None
            self.lines.append(Line(
                text=text, kind=self._kind, bold=self._len > 0 and self._bold_len >= 0.9 * self._len,
                lead=lead or None, caption=self._caption,
            ))
        self._frags, self._lead = [], []
        self._bold_len = self._len = 0
        self._lead_open = True

    def walk(self, el: etree._Element, bold: bool, kind: str, caption: bool) -> None:
        # (runs for every element of the content: tag names straight from lxml, which gives the HTML
        # parser's lower-case names, and a flush only when something was collected)
        tag = el.tag
        if tag.__class__ is not str:
            return
        if tag == "br":
            if self._frags:
                self.flush()
            return
        if tag == "img":
            src = el.get("src") or el.get("data-src") or ""
            if src and not src.startswith("data:"):
                if self._frags:
                    self.flush()
                self.lines.append(Line(text="", kind="img", caption=caption, image={
                    "url": urljoin(self.base_url, src.strip()), "alt": norm_space(el.get("alt") or ""),
                    "width": el.get("width"), "height": el.get("height"),
                }))
            return
        if tag == "tr" and self._simple_row(el):
            if self._frags:
                self.flush()
            cells = tuple(text_of(c) for c in el if _tag(c) in ("td", "th"))
            cells = tuple(c for c in cells if c)
            if cells:
                self.lines.append(Line(text="\t".join(cells), kind="row", cells=cells, caption=caption,
                                       bold=all(_tag(c) == "th" for c in el if _tag(c) in ("td", "th"))))
            return
        block = tag in _BLOCK_TAGS or ("-" in tag and not _INLINE_CUSTOM_RE.search(tag))
        if block:
            if self._frags:
                self.flush()
            if tag in _KIND_TAGS:
                kind = tag if tag not in ("td", "th") else "p"
            elif tag in ("div", "section", "article", "main", "body", "figure", "blockquote") or "-" in tag:
                kind = "p"
            if tag in ("figure", "figcaption", "caption") or (len(el.attrib) and (
                    el.get("slot") in ("licence", "license", "figcaption")
                    or _CAPTION_HINT.search(f"{el.get('class', '')} {el.get('id', '')}"))):
                caption = True
        is_title = el is self.title_el
        if is_title and self._frags:
            self.flush()
        if tag in ("strong", "b") or (tag == "span" and "bold" in (el.get("class") or "")):
            bold = True
        pre = tag == "pre"
        if pre:
            was_pre = self._pre
            self._pre = True
        text = el.text  # (each read of .text/.tail decodes a new string)
        if text:
            if self._pre:
                self._add(text, bold, kind, caption)
            else:
                self._add_inline(text, bold, kind, caption)
        for child in el:
            self.walk(child, bold, kind, caption)
            tail = child.tail
            if tail:
                if self._pre:
                    self._add(tail, bold, kind, caption)
                else:
                    self._add_inline(tail, bold, kind, caption)
        if pre:
            self.flush()
            self._pre = was_pre
        if block or is_title:
            if self._frags:
                self.flush()
            if is_title and self.title_index < 0:
                for i in range(len(self.lines) - 1, -1, -1):
                    if self.lines[i].kind != "img":
                        self.title_index = i
                        break

    @staticmethod
    def _simple_row(tr: etree._Element) -> bool:
        """A data row (not a layout table): its cells hold no block content."""
        for cell in tr:
            for d in cell.iter():
                if d is not cell and _tag(d) in ("p", "div", "ul", "ol", "table", "h1", "h2", "h3", "h4",
                                                 "dl", "section", "img"):
                    return False
        return True


def flatten(content: etree._Element, base_url: str, title_el: etree._Element | None) -> tuple[list[Line], int]:
    f = _Flattener(base_url)
    f.title_el = title_el
    f.walk(content, False, "p", False)
    f.flush()
    lines = [ln for ln in f.lines if ln.kind == "img" or not _UI_LINE_RE.match(ln.text)]
    title_index = -1
    if f.title_index >= 0:
        target = f.lines[f.title_index]
        title_index = next((i for i, ln in enumerate(lines) if ln is target), -1)
    return lines, title_index


GENERIC_TITLES = {
    "beendete projekte", "abgeschlossene projekte", "laufende projekte", "projekte", "aktuelles",
    "stadterneuerung", "stadtumbau", "soziale stadt", "startseite", "dortmund.de", "navigation", "menü",
    "stadtportal dortmund.de", "inhalt", "suche", "dortmund überrascht. dich.",
}


def load(html: str | bytes, url: str, data: bytes | None = None) -> Document:
    """``data``: ``html``'s UTF-8 bytes, when the caller has them (``page``: the bytes from the wire)."""
    if data is None or b"<?xml" in data:  # (an XML declaration is cut from the text)
        data = _utf8(decode(html))
    lean, skipped = skip_menus(data, _chrome_start_tag)
    if skipped:
        doc = _load(lean, url, skipped)
        if doc is not None:
            return doc
    return _load(data, url, None)


def _chrome_start_tag(head: bytes) -> bool:
    """Whether ``clean`` removes a <div> with this start tag whatever it holds (``_is_chrome`` decides a
    <div> by its attributes alone)."""
    el = etree.fromstring(head, _parser()).find(".//div")
    return el is not None and _is_chrome(el)


def _load(data: bytes, url: str, skipped: list | None) -> Document | None:
    """``skipped``: the menus ``skip_menus`` emptied in ``data``; None when it is the page as it came.
    Returns None when an emptied menu could have made a difference (``Skipped.fits``)."""
    root = _parse_bytes(data, deep_ok=skipped is None)
    if root is None:
        return None
    meta, cookie_scope, watched = _scan(root, data, head=False)  # (clean never looks inside <head>)
    title_el = find_title_el(root, GENERIC_TITLES)
    if skipped is not None:
        marked = [el for el in root.iter(*{sk.tag for sk in skipped}) if el.get(MARK) is not None]
        if len(marked) != len(skipped):
            return None
        # a cookie-notice candidate reads its whole text only while that is short: with the menu in place it
        # can only be longer
        watched = set(watched)
        watched.update(el for el in cookie_scope
                       if el.tag in _COOKIE_TAGS and len(_STRING(el)) < _COOKIE_TEXT_MAX)
        heading_stage = title_el is None or title_el.tag != "h1"
        if not all(sk.fits(el, heading_stage, watched) for el, sk in zip(marked, skipped)):
            return None
    clean(root, title_el, cookie_scope)
    if title_el is not None and title_el.getroottree().getroot() is not root:
        title_el = None
    content = content_root(root, title_el)
    lines, title_index = flatten(content, url, title_el)
    return Document(url=url, root=root, content=content, title_el=title_el, lines=lines,
                    title_index=title_index, meta=meta)
