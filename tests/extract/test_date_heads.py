"""The shortcuts of the per-sentence date reading (prose_dates.py, prose_scan.py, the date patterns) give what the
expressions they stand for give: the old expression lives here as the reference, compared on generated sentences
(hypothesis draws strings from the patterns' own alternatives, mixed with other words, punctuation and the letters
that case folding treats irregularly) and on the texts of the real pages in tests/fixtures/real."""
import re
from functools import lru_cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from lxml import html as lxml_html

from pipelines.german import DURATION, POINT, RELATIVE
from pipelines.german.dates import POINT_HEADS
from pipelines.german.relative import RELATIVE_HEADS
from scraper.extract import prose_dates
from scraper.extract.prose_scan import split_top

SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                           HealthCheck.filter_too_much])
REAL = Path(__file__).resolve().parent.parent / "fixtures" / "real"
WORD_START = re.compile(r"(?<![0-9A-Za-zÄÖÜäöüß])[0-9A-Za-zÄÖÜäöüß]")
_FILLER = st.sampled_from(["die", "der", "Der", "derzeit", "soll", "im", "Im", "IM", "in", "Jahr", "Jahren", "2026",
                           "1963", "12.", "3", "rund", "für", "über", ",", ".", ":", ";", "-", "–", "/", "„", "“", "(",
                           "é", "_", "x", "İ", "ı", "ſ", "K", "ẞ", "ß", "Ä", "\u00a0", "Sommer", "Mo", "So", "sowie",
                           "bis", "Ende", "des", "Arbeiten", "Tage", "Wochen", "drei", "ein", "einen", "Q", "Q1"])


def _alternatives(rx):
    return st.one_of([st.from_regex(re.compile(a, rx.flags), fullmatch=True) for a in split_top(rx.pattern)]
                     ).filter(lambda s: len(s) < 60)


def sentences(rx):
    """Text of the pattern's alternatives and filler, joined by spaces, nothing or punctuation."""
    piece = st.one_of(_alternatives(rx), _FILLER, st.text(max_size=3))
    glue = st.sampled_from([" ", " ", " ", "", "-", ", ", ". ", "/"])
    return st.lists(st.tuples(piece, glue), max_size=10).map(lambda ps: "".join(p + g for p, g in ps))


@lru_cache(maxsize=None)
def real_texts() -> tuple[str, ...]:
    """The lines of text of the real pages, spaces tidied as ``find_prose`` tidies a block."""
    out = []
    for page in sorted(REAL.glob("*/page.html")):
        root = lxml_html.fromstring(page.read_bytes())
        for line in root.text_content().splitlines():
            line = " ".join(line.split())
            if line:
                out.append(line)
    assert len(out) > 1000  # (the fixtures are there)
    return tuple(out)


def _word_starts(text):
    return [m.start() for m in WORD_START.finditer(text)]


# ---- the date patterns are not tried at a word that begins none of their alternatives

def ref_match_near(rx, text, starts, anchors, back):
    """``_match_near`` before: the pattern tried at every word start near an anchor."""
    keep = set()
    for a0, a1 in anchors:
        keep.update(p for p in starts if a0 - back <= p < a1)
    out, pos = [], 0
    for p in sorted(keep):
        if p < pos:
            continue
        m = rx.match(text, p)
        if m and m.end() > p:
            out.append(m)
            pos = m.end()
    return out


def _spans(ms):
    return [(m.span(), m.groupdict()) for m in ms]


def _check_heads(rx, heads, text):
    # at every position (not only word starts): a match there is found with the heads as without
    for p in range(len(text) + 1):
        m = rx.match(text, p)
        if m and m.end() > p:
            assert _spans(prose_dates._match_near(rx, text, [p], [(p, p + 1)], 0, heads)) == _spans([m]), (text, p)
    starts = _word_starts(text)
    whole = [(0, len(text) + 1)]
    assert _spans(prose_dates._match_near(rx, text, starts, whole, 0, heads)) == \
        _spans(ref_match_near(rx, text, starts, whole, 0))


@SETTINGS
@given(sentences(POINT))
@example("Q1 2027, Q2/2027, q32027, zu Beginn des Schuljahres 2027/28, ab dem Schuljahr 2027/28, im Schuljahr 2027/28")
@example("Jan. 2027, Jänner 2027, Maerz 2027, Sept. 2027, im dritten Quartal 2027, zweiten Halbjahr 2027")
def test_point_heads_skip_no_match(text):
    _check_heads(POINT, POINT_HEADS, text)


@SETTINGS
@given(sentences(RELATIVE))
@example("Mo, 3. Mai, Di. 4. Juni, Mi 5. Mai, Do, 6. Mai, Fr. 7. Mai, Sa 8. Mai, So, 9. Mai")
@example("in drei Wochen, vor 2 Tagen, über den Winter, übermorgen, heutigen Montag, Vorjahres, des kommenden Jahres")
@example("ab Mai, bis Juni, seit Juli, im August, ab Herbst, zum Winter, vom Sommer, den Herbst, in diesem Frühjahr")
def test_relative_heads_skip_no_match(text):
    _check_heads(RELATIVE, RELATIVE_HEADS, text)


@pytest.mark.parametrize("rx, heads", [(POINT, POINT_HEADS), (RELATIVE, RELATIVE_HEADS)])
def test_heads_skip_no_match_in_real_texts(rx, heads):
    n = 0
    for text in real_texts():
        starts = _word_starts(text)
        whole = [(0, len(text) + 1)]
        found = prose_dates._match_near(rx, text, starts, whole, 0, heads)
        assert _spans(found) == _spans(ref_match_near(rx, text, starts, whole, 0)), text
        n += len(found)
    assert n > 100


def test_heads_examples():
    # a head that is missing loses its dates: the heads are what the patterns begin with
    assert {"mai", "q1", "im", "zum", "anf", "ers", "frü"} <= POINT_HEADS
    assert {"mo", "so", "näc", "übe", "heu", "vor", "in", "des"} <= RELATIVE_HEADS
    text = "Im Sommer 2026, ab Mai und Q1 2028 sowie So, 3. Mai"
    assert [m.group(0) for m in prose_dates._match_near(POINT, text, _word_starts(text), [(0, 99)], 0, POINT_HEADS)] \
        == ["Sommer 2026", "Q1 2028"]
    assert [m.group(0) for m in prose_dates._match_near(RELATIVE, text, _word_starts(text), [(0, 99)], 0,
                                                        RELATIVE_HEADS)] == ["ab Mai", "So, 3. Mai"]
    # "ı" matches "i" under re.I: a text with one is tried everywhere
    assert prose_dates._match_near(POINT, "ım Schuljahr 2027/28", [0], [(0, 1)], 0, POINT_HEADS)


@SETTINGS
@given(st.lists(st.integers(0, 200), unique=True).map(sorted),
       st.lists(st.tuples(st.integers(0, 200), st.integers(0, 20)).map(lambda t: (t[0], t[0] + t[1])), max_size=6),
       st.integers(0, 60))
def test_near_is_the_set_of_windows(starts, anchors, back):
    assert prose_dates._near(starts, anchors, back) == sorted(
        {p for a0, a1 in anchors for p in starts if a0 - back <= p < a1})


# ---- the date and money cue scanners find on real texts what their patterns find at every word start

def test_cue_scanners_on_real_texts():
    from scraper.extract.prose import _MONEY_CUES
    from scraper.extract.prose_scan import AFTER, BEFORE
    from scraper.extract.prose_words import DATE_NOT, END_CUE, EVENT_CUE, MONEY_CUES, START_CUE, WORK_CUE, \
        alternatives
    table = ((START_CUE, "start"), (END_CUE, "end"), (EVENT_CUE, "event"), (DATE_NOT, "not"), (WORK_CUE, "work"))
    date_ref = re.compile(BEFORE + "(?:" + "|".join(
        f"(?P<{kind}>{'|'.join(alternatives(rx))})" for rx, kind in table) + ")" + AFTER)
    n = 0
    for text in real_texts():
        starts = _word_starts(text)
        expected = [(0, m.lastgroup, m.start(), m.end()) for p in starts if (m := date_ref.match(text, p))]
        assert prose_dates._DATE_SCANNER.scan(text, starts) == expected, text
        expected = [(e, None, m.start(), m.end()) for e, (rx, _, _) in enumerate(MONEY_CUES) for p in starts
                    if (m := rx.match(text, p))]
        assert _MONEY_CUES.scanner.scan(text, starts) == expected, text
        n += len(expected)
    assert n > 100
