"""The content root flattened into typed lines: what the finders read.

A ``Line`` is what a reader sees as one line: a heading, a paragraph (or one of its ``<br>`` lines), a list
item, a definition term or definition, a table row (with its cells), preformatted text, a caption, or an
image. Inline markup is kept only as what it means: a line that is all bold, the bold text it starts with
("<strong>Laufzeit:</strong> 2010" -> lead "Laufzeit:"), and whether it sits in a figure, caption or
credit container. Short UI strings ("Seite drucken", "nach oben") are left out.

``Line.consumed`` says which finder claimed a line; the order in which finders claim is set in
``finders.py``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urljoin, urlsplit

from lxml import etree

from .text import norm_space, squash_line, tag_of, text_of

_BLOCK_TAGS = frozenset((
    "address", "article", "aside", "blockquote", "dd", "details", "div", "dl", "dt", "fieldset",
    "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main",
    "ol", "p", "pre", "section", "table", "tbody", "thead", "tfoot", "tr", "td", "th", "ul", "caption",
    "summary", "center", "body", "html", "picture",
))
_KIND_TAGS = frozenset(("h1", "h2", "h3", "h4", "h5", "h6", "li", "dt", "dd", "pre", "figcaption", "caption", "p",
                        "td", "th"))
_CAPTION_HINT = re.compile(r"caption|bildunterschrift|credit|copyright|bildnachweis|licen[cs]e|legende", re.I)
#: custom elements that wrap inline content (links, icons) rather than blocks
_INLINE_CUSTOM_RE = re.compile(r"anchor|link|icon|label|tooltip|abbr|glossar|inline")
#: short UI strings that are not content wherever they appear
_UI_LINE_RE = re.compile(
    r"^(?:readspeaker|vorlesen|seite vorlesen|diese seite vorlesen|drucken|seite drucken|nach oben|"
    r"zum seitenanfang|seitenanfang|teilen|seite teilen|zurück|zur übersicht|zurück zur übersicht|"
    r"mehr|weiterlesen|mehr erfahren|schließen|menü|suche|top|\^|»|«|print|share|"
    r"\d+ bilder?|bild \d+ von \d+)$",
    re.I,
)
#: the longest text ``_UI_LINE_RE`` matches but for its numbers (a count of pictures: a digit at one end)
_UI_LINE_MAX = 25


def _ui_line(text: str) -> bool:
    """A short UI string (``_UI_LINE_RE``); a long line without a digit at its ends is none, without the
    pattern's call."""
    if len(text) > _UI_LINE_MAX and not (text[:1].isdecimal() or text[-2:].rstrip("\n")[-1:].isdecimal()):
        return False
    return _UI_LINE_RE.match(text) is not None


#: lines read at most: a project page has a few hundred; a data dump with a hundred thousand table rows
#: would take seconds to read, and is cut here with a warning
MAX_LINES = 3000
#: elements read at most: a project page's content has a few thousand; one paragraph of a hundred thousand
#: <span>s is one line, which ``MAX_LINES`` does not cut (as many as ``chrome.MAX_VISITS`` looks at)
MAX_ELEMENTS = 20000
_NOT_SIMPLE_CELL = frozenset(("p", "div", "ul", "ol", "table", "h1", "h2", "h3", "h4", "dl", "section", "img"))


@dataclass(slots=True)
class Line:
    text: str
    kind: str = "p"          # h1..h6, p, li, dt, dd, row, pre, figcaption, caption, img
    bold: bool = False       # the whole line is bold
    lead: str | None = None  # leading bold text ("Laufzeit:" of "<strong>Laufzeit:</strong> 2010")
    caption: bool = False    # inside figure/figcaption/caption or a caption/credit container
    cells: tuple[str, ...] = ()
    image: dict | None = None
    inline: bool = False     # an image that stood inside running text: the lines after it are no caption
    consumed: str | None = None  # which finder claimed the line (finders.py): credit, caption, fact, …
    #: the element the line came from: the block its first text stood in, the <img>, the <tr>; the finders
    #: that need the markup around a line (which figure a credit is in, which section a line belongs to)
    #: go from here
    el: etree._Element | None = None

    @property
    def heading_level(self) -> int:
        return int(self.kind[1]) if len(self.kind) == 2 and self.kind[0] == "h" else 0


_caption_words: dict[str, bool] = {}  # class/id strings repeat across a page and a site's pages


def _caption_container(cid: str) -> bool:
    hit = _caption_words.get(cid)
    if hit is None:
        if len(_caption_words) > 20000:
            _caption_words.clear()
        hit = _caption_words[cid] = _CAPTION_HINT.search(cid) is not None
    return hit


_CAPTION_SLOTS = ("licence", "license", "figcaption")
_caption_values: dict[str, bool] = {}


def _caption_attrs(el: etree._Element) -> bool:
    """A caption or credit container by its attributes: its slot, or a caption word in its class or id.
    (Most blocks have a class and no caption word: all attribute values are read in one call, and only an
    element with one that is a slot name or holds a caption word is looked at by name.)"""
    for value in el.values():
        hit = _caption_values.get(value)
        if hit is None:
            if len(_caption_values) > 20000:
                _caption_values.clear()
            hit = _caption_values[value] = value in _CAPTION_SLOTS or _CAPTION_HINT.search(value) is not None
        if hit:
            # (the pattern's words hold no space: it matches "class id" only where it matches one of them)
            return el.get("slot") in _CAPTION_SLOTS or _caption_container(f"{el.get('class', '')} {el.get('id', '')}")
    return False


#: a src that only holds the place of the real image (lazy loading): the real URL is in another attribute
_PLACEHOLDER_RE = re.compile(r"(?:^data:|(?:^|/)(?:dummy|blank|spacer|placeholder|pixel|transparent|empty)"
                             r"[\w-]*\.(?:gif|png|svg)(?:$|\?))", re.I)
_PLACEHOLDER_WORDS = ("dummy", "blank", "spacer", "placeholder", "pixel", "transparent", "empty")
_LAZY_ATTRS = ("data-src", "data-lazy-src", "data-original", "data-srcset", "srcset")


def _placeholder(src: str) -> bool:
    """``_PLACEHOLDER_RE`` finds something in ``src``; an ASCII src without its words (lower case) is let
    through without the pattern, which goes through a long URL character by character."""
    if src.isascii():
        low = src.lower()
        if not low.startswith("data:") and not any(map(low.__contains__, _PLACEHOLDER_WORDS)):
            return False
    return _PLACEHOLDER_RE.search(src) is not None


def image_src(el: etree._Element) -> str | None:
    """The URL of an <img>: its src, or when that is empty or a placeholder, the lazy-loading attribute
    that holds the real one (the first URL of a srcset). None: no picture to show."""
    src = (el.get("src") or "").strip()
    if src and not _placeholder(src):
        return src
    for name in _LAZY_ATTRS:
        value = (el.get(name) or "").strip()
        if value:
            value = value.split(",")[0].split()[0] if "srcset" in name else value
            if value and not value.startswith("data:"):
                return value
    return None  # a placeholder with nothing behind it shows no picture


#: an absolute http(s) URL that ``urljoin`` gives back unchanged: a host, and nothing that it rewrites or
#: checks (a fragment, ";" params, IPv6 brackets, whitespace, an empty query, a scheme in capitals)
_PLAIN_ABSOLUTE_RE = re.compile(r"https?://[^/?#;\[\]\s][^#;\[\]\s]*(?<!\?)\Z")


#: a path from the root that ``urljoin`` puts after the base's scheme and host as it is: nothing it rewrites
#: or checks (as above, and no "//" or dot segments; tested by ``_plain_path``)
_ROOT_PATH_RE = re.compile(r"/[^#;\[\]\s]*(?<!\?)\Z")


def _plain_path(src: str) -> bool:
    return _ROOT_PATH_RE.match(src) is not None and "//" not in src and "/." not in src


@lru_cache(maxsize=64)
def _root_of(base_url: str) -> str:
    """"https://host" of an http(s) base URL; "" of any other."""
    parts = urlsplit(base_url)
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme in ("http", "https") and parts.netloc else ""


def _absolute(base_url: str, src: str) -> str:
    """``urljoin(base_url, src)``; for the many srcs that are already absolute or start at the root, without
    its parsing."""
    if src.isascii():
        if _PLAIN_ABSOLUTE_RE.match(src):
            return src
        if src[:1] == "/" and _plain_path(src):
            root = _root_of(base_url)
            if root:
                return root + src
    return urljoin(base_url, src)


#: tag name -> (block, kind, caption, bold): the element is a block (a line ends before and after it); the kind
#: of the lines in it (None: its parent's); a caption container by its name; its text bold by its name.
#: Filled as the names come: the walk looks its element's name up once, not in a row of tests.
_tag_rules: dict[str, tuple[bool, str | None, bool, bool]] = {}


def _tag_rule(tag: str) -> tuple[bool, str | None, bool, bool]:
    rule = _tag_rules.get(tag)
    if rule is None:
        block = tag in _BLOCK_TAGS or ("-" in tag and not _INLINE_CUSTOM_RE.search(tag))
        kind = None
        if block:
            if tag in _KIND_TAGS:
                kind = tag if tag not in ("td", "th") else "p"
            elif tag in ("div", "section", "article", "main", "body", "figure", "blockquote") or "-" in tag:
                kind = "p"
        rule = (block, kind, block and tag in ("figure", "figcaption", "caption"), tag in ("strong", "b"))
        if len(_tag_rules) > 20000:  # (custom element names are the site's own)
            _tag_rules.clear()
        _tag_rules[tag] = rule
    return rule


class _Full(Exception):
    """``MAX_LINES`` or ``MAX_ELEMENTS`` reached (the warning)."""


def _lines_full() -> _Full:
    return _Full(f"content longer than {MAX_LINES} lines: only the first {MAX_LINES} were read")


class _Flattener:
    def __init__(self, base_url: str, title_el: etree._Element | None, image_url=None):
        self.base_url = base_url
        self.image_url = image_url or image_src
        self.title_el = title_el
        self.title_index = -1
        self.elements_left = MAX_ELEMENTS
        self.lines: list[Line] = []
        self._frags: list[str] = []
        self._bold_len = 0       # characters of bold text in the pending line (whitespace not counted)
        self._text = False       # the pending line holds more than whitespace
        self._lead: list[str] = []
        self._lead_open = True
        self._kind = "p"
        self._caption = False
        self._pre = False
        self._inline_images: list[Line] = []
        self._block: etree._Element | None = None  # the innermost block element being walked
        self._el: etree._Element | None = None     # the block the pending line's first text stood in

    def _add(self, text: str, bold: bool, kind: str, caption: bool) -> None:
        if self._pre:
            parts = text.split("\n")
            for i, part in enumerate(parts):
                if i:
                    self.flush()
                    if len(self.lines) >= MAX_LINES:  # (a <pre> of 150,000 lines is one text)
                        raise _lines_full()
                self._add_inline(part, bold, kind, caption)
            return
        self._add_inline(text, bold, kind, caption)

    def _add_inline(self, text: str, bold: bool, kind: str, caption: bool) -> None:
        # (``walk`` leaves out the indentation before a line's first text itself: the most common fragment)
        frags = self._frags
        if not frags:
            if not bold and not self._pre and text.isspace():
                return  # indentation before a line's first text: squashed away, changes nothing
            self._kind, self._caption, self._el = kind, caption, self._block
        frags.append(text)
        if bold:
            n = len(text.strip())
            if n:
                self._bold_len += n
                self._text = True
            if self._lead_open:
                self._lead.append(text)
        elif self._lead_open and not text.isspace():
            # (once the lead is closed, the line has text: nothing more to note for plain text)
            self._lead_open = False
            self._text = True

    def flush(self) -> None:
        frags = self._frags
        if frags:
            if self._text:
                text = squash_line("".join(frags), self._pre)
                if text:
                    lead = norm_space("".join(self._lead)) if self._lead else None
                    # bold: 90 % of the line's text (whitespace not counted) is bold; counted only for a
                    # line with bold text in it
                    bold = self._bold_len >= 0.9 * sum(len(f.strip()) for f in frags) if self._bold_len else False
                    # (the first five fields by position: for every line, a call with keywords costs more)
                    line = Line(text, self._kind, bold, lead or None, self._caption)
                    line.el = self._el
                    self.lines.append(line)
            self._frags, self._lead = [], []
            self._bold_len = 0
            self._text = False
            self._lead_open = True
        if self._inline_images:  # after the line they stood in
            self.lines += self._inline_images
            self._inline_images = []

    def _image(self, el: etree._Element, caption: bool) -> None:
        src = self.image_url(el)
        if not src:
            return
        line = Line(text="", kind="img", caption=caption, el=el, image={
            "url": _absolute(self.base_url, src.strip()), "alt": norm_space(el.get("alt") or ""),
            "width": el.get("width"), "height": el.get("height"),
        })
        if self._text and not caption:
            # in the middle of running text: the paragraph goes on after the image (an icon, a small
            # picture in a sentence), and what follows is not the image's caption
            line.inline = True
            self._inline_images.append(line)
            return
        self.flush()
        self.lines.append(line)

    def walk(self, el: etree._Element, bold: bool, kind: str, caption: bool) -> None:
        # (runs for every element of the content: tag names straight from lxml, which gives the HTML
        # parser's lower-case names)
        tag = el.tag
        if tag.__class__ is not str:
            return
        if len(self.lines) >= MAX_LINES:
            raise _lines_full()
        self.elements_left -= 1
        if self.elements_left < 0:
            raise _Full(f"content of more than {MAX_ELEMENTS} elements: only the first {MAX_ELEMENTS} were read")
        if tag == "br":
            if self._frags:
                self.flush()
            return
        if tag == "img":
            self._image(el, caption)
            return
        if tag == "tr" and self._simple_row(el):
            if self._frags or self._inline_images:
                self.flush()
            cells = tuple(text_of(c) for c in el if tag_of(c) in ("td", "th"))
            cells = tuple(c for c in cells if c)
            if cells:
                self.lines.append(Line(text="\t".join(cells), kind="row", cells=cells, caption=caption, el=el,
                                       bold=all(tag_of(c) == "th" for c in el if tag_of(c) in ("td", "th"))))
            return
        block, block_kind, caption_tag, bold_tag = _tag_rules.get(tag) or _tag_rule(tag)
        if block:
            if self._frags or self._inline_images:
                self.flush()
            if block_kind:
                kind = block_kind
            if not caption and (caption_tag or _caption_attrs(el)):
                caption = True
            outer_block, self._block = self._block, el
        is_title = el is self.title_el
        if is_title and (self._frags or self._inline_images):
            self.flush()
        if bold_tag or (tag == "span" and not bold and "bold" in (el.get("class") or "")):
            bold = True
        pre = tag == "pre"
        if pre:
            was_pre = self._pre
            self._pre = True
        # (each read of .text/.tail decodes a new string; whitespace before a line's first text, the
        # indentation between blocks, is left out here, as ``_add_inline`` would)
        text = el.text
        if text:
            if self._pre:
                self._add(text, bold, kind, caption)
            elif bold or self._frags or not text.isspace():
                self._add_inline(text, bold, kind, caption)
        for child in el:
            self.walk(child, bold, kind, caption)
            tail = child.tail
            if tail:
                if self._pre:
                    self._add(tail, bold, kind, caption)
                elif bold or self._frags or not tail.isspace():
                    self._add_inline(tail, bold, kind, caption)
        if pre:
            self.flush()
            self._pre = was_pre
        if block or is_title:
            if self._frags or self._inline_images:
                self.flush()
            if block:
                self._block = outer_block
            if is_title and self.title_index < 0:
                for i in range(len(self.lines) - 1, -1, -1):
                    if self.lines[i].kind != "img":
                        self.title_index = i
                        break

    @staticmethod
    def _simple_row(tr: etree._Element) -> bool:
        """A data row (not a layout table): its cells hold no block content. (Looked for by lxml's tag filter, not
        element by element in Python: in a table broken by unclosed tags one row holds the rest of the page.)"""
        for cell in tr:
            for d in cell.iter(*_NOT_SIMPLE_CELL):
                if d is not cell:
                    return False
        return True


def flatten(content: etree._Element, base_url: str, title_el: etree._Element | None, image_url=None
            ) -> tuple[list[Line], int, list[str]]:
    """The lines of ``content``, the index of the headline's line in them (-1: not among them), and
    warnings (content cut at ``MAX_LINES`` or ``MAX_ELEMENTS``). ``image_url``: a site's way to read an <img>'s URL
    (default ``image_src``)."""
    f = _Flattener(base_url, title_el, image_url)
    warnings = []
    try:
        f.walk(content, False, "p", False)
    except _Full as full:
        warnings.append(str(full))
    f.flush()
    lines = [ln for ln in f.lines if ln.kind == "img" or not _ui_line(ln.text)]
    title_index = -1
    if f.title_index >= 0:
        target = f.lines[f.title_index]
        title_index = next((i for i, ln in enumerate(lines) if ln is target), -1)
    return lines, title_index, warnings
