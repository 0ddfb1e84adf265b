"""``loading.shallow``: which tags it leaves out beyond the kept depth, in any letter case, and what it copies
as it is (comments, raw-text elements). Expected values written from the inputs by hand."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from scraper.extract.loading import shallow


def test_tags_beyond_the_kept_depth_are_left_out_with_their_end_tags_in_any_case():
    data = b"<div><B><i>x</I> <EM>y</em></b></div>"
    # depth 2 kept: <div> and <B>; <i> and <EM> open at depth 3 and go, with their end tags
    assert shallow(data, keep=2) == (b"<div><B>x y</b></div>", 2)


def test_a_script_comment_or_title_is_copied_whole_and_its_tags_are_not_counted():
    data = b"<div><SCRIPT>var s = '<b><i>';</Script><!-- <b><i> --><title><b></title><b><i>z</i></b></div>"
    # the <b><i> inside the script, the comment and the title are text: only the last <b> opens depth 2
    assert shallow(data, keep=2) == (
        b"<div><SCRIPT>var s = '<b><i>';</Script><!-- <b><i> --><title><b></title><b>z</b></div>", 1)


def test_custom_elements_count_and_self_closing_tags_do_not():
    data = b"<Web-Box><span/><a href='#'>q</A></web-box>"
    assert shallow(data, keep=1) == (b"<Web-Box><span/>q</web-box>", 1)


def test_nothing_deeper_than_kept_leaves_the_bytes_as_they_are():
    data = b"<html><body><div><p>Text <b>fett</b></p></div></body></html>"
    assert shallow(data, keep=160) == (data, 0)


def test_the_kept_parser_reports_each_pages_own_depth_problem():
    """``_parser`` is kept between pages: a page too deep for libxml2 warns, and the next page, which is not,
    does not inherit that page's error (lxml clears the parser's error log at each parse)."""
    from scraper.extract.loading import parse

    deep = b"<html><body>" + b"<div>" * 400 + b"Text" + b"</div>" * 400 + b"</body></html>"
    plain = b"<html><body><p>Text</p></body></html>"
    assert any("nested deeper" in w for w in parse(deep)[1])
    assert parse(plain)[1] == []
    assert any("nested deeper" in w for w in parse(deep)[1])


def test_a_run_of_tags_is_left_out_up_to_the_first_end_tag_that_closes_a_kept_one():
    data = b"<b><i><b><I>x</i></B></I></b>"
    # keep 2: the inner <b><I> go; of the end tags </i></B> close them, </I></b> close the kept ones
    assert shallow(data, keep=2) == (b"<b><i>x</I></b>", 2)
    assert shallow(data, keep=2, runs=False) == shallow(data, keep=2)


_TOKENS = ["<b>", "</b>", "<B class='x'>", "<em>", "</em>", "<i/>", "</i>", "<div>", "</div>", "<x-y>", "</x-y>",
           "<p>", "</p>", "text", "<!-- <b> -->", "<script><b></script>", "<title>t</title>", "<b ", "</B >",
           "</span>", "<span\n>", "<a href='/'>", "</a>", "<b/>", "</b/>", "<x-y/>", "<!--", "<script>", "<",
           "<script-x>", "</script-x>", "<div title='<b>'>", "<b>", "</b>"]


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.sampled_from(_TOKENS), max_size=60), st.integers(0, 6))
def test_runs_read_at_once_leave_out_what_reading_tag_by_tag_leaves_out(tokens, keep):
    data = "".join(tokens).encode()
    assert shallow(data, keep) == shallow(data, keep, runs=False)


def test_a_page_deep_in_one_place_is_read_up_to_where_that_place_ends():
    from scraper.extract.loading import _shallow
    deep = b"<p>" + b"<b>" * 300 + b"tief" + b"</b>" * 300 + b"</p>"
    rest = b"<div><B>Rest</b></div>" * 3
    lean, n, early = _shallow(deep + rest, 160, runs=True, settle=True)
    assert early and n == 140 and lean.endswith(b"</p>" + rest)  # the rest copied unread
    assert (lean, n) == shallow(deep + rest)  # (nothing in it was deep: the same bytes)


def test_a_page_deep_in_two_places_is_read_whole():
    from scraper.extract.loading import parse
    deep = b"<div>" + b"<span>" * 300 + b"eins" + b"</span>" * 300 + b"</div>"
    data = b"<html><body>" + deep + b"<p>dazwischen</p>" + deep.replace(b"eins", b"zwei") + b"</body></html>"
    root, warnings, parsed = parse(data)
    text = "".join(root.itertext())
    assert "eins" in text and "dazwischen" in text and "zwei" in text
    assert parsed == shallow(data)[0] and not any("missing" in w for w in warnings)


def test_a_document_read_shallow_holds_its_formatting_elements_and_a_plain_one_holds_none():
    """``loading.spine``: the elements a deep page's document keeps alive while it is read (their Python objects
    stop lxml's walk up the ancestors when one below them is freed), handed on to a section's document."""
    from scraper.extract.document import load
    from scraper.extract.multiproject import Section, section_document

    deep = (b"<html><body><main><h1>Tief</h1>" + b"<font size=2><b>" * 200 + b"<p>Text</p>"
            + b"</b></font>" * 200 + b"</main></body></html>")
    doc = load(deep, "https://example.org/tief")
    # the 160 levels kept: <main> and 159 of the <font>s and <b>s (the others were left out)
    assert len(doc.held) == 160 and {el.tag for el in doc.held} == {"main", "font", "b"}
    assert load(b"<html><body><main><h1>Flach</h1><p><b>x</b></p></main></body></html>",
                "https://example.org/flach").held == []
    sec = Section(anchor="tief", heading=0, lines=[0], container=None)
    assert section_document(doc, sec).held is doc.held
