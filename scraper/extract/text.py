"""Whitespace: an element's text as one clean line, the way a reader sees it.

Every module of the extraction reads text through these functions, so a page's spaces, line breaks,
no-break spaces and column gaps are treated the same everywhere. Runs of 3+ spaces or tabs inside a block
are column gaps ("Städtebaumittel      895.000 Euro"): ``squash_line`` keeps them as one tab, which the fact
finder reads as a label/value separator.
"""
from __future__ import annotations

import re

from lxml import etree

_TAB_SPACE_RE = re.compile(r" ?\t ?")
_RUN_RE = re.compile(r"[ \u00a0\u2002\u2003\u2009]{3,}|\t+")
_WS_RE = re.compile(r"[ \u00a0\u2002\u2003\u2009\u200b\ufeff]+")


def _join_lines(text: str) -> str:
    r"""Every whitespace run that holds a line break -> one space (what ``re.sub(r"\s*[\r\n]\s*", " ", text)``
    gives, without its quadratic time on the long indentation runs of generated pages)."""
    if "\n" not in text and "\r" not in text:  # (the callers test this before the call)
        return text
    lines = text.replace("\r", "\n").split("\n")
    # (the lines between, stripped and the empty ones left out, without a loop in Python: a text from
    # indented markup has many)
    return " ".join([lines[0].rstrip(), *filter(None, map(str.strip, lines[1:-1])), lines[-1].lstrip()])


#: the unusual spaces that both patterns (``_RUN_RE``, ``_WS_RE``) read as a plain space
_AS_SPACE = ("\u00a0", "\u2002", "\u2003", "\u2009")


def _as_spaces(text: str) -> str:
    """``_AS_SPACE`` -> " ": changes no result of the patterns, and lets str methods do the work for the many
    texts whose only unusual space is a no-break space (the patterns read a long paragraph character by
    character)."""
    for space in _AS_SPACE:
        if space in text:
            text = text.replace(space, " ")
    return text


# norm_space and squash_line run for every text of a page: each first takes the few str-method tests that
# tell a text with plain spaces only, none of them in runs of three (no column gap, nothing zero-width), for
# which the str methods give what the patterns give: its runs (two spaces at most) -> one space, ends
# stripped. (The unusual spaces are not ASCII: an ASCII text, known as one without reading it, needs fewer
# tests.)


def norm_space(text: str) -> str:
    """Line breaks, runs of spaces and the unusual spaces of CMS output -> single spaces, ends stripped."""
    if "\n" in text or "\r" in text:
        text = _join_lines(text)
    if not text.isascii():
        text = _as_spaces(text)
        if "\u200b" in text or "\ufeff" in text:
            return _WS_RE.sub(" ", text).strip()
    if "\t" in text or "   " in text:
        return _WS_RE.sub(" ", text).strip()
    if "  " in text:
        text = text.replace("  ", " ")
    return text.strip()


def squash_line(raw: str, pre: bool = False) -> str:
    """A block's raw text -> one line; runs of 3+ spaces or tabs (column gaps) become one tab. ``pre``: line
    breaks are the caller's (preformatted text is split at them before)."""
    if not pre and ("\n" in raw or "\r" in raw):
        raw = _join_lines(raw)
    if not raw.isascii():
        raw = _as_spaces(raw)
        if "\u200b" in raw or "\ufeff" in raw:
            return _squash_gaps(raw)
    if "\t" in raw or "   " in raw:
        return _squash_gaps(raw)
    if "  " in raw:
        raw = raw.replace("  ", " ")
    return raw.strip()


def _squash_gaps(raw: str) -> str:
    """``squash_line`` of a text with column gaps or zero-width spaces: by the patterns."""
    raw = _RUN_RE.sub("\t", raw)
    text = _WS_RE.sub(" ", raw).strip().strip("\t").strip()
    return _TAB_SPACE_RE.sub("\t", text)


def xpath(expr: str, **kw) -> etree.XPath:
    """A compiled XPath for the extraction: without lxml's EXSLT regular-expression functions, which no
    expression here uses and which lxml would otherwise register anew at every call (a third of a short call)."""
    return etree.XPath(expr, regexp=False, **kw)


_STRING = xpath("string()", smart_strings=False)


def text_content(el: etree._Element) -> str:
    """All text below ``el``, as it stands (one call into libxml2; of an element without children, its
    text: the same, without the cost of an XPath call, which is most of the cost for a short text)."""
    if not len(el):
        return el.text or ""
    return _STRING(el)


def text_of(el: etree._Element) -> str:
    """All text below ``el`` as one clean line. (Its ends stripped first: ``norm_space`` gives the same, and the
    indentation lines around an element's text, as in breadcrumb and list items, are not gone through.)"""
    return norm_space(text_content(el).strip())


def tag_of(el) -> str:
    """The element's tag name, lower case; "" for comments and processing instructions."""
    return el.tag.lower() if isinstance(el.tag, str) else ""


def ancestors_or_self(el):
    while el is not None:
        yield el
        el = el.getparent()
