"""The shortcuts of the finders and of the metadata reading answer what the full expressions answer."""
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from pipelines.german.credits import parse_credit
from scraper.extract.credits import EMBEDDED_CREDIT_RE, embedded_credit, strip_embedded_credits

CREDITISH = st.lists(st.sampled_from(
    ["(", ")", "©", ":", " ", "  ", "\n", "\t", ".", ",", "Bild", "Foto", "Fotos", "Bildrechte", "Visualisierung",
     "Quelle", "Karte", "x", "Stadt Mülheim", "\u00a0", "Credit", "Copyright", "Abbildung", "y" * 40, "z" * 70,
     "(Foto:", "© ", "CC BY 4.0", "https://a.de/x", "|", " / "]), max_size=18).map("".join)


def _span(m: re.Match | None):
    return m and (m.span(), m.group(0))


@settings(max_examples=600, deadline=None)
@given(st.one_of(CREDITISH, st.text(max_size=80)))
def test_embedded_credit_is_the_patterns_first_match(text):
    assert _span(embedded_credit(text)) == _span(EMBEDDED_CREDIT_RE.search(text))


@settings(max_examples=600, deadline=None)
@given(st.one_of(CREDITISH, st.text(max_size=80)))
def test_strip_embedded_credits_is_the_patterns_sub(text):
    assert strip_embedded_credits(text) == EMBEDDED_CREDIT_RE.sub("", text)


def test_embedded_credit_examples():
    assert embedded_credit("Luftbild der Straße. Bildrechte: Stadt X").group(0) == "Bildrechte: Stadt X"
    assert embedded_credit("Die Brücke (Foto: Stadt Mülheim) im Mai").group(0) == "(Foto: Stadt Mülheim)"
    assert embedded_credit("Die Brücke © Stadt Mülheim").group(0) == "© Stadt Mülheim"
    assert embedded_credit("Von links: Dr. A (Vorsitz), B") is None


def test_parse_credit_urls_and_licences():
    c = parse_credit("Foto: Ekrem Canli, CC BY-SA 3.0; Stadt Hagen")
    assert c.names == ("Ekrem Canli; Stadt Hagen",) and c.licence == "CC BY-SA 3.0"
    c = parse_credit("Foto: Stadt Hagen, https://www.hagen.de/bild")
    assert c.names == ("Stadt Hagen",) and c.licence is None


MILESTONEISH = st.lists(st.sampled_from(
    ["Abschluss", "Baubeginn", " ", "April", "2008", "1999", "11/", "20", "19", "\n", "x", "Sommer", "٢", "0",
     "3. Quartal", "-", "–", "Ende", "Mai"]), max_size=7).map("".join)


@settings(max_examples=400, deadline=None)
@given(st.one_of(MILESTONEISH, st.text(max_size=30)))
def test_milestone_lines_end_in_a_year(text):
    from scraper.extract.facts import _MILESTONE_LINE_RE, _ends_in_year
    assert _MILESTONE_LINE_RE.match(text) is None or _ends_in_year(text)


PROSEISH = st.lists(st.sampled_from(
    ["a", "ß", ".", "!", "?", " ", "\n", "Ä", "B", "x", "18", "ab dem 18. September", "\u00a0", "Die Stadt", "Z"]),
    max_size=14).map("".join)


@settings(max_examples=400, deadline=None)
@given(st.one_of(PROSEISH, st.text(max_size=40)))
def test_lead_is_the_text_before_the_first_sentence_end(prose):
    from scraper.extract.fields import _lead
    assert _lead(prose) == re.split(r"(?<=[a-zäöüß][.!?])\s+(?=[A-ZÄÖÜ])", prose, maxsplit=1)[0]


SPACEY = st.lists(st.sampled_from(
    ["a", "Rathaus", "ä", " ", "  ", "\n", "\r\n", "\t", "\u00a0", "\u2009", "\u200b", "\ufeff", "\x0c", "\u3000",
     "\u2028", "\n      ", "\x1c", "\x85"]), max_size=12).map("".join)


@settings(max_examples=400, deadline=None)
@given(st.one_of(SPACEY, st.text(max_size=40)))
def test_norm_space_of_the_stripped_text_is_the_same(text):
    """``text.text_of`` strips an element's text before ``norm_space``: the same line."""
    from scraper.extract.text import norm_space
    assert norm_space(text.strip()) == norm_space(text)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(['"headline"', ":", " ", '"', "\\", "x", '\\"', "ä", "\n"]), max_size=12).map("".join))
def test_jsonld_headline_pattern(text):
    from scraper.extract.meta import _JSONLD_HEADLINE_RE
    ref = re.compile(r'"headline"\s*:\s*"((?:[^"\\]|\\.)*)"').search(text)
    m = _JSONLD_HEADLINE_RE.search(text)
    assert (m and (m.span(), m.group(1))) == (ref and (ref.span(), ref.group(1)))


DISTRICTISH = st.lists(st.sampled_from(
    ["Stadtbezirk", "Bezirk", "Bezirks", "Bezirksvertretung", "Stadtbezirks", "Stadtbezirkes", "bezirk", " ", "\n",
     "Mitte", "Nord-Ost", "Brackwede", "x", "-", "Ä", "ezirk", "B", "Stadtb", "Sennestadt-Süd"]), max_size=14).map("".join)


@settings(max_examples=400, deadline=None)
@given(st.one_of(DISTRICTISH, st.text(max_size=60)))
def test_district_mentions_are_the_patterns_matches(prose):
    from scraper.extract.fields import _DISTRICT_PROSE, _district_mentions
    assert [(m.span(), m.group(1)) for m in _district_mentions(prose)] == \
        [(m.span(), m.group(1)) for m in _DISTRICT_PROSE.finditer(prose)]


DASHISH = st.lists(st.sampled_from(
    ["-", "–", "—", " ", "\t", "\n", "\u00a0", "\u2003", "ab", "Fertigstellung", "2023", "Sport", "x" * 30]),
    max_size=10).map("".join)


@settings(max_examples=400, deadline=None)
@given(st.one_of(DASHISH, st.text(max_size=40)))
def test_dash_facts_have_a_spaced_dash(text):
    from scraper.extract.facts import _DASH_RE, _spaced_dash
    assert _DASH_RE.match(text) is None or _spaced_dash(text)


_PARAISH = st.lists(st.sampled_from(["Das Projekt ist abgeschlossen", "fertig", "läuft", "im Bau", ". ", "! ", "? ",
                                     "Planung", "laufen", "x", " ", "beendet.", "Vorbereitung", "..."]),
                    max_size=14).map("".join)


@settings(max_examples=400, deadline=None)
@given(_PARAISH)
def test_cue_sentences_are_the_sentences_with_a_cue_word(para):
    """``status._cue_sentences``: the sentences ``_SENTENCE_RE`` cuts that hold a cue word, in order."""
    from scraper.extract.status import _SENTENCE_RE, _cue_sentences, _has_cue_word
    expected = [s for s in _SENTENCE_RE.findall(para + ".") if _has_cue_word(s)]
    assert list(_cue_sentences(para)) == expected
