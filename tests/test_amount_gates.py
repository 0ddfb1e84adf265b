"""``amounts._last_sign``: the sign and range patterns before an amount are searched only when the text before it
ends with what they end with. Generated texts of the characters and words those patterns read: wherever a pattern
matches, the gate lets it run (so skipping it elsewhere changes no result)."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from pipelines.german.amounts import _NEG_BEFORE, _NEG_LAST, _RANGE_BEFORE, _RANGE_LAST, _UNCLEAR_SIGN, _last_sign

_PIECES = st.sampled_from(["-", "–", "—", "−", ":", " ", "\u00a0", "\u202f", "\n", "5", "5 Mio.", "Euro", "€",
                           "bis", "und", "minus", "MINUS", "minuſ", "mınus", "zwischen", "Zwischen", "x", ".", ","])


@settings(max_examples=3000, deadline=None)
@given(st.lists(_PIECES, max_size=12).map("".join))
def test_wherever_a_pattern_matches_the_gate_lets_it_run(before):
    last = _last_sign(before)
    if _NEG_BEFORE.search(before):
        assert last in _NEG_LAST
    if _UNCLEAR_SIGN.search(before):
        assert last == "-"
    if _RANGE_BEFORE.search(before):
        assert last in _RANGE_LAST


def test_what_the_gate_reads_from_the_end():
    assert _last_sign("Kosten von 2 bis ") == "bis"
    assert _last_sign("zwischen 2 und\u00a0") == "und"
    assert _last_sign("Saldo: minus ") == "s"
    assert _last_sign("Saldo: - \n") == "-"
    assert _last_sign("Die Stadt zahlte ") == "e"
    assert _last_sign("   ") == ""
