"""Whether a name or a word can be in the tree at all, asked of the bytes libxml2 parsed (a scan at C speed)
before a lookup over every element of the tree (an XPath over 190,000 elements of a 5 MB page: ~30 ms each).

A "no" is certain; a "yes" only means "look in the tree". libxml2 puts into the tree what the bytes do not hold
literally in these ways, and each of them makes the answer "yes":

- tag and attribute names are lower-cased (ASCII): a name is looked for in the lower-cased bytes;
- character references are letters in attribute values ("&#114;umb", "&#x72", "&fjlig;" -> "fj"; with or
  without the semicolon, as libxml2 2.14's HTML5 tokenizer reads them).

A word in *text* is not asked here: libxml2 joins the text on both sides of whatever markup it drops (a
comment, "<!x>", "</>", an end tag nothing opened), so no byte test rules a word out.
"""
from __future__ import annotations

import re

#: the character references that libxml2 turns into an ASCII letter: 65-90 and 97-122, decimal or hex, with
#: any leading zeros, with or without ";"; of the named ones in HTML5's table only "&fjlig;" ("fj")
_LETTER_REF_RE = re.compile(
    rb"&(?:#(?:[xX]0*(?:4[1-9a-fA-F]|5[0-9aA]|6[1-9a-fA-F]|7[0-9aA])(?![0-9a-fA-F])"
    rb"|0*(?:6[5-9]|[78][0-9]|90|9[7-9]|1[01][0-9]|12[0-2])(?![0-9]))|fjlig)")


class PageBytes:
    """The bytes a tree was parsed from, asked what the tree can hold."""

    __slots__ = ("data", "_lower", "_letter_refs", "_found")

    def __init__(self, data: bytes):
        self.data = data
        self._lower: bytes | None = None
        self._letter_refs: bool | None = None
        self._found: dict[bytes, bool] = {}  # word -> whether it is in the bytes as it is (a scan each)

    def _in_data(self, word: bytes) -> bool:
        found = self._found.get(word)
        if found is None:
            found = self._found[word] = word in self.data
        return found

    def has_name(self, word: bytes) -> bool:
        """Whether a tag or attribute name can contain ``word`` (lower-case ASCII)."""
        if self._lower is None:
            if self._in_data(word):
                return True
            self._lower = self.data.lower()  # (only when a word is not there as it is: 1 ms a megabyte)
        return word in self._lower

    def in_values(self, *words: bytes) -> bool:
        """Whether an attribute value can contain one of ``words`` (case-sensitive, as XPath's contains())."""
        if any(self._in_data(w) for w in words):
            return True
        if self._letter_refs is None:
            self._letter_refs = _LETTER_REF_RE.search(self.data) is not None
        return self._letter_refs
