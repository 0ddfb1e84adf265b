"""Hypothesis strategies that build whole project pages from the real-world formats (shared/REAL_FORMATS.md).

A generated page is ``(html, money)``: the HTML text and the exact values of every money amount written into it
(in the stated currency). Everything else that looks like a number (areas, percentages, years, dates, phone
numbers, file sizes, capacities) is a distractor: an extractor that turns one of them into an amount is wrong.

The structure is random on purpose: fact lines in every markup seen on real portals, prose, figures with credits,
tables, lists, nested inline markup, entities, comments, scripts, styles, chrome and broken markup.
"""
from __future__ import annotations

import html as htmllib
from decimal import Decimal

from hypothesis import strategies as st

RUNTIME_LABELS = ("Laufzeit", "Projektlaufzeit", "Zeitraum", "Projektzeitraum", "Realisierungszeitraum",
                  "Bauzeit", "Jahr der Umsetzung", "Realisierung", "Umsetzung", "Fertigstellung", "Baubeginn")
MONEY_LABELS = ("Städtebaumittel", "Zusätzliche private Mittel", "Gesamtkosten", "Gesamtkosten geplant",
                "Kosten", "Investitionsvolumen", "LEADER-Zuschuss", "Fördermittel", "Kosten, Finanzierung",
                "Finanzmittel", "Eigenanteil", "davon Stadt", "davon Bund und Land", "Zuwendung", "Fördersumme")
OTHER_LABELS = ("Projektträger", "Träger", "Partner", "Ansprechpartner", "Projektort", "Gebiet", "Lage",
                "Handlungsfeld", "Maßnahme", "Zielgruppe", "Art der Finanzierung", "Bearbeitungsstand",
                "Stand des Projekts", "Fläche", "Leistungsphase", "Erreichte Bewertungspunkte", "Einwohnerzahl",
                "Programm", "Stadtbezirk", "Kontakt", "Nr.")
OTHER_VALUES = ("Aktive Zentren (AZ)", "Bezirkshaushalt", "In Umsetzung", "Fertig gestellt und in Nutzung.",
                "Planungsgruppe Stadtbüro", "Innenstadt-Nord", "Soziale Stadt NRW", "Kinder und Jugendliche",
                "Am Anfang", "1-9", "Stadt Dortmund, Amt für Stadterneuerung", "Gartenamt, Tiefbauamt")
QUALIFIERS = ("", "", "", "ca. ", "rund ", "rd. ", "etwa ", "knapp ", "über ", "mehr als ", "insgesamt ", "an die ")
MONTHS = ("Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober",
          "November", "Dezember")
NAMES = ("Gesine Lübbers", "Jutta Sankowski", "Torsten Tullius", "Benito Barajas", "Katharina Lück", "Oliver Schaper",
         "Roland Gorecki", "Helena Grebe", "Gerd Kaemper", "Frank Buetz", "Miu-Wah Lok", "Ekrem Canli")
ORGS = ("Stadt Dortmund", "Stadt Mülheim an der Ruhr", "Fachbereich Marketing + Kommunikation", "Stahm Architekten, "
        "Braunschweig", "Planungsgruppe Stadtbüro", "KLEUSBERG GmbH & Co. KG", "Adobe Stock", "GMW", "UWB")
CREDIT_ROLES = ("Bild (Bildlizenz/Fotograf/Grafiker):", "Bild:", "Foto:", "Fotos:", "©", "&copy;", "Bildrechte:",
                "Quelle:", "Grafik:", "Copyright:", "(Bild:", "Credit:")


# -- numbers -------------------------------------------------------------------------------------------------

def _group(n: int, sep: str = ".") -> str:
    return f"{n:,}".replace(",", sep)


@st.composite
def amount_text(draw) -> tuple[str, Decimal]:
    """An amount as real pages write it, and its exact value in the stated currency."""
    kind = draw(st.sampled_from(("grouped", "grouped_cents", "plain_cents", "mio", "mio_point", "dash", "tsd",
                                 "english", "small")))
    cur = draw(st.sampled_from(("Euro", "EUR", "€", "Euro", "€")))
    sp = draw(st.sampled_from((" ", " ", "", "\u00a0")))
    if kind in ("grouped", "dash", "small"):
        n = draw(st.integers(1_000, 99_999_999)) if kind != "small" else draw(st.integers(1, 999))
        body = _group(n) + (",--" if kind == "dash" else "")
        return f"{body}{sp}{cur}", Decimal(n)
    if kind == "grouped_cents":
        n, c = draw(st.integers(1_000, 9_999_999)), draw(st.integers(0, 99))
        return f"{_group(n)},{c:02d}{sp}{cur}", Decimal(f"{n}.{c:02d}")
    if kind == "plain_cents":
        n, c = draw(st.integers(10, 9_999)), draw(st.integers(0, 99))
        return f"{n},{c:02d}{sp}{cur}", Decimal(f"{n}.{c:02d}")
    if kind in ("mio", "mio_point"):
        whole, frac = draw(st.integers(0, 999)), draw(st.sampled_from(("", "1", "2", "25", "75", "291", "9")))
        if whole == 0 and not frac.strip("0"):
            whole = 1
        if kind == "mio_point" and len(frac) == 3 and whole:
            frac = frac[:2]  # "1.291 Mio." could be German grouping (1291 Mio.) or a decimal point: not generated
        word = draw(st.sampled_from(("Mio.", "Mio", "Millionen", "Million" if whole == 1 and not frac else "Mio.")))
        mark = "." if kind == "mio_point" and frac else ","
        num = f"{whole}{mark}{frac}" if frac else str(whole)
        value = Decimal(f"{whole}.{frac}" if frac else whole) * 1_000_000
        return f"{num} {word} {cur}", value
    if kind == "tsd":
        n = draw(st.integers(1, 999))
        return f"{n} Tsd. {cur}", Decimal(n) * 1000
    whole, frac = draw(st.integers(1, 99)), draw(st.integers(0, 9))
    return f"{draw(st.sampled_from(('€', 'EUR')))} {whole}.{frac} million", Decimal(f"{whole}.{frac}") * 1_000_000


@st.composite
def distractor_number(draw) -> str:
    """Numbers that are not money: areas, rates, years, sizes, phone numbers, capacities, dates."""
    n = draw(st.integers(1, 99_999))
    return draw(st.sampled_from((
        f"{_group(n)} m²", f"ca. {_group(n)} qm", f"{n % 100} %", f"zwischen {n % 50} und {n % 50 + 20} Prozent",
        f"{n % 9},{n % 100:02d} m", f"[pdf, {n % 50},{n % 10} MB]", f"{n % 1000} Plätze", f"{n % 400} Kinder",
        f"Tel. 0231 50-{n}", f"{1900 + n % 130}", f"{n % 28 + 1}.{n % 12 + 1}.{2000 + n % 30}",
        f"{n % 30 + 1}. bis {n % 30 + 2}. September", f"Linie {n % 900}", f"L {n % 999}", f"{n % 60} Jahre",
        f"Erreichte Bewertungspunkte: {n % 100}", f"Einwohnerzahl: {_group(n)}", f"{n % 12 + 1}:00 Uhr",
        f"Hausnummer {n % 200}", f"{n % 90} cm", f"Drucksache Nr.: {n}-{n % 30:02d}")))


@st.composite
def tricky_money_value(draw) -> tuple[str, list[Decimal]]:
    """Values under a money label that hold a rate, an area, a formula, a reference or a bare magnitude."""
    n = draw(st.integers(2, 999))
    y = draw(st.integers(2000, 2030))
    return draw(st.sampled_from((
        (f"{n % 100} %", []), (f"zwischen {n % 50} und {n % 50 + 30} Prozent", []),
        (f"Aktive Zentren (AZ)", []), (f"siehe Drucksache Nr. {n}{y}-18", []),
        (f"({n} €/qm * {_group(n * 13)},00qm)", [Decimal(n)]), (f"max. {n} Euro/", [Decimal(n)]),
        (f"{n} Euro/qm", [Decimal(n)]), (f"{n},{n % 10} Millionen", [Decimal(f"{n}.{n % 10}") * 1_000_000]),
        (f"Förderquote {n % 90} %, Bescheid vom {n % 28 + 1}.{n % 12 + 1}.{y}", []),
        (f"{y}/{(y + 1) % 100:02d}: {_group(n * 1000)} €", [Decimal(n * 1000)]),
        (f"Gesamtsumme {y}: {n} Tsd. Euro", [Decimal(n) * 1000]),
        (f"{_group(n * 100)} m² für {n % 20 + 1} Maßnahmen", []), (f"Kosten je Einwohner: {n % 90},50 €",
                                                                   [Decimal(f"{n % 90}.50")]),
        (f"jährlich {_group(n * 100)} Euro", [Decimal(n * 100)]), (f"Stand {n % 12 + 1}/{y}", []),
    )))


@st.composite
def runtime_text(draw) -> str:
    y = draw(st.integers(1995, 2035))
    m = draw(st.integers(1, 12))
    return draw(st.sampled_from((
        f"{y}-{y + 3}", f"{y} – {y + 5}", f"{y}", f"{y}/{(y + 1) % 100:02d}", f"{m:02d}/{y}",
        f"{m:02d}/{y}-{(m % 12) + 1:02d}/{y + 1}", f"01.0{m % 9 + 1}.{y} bis 31.12.{y + 2}",
        f"Bewilligung: {MONTHS[m - 1][:3]}. {y}; Abschluss {MONTHS[(m + 3) % 12]} {y + 2}",
        f"Frühjahr {y}", f"Ende {y}", f"2. Jahreshälfte {y}", f"{m}. Quartal {y}" if m <= 4 else f"Herbst {y}",
        f"seit {y}", f"bis {y}", f"{y}-{y + 2}, {y + 2}-{y + 4}", f"Planung {y}/{(y + 1) % 100:02d}; Umsetzung {y + 2}",
        f"Samstag, 18. September {y}, 15 bis 18 Uhr", "viermal jährlich")))


# -- markup --------------------------------------------------------------------------------------------------

def esc(text: str, entities: bool) -> str:
    out = htmllib.escape(text, quote=False)
    if entities:
        out = (out.replace("ä", "&auml;").replace("ö", "&ouml;").replace("ü", "&uuml;").replace("ß", "&szlig;")
               .replace("\u00a0", "&nbsp;").replace("€", "&euro;"))
    return out


@st.composite
def inline_noise(draw, text: str) -> str:
    """Wrap text in random inline markup (nested, sometimes unclosed)."""
    depth = draw(st.integers(0, 4))
    for _ in range(depth):
        tag = draw(st.sampled_from(("b", "strong", "em", "i", "span", "span class=\"x\"", "a href=\"#\"", "small")))
        name = tag.split()[0]
        closed = draw(st.booleans()) or draw(st.booleans())
        text = f"<{tag}>{text}" + (f"</{name}>" if closed else "")
    return text


@st.composite
def fact_block(draw, label: str, value: str, entities: bool) -> str:
    lab, val = esc(label, entities), esc(value, entities)
    form = draw(st.integers(0, 9))
    if form == 0:
        return f"<p>{lab}: {val}</p>"
    if form == 1:
        return f"<p><strong>{lab}:</strong> {draw(inline_noise(val))}</p>"
    if form == 2:
        return f"<dl><dt>{lab}</dt><dd>{val}</dd></dl>"
    if form == 3:
        return f"<table><tr><td>{lab}</td><td>{val}</td></tr></table>"
    if form == 4:
        return f"<p>{lab}:</p><p>{val}</p>"
    if form == 5:
        return f"<ul><li>{lab}: {val}</li></ul>"
    if form == 6:
        return f"<p>{lab}        {val}</p>"
    if form == 7:
        return f"<p>{lab} – {val}</p>"
    if form == 8:
        return f"<p>{lab} : {val}<br>{esc(draw(st.sampled_from(OTHER_LABELS)), entities)}: " \
               f"{esc(draw(st.sampled_from(OTHER_VALUES)), entities)}</p>"
    return f"<div class=\"fact\"><span class=\"label\">{lab}</span><span>{val}</span></div>"


@st.composite
def credit_line(draw) -> str:
    role = draw(st.sampled_from(CREDIT_ROLES))
    names = draw(st.lists(st.sampled_from(NAMES + ORGS), min_size=1, max_size=3))
    sep = draw(st.sampled_from((" / ", " | ", "/", ", ", " - ")))
    body = sep.join(names)
    if draw(st.booleans()):
        body += draw(st.sampled_from((", CC BY-SA 4.0", " (Archiv)", ", http://example.org/x", "")))
    line = f"{role} {body}" + (")" if role.startswith("(") else "")
    return line


@st.composite
def figure(draw, entities: bool) -> str:
    src = f"/bilder/projekt_{draw(st.integers(1, 999))}.jpg"
    caption = esc(draw(st.sampled_from(("Blick auf den neuen Platz", "Die Brücke vor der Sanierung",
                                        "Spatenstich mit Oberbürgermeisterin", "Luftbild"))), entities)
    credit = esc(draw(credit_line()), entities)
    form = draw(st.integers(0, 4))
    if form == 0:
        return f"<figure><img src=\"{src}\" alt=\"{caption}\"><figcaption>{caption} <small>{credit}</small>" \
               f"</figcaption></figure>"
    if form == 1:
        return f"<p><img src=\"{src}\" width=\"600\" height=\"400\"></p><p>{caption}</p><p>{credit}</p>"
    if form == 2:
        return f"<figure data-copyright=\"{credit}\"><img src=\"{src}\"><figcaption>{caption}</figcaption></figure>"
    if form == 3:
        return f"<div class=\"bild\"><img src=\"{src}\"><span class=\"copy\">{credit}</span></div>"
    return f"<p>{caption} <img src=\"{src}\"> {credit}</p>"


@st.composite
def prose(draw, money: list[Decimal], entities: bool) -> str:
    parts = []
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.integers(0, 5))
        if kind == 0:
            text, value = draw(amount_text())
            money.append(value)
            lead = draw(st.sampled_from(("Die Kosten liegen bei ", "Das Land fördert das Projekt mit ",
                                         "Die Stadt investiert ", "Insgesamt wurden ", "Davon trägt der Bund ")))
            parts.append(f"{lead}{draw(st.sampled_from(QUALIFIERS))}{text}.")
        elif kind == 1:
            parts.append(f"Die Fläche umfasst {draw(distractor_number())}.")
        elif kind == 2:
            parts.append(f"Die Arbeiten laufen {draw(runtime_text())}.")
        elif kind == 3:
            parts.append(f"Nach {draw(st.integers(2, 30))} Jahren wurde das Gebäude {draw(st.integers(1900, 2030))}"
                         f" erneuert, {draw(distractor_number())}.")
        elif kind == 4:
            parts.append("Der Stadtbezirk Innenstadt-West profitiert von dem Projekt.")
        else:
            parts.append(draw(st.text(alphabet=st.characters(blacklist_categories=("Cs",), max_codepoint=0x2FFF),
                                      max_size=60)))
    return "<p>" + draw(inline_noise(" ".join(esc(p, entities) for p in parts))) + "</p>"


@st.composite
def block(draw, money: list[Decimal], entities: bool) -> str:
    kind = draw(st.integers(0, 11))
    if kind <= 2:
        text, value = draw(amount_text())
        money.append(value)
        value_text = draw(st.sampled_from(QUALIFIERS)) + text
        if draw(st.integers(0, 4)) == 0:  # per-year and "davon" lines in one value
            text2, value2 = draw(amount_text())
            money.append(value2)
            y = draw(st.integers(2005, 2030))
            value_text = draw(st.sampled_from((f"{y}: {text}, {y + 1}: {text2}", f"insgesamt {text}, davon Stadt: {text2}",
                                               f"{text}; {text2}")))
        return draw(fact_block(draw(st.sampled_from(MONEY_LABELS)), value_text, entities))
    if kind == 3:
        if draw(st.booleans()):
            text, values = draw(tricky_money_value())
            money.extend(values)
            return draw(fact_block(draw(st.sampled_from(MONEY_LABELS)), text, entities))
        return draw(fact_block(draw(st.sampled_from(RUNTIME_LABELS)), draw(runtime_text()), entities))
    if kind == 4:
        return draw(fact_block(draw(st.sampled_from(OTHER_LABELS)),
                               draw(st.sampled_from(OTHER_VALUES)) if draw(st.booleans()) else draw(distractor_number()),
                               entities))
    if kind == 5:
        return draw(prose(money, entities))
    if kind == 6:
        return draw(figure(entities))
    if kind == 7:
        level = draw(st.integers(2, 4))
        heading = draw(st.sampled_from(("Projektbeschreibung", "Bewertung", "Ergebnis", "Fazit:", "Ausgangssituation",
                                        "Finanzierung", "Kontakt", "Weitere Nachrichten")))
        return f"<h{level}>{esc(heading, entities)}</h{level}>"
    if kind == 8:  # scripts, styles and comments carry numbers that are not on the page
        n = draw(st.integers(1000, 10 ** 9))
        return draw(st.sampled_from((f"<script>var budget = '{_group(n)} Euro'; // {n}</script>",
                                     f"<style>.x{{width:{n % 999}px}}</style>",
                                     f"<!-- Kosten: {_group(n)} Euro (alt) -->",
                                     f"<script type=\"application/ld+json\">{{\"price\": \"{n} EUR\"}}</script>")))
    if kind == 9:
        rows = "".join(f"<tr><td>{esc(draw(st.sampled_from(OTHER_LABELS)), entities)}</td><td>"
                       f"{esc(draw(distractor_number()), entities)}</td></tr>" for _ in range(draw(st.integers(1, 4))))
        return f"<table>{rows}</table>"
    if kind == 10:  # broken markup
        return draw(st.sampled_from(("</div></div>", "<div><p>", "<p><b>offen", "</td></tr>", "<li>Punkt<li>Punkt",
                                     "<![CDATA[ x < y ]]>", "<p class=\"unclosed", "&amp;&#x20AC;&#8364; &bogus;")))
    return "<ul>" + "".join(f"<li>{esc(draw(distractor_number()), entities)}</li>"
                            for _ in range(draw(st.integers(1, 5)))) + "</ul>"


CHROME = ('<nav><ul><li><a href="/">Startseite</a></li><li><a href="/kontakt">Kontakt</a></li></ul></nav>',
          '<header><a href="/"><img src="/logo.svg" alt="Logo"></a><p>Sie sind hier: Start &gt; Projekte</p></header>',
          '<div class="cookie">Wir verwenden Cookies. <a href="#">OK</a></div>',
          '<footer><p>© Stadt Beispiel 2026</p><p>Impressum · Datenschutz</p></footer>',
          '<aside><h3>Weitere Nachrichten</h3><p>Neue Kita eröffnet</p></aside>')


@st.composite
def page(draw) -> tuple[str, list[Decimal]]:
    """A whole page and the money values written into its visible text."""
    money: list[Decimal] = []
    entities = draw(st.booleans())
    title = esc(draw(st.sampled_from(("Quartiersmanagement", "Neugestaltung des Marktplatzes",
                                      "Sanierung der Brücke Saarner Straße", "Hof- und Fassadenprogramm",
                                      "Spielplatz am Murmelbach"))), entities)
    head = f"<title>{title} | Stadt</title>"
    if draw(st.booleans()):
        head += (f'<meta property="og:title" content="{title}"><script type="application/ld+json">'
                 f'{{"@type":"Article","headline":"{title}","datePublished":"2026-0{draw(st.integers(1, 9))}-15"}}</script>')
    body = []
    if draw(st.booleans()):
        body.append(draw(st.sampled_from(CHROME)))
    body.append(f"<h1>{draw(inline_noise(title))}</h1>")
    body += [draw(block(money, entities)) for _ in range(draw(st.integers(1, 12)))]
    if draw(st.booleans()):
        body.append(draw(st.sampled_from(CHROME)))
    wrap = draw(st.sampled_from(("main", "article", "div", "body")))
    inner = "\n".join(body)
    content = inner if wrap == "body" else f"<{wrap}>{inner}</{wrap}>"
    doctype = draw(st.sampled_from(("<!DOCTYPE html>", "", "<?xml version=\"1.0\"?>")))
    return f"{doctype}<html><head>{head}</head><body>{content}</body></html>", money
