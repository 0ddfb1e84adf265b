"""Image credits wherever real pages put them, each once, linked to its image where the markup ties them.

The snippets follow the markup of real portals (named per case; the real pages are the fixtures in
tests/fixtures/real); names and texts are made up.
"""
import pytest

from pipelines.german import parse_credit
from pipelines.normalize import normalize
from scraper.extract import page

URL = "https://www.example-stadt.de/presse/projekt.html"
IMG = "https://www.example-stadt.de/bilder/"


def raw_of(body: str, before: str = "") -> dict:
    html = (f"<html><body><main>{before}<h1>Neuer Spielplatz am Markt</h1>"
            f"<p>Die Stadt hat den Spielplatz am Markt erneuert und neu bepflanzt.</p>{body}</main></body></html>")
    return page(html, URL)


def credits_of(body: str, before: str = "") -> list[tuple[list[str], str | None]]:
    item = normalize({**raw_of(body, before), "crawled_at": "2026-01-01T00:00:00Z"})
    return [(c["names"], (c["image"] or "").removeprefix(IMG) or None) for c in item["credits"]]


CASES = [
    ("credit line after the image and its caption (old dortmund.de)",
     '<p><img src="/bilder/a.jpg" width="600" height="400"></p><p>Der neue Platz</p><p>Bild: Stadt Dortmund / Jutta Muster</p>',
     [(["Stadt Dortmund", "Jutta Muster"], "a.jpg")]),
    ("credit element inside the figcaption after the caption",
     '<figure><img src="/bilder/a.jpg"><figcaption>Der neue Platz <small>Bild: Max Muster</small></figcaption></figure>',
     [(["Max Muster"], "a.jpg")]),
    ("'Bildrechte:' at the end of a slide's caption (gelsenkirchen.de)",
     '<ul><li><img src="/bilder/a.jpg"><div class="text"><p>Luftbild der Straße. Bildrechte: Stadt Musterstadt - '
     'Erika Muster</p></div></li><li><img src="/bilder/b.jpg"><div class="text"><p>Die Baustelle. Bildrechte: Stadt '
     'Musterstadt - Erika Muster</p></div></li></ul>',
     [(["Stadt Musterstadt - Erika Muster"], "a.jpg")]),
    ("'Foto:' at the end of a long caption in a <small> (bielefeld.de)",
     '<div class="media"><img src="/bilder/a.jpg"><div><small>Feiern das Richtfest (v.l.): Bürgermeisterin Erika '
     'Muster, Betriebsleiter Max Muster und Zimmerer Hans Beispiel. Foto: UWB/Stadt Musterstadt </small></div></div>',
     [(["UWB/Stadt Musterstadt"], "a.jpg")]),
    ("'©' in its own element, the name in the next (krefeld.de <details class=license>)",
     '<figure><img src="/bilder/a.jpg"><details class="license"><summary>©</summary><span>Stadt Musterstadt, '
     'Presse und Kommunikation, Max Muster</span></details><figcaption><p>Die Beigeordnete mit dem Leiter des '
     'Hauses.</p></figcaption></figure>',
     [(["Stadt Musterstadt, Presse und Kommunikation, Max Muster"], "a.jpg")]),
    ("'© Org | Person' in the figure (muelheim-ruhr.de)",
     '<figure><img src="/bilder/a.jpg"><span class="figure-copy"><span class="copy">©</span> Amt für Umwelt | '
     'Stadt Musterstadt</span><figcaption>Die Messstelle</figcaption></figure>',
     [(["Amt für Umwelt", "Stadt Musterstadt"], "a.jpg")]),
    ("licence slot of the relaunched dortmund.de, printed twice: one credit",
     '<figure slot="media"><picture><img src="/bilder/a.jpg"></picture><figcaption slot="figcaption"><dtm-caption>'
     '<div slot="text">Im Herbst rückten die Bagger an.</div><div slot="licence"><strong>Bild:</strong> Stadt '
     'Dortmund / <span>Erika Muster</span></div></dtm-caption></figcaption></figure>'
     '<figure slot="media"><img src="/bilder/b.jpg"><figcaption slot="figcaption"><dtm-caption><div slot="licence">'
     '<strong>Bild:</strong> Stadt Dortmund / <span>Erika Muster</span></div></dtm-caption></figcaption></figure>',
     [(["Stadt Dortmund", "Erika Muster"], "a.jpg")]),
    ("a 'Bildnachweise' list after the article that the figure's © link points to (wuppertal.de)",
     '<figure><img src="/bilder/a.jpg"><div class="caption"><a class="copyright" href="#bn1" title="Bildinformation">'
     '</a></div></figure><p>Der Umbau beginnt im Herbst.</p>'
     '<section><h2>Erläuterungen und Hinweise</h2><h3>Bildnachweise</h3><ul><li id="bn1"><span>© Stadt Musterstadt | '
     'GMW, Max Muster</span></li></ul></section>',
     [(["Stadt Musterstadt", "GMW, Max Muster"], "a.jpg")]),
    ("the same credit in the figure's JSON and in the list: once (wuppertal.de)",
     '<figure data-zoom=\'{"legend":null,"copyright":"Stadt Musterstadt","src":"/bilder/a.jpg"}\'>'
     '<img src="/bilder/a.jpg"></figure><p>Der Umbau beginnt im Herbst.</p>'
     '<h3>Bildnachweise</h3><ul><li>Stadt Musterstadt</li></ul>',
     [(["Stadt Musterstadt"], "a.jpg")]),
    ("data-copyright and a title on the link around the figure (essen.de)",
     '<div class="copyright"><a href="/bilder/a-gross.jpg" data-copyright=" © Architekten GmbH, Render GmbH" '
     'title=" © Architekten GmbH, Render GmbH"><figure><noscript><img src="/bilder/a.jpg" width="900" height="600">'
     '</noscript></figure></a></div>',
     [(["Architekten GmbH, Render GmbH"], "a.jpg")]),
    ("'Credit:' alone, the name on the next line, under a picture",
     '<p><img src="/bilder/a.jpg"></p><p>Credit:</p><p>Erika Muster 2020</p>',
     [(["Erika Muster 2020"], "a.jpg")]),
    ("a credit word in capitals without a colon",
     '<p><img src="/bilder/a.jpg"></p><p>FOTOS Stadt Musterstadt, Erika Muster</p>',
     [(["Stadt Musterstadt, Erika Muster"], "a.jpg")]),
    ("a credit list entry without a link to an image",
     '<p>Mehr Text zum Projekt.</p><h3>Bildquellen</h3><ul><li>Foto oben: Max Muster</li><li>© Erika Muster</li></ul>',
     [(["Max Muster"], None), (["Erika Muster"], None)]),
    ("a lead figure above the headline (hagen.de)",
     "",
     [(["Max Muster/Stadt Musterstadt"], "a.webp")]),
]
BEFORE = {"a lead figure above the headline (hagen.de)":
          '<figure><img src="/bilder/a.webp"><div class="copyright"><i>©</i><span>Max Muster/Stadt Musterstadt</span>'
          '</div><figcaption>(v.l.): Erika Muster und Max Muster freuen sich über den Platz.</figcaption></figure>'}


@pytest.mark.parametrize("name, body, expected", CASES, ids=[c[0] for c in CASES])
def test_credit_forms(name, body, expected):
    assert credits_of(body, BEFORE.get(name, "")) == expected


NOT_CREDITS = [
    ("a teaser card for another page brings its own credit (muelheim-ruhr.de)",
     '<div class="article-teaser"><figure><img src="/bilder/t.jpg"><span class="figure-copy">© Pixabay</span>'
     '</figure><p>Mehr zum Grundwasser</p></div>'),
    ("a teaser's credit in its image's attributes only (krefeld.de)",
     '<div class="news-item node--view-mode-teaser"><figure><img src="/bilder/t.jpg" '
     'title="Bei der Pressekonferenz. Foto: Stadt Musterstadt, A. Muster"></figure>'
     '<h3><a href="/node/1161">Neues Team hilft</a></h3></div>'),
    ("the site's notice far from any image", "<p>Mehr Text.</p><p>Noch mehr Text.</p><p>© Stadt Musterstadt 2026</p>"),
    ("people named in a caption", '<figure><img src="/bilder/a.jpg"><figcaption>Foto zeigt (v.l.): Erika Muster, '
                                  'Max Muster</figcaption></figure>'),
    ("an image's alt text that starts with 'Foto:'", '<figure><img src="/bilder/a.jpg" alt="Foto: Der neue Platz">'
                                                    '</figure>'),
    ("'Credit:' alone in the text, far from a picture", "<p>Mehr Text.</p><p>Noch mehr Text.</p><p>Credit:</p>"
                                                          "<p>Die Stadt dankt allen Beteiligten.</p>"),
    ("a gallery under the heading 'Fotos' is no credits list",
     '<h3>Fotos</h3><p><img src="/bilder/a.jpg"></p><p>Der neue Platz</p><p><img src="/bilder/b.jpg"></p>'
     '<p>Die Bänke am Brunnen</p>'),
]


@pytest.mark.parametrize("name, body", NOT_CREDITS, ids=[c[0] for c in NOT_CREDITS])
def test_not_credits(name, body):
    assert credits_of(body) == []


def test_teaser_pictures_are_not_the_page_images():
    raw = raw_of('<figure><img src="/bilder/a.jpg"></figure><p>Der Platz im Sommer.</p>'
                 '<div class="article-teaser"><figure><img src="/bilder/t.jpg"></figure><p>Mehr zum Thema</p></div>')
    assert [i["url"].removeprefix(IMG) for i in raw["images"]] == ["a.jpg"]


def test_a_long_caption_stays_a_caption_and_out_of_the_description():
    caption = ("Das Foto zeigt von rechts nach links: " + ", ".join(f"Person {k} (Abteilung {k})" for k in range(12))
               + ". Bildrechte: Stadt Musterstadt - Erika Muster")
    raw = raw_of(f'<ul><li><img src="/bilder/a.jpg"><div class="text"><p>{caption}</p></div></li></ul>'
                 "<p>Die Arbeiten gehen in die letzte Phase.</p>")
    assert len(caption) > 300
    assert raw["images"][0]["caption"].startswith("Das Foto zeigt") and "Bildrechte" not in raw["images"][0]["caption"]
    assert "Das Foto zeigt" not in raw["description"] and "letzte Phase" in raw["description"]


def test_a_credits_list_is_not_description():
    raw = raw_of('<p>Mehr Text zum Projekt.</p><h3>Bildnachweise</h3><ul><li>© Stadt Musterstadt</li></ul>')
    assert "Musterstadt" not in raw["description"]


@pytest.mark.parametrize("text, names", [
    ("Foto: UWB/Stadt Bielefeld", ["UWB/Stadt Bielefeld"]),                      # no space: one name
    ("© Julius Muster/Stadt Hagen", ["Julius Muster/Stadt Hagen"]),
    ("Bild: Stadt Dortmund / Jutta Muster", ["Stadt Dortmund", "Jutta Muster"]),
    ("Foto: Stadt Dortmund/ Anja Muster", ["Stadt Dortmund", "Anja Muster"]),    # a space beside the slash
    ("© Amt für Umwelt | Stadt Mülheim  | Drilling.jpg, Wikimedia Commons, E. Muster, CC BY-SA 3.0; Stadt Mülheim",
     ["Amt für Umwelt", "Stadt Mülheim", "Drilling.jpg, Wikimedia Commons, E. Muster; Stadt Mülheim"]),
    ("Bildrechte: Stadt Gelsenkirchen - Gerd Muster", ["Stadt Gelsenkirchen - Gerd Muster"]),
    ("Fotonachweis: Erika Muster", ["Erika Muster"]),
    ("©Max Muster", ["Max Muster"]),                                              # no space after ©
])
def test_names(text, names):
    assert list(parse_credit(text).names) == names


def test_a_bare_name_is_a_credit_only_when_the_markup_says_so():
    assert parse_credit("Stadt Wuppertal") is None
    c = parse_credit("Stadt Wuppertal", "©")
    assert (c.role, c.names, c.raw) == ("©", ("Stadt Wuppertal",), "Stadt Wuppertal")


def test_a_caption_whose_picture_is_not_shown_is_no_description():
    raw = raw_of('<figure><img data-src=""><figcaption>Feiern das Richtfest (v.l.): Bürgermeisterin Erika Muster, '
                 'Betriebsleiter Max Muster und Zimmerer Hans Beispiel vor dem neuen Haus.</figcaption></figure>'
                 "<p>Das Haus wird im Sommer fertig.</p>")
    assert "Richtfest" not in raw["description"] and "im Sommer fertig" in raw["description"]
