"""Whatever arrives (bytes from the wire, a saved file, a page saved as text) -> an lxml tree, or an error.

- ``source_bytes``: refuses what is not a page (empty, PDF, image, binary: ``NotHTMLError``/``ValueError``),
  decodes with ``encoding.py``'s rules and returns the UTF-8 bytes libxml2 is given; a page saved as text
  (one block per line) becomes minimal HTML so that one extractor serves both.
- ``parse``: libxml2's HTML parser, and what to do when it gives up. libxml2 stops at 256 levels of
  nesting and silently drops everything after that point (the title, the facts: the whole rest of the page).
  Pages reach that depth with generated wrappers or an unclosed ``<b>``/``<font>``/``<div>`` in a loop, so
  the markup is parsed again with the excess formatting and layout tags left out (their text stays), and
  whatever still cannot be read is reported as a warning, never dropped silently.
"""
from __future__ import annotations

import html as htmllib
import re
import threading
from collections import Counter

from lxml import etree

from .allocator import merge_freed_blocks
from .encoding import decode_html, reads_as_utf8
from .errors import NotHTMLError
from .labels import GENERIC_TITLES

# -- what the input is ---------------------------------------------------------------------------------

_MAGIC = ((b"%PDF-", "PDF document"), (b"\x89PNG", "PNG image"), (b"\xff\xd8\xff", "JPEG image"),
          (b"GIF8", "GIF image"), (b"PK\x03\x04", "ZIP archive (or Office document)"), (b"RIFF", "RIFF/WebP file"),
          (b"\xd0\xcf\x11\xe0", "legacy Office document"))
#: the control characters that do not occur in text (all but tab, line feed, form feed, carriage return);
#: with U+FFFD (an undecodable byte) what ``binary_kind`` counts
_BINARY_CONTROLS = bytes((*range(0x00, 0x09), 0x0b, *range(0x0e, 0x20)))
_HTML_TAG_RE = re.compile(r"<(?:!doctype|html|head|body|div|p|h1|main|article|section|table|br)\b")
_XML_DECL_RE = re.compile(r"\s*<\?xml[^>]*>")
_XML_DECL_START = re.compile(rb"\s*<\?xml")


def binary_kind(data: str | bytes) -> str | None:
    """What a non-text document is ("PDF document", "binary data"), or None for text."""
    head = data[:2048]
    if isinstance(head, str):
        head_b = head.lstrip("\ufeff").encode("latin-1", "replace")
        text = head
    else:
        head_b, text = bytes(head), bytes(head).decode("utf-8", "replace")
    start = head_b.lstrip()[:8]
    for magic, name in _MAGIC:
        if start[:len(magic)] == magic:
            return name
    if not text:
        return None
    # The control characters counted in bytes (C speed, no pattern over every character): in UTF-8 a byte
    # below 0x80 is only ever that character, and decoding with "replace" never folds one into a U+FFFD; a
    # str is encoded for the count ("surrogatepass": a lone surrogate is no control character either).
    raw = text.encode("utf-8", "surrogatepass") if isinstance(head, str) else head_b
    bad = text.count("\ufffd") + len(raw) - len(raw.translate(None, _BINARY_CONTROLS))
    return "binary data" if bad > 0.1 * len(text) else None


def looks_like_html(data: str | bytes) -> bool:
    head = data[:4096].lower() if isinstance(data, str) else data[:4096].lower().decode("latin-1")
    return _HTML_TAG_RE.search(head) is not None


def decode(body: bytes | str, content_type: str | None = None) -> str:
    """Bytes from a file or the wire -> text, honouring BOM, header charset and <meta charset>."""
    if isinstance(body, str):
        return body
    return decode_html(bytes(body), content_type)[1]


def text_to_html(text: str) -> str:
    """A page saved as text (one block per line) -> minimal HTML; its first short line is the heading."""
    out, titled = [], False
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            continue
        esc = htmllib.escape(line)
        if not titled and line.lower() not in GENERIC_TITLES and len(line) <= 150 and not line.endswith("."):
            out.append(f"<h1>{esc}</h1>")
            titled = True
        else:
            out.append(f"<p>{esc}</p>")
    return "<html><body><main>" + "\n".join(out) + "</main></body></html>"


def utf8(text: str) -> bytes:
    """Text -> the UTF-8 bytes libxml2 is given (it parses bytes with a known encoding faster than a str)."""
    m = _XML_DECL_RE.match(text)
    if m:
        text = text[m.end():]  # lxml refuses str input with an XML encoding declaration
    if not text or text.isspace():  # (not strip(): a copy of the page)
        raise ValueError("empty document")
    return text.encode("utf-8", "replace")


def source_bytes(html: str | bytes, content_type: str | None = None) -> bytes:
    """The page's UTF-8 bytes for the parser. Raises ``NotHTMLError`` for a document that is not text and
    ``ValueError`` for an empty one. ``content_type``: the HTTP header, when ``html`` came from the wire."""
    if not html or html.isspace():  # (str or bytes; not strip(), which copies the page)
        raise ValueError("empty document")
    if isinstance(html, (bytes, bytearray)) and html[:2] in (b"\xff\xfe", b"\xfe\xff"):
        html = decode(bytes(html), content_type)  # UTF-16 is all NUL bytes to the binary sniffer
    kind = binary_kind(html)
    if kind:
        raise NotHTMLError(f"not HTML: {kind}")
    if isinstance(html, (bytes, bytearray)):
        body = bytes(html)
        if not reads_as_utf8(body, content_type):
            html = decode(body, content_type)
        else:
            # the tests read the text's first 4096 characters (``looks_like_html``): the whole text is decoded
            # only when it is needed (a valid text cut at 16384 bytes loses at most an incomplete last character)
            head = body[:16384].decode("utf-8", "ignore")[:4096]
            text = body.decode("utf-8") if head.isspace() else None
            if (text is None or not text.isspace()) and looks_like_html(head) and b"<?xml" not in body[:200]:
                return body  # valid UTF-8 read as UTF-8 by decode_html's rules: to libxml2 as it came
            text = body.decode("utf-8") if text is None else text
            html = decode(body, content_type) if text.isspace() else text
    if not looks_like_html(html):
        html = text_to_html(html)
    return utf8(html)


# -- parsing -------------------------------------------------------------------------------------------

#: libxml2's limit (XML_PARSE_HUGE would raise it to 2048, but the same pages exceed that too, and
#: the flattening walks the tree recursively)
MAX_DEPTH = 256
#: nesting kept before formatting/layout tags are left out: leaves room for the page's own structure
_KEEP_DEPTH = 160
#: tags that carry no structure the extraction needs when they are nested this deep: layout wrappers and
#: inline formatting (their text stays in place)
_COLLAPSIBLE = frozenset((
    "div", "span", "section", "article", "main", "aside", "font", "center", "b", "i", "em", "strong", "u", "s",
    "small", "big", "sub", "sup", "mark", "abbr", "cite", "q", "tt", "code", "kbd", "var", "dfn", "ins", "del",
    "strike", "nobr", "bdi", "bdo", "time", "label", "blockquote", "a",
))
_NAMES = b"|".join(sorted((t.encode() for t in _COLLAPSIBLE), key=len, reverse=True))
_NAME = rb"(?:" + _NAMES + rb")(?=[\s/>])|[a-z][a-z0-9]*-[\w.-]*"
#: the tokens ``shallow`` looks at: comments and raw-text elements (skipped whole: a "<b>" inside a script
#: is no tag), and start and end tags of the collapsible names: an alternative each, told apart by the group
#: that matched (``lastindex``, not a Python test per tag), and one for "<b/>", which opens nothing (matched all the
#: same, so that nothing inside it is read as a token); all other markup is passed over by the
#: pattern itself (a page has a hundred thousand tags; a Python step for each would cost more than parsing).
#: Matched in the lower-cased bytes (same length, same positions), not with re.I: the regex engine skips an
#: alternative whose first byte differs from the text's at once only when that byte is a plain literal,
#: and with re.I every one of the names is tried at every "<" (twice the time on a 5 MB page)
_TOKEN_RE = re.compile(
    # (after "<", a lookahead that every alternative needs, tried once: most tags are none of these, and the
    # alternatives would each try the names again: three times the time on a page of 600,000 <p> tags)
    rb"<(?=!--|/?(?:(?:script|style|textarea|title)\b|" + _NAME + rb"))(?:"
    rb"!--.*?(?:-->|\Z)|(?P<raw>script|style|textarea|title)\b.*?(?:</(?P=raw)\s*>|\Z)"
    rb"|(?P<start>" + _NAME + rb")[^>]*(?<!/)>|/(?P<end>" + _NAME + rb")[^>]*(?<!/)>|/?(?:" + _NAME + rb")[^>]*>)",
    re.S)
#: the start tags (end tags) one right after the other from a tag on: the tags of a nesting written out, tens of
#: thousands on a page nested that deep, left out with a Python step for the run, not for each tag. A run's
#: tags are the tags ``_TOKEN_RE`` would read one by one (not a raw-text element's start: that alternative
#: comes first there; not "<b/>")
_START_RUN_RE = re.compile(rb"(?:<(?!(?:script|style|textarea|title)\b)(?:" + _NAME + rb")[^>]*+(?<!/)>)+")
_END_RUN_RE = re.compile(rb"(?:</(?:" + _NAME + rb")[^>]*+(?<!/)>)+")
_START_NAME_RE = re.compile(rb"<(" + _NAME + rb")[^>]*>")
_END_TAG_RE = re.compile(rb"(</(" + _NAME + rb")[^>]*>)")


_parsers = threading.local()


def _parser() -> etree.HTMLParser:
    """This thread's parser: plain etree elements, not lxml.html's HtmlElement (whose class lookup runs Python
    code for every element touched); no ID index (nothing looks elements up by ID); comments dropped (their
    neighbouring text stays where it was). One per thread and kept: lxml keeps a parser's libxml2 context
    between documents, which a new parser sets up and tears down for each page (lxml allows reusing a parser in
    one thread at a time; its error log is cleared at each parse)."""
    parser = getattr(_parsers, "parser", None)
    if parser is None:
        merge_freed_blocks()  # (the trees this parser makes are freed as a whole: allocator.py)
        parser = _parsers.parser = etree.HTMLParser(encoding="utf-8", collect_ids=False, remove_comments=True)
    return parser


def shallow(data: bytes, keep: int = _KEEP_DEPTH, runs: bool = True) -> tuple[bytes, int]:
    """``data`` with the formatting and layout tags that open more than ``keep`` levels deep left out (and
    their end tags), and how many were left out. Only counts the tags it may leave out: the depth libxml2
    sees is at least this, so the result is checked by parsing again. ``runs``: leave out a run of adjacent
    tags at once (False: tag by tag, the same result)."""
    lean, n, _ = _shallow(data, keep, runs, settle=False)
    return lean, n


def _shallow(data: bytes, keep: int, runs: bool, settle: bool) -> tuple[bytes, int, bool]:
    """``shallow``, and whether it stopped early: with ``settle``, at the end of the first deep stretch (every tag
    left out closed again, the nesting back under ``keep``) the rest is copied as it is, unread. (A page is
    nested too deep in one place, its generated wrappers or one widget: the rest of its 5 MB need not be read.
    Whether the rest is deep too, the parse of the result tells.)"""
    out: list[bytes] = []
    stack: list[bytes] = []
    dropped: Counter[bytes] = Counter()
    n = pos = at = closed = 0
    low = data.lower()  # (ASCII case only, as re.I on bytes: names, "<SCRIPT>")
    size = len(low)
    while at is not None:
        tokens, at = _TOKEN_RE.finditer(low, at), None  # (a new scan only after a run: at its end)
        for m in tokens:
            kind = m.lastindex  # 2: a start tag, 3: an end tag (None: a comment; 1: a raw-text element: copied)
            if kind == 2:
                name = m[2]
                if len(stack) < keep:
                    stack.append(name)
                    continue
                # too deep: left out, and so are the start tags right after it (none of them opens a level)
                start, end = m.span()
                out.append(data[pos:start])
                pos = end
                dropped[name] = dropped.get(name, 0) + 1
                n += 1
                if not runs:
                    continue
                if end < size and low[end] == 60 and (run := _START_RUN_RE.match(low, end)):  # ("<")
                    names = _START_NAME_RE.findall(run.group())
                    dropped.update(names)
                    n += len(names)
                    pos = at = run.end()
                    break
                # and so is every start tag up to the next end tag (the nesting does not change before it): read
                # in a loop that only notes them (unclosed <font>s in a table: 200,000 of them)
                spans, names, following = [], [], None
                for t in tokens:
                    k = t.lastindex
                    if k == 3:
                        following = t
                        break
                    if k == 2:
                        spans.append(t.span())
                        names.append(t[2])
                for start, end in spans:
                    out.append(data[pos:start])
                    pos = end
                dropped.update(names)
                n += len(names)
                if following is None:
                    break
                m, kind = following, 3
            if kind == 3:
                name = m[3]
                if dropped.get(name):
                    start, end = m.span()
                    out.append(data[pos:start])
                    pos = end
                    dropped[name] -= 1
                    closed += 1
                    if runs and end < size and low[end] == 60 and (run := _END_RUN_RE.match(low, end)):
                        # and those right after it, as long as each closes a tag that was left out
                        seen: Counter[bytes] = Counter()
                        for tag, closes in _END_TAG_RE.findall(run.group()):
                            if seen[closes] >= dropped.get(closes, 0):
                                break
                            seen[closes] += 1
                            pos += len(tag)
                        dropped.subtract(seen)
                        closed += sum(seen.values())
                        at = pos
                elif name in stack:
                    while stack.pop() != name:
                        pass
                if settle and closed == n > 0 and len(stack) < keep:
                    out.append(data[pos:])
                    return b"".join(out), n, True
                if at is not None:
                    break
    out.append(data[pos:])
    return b"".join(out), n, False


#: every formatting and layout tag (matched in the lower-cased bytes, as ``_TOKEN_RE``: with re.I it took half
#: a second on a 5 MB page)
_ALL_COLLAPSIBLE_RE = re.compile(rb"</?(?:" + _NAMES + rb"|[a-z]+-[a-z-]+)\b[^>]*>")


def _without_collapsible(data: bytes) -> bytes:
    """``data`` with every formatting and layout tag replaced by a space."""
    out: list[bytes] = []
    pos = 0
    for m in _ALL_COLLAPSIBLE_RE.finditer(data.lower()):  # (same length, same positions)
        out.append(data[pos:m.start()])
        out.append(b" ")
        pos = m.end()
    out.append(data[pos:])
    return b"".join(out)


def _parse_once(data: bytes) -> tuple[etree._Element | None, bool]:
    """(the tree, whether libxml2 hit its depth limit and dropped content)."""
    parser = _parser()
    try:
        root = etree.fromstring(data, parser)
    except (etree.ParserError, ValueError) as exc:
        raise ValueError(f"not parseable as HTML: {exc}") from exc
    return root, any(e.type_name == "ERR_RESOURCE_LIMIT" for e in parser.error_log)


def parse(data: bytes) -> tuple[etree._Element, list[str], bytes]:
    """The tree of ``data`` (UTF-8 bytes), warnings about anything the parse left out, and the bytes the tree
    was parsed from (``data``, or ``data`` with the tags that nested too deep left out)."""
    root, too_deep = _parse_once(data)
    warnings: list[str] = []
    if too_deep:
        lean, n, early = _shallow(data, _KEEP_DEPTH, runs=True, settle=True)
        root, too_deep = _parse_once(lean)
        if too_deep and early:  # deep in more than one place: the whole page read
            lean, n = shallow(data)
            root, too_deep = _parse_once(lean)
        if too_deep:  # the depth is in other tags (unclosed lists, tables): keep only the structure's tags
            lean = _without_collapsible(data)
            root, too_deep = _parse_once(lean)
            warnings.append(f"markup nested deeper than {MAX_DEPTH} levels: formatting and layout tags ignored "
                            f"(their text kept)")
        else:
            warnings.append(f"markup nested deeper than {MAX_DEPTH} levels: {n} formatting and layout tags "
                            f"ignored (their text kept)")
        if too_deep:
            warnings.append(f"markup nested deeper than {MAX_DEPTH} levels: content below that depth could not "
                            f"be read and is missing")
        data = lean
    if root is None:
        raise ValueError("not parseable as HTML: document is empty")
    return root, warnings, data


def spine(root: etree._Element) -> list[etree._Element]:
    """The formatting and layout elements of a tree that ``parse`` had to read shallow: the caller keeps this
    list for as long as it reads the tree. (lxml frees an element's Python object by walking up to the nearest
    ancestor that has one, or to the document: below 160 kept levels, every element read pays a walk of that
    length. With these held, the walk stops at the next one up; docs/performance.md, stop 24.)"""
    return list(root.iter(*_COLLAPSIBLE))


def parse_html(html: str | bytes) -> etree._Element:
    """Any page -> its tree (for callers that need no warnings: listing pages)."""
    return parse(utf8(decode(html)))[0]
