"""The words that tell what an amount or a date in a sentence is (``prose.py`` reads sentences with them).

A cue is a regular expression and what it says. An amount or date takes the meaning of the NEAREST cue in its
sentence; a "not" cue nearer than any other means: not the project's cost or runtime (leave it out).
"""
from __future__ import annotations

import re


#: the alternatives of each ``_rx`` pattern, by its pattern string (``prose_scan.CueScanner`` tries them one by one)
ALTERNATIVES: dict[str, tuple[str, ...]] = {}


def _rx(*alts: str) -> re.Pattern:
    """Whole words or phrases; one written in lower case also matches capitalised, as at a sentence start
    ("Investiert wurden rund 230.000 Euro")."""
    alts = tuple(f"[{a[0].upper()}{a[0]}]{a[1:]}" if a[:1].isalpha() and a[:1].islower() else a for a in alts)
    rx = re.compile(r"(?<![\wäöüß])(?:" + "|".join(alts) + r")(?![\wäöüß])")
    ALTERNATIVES[rx.pattern] = alts
    return rx


def alternatives(rx: re.Pattern) -> list[str]:
    """The alternatives of a pattern made by ``_rx``, in their order."""
    return list(ALTERNATIVES[rx.pattern])


# ---- amounts
#: (pattern, role, label) — label for verbs is the noun they stand for
MONEY_CUES = [
    (_rx(r"Gesamt(?:investitions)?(?:kosten|volumen|investition(?:en)?|ausgaben)", r"Investitionsvolumen",
         r"Gesamtinvestition\w*", r"\w*Kosten", r"[A-ZÄÖÜ]\w*kosten", r"Investition(?:en|skosten)?",
         r"Bauvolumen", r"Projektvolumen", r"Volumen", r"Kostenrahmen", r"Kostenaufwand", r"Kostenschätzung",
         r"Gesamtbudget", r"Projektbudget", r"Baubudget"), "total", None),
    (_rx(r"kostet", r"kosten", r"kostete", r"kosteten", r"gekostet"), "total", "Kosten"),
    (_rx(r"investiert", r"investieren", r"investierte", r"investierten", r"investiere"), "total", "Investition"),
    (_rx(r"aufgewendet", r"aufwenden", r"aufgewandt", r"ausgegeben", r"verbaut", r"rechnet (?:die \w+ )?mit",
         r"rechnen (?:die \w+ )?mit", r"kalkuliert mit", r"veranschlagt"), "total", "Kosten"),
    (_rx(r"\w+-(?:Millionen|Million|Milliarden)-Euro-\w+"), "total", "Projekt"),
    (_rx(r"Förder(?:ung|mittel|summe|betrag|bescheid|zusage|geld(?:er)?|volumen)?", r"\w*[Zz]uwendung(?:en|sbescheid)?",
         r"\w*[Zz]uschu(?:ss|ß|sses)", r"\w*[Zz]uschüssen?", r"\w+förder(?:ung|mittel|mitteln)", r"Zuweisung(?:en)?", r"Bewilligung(?:sbescheid)?",
         r"Städtebau(?:förder)?mittel(?:n)?", r"Landesmittel(?:n)?", r"Bundesmittel(?:n)?", r"EU-Mittel(?:n)?",
         r"EFRE-Mittel(?:n)?", r"Finanzhilfe", r"Fördermittel(?:n)?"), "funding", None),
    (_rx(r"fördert", r"fördern", r"förderte", r"förderten", r"gefördert", r"bezuschusst", r"bewilligt", r"bewilligte",
         r"erhält", r"erhielt", r"erhalten", r"bekommt", r"bekam", r"fließen", r"flossen", r"bereitgestellt",
         r"bereit", r"überreicht\w*", r"überbrachte"), "funding", "Förderung"),
    (_rx(r"(?:vom|von) (?:Land|Bund|Freistaat)\w*", r"(?:aus dem|aus den) (?:Förder|Städtebauförder)?[Pp]rogramm\w*",
         r"aus (?:Förder|Städtebauförder|Landes|Bundes|EU-)?[Mm]itteln", r"aus öffentlichen Mitteln"), "funding",
     "Förderung"),
    (_rx(r"Eigenanteil\w*", r"Eigenmittel(?:n)?", r"Eigenleistung", r"städtische[rn]? Anteil", r"Anteil der Stadt",
         r"kommunale[rn]? Anteil", r"Haushaltsmittel(?:n)?"), "own_share", None),
    (_rx(r"trägt", r"tragen", r"trug", r"übernimmt", r"übernehmen", r"übernahm", r"finanziert", r"finanzieren",
         r"finanzierte", r"zahlt", r"zahlte", r"beteiligt sich", r"steuert\w*", r"gibt", r"geben", r"gab", r"beisteuert",
         r"schießt", r"zuschießt"), "payer", None),
]
#: who pays, for the "payer" verbs (trägt, übernimmt …): a funder's share is funding, the city's its own share
FUNDER = re.compile(r"\b(?:Land(?:es)?|Bund(?:es)?|Freistaat\w*|EU|Europäische\w* Union|Bezirksregierung|"
                    r"Regierungspräsident\w*|Ministeri\w+|Stiftung\w*|Förderer|Fördergeber\w*)\b")
OWNER = re.compile(r"\b(?:Stadt|Gemeinde|Kommune|Kreis(?:es)?|Bezirk|Eigentümer\w*|Bauherr\w*|Verein)\b")
PART = re.compile(r"(?<!\w)(?:davon|darunter|wovon|hiervon|hierbei)(?!\w)", re.I)
ESTIMATE = re.compile(r"voraussichtlich|geschätzt|schätzungsweise|Schätzung|veranschlagt|kalkuliert|prognostiziert|"
                      r"rechne[nt] mit|geplant|Kostenrahmen|Kostenschätzung|schätzt|schätzen|erwartet|dürften|\bsollen\b|"
                      r"\bsoll\b|\b(?:wird|werden)\b.{0,80}\bkosten\b", re.I)
#: a sentence with one of these speaks of something else than the project's cost: programme budgets, company
#: figures, earlier or compared amounts, differences, prices, damages, loans
MONEY_NOT = re.compile(
    r"Umsatz|Umsätze|Jahresumsatz|Gewinn|Erlös|Aktie|Börse|Mitarbeit\w+|Beschäftigte|"
    r"ausgestattet|Fördertopf|Förderprogramm\w* (?:des|der|von|umfasst|hat)|Programmvolumen|Landeshaushalt|"
    r"Bundeshaushalt|Doppelhaushalt|Haushaltsjahr|landesweit|bundesweit|deutschlandweit|NRW-weit|europaweit|"
    r"ursprünglich|anfangs|anfänglich|zunächst (?:war|waren|wurde|wurden|hatte|sollte)|bisher|früher|damals|"
    r"Vergleich|vergleichbar|gegenüber|Vorjahr|"
    r"Mehrkosten|Kostensteigerung|gestiegen|teurer|günstiger|billiger|Einsparung|eingespart|gespart|Ersparnis|"
    r"Miete|Pacht|Gebühr|Eintritt|Ticket|Preisgeld|dotiert|Preis |Preise |Schaden|Schäden|Strafe|Bußgeld|"
    r"Spende|gespendet|Kredit|Darlehen|Bürgschaft|Rücklage|Schulden|Zinsen|"
    r"zur Verfügung|beantragt|beantragen|Förderantrag|Antrag|gehofft|erhofft|hofft|hoffen|Absage|abgelehnt|"
    r"nicht zum Zuge|keine Förderung|kein Geld|ohne Geld|hätte|hätten|wäre|wären|würde|würden|im Idealfall|"
    r"insgesamt \d+ (?:Projekte|Maßnahmen|Vorhaben|Kommunen|Städte)|weitere(?:n)? (?:Projekte|Maßnahmen)",
    re.I)
#: the sentence says whose cost it is: the project's (or the page title's subject), not one component of it
PROJECT = _rx(r"Projekt(?:s|es)?", r"[A-ZÄÖÜ]\w*(?:arbeiten|maßnahmen?|vorhaben)", r"Gesamtprojekt\w*", r"Vorhaben(?:s)?", r"Bauvorhaben(?:s)?", r"Gesamtmaßnahme",
              r"Baumaßnahme(?:n)?", r"Maßnahme(?:n)?", r"Umbau(?:s|es)?", r"Neubau(?:s|es)?", r"Ausbau(?:s|es)?",
              r"Anbau(?:s|es)?", r"Erweiterungsbau\w*", r"Erweiterung", r"Sanierung", r"Modernisierung", r"Umgestaltung",
              r"Neugestaltung", r"Gestaltung", r"Umnutzung", r"Instandsetzung", r"Renovierung", r"Erneuerung", r"Bau(?:s|es)?", r"Bauarbeiten", r"Arbeiten", r"Errichtung", r"Herstellung", r"dafür",
              r"hierfür", r"hierzu", r"gesamte[nrs]?", r"Gesamt\w+", r"Investitionsvolumen",
              r"Die (?:[A-ZÄÖÜ]\w*)?[Kk]osten (?:belaufen|liegen|betragen|beliefen|lagen|betrugen|werden|wurden|sollen|"
              r"dürften)")
#: the nouns after "X-Millionen-Euro-" that make the amount the project's ("Zwei-Millionen-Euro-Projekt")
COMPOUND_PROJECT = re.compile(r"(?:Projekt|Vorhaben|Bauvorhaben|Bau|Neubau|Umbau|Ausbau|Investition|Maßnahme|"
                              r"Sanierung|Investitionsprojekt|Bauprojekt|Großprojekt)")
#: a component or share of the cost, not the project's total ("Allein die Kletterlandschaft kostete …")
COMPONENT = _rx(r"[Aa]llein", r"[Dd]avon", r"darunter", r"unter anderem", r"u\. ?a\.", r"jeweils", r"einzeln",
                r"anteilig", r"[Tt]eil(?:e|s)?", r"Teilbereich\w*", r"\w*[Bb]auabschnitt\w*", r"Abschnitt\w*",
                r"zusätzlich\w*", r"weitere(?:n)?", r"nochmals", r"erneut")
#: what an amount may be corrected to in a sentence that names an earlier figure ("ursprünglich …, nun …")
NOW = re.compile(r"(?<!\w)(?:nun|jetzt|inzwischen|mittlerweile|aktuell|derzeit|nunmehr)(?!\w)", re.I)

# ---- dates
START_CUE = _rx(r"\w*[Bb]eginn\w*", r"begonnen", r"begann", r"begannen", r"beginnt", r"beginnen", r"\w*[Ss]tart\w*",
                r"gestartet", r"Spatenstich\w*", r"Auftakt", r"in Angriff", r"losgehen", r"geht es los", r"anlaufen")
END_CUE = _rx(r"\w*[Ff]ertigstellung\w*", r"fertiggestellt", r"[Ff]ertig", r"\w*abgeschlossen", r"abzuschließen",
              r"[Aa]bschluss", r"beendet", r"Inbetriebnahme", r"in Betrieb", r"\w*[Ee]röffnung", r"eröffnet",
              r"Übergabe", r"übergeben", r"bezugsfertig", r"bezogen", r"freigegeben", r"Freigabe", r"realisiert",
              r"vollendet", r"Ende der (?:Arbeiten|Bauarbeiten|Baumaßnahme|Sperrung|Bauzeit)")
WORK_CUE = _rx(r"Arbeiten", r"[A-ZÄÖÜ]\w*arbeiten", r"\w*[Bb]aumaßnahme\w*", r"\w*[Mm]aßnahme\w*", r"\w*[Ss]anierung\w*", r"saniert",
               r"\w*(?<!Stadt)[Uu]mbau(?:s|es|arbeiten|maßnahmen?)?", r"umgebaut", r"\w*[Nn]eubau\w*", r"Bau", r"Bauphase", r"Bauzeit", r"Bauvorhaben",
               r"Errichtung", r"errichtet", r"\w*[Ee]rkundung\w*", r"\w*[Uu]ntersuchung\w*", r"durchgeführt",
               r"erfolg(?:t|te|ten|en)", r"\w*[Ss]perrung", r"gesperrt", r"Baustelle\w*", r"\w*[Ee]rneuerung",
               r"erneuert", r"Rückbau", r"zurückgebaut", r"Abriss", r"abgerissen", r"Montage", r"montiert", r"schließt",
               r"Schließung", r"\w*[Ee]rweiterung\w*", r"Ausbau", r"ausgebaut",
               r"umgesetzt", r"Umsetzung\w*", r"baut", r"bauen", r"sanieren", r"gearbeitet", r"arbeitet", r"entstehen", r"entsteht", r"(?:an)?dauer[nt]", r"(?:um|neu )?gestaltet", r"\w*[Gg]estaltung",
               r"geschlossen (?:werden|bleiben|bleibt|sein|ist|wird)")
#: a date next to one of these is an event, a meeting, history, a deadline — not the runtime
DATE_NOT = _rx(
    r"Rechtsanspruch\w*", r"Sitzung\w*", r"Ausschuss\w*", r"Ratssitzung", r"Rat", r"Bezirksvertretung",
    r"Infostand\w*", r"Info-?[Aa]bend", r"Informationsveranstaltung\w*", r"Veranstaltung\w*", r"Versammlung\w*",
    r"Workshop\w*", r"Führung\w*", r"Besuch\w*", r"besucht\w*", r"Termin\w*", r"geöffnet", r"Öffnungszeit\w*",
    r"Uhr", r"Jahrhundert\w*", r"stammt", r"stammen", r"stammte", r"stammten", r"Baujahr", r"erbaut\w*", r"\w*aufgebaut\w*", r"gebaut",
    r"gebaute[nrms]?", r"errichtete[nrms]?", r"\w*[Vv]erfahren\w*", r"Pressemeldung\w*", r"Presseinformation\w*",
    r"bewilligt", r"\w*[Bb]ewilligung\w*",
    r"befand", r"befanden", r"genutzt", r"gegründet", r"Gründung", r"Jubiläum\w*", r"\w*[Aa]ntrag\w*",
    r"beantragt", r"Ausschreibung\w*", r"ausgeschrieben", r"Vergabe", r"vergeben", r"Wettbewerb\w*",
    r"beauftragt", r"\w*[Bb]eauftragung\w*", r"Zuschlag", r"Auftragsvergabe",
    r"\w*[Bb]eschluss\w*", r"beschlossen", r"zugestimmt", r"Zustimmung", r"Gremium", r"Gremien",
    r"Stadtrat\w*", r"Gemeinderat\w*", r"Abrechnung\w*", r"abgerechnet", r"Verwendungsnachweis\w*", r"Kreistag\w*", r"angekündigt", r"Ankündigung", r"vorgestellt", r"präsentiert",
    r"informiert", r"berichtet\w*", r"nannte", r"genannt", r"Pressemitteilung", r"veröffentlicht", r"heute\w*", r"Frist\w*",
    r"Stichtag", r"bewerben", r"Bewerbung\w*", r"Anmeldung\w*", r"angemeldet", r"Zeitfenster", r"gebucht",
    r"Buchung\w*", r"Voraus", r"ursprünglich\w*", r"Feier\w*", r"Fest", r"Sommerpause",
    r"Ferien\b", r"Schulferien", r"Wahl\w*")
#: milestones that are neither start nor end (kept as milestones, never the runtime)
EVENT_CUE = _rx(r"Richtfest\w*", r"Grundsteinlegung\w*", r"Grundstein", r"Topping-out")
def _either_case(*words: str) -> str:
    """Alternatives that match a word in lower case and capitalised (at a sentence start) — without re.I, which
    makes a pattern several times slower to search."""
    return "|".join(f"[{w[0].upper()}{w[0]}]{w[1:]}" for w in words)


def _whole_words_either_case(*words: str) -> str:
    """Whole words as ``_either_case``, each alternative begun by its first letter: the regex engine finds the first
    letters by a fast scan, where a pattern that begins with a lookbehind is tried at every position of the text
    (the lookbehind after the first letter looks at the character before it)."""
    return "|".join(f"{c}(?<![\\wäöüß].){w[1:]}(?![\\wäöüß])" for w in words for c in (w[0].upper(), w[0]))


#: a plan in the past tense ("sollten … beendet sein"): kept only when it lies after the publication date
TENTATIVE = re.compile(_whole_words_either_case("sollte", "sollten", "hätte", "hätten", "wäre", "wären", "könnte",
                                                "könnten"))
#: a sentence with one of these speaks of a plan that is no longer the plan
SUPERSEDED = re.compile(_either_case("ursprünglich", "anfangs", "zunächst (?:war|sollte|hieß|geplant)",
                                     "bisher geplant", "nicht (?:gehalten|eingehalten)", "verschoben", "hätte",
                                     "hätten"))
#: the verbs that tell the tense of a sentence (the one nearest to a date counts)
TENSE_PAST = ("wurde", "wurden", "war", "waren", "hatte", "hatten", "fand", "fanden", "startete", "starteten", "begann",
              "begannen", "erfolgte", "erfolgten", "konnte", "konnten", "feierte", "feierten", "haben", "hat",
              r"ist \w+ worden")
TENSE_FUTURE = ("soll", "sollen", "wird", "werden", "beginnt", "beginnen", "startet", "starten", "geplant",
                "vorgesehen", "voraussichtlich", "angestrebt", "erwartet", "kommenden", "künftig", "ab")
TENSE = re.compile(r"(?<![\wäöüß])(?:(?P<past>" + _either_case(*TENSE_PAST) + r")|(?P<future>"
                   + _either_case(*TENSE_FUTURE) + r"))(?![\wäöüß])")
#: the first two letters of TENSE's matches (each word lower-case and capitalised)
TENSE_HEADS = frozenset(h for w in TENSE_PAST + TENSE_FUTURE for h in (w[:2], w[0].upper() + w[1]))
#: a weekday or "heute" set before the date with a comma: "ab Montag, 21. September 2026", "Seit heute, 20. Juli"
APPOSITION = (r"(?:\s*(?:de[nm]\s+)?(?:Montag|Dienstag|Mittwoch|Donnerstag|Freitag|Samstag|Sonnabend|Sonntag|heute|"
               r"morgen)\s*,)?")
UNTIL = re.compile(r"(?<!\w)(?:bis(?: zum| zur| Ende| spätestens| voraussichtlich)?|spätestens(?: zum| zur| bis)?)"
                   + APPOSITION + r"\s*(?:zum|zur|Ende|Mitte|Anfang|in den|im|in das)?\s*$", re.I)
FROM = re.compile(r"(?<!\w)(?:ab|seit)(?: dem| der| Mitte| Anfang| Ende)?" + APPOSITION + r"\s*$", re.I)
DURATION_CUE = re.compile(r"(?<!\w)(?:dauer\w*|Bauzeit|Laufzeit|für|über einen Zeitraum von|innerhalb von)(?!\w)", re.I)

#: headings under which a page speaks of something else (contacts, related articles, the company)
OFF_TOPIC_HEADING = re.compile(
    r"^(?:Kontakt\w*|Ansprechpartner\w*|Ansprechperson\w*|Weitere (?:Meldungen|Informationen|Artikel|Projekte|Nachrichten)"
    r"|Verwandte\b.*|Das könnte Sie auch interessieren|Auch interessant|Mehr zum Thema|Social Media|Artikeldetails"
    r"|Quelle|Downloads?|Links?|Über (?!das Projekt|den Bau|die Maßnahme)\S.*|Hintergrund zum Programm"
    r"|Zum Förderprogramm|Das Förderprogramm)\s*:?$", re.I)
