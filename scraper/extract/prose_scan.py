r"""Cue words at word starts, found fast and exactly as their patterns say (for ``prose.py`` and ``prose_dates.py``).

A cue table (``prose_words.py``) is a list of entries; each entry is a list of alternatives between word
boundaries, ``(?<![\wäöüß])(?:alt1|alt2|…)(?![\wäöüß])``, and at a word start the entry's match is its FIRST
alternative that matches there. Trying such a pattern at every word start of a sentence was the largest cost of
reading sentences (Python's regex engine tries a hundred alternatives one by one; one that begins with ``\w*``,
"\w*[Bb]eginn\w*", consumes the word and backs off letter by letter). ``CueScanner.scan`` tries the patterns only
at the word starts where one of their alternatives can match, by plain string tests:

* an alternative that begins with letters ("[Bb]egonnen", "Info-?[Aa]bend", "(?:vom|von) …") can only match at a
  word start whose first letters are one of its literal beginnings ("Bego", "bego", "vom ", "von ");
* an alternative ``\w*STEM`` (also ``\w+STEM``, ``[A-ZÄÖÜ]\w*STEM``), STEM consuming only word characters, can
  only match at the start of a word that contains STEM's letters ("beginn" for "\w*[Bb]eginn\w*"), found with
  ``str.find`` in the lower-cased sentence;
* an alternative for which neither can be said is tried at every word start of a sentence that holds its
  longest run of literal letters (or of every sentence, when it has none).

At such a word start the entry's own alternatives are tried in their order, so the first that matches wins as in
the single pattern. tests/extract/test_prose_scan.py holds ``scan`` equal to the entries' patterns tried at every
word start, on generated sentences full of cue words.
"""
from __future__ import annotations

import bisect
import re
from typing import NamedTuple

BEFORE, AFTER = r"(?<![\wäöüß])", r"(?![\wäöüß])"
PREFIX = 4                # letters of an alternative's beginning compared at a word start
_MIN_CORE = 3             # a shorter run of literal letters says too little to gate with
_META = set(".^$*+?{}[]\\|()")
#: ``\w*``, ``\w+`` or ``[A-ZÄÖÜ]\w*`` in front of a stem
_STAR = re.compile(r"(?:\\w[*+]|\[A-ZÄÖÜ\]\\w\*)(.+)")
#: a stem that consumes word characters only: letters, letter classes, ``\w``, groups, quantifiers, lookbehinds
_WORDY = re.compile(r"(?:\\w|[A-Za-zÄÖÜäöüß\[\]()?:|*+<!])+")


def _close(alt: str, i: int) -> int:
    """The index after the group or class that opens at ``alt[i]`` (escapes and classes inside skipped)."""
    if alt[i] == "[":
        j = i + 1 + (alt[i + 1:i + 2] == "^")
        j += alt[j:j + 1] == "]"  # a "]" first in a class is a literal
        while j < len(alt) and alt[j] != "]":
            j += 2 if alt[j] == "\\" else 1
        return j + 1
    depth, j = 0, i
    while j < len(alt):
        c = alt[j]
        if c == "\\":
            j += 2
            continue
        if c == "[":
            j = _close(alt, j)
            continue
        depth += c == "("
        depth -= c == ")"
        j += 1
        if depth == 0:
            return j
    return j


def items(alt: str) -> list[tuple[set[str] | None, str]] | None:
    """The top-level items of a pattern, each ``(strings, quantifier)``: ``strings`` the texts a literal, a class
    of plain characters or a group of plain alternatives ``(?:vom|von)`` matches, None for anything else (an
    escape, a lookaround, a class with ranges …). None for a pattern with a top-level ``|``."""
    out: list[tuple[set[str] | None, str]] = []
    i, n = 0, len(alt)
    while i < n:
        c = alt[i]
        if c == "\\":
            strings, i = None, i + 2
        elif c == "[":
            j = _close(alt, i)
            body = alt[i + 1:j - 1]
            strings = set(body) if body and not any(ch in "\\^-[]" for ch in body) else None
            i = j
        elif c == "(":
            j = _close(alt, i)
            body = alt[i + 3:j - 1] if alt.startswith("(?:", i) else None
            branches = body.split("|") if body is not None else []
            strings = set(branches) if branches and all(b and not _META & set(b) for b in branches) else None
            i = j
        elif c == "|":
            return None
        elif c in ".^$":
            strings, i = None, i + 1  # any character, or an anchor
        elif c in _META:
            return None  # (a quantifier without an item: not a pattern this module reads)
        else:
            strings, i = {c}, i + 1
        quant = ""
        if i < n and alt[i] in "?*+{":
            j = alt.index("}", i) + 1 if alt[i] == "{" else i + 1
            quant, i = alt[i:j], j
            if i < n and alt[i] in "?+":
                i += 1
        out.append((strings, quant))
    return out


def prefixes(alt: str, k: int = PREFIX) -> set[str]:
    """The texts of up to ``k`` characters one of which every match of ``alt`` begins with ({""}: no telling)."""
    parts = items(alt)
    out = {""}
    for strings, quant in parts or []:
        if strings is None or quant not in ("", "+") or min(map(len, out)) >= k:
            break
        out = {(o + s)[:k] if len(o) < k else o for o in out for s in strings}
        if quant == "+":
            break
    return {o[:min(map(len, out))] for o in out}


def core(alt: str) -> str | None:
    """The longest run of letters every match of ``alt`` contains, lower-cased ("beginn" for "[Bb]eginn\\w*");
    None when it has none of ``_MIN_CORE`` letters."""
    best, run = "", ""
    for strings, quant in items(alt) or []:
        low = {s.lower() for s in strings} if strings is not None else set()
        if len(low) != 1 or quant not in ("", "+"):
            best, run = max(best, run, key=len), ""
            continue
        run += next(iter(low))
        if quant == "+":
            best, run = max(best, run, key=len), ""
    best = max(best, run, key=len)
    return best if len(best) >= _MIN_CORE else None


def split_top(pattern: str) -> list[str]:
    """A pattern's top-level alternatives ("a|(?:b|c)|d" -> "a", "(?:b|c)", "d")."""
    out, i, last = [], 0, 0
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            i += 2
        elif c in "[(":
            i = _close(pattern, i)
        else:
            if c == "|":
                out.append(pattern[last:i])
                last = i + 1
            i += 1
    return out + [pattern[last:]]


#: the letters whose case-insensitive match ``str.lower`` does not give: "İ" and "ı" match "i", "ſ" matches "s"
#: under re.IGNORECASE (tests/extract/test_prose_scan.py finds them among all characters)
IRREGULAR = "İıſ"
#: what a case-insensitive pattern's letters may be for ``Gate`` to test them in the lower-cased text
_CASELESS_SAFE = set("abcdefghijklmnopqrstuvwxyzäöüß0123456789 -.,/")


class Gate:
    """Whether a pattern can match a text at all, by plain substring tests: every alternative's longest run of
    literal letters (``core``) must stand in the lower-cased text. ``search`` and ``finditer`` answer as the
    pattern does; where no run stands in the text they answer without running it (most sentences name none of
    "Umsatz", "Kredit", "bundesweit" …, and a long case-insensitive alternation costs ~1 µs a character), and
    where some stand they run only the alternatives whose runs stand there (the others cannot match anywhere in
    the text: the matches are the pattern's)."""

    def __init__(self, rx: re.Pattern, alternatives: list[str] | None = None):
        self.rx = rx
        alts = alternatives if alternatives is not None else split_top(rx.pattern)
        cores = [core(a) for a in alts]
        self.caseless = bool(rx.flags & re.IGNORECASE)
        if None in cores or (self.caseless and any(set(c) - _CASELESS_SAFE for c in cores)):
            self.cores = None  # (an alternative without letters to test: the pattern is always run)
        else:  # a run that holds another run is found whenever that one is: the shorter suffices
            self.cores = [c for c in sorted(set(cores), key=len) if not any(o != c and o in c for o in cores)]
        # (only a pattern that is its alternatives and nothing else, without groups, is cut to some of them)
        self._alts = alts if alternatives is None and self.cores is not None and not rx.groups else None
        self._alt_cores = cores
        self._narrowed: dict[tuple[int, ...], re.Pattern] = {}

    def possible(self, text: str, low: str) -> bool:
        if self.cores is None or (self.caseless and any(ch in text for ch in IRREGULAR)):
            return True
        return any(c in low for c in self.cores)

    def _pattern(self, text: str, low: str) -> re.Pattern | None:
        """What to run on ``text``: None when nothing can match, else the pattern or its alternatives that can."""
        if not self.possible(text, low):
            return None
        if self._alts is None or (self.caseless and any(ch in text for ch in IRREGULAR)):
            return self.rx
        present = tuple(i for i, c in enumerate(self._alt_cores) if c in low)
        if not present:  # (cannot be when ``possible``: an empty pattern would match everywhere)
            return self.rx
        rx = self._narrowed.get(present)
        if rx is None:
            if len(self._narrowed) > 2000:  # (a long crawl meets ever new combinations: bounded like the word caches)
                self._narrowed.clear()
            rx = self._narrowed[present] = re.compile("|".join(self._alts[i] for i in present), self.rx.flags)
        return rx

    def search(self, text: str, low: str) -> re.Match | None:
        rx = self._pattern(text, low)
        return rx.search(text) if rx is not None else None

    def finditer(self, text: str, low: str) -> list[re.Match]:
        rx = self._pattern(text, low)
        return list(rx.finditer(text)) if rx is not None else []


def _is_word_char(c: str) -> bool:
    return c.isalnum() or c == "_"  # what ``\w`` matches in a str pattern


class _Alt(NamedTuple):
    entry: int
    index: int                      # its place in the entry: the first that matches wins
    pattern: str
    kind: str | None
    begins: frozenset[str] | None   # a letter-led alternative's beginnings (None: it has none)
    letters: str | None             # a stem's letters, or the letters of an alternative without beginnings
    stem: bool


class CueScanner:
    """The matches of a cue table's entries at given word starts (see the module docstring). An entry is a list of
    ``(alternative, kind)``; ``kind`` (a name, or None) is what ``scan`` says of the alternative that matched."""

    def __init__(self, entries: list[list[tuple[str, str | None]]]):
        found = []
        for e, alts in enumerate(entries):
            for j, (alt, kind) in enumerate(alts):
                m = _STAR.fullmatch(alt)
                if m and _WORDY.fullmatch(m.group(1)) and items(alt) is not None:
                    found.append((e, j, alt, kind, None, core(m.group(1)), True))
                    continue
                begins = prefixes(alt)
                found.append((e, j, alt, kind, None, core(alt), False) if "" in begins else
                             (e, j, alt, kind, begins, None, False))
        # the beginnings compared at a word start are as long as they come (``PREFIX``): one set test per word
        # start; the few alternatives with a shorter beginning ("Rat", "Uhr") are looked for once per sentence
        # (cut to the shortest, "Ver" would send every "Verein", "Verkehr" to the regex engine)
        self._k = k = max((len(b) for *_, begins, _, _ in found if begins for b in begins), default=PREFIX)
        alts = [_Alt(e, j, alt, kind, frozenset(begins) if begins else None, letters, stem)
                for e, j, alt, kind, begins, letters, stem in found]
        self._entries = len(entries)
        self._by_head: dict[str, list[_Alt]] = {}
        self._short: dict[str, list[_Alt]] = {}   # beginning shorter than ``_k`` -> its alternatives
        for a in alts:
            for h in a.begins or ():
                (self._by_head if len(h) == k else self._short).setdefault(h, []).append(a)
        self._loose = [a for a in alts if not a.stem and a.begins is None]
        self._stems = [a for a in alts if a.stem]
        letters = {a.letters for a in self._stems}
        #: the stems' letters, each looked for once (None: a stem without letters may match anywhere)
        self._stem_letters = None if None in letters else sorted(letters)
        self._stems_with: dict[str | None, list[_Alt]] = {}  # letters -> the stems that hold them
        for a in self._stems:
            self._stems_with.setdefault(a.letters, []).append(a)
        self._compiled: dict[str, re.Pattern] = {}

    def _rx(self, a: _Alt) -> re.Pattern:
        rx = self._compiled.get(a.pattern)
        if rx is None:
            rx = self._compiled[a.pattern] = re.compile(BEFORE + "(?:" + a.pattern + ")" + AFTER)
        return rx

    def _stem_words(self, sent: str, low: str) -> dict[int, set[str]] | None:
        """word start -> the stem letters its word holds (None: every stem may match at every word start)."""
        if self._stem_letters is None or len(low) != len(sent):
            return None
        out: dict[int, set[str]] = {}
        for letters in self._stem_letters:
            i = low.find(letters)
            while i >= 0:
                p = i
                while p > 0 and _is_word_char(sent[p - 1]):
                    p -= 1
                out.setdefault(p, set()).add(letters)
                i = low.find(letters, i + 1)
        return out

    def _short_at(self, sent: str) -> dict[int, list[_Alt]]:
        """position -> the alternatives with a short beginning that begin there."""
        out: dict[int, list[_Alt]] = {}
        for h, alts in self._short.items():
            i = sent.find(h)
            while i >= 0:
                out.setdefault(i, []).extend(alts)
                i = sent.find(h, i + 1)
        return out

    def scan(self, sent: str, starts: list[int], low: str | None = None) -> list[tuple[int, str | None, int, int]]:
        """``(entry, kind, start, end)`` of each entry's match at each of ``starts``: entry by entry, in the order of
        ``starts``, as ``[rx.match(sent, p) for rx in entries for p in starts]`` finds them. ``low``: the sentence
        in lower case, when the caller has it."""
        low = sent.lower() if low is None else low
        k, by_head = self._k, self._by_head
        # an alternative without a beginning may match at any word start of a sentence that holds its letters
        everywhere = [a for a in self._loose if a.letters is None or a.letters in low]
        stems = self._stem_words(sent, low)
        if stems is None:
            everywhere += self._stems
        # the word starts where a stem's word or a short beginning stands, with those alternatives (worked out
        # before the loop: most word starts have neither)
        extra = {p: [a for x in held for a in self._stems_with[x]] for p, held in stems.items()} if stems else {}
        for p, alts in self._short_at(sent).items():
            extra[p] = extra.get(p, []) + alts
        found: list[tuple[int, str | None, int, int]] = []
        for p in starts:
            maybe = by_head.get(sent[p:p + k])
            if extra and p in extra:
                maybe = maybe + extra[p] if maybe else extra[p]
            if everywhere:
                maybe = maybe + everywhere if maybe else everywhere
            if not maybe:
                continue
            # each entry's first alternative that matches here (one that cannot match here is not tried)
            done = -1
            for a in sorted(maybe) if len(maybe) > 1 else maybe:
                if a.entry == done:
                    continue
                m = self._rx(a).match(sent, p)
                if m:
                    found.append((a.entry, a.kind, m.start(), m.end()))
                    done = a.entry
        if self._entries > 1:
            found.sort(key=lambda f: f[0])  # (stable: in the order of the starts within an entry)
        return found


def any_of(words: tuple[str, ...] | list[str], rare: str) -> str:
    """A pattern that finds whether any of ``words`` (literal text) stands in a text, each word looked for from
    its letter that comes first in ``rare`` ("eur" as "ur(?<=eur)"): the regex engine tries a pattern only where
    one of its branches' first characters stands, and the rare letters stand at few places of a German text where
    the words' first letters ("e", "t", "s" …) stand almost everywhere. The letters before that one are checked
    behind the word's end, and the branches that begin with a letter come first: the engine passes over such a
    branch on one character test but runs every lookbehind it meets, so at most places of a rare letter none
    runs. Only whether one of the words stands is meant: a match's span is not the word's. Every word must hold a
    letter of ``rare``."""
    groups: dict[str, list[str]] = {}
    for w in dict.fromkeys(words):
        i = min((i for i, c in enumerate(w) if c in rare), key=lambda i: rare.index(w[i]), default=None)
        if i is None:
            raise ValueError(f"{w!r} holds none of {rare!r}")
        groups.setdefault(w[i], []).append(re.escape(w[i + 1:]) + ("(?<=" + re.escape(w) + ")" if i else ""))
    return "|".join(re.escape(c) + (alts[0] if len(alts) == 1 else
                                    "(?:" + "|".join(sorted(alts, key=lambda a: a.startswith("(?<="))) + ")")
                    for c, alts in groups.items()) if words else "(?!)"


def windows(positions: list[int], spans: list[tuple[int, int]], reach: int) -> list[int]:
    """The positions that lie up to ``reach`` before a span's start or after its end (``positions`` sorted)."""
    keep: set[int] = set()
    for s, e in spans:
        lo = bisect.bisect_left(positions, s - reach)
        hi = bisect.bisect_right(positions, e + reach)
        keep.update(positions[lo:hi])
    return sorted(keep)
