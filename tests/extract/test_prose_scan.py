"""The fast paths of reading sentences (scraper/extract/prose_scan.py and the helpers of prose_dates.py) give what
the patterns alone give: the cue scanner what each table entry's pattern finds at every word start, a gate what its
pattern's search finds, the hint and window helpers what their plain loops find. Sentences are generated from the
cue words themselves (hypothesis draws strings from each alternative), mixed with other words, punctuation and the
letters that case folding treats irregularly."""
import random
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scraper.extract import prose_dates, prose_scan
from scraper.extract.prose import _MONEY_CUES, _within
from scraper.extract.prose_scan import BEFORE, AFTER, IRREGULAR, Gate, any_of, core, prefixes, split_top
from scraper.extract.prose_words import (DATE_NOT, END_CUE, ESTIMATE, EVENT_CUE, MONEY_CUES, MONEY_NOT, START_CUE,
                                         SUPERSEDED, WORK_CUE, alternatives)

DATE_TABLE = ((START_CUE, "start"), (END_CUE, "end"), (EVENT_CUE, "event"), (DATE_NOT, "not"), (WORK_CUE, "work"))
#: the reference for the date cues: one pattern, a named group per kind, tried at every word start
DATE_REFERENCE = re.compile(BEFORE + "(?:" + "|".join(
    f"(?P<{kind}>{'|'.join(alternatives(rx))})" for rx, kind in DATE_TABLE) + ")" + AFTER)
ALL_ALTERNATIVES = sorted({a for rx, _ in DATE_TABLE for a in alternatives(rx)}
                          | {a for rx, _, _ in MONEY_CUES for a in alternatives(rx)})
WORD_START = re.compile(r"(?<![0-9A-Za-zÄÖÜäöüß])[0-9A-Za-zÄÖÜäöüß]")

_FILLER = st.sampled_from(["die", "der", "Stadt", "Stadtumbau", "im", "Jahr", "2026", "rund", "3,4", "Millionen",
                           "Euro", ",", ".", ":", ";", "-", "–", "„", "“", "(", ")", "é", "_", "x", "İ", "ı", "ſ",
                           "K", "ẞ", "ß", "Ä", "\u00a0", "Sommer", "bis", "Ende", "der", "Arbeiten", "es", "los"])


def _cue_words(alts):
    return st.one_of([st.from_regex(a, fullmatch=True) for a in alts]).filter(lambda s: len(s) < 40)


def sentences(alts):
    """Text of cue words drawn from ``alts`` and filler, joined by spaces, nothing or punctuation."""
    piece = st.one_of(_cue_words(alts), _FILLER, st.text(max_size=3))
    glue = st.sampled_from([" ", " ", " ", "", "-", ", ", ". "])
    return st.lists(st.tuples(piece, glue), max_size=14).map(lambda ps: "".join(p + g for p, g in ps))


def _starts(sent):
    return [m.start() for m in WORD_START.finditer(sent)]


SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                           HealthCheck.filter_too_much])


@SETTINGS
@given(sentences([a for rx, _ in DATE_TABLE for a in alternatives(rx)]))
def test_date_cues_are_the_patterns_matches_at_every_word_start(sent):
    starts = _starts(sent)
    expected = [(0, m.lastgroup, m.start(), m.end()) for p in starts if (m := DATE_REFERENCE.match(sent, p))]
    assert prose_dates._DATE_SCANNER.scan(sent, starts) == expected


@SETTINGS
@given(sentences([a for rx, _, _ in MONEY_CUES for a in alternatives(rx)]), st.data())
def test_money_cues_are_each_entrys_matches_at_the_given_word_starts(sent, data):
    starts = _starts(sent)
    starts = sorted(data.draw(st.sets(st.sampled_from(starts)))) if starts else []
    expected = [(e, None, m.start(), m.end()) for e, (rx, _, _) in enumerate(MONEY_CUES) for p in starts
                if (m := rx.match(sent, p))]
    assert _MONEY_CUES.scanner.scan(sent, starts) == expected


_MATCHES = {a: st.from_regex(a, fullmatch=True) for a in ALL_ALTERNATIVES}


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(data=st.data())
def test_every_match_begins_with_a_beginning_and_holds_the_letters(data):
    alt = data.draw(st.sampled_from(ALL_ALTERNATIVES))
    text = data.draw(_MATCHES[alt])
    begins = prefixes(alt)
    assert begins == {""} or any(text.startswith(b) for b in begins)
    letters = core(alt)
    assert letters is None or letters in text.lower()


def test_the_readings_of_a_pattern():
    assert prefixes("[Bb]egonnen") == {"Bego", "bego"}
    assert prefixes("(?:vom|von) (?:Land|Bund)\\w*") == {"vom ", "von "}
    assert prefixes("[Gg]ebaute[nrms]?") == {"Geba", "geba"}
    assert prefixes("Rat") == {"Rat"}
    assert prefixes("\\w*[Bb]eginn\\w*") == {""}
    assert prefixes("(?:an)?dauer[nt]") == {""}
    assert prefixes("Info-?[Aa]bend") == {"Info"}
    assert prefixes("ab+c") == {"ab"}
    assert core("\\w*[Bb]eginn\\w*") == "beginn"
    assert core("(?<!Stadt)[Uu]mbau(?:s|es)?") == "umbau"
    assert core("\\w+-(?:Millionen|Million)-Euro-\\w+") == "-euro-"
    assert core("ab") is None
    assert split_top("a|(?:b|c)|[|]|d\\|e") == ["a", "(?:b|c)", "[|]", "d\\|e"]


def test_the_irregular_letters_are_all_there_are():
    # every character that a case-insensitive pattern of a German letter matches, but that str.lower() does
    # not turn into that letter: the gate runs the pattern itself on a text with one of them
    letters = "abcdefghijklmnopqrstuvwxyzäöüß"
    any_letter = re.compile(f"[{letters}]", re.I)
    odd = set()
    for i in range(0x110000):
        c = chr(i)
        if any_letter.fullmatch(c) and not any(c.lower() == x for x in letters if re.fullmatch(x, c, re.I)):
            odd.add(c)
    assert odd == set(IRREGULAR)


_GATED = {name: (rx, sentences(split_top(rx.pattern)))
          for name, rx in (("MONEY_NOT", MONEY_NOT), ("ESTIMATE", ESTIMATE), ("SUPERSEDED", SUPERSEDED))}


@pytest.mark.parametrize("name", sorted(_GATED))
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(data=st.data())
def test_a_gate_answers_as_its_pattern(name, data):
    rx, text = _GATED[name]
    sent = data.draw(text)
    gate = Gate(rx)
    assert gate.cores is not None and gate._alts is not None  # (else the test tests nothing)
    low = sent.lower()
    assert [m.span() for m in gate.finditer(sent, low)] == [m.span() for m in rx.finditer(sent)]
    found, expected = gate.search(sent, low), rx.search(sent)
    assert (found and found.span()) == (expected and expected.span())


def test_a_gate_runs_the_pattern_on_irregular_letters():
    assert Gate(MONEY_NOT).search("Der UMſATZ stieg.", "der umſatz stieg.")


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text("abm€$.,-", min_size=1, max_size=5), max_size=8),
       st.lists(st.sampled_from(["a", "b", "m", "ma", "mark", "€", "$", ",-", ".", " ", "x"]), max_size=12).map("".join))
def test_any_of_finds_a_text_with_any_of_the_words(words, text):
    words = [w for w in words if set(w) & set("€$-bm")]  # (every word holds a letter of the order)
    assert bool(re.search(any_of(words, "€$-bm"), text)) == any(w in text for w in words)


def test_any_of_the_block_hints_is_the_substring_test():
    from scraper.extract.prose import _ANY_HINT, _MONEY_HINTS
    words = _MONEY_HINTS + prose_dates.ANCHOR_WORDS
    rnd = random.Random(3)
    pieces = list(words) + ["x", " ", "e", "t", "1999", "20", "feb", "okto"]
    for _ in range(3000):
        text = "".join(rnd.choice(pieces) for _ in range(rnd.randint(0, 5)))
        year = re.search(r"19\d\d|20\d\d", text)
        assert bool(_ANY_HINT.search(text)) == (any(w in text for w in words) or bool(year))


def test_any_of_wants_a_rare_letter_in_every_word():
    with pytest.raises(ValueError):
        any_of(["eur", "tsd"], "u")


def _hits_by_loop(low, hints):
    return sorted((i, i + len(h)) for h in hints for i in range(len(low)) if low.startswith(h, i))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(list(prose_dates._RELATIVE_HINTS) + ["x", " ", "jahre", "maerz", "sept"]),
                max_size=12).map("".join))
def test_hint_places_are_every_occurrence(low):
    assert prose_dates._hits(low, prose_dates._RELATIVE_GROUPS) == _hits_by_loop(low, prose_dates._RELATIVE_HINTS)
    assert prose_dates._hits(low, prose_dates._DURATION_GROUPS) == _hits_by_loop(low, prose_dates._DURATION_HINTS)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.integers(0, 200), unique=True).map(sorted),
       st.lists(st.tuples(st.integers(0, 200), st.integers(1, 20)).map(lambda t: (t[0], t[0] + t[1])), max_size=5),
       st.integers(0, 60), st.integers(0, 200), st.integers(0, 200))
def test_windows_and_spans_within_are_the_plain_filters(starts, anchors, back, a, n):
    assert prose_dates._near(starts, anchors, back) == sorted(
        {p for a0, a1 in anchors for p in starts if a0 - back <= p < a1})
    assert prose_scan.windows(starts, anchors, back) == [
        p for p in starts if any(s - back <= p <= e + back for s, e in anchors)]
    spans = sorted(anchors)
    assert _within(spans, a, a + n) == [(s - a, e - a) for s, e in spans if a <= s and e <= a + n]


@settings(max_examples=300, deadline=None)
@given(st.text(",;: \u00a01a.", max_size=20), st.integers(0, 25))
def test_the_clause_start_is_after_the_last_mark_the_pattern_takes(sent, start):
    start = min(start, len(sent))
    assert prose_dates._clause_start(sent, start) == max(
        (m.end() for m in prose_dates._CLAUSE_BEFORE.finditer(sent[:start])), default=0)
