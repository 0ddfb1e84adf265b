"""The pictures a portal sets in a row beside the article's text (a slider after the text's row) belong to the
page: their captions and credits are read. A sibling with text of its own (a teaser list, a sidebar) does not
widen the content root."""
from __future__ import annotations

from scraper.extract import page

TEXT = "".join(f"<p>Absatz {i}: Die Stadt saniert die Brücke, die Arbeiten laufen bis Ende 2027 weiter.</p>"
               for i in range(12))


def article(beside: str) -> str:
    return ("<html><head><title>Die Brücke wird saniert | Stadt</title></head><body><header>Stadt</header>"
            "<div class='release'><div class='row'><div class='col'><h2>Die Brücke wird saniert</h2>"
            f"{TEXT}</div></div>{beside}</div><footer>Impressum</footer></body></html>")


SLIDER = ("<div class='row'><div class='slider'><figure><img src='/b/bruecke.jpg' alt='Brücke'>"
          "<span class='img-mark-copyright'>© Stadt Beispiel/Erika Muster</span>"
          "<figcaption>Die Brücke vor der Sanierung</figcaption></figure></div></div>")


def test_a_slider_in_the_row_after_the_text_is_the_pages():
    item = page(article(SLIDER), "https://www.beispiel.de/presse/bruecke")
    assert [i["url"] for i in item["images"]] == ["https://www.beispiel.de/b/bruecke.jpg"]
    assert [(c["text"], c["image"]) for c in item["credits_raw"]] == [
        ("© Stadt Beispiel/Erika Muster", "https://www.beispiel.de/b/bruecke.jpg")]


def test_a_teaser_list_beside_the_text_keeps_the_root_as_it_was():
    teasers = ("<div class='row'><h3>Weitere Meldungen</h3><ul><li><a href='/x'>Neue Kita eröffnet</a>"
               "<img src='/t/kita.jpg' alt=''></li></ul></div>")
    item = page(article(teasers), "https://www.beispiel.de/presse/bruecke")
    assert item["images"] == []
