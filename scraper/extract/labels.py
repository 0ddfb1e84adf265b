"""The label vocabulary of German project pages (see REAL_FORMATS.md) and what each label means.

A label is classified by what it says, never by where a site puts it, so the same tables serve every
markup. Unknown labels are still facts (``facts`` keeps them all); these tables only decide which facts
feed the typed fields.
"""
from __future__ import annotations

import re
from functools import lru_cache


def _rx(*alts: str) -> re.Pattern:
    return re.compile(r"^(?:" + "|".join(alts) + r")$", re.I)


RUNTIME_MAIN = _rx(
    r"(?:projekt|programm|gesamt)?laufzeit(?:en)?", r"(?:projekt|förder|durchführungs|umsetzungs|realisierungs|bau)?zeitraum",
    r"zeitrahmen", r"zeitplan", r"bauzeit", r"(?:projekt)?dauer", r"jahr der umsetzung", r"umsetzungsjahr",
    r"realisierung", r"projektverlauf", r"förderjahre?", r"durchführung", r"zeitraum der förderung",
    r"termine?", r"datum", r"förderphase", r"projektphase",
)
RUNTIME_MILESTONE = _rx(
    r"bewilligung", r"beginn", r"projektbeginn", r"baubeginn", r"planungsbeginn", r"start", r"projektstart",
    r"abschluss", r"projektabschluss", r"fertigstellung", r"baufertigstellung", r"übergabe", r"eröffnung",
    r"wiedereröffnung.*", r"einweihung", r"inbetriebnahme", r"planung", r"umsetzung", r"nutzung",
    r"bauantrag", r"baustart", r"ende", r"projektende", r"bauende", r"planungsphase", r"bauphase",
    r"umsetzungsphase", r"ausführung",
)
FUNDING = _rx(
    r"städtebau(?:förder)?mittel", r"fördermittel.*", r"förderung", r"förder(?:summe|betrag|volumen|anteil)",
    r"zuschu(?:ss|ß).*", r"[\w\-]+-?zuschu(?:ss|ß)", r"zuwendung(?:en)?", r"gesamtkosten.*", r"kosten.*",
    r"(?:projekt|bau|investitions|sach|personal|planungs)kosten", r"investitionsvolumen", r"investition(?:en)?",
    r"gesamtinvestition(?:en)?", r"finanzmittel", r"finanzierung", r"budget", r"(?:zusätzliche )?(?:private |öffentliche )?mittel",
    r"eigen(?:mittel|anteil)", r"efre.*", r"bund und land.*", r"(?:städtischer |kommunaler )?(?:eigen)?anteil",
    r"gesamtsumme.*", r"summe", r"fördervolumen", r"finanzvolumen", r"volumen", r"verfügungsfonds", r"landesmittel", r"bundesmittel",
    r"städtische mittel", r"kosten, finanzierung", r"davon.*",
)
#: funding labels whose value is a programme name, not an amount
FUNDING_PROGRAMME = _rx(r"art der (?:finanzierung|förderung)", r"finanzierungsart", r"förderart")
CONTRACTOR = _rx(
    r"auftragnehmer(?:in)?", r"projektträger(?:in)?(?:, partner)?", r"träger(?:in)?", r"(?:maßnahmen)?träger(?:schaft)?",
    r"umsetzung durch", r"durchführung durch", r"ausführung durch", r"durchgeführt von", r"planungsbüro",
    r"(?:beauftragtes )?büro", r"architekt(?:en|in|innen)?", r"landschaftsarchitekt(?:en|in|innen)?",
    r"planer(?:in)?", r"planung durch", r"betreiber(?:in)?", r"bauherr(?:in)?", r"entwurf",
)
DISTRICT = _rx(r"stadtbezirk", r"bezirk", r"stadtteil", r"ortsteil", r"projektort", r"lage", r"gebiet",
               r"betroffenes gebiet", r"standort", r"ort", r"quartier")
PROGRAMME = _rx(
    r"(?:förder|städtebauförder|stadterneuerungs)?programm", r"programmgebiet", r"fördergebiet",
    r"bezug zu städtebauförderprogrammen", r"förderkulisse", r"programmbereich", r"stadterneuerungsgebiet",
)
SECTION_DESCRIPTION = _rx(
    r"projektbeschreibung", r"beschreibung", r"projektinhalt", r"inhalt", r"infos zum projekt",
    r"das projekt", r"über das projekt", r"maßnahme", r"maßnahmenbeschreibung", r"projektdarstellung",
    r"kurzbeschreibung", r"projektskizze",
)
SECTION_EVALUATION = _rx(r"bewertung", r"fazit", r"evaluation", r"evaluierung", r"einschätzung", r"bilanz",
                         r"projektbewertung", r"rückblick")
SECTION_RESULT = _rx(r"ergebnis(?:se)?", r"projektergebnis(?:se)?", r"ergebnisse, wirkungen", r"wirkungen?",
                     r"ergebnis und ausblick", r"erfolge", r"was wurde erreicht\??")
#: other section headings: prose that is neither description, evaluation nor result
SECTION_OTHER = _rx(
    r"ausgangssituation", r"ausgangslage", r"hintergrund", r"planung", r"ziele?", r"projektziele?",
    r"zielgruppen?", r"handlungsfeld(?:er)?", r"beteiligung", r"verlauf, probleme", r"zusammenwirken, vernetzung",
    r"kontakt", r"ansprechpartner(?:in)?(?:nen)?", r"weitere informationen", r"downloads?", r"links?",
    r"förderhinweis", r"bilderstrecke", r"galerie", r"ausblick", r"verstetigung", r"umsetzung", r"akteure",
    r"kooperationspartner", r"partner", r"finanzierung", r"finanzmittel", r"programmlaufzeit", r"laufzeit",
    r"projektverlauf", r"realisierungszeitraum", r"weitere beteiligte", r"beteiligte ämter", r"projektbeteiligte",
)
#: listings of projects
PROJECT_LISTS = frozenset(("beendete projekte", "abgeschlossene projekte", "laufende projekte", "projekte"))
#: headings that name a portal, a section or a listing, never one project (lower case)
GENERIC_TITLES = PROJECT_LISTS | frozenset((
    "aktuelles", "stadterneuerung", "stadtumbau", "soziale stadt", "startseite", "dortmund.de", "navigation",
    "menü", "stadtportal dortmund.de", "inhalt", "suche", "dortmund überrascht. dich.",
))
#: names of a portal's news sections: a heading with one of them is a headline only when nothing else is
#: (aachen.de: <h1>Pressemitteilungen</h1> above the press release's own headline)
NEWS_SECTIONS = frozenset((
    "presse", "pressemitteilungen", "pressemitteilung", "pressemeldungen", "pressemeldung", "pressedienst",
    "pressestelle", "aktuelle meldungen", "meldungen", "nachrichten", "news", "neuigkeiten", "artikel",
    "details", "mitteilungen", "aktuelle nachrichten", "newsroom",
))
#: labels that stand alone on a line (no colon) and are followed by their value on the next line
KNOWN_LABELS = [
    RUNTIME_MAIN, RUNTIME_MILESTONE, FUNDING, FUNDING_PROGRAMME, CONTRACTOR, DISTRICT, PROGRAMME,
    _rx(r"partner", r"kooperationspartner", r"beteiligte ämter", r"weitere beteiligte", r"akteure",
        r"projektbeteiligte", r"zielgruppen?", r"handlungsfeld(?:er)?", r"fläche", r"einwohnerzahl",
        r"leistungsphasen?", r"status", r"bearbeitungsstand", r"stand(?: des projekts)?", r"projektstand",
        r"phase der gebietsentwicklung", r"entwicklungsschwerpunkt", r"erreichte bewertungspunkte", r"nr\.?",
        r"projekttitel", r"einordnung", r"beteiligungsformat", r"projektnummer", r"maßnahmennummer",
        r"ansprechpartner(?:in)?", r"kontakt", r"federführung", r"zuständigkeit", r"beteiligte"),
]

#: one pattern for all of them (each is anchored ^…$): one regex call instead of eight per line
_KNOWN_ANY = re.compile("|".join(f"(?:{rx.pattern})" for rx in KNOWN_LABELS), re.I)

_SENTENCE_START = {
    "das", "die", "der", "den", "dem", "des", "ein", "eine", "einen", "es", "wir", "sie", "er", "ich", "im", "in",
    "am", "zum", "zur", "bei", "mit", "nach", "auch", "so", "hier", "dabei", "dazu", "damit", "diese", "dieser",
    "dieses", "durch", "für", "von", "vom", "auf", "aus", "als", "wie", "was", "wer", "wenn", "weil", "dass",
    "denn", "doch", "aber", "und", "oder", "seit", "bis", "ab", "unter", "über", "nun", "jetzt", "heute",
    "insgesamt", "außerdem", "zudem", "ziel", "fazit ist",
}
_VERBS = {
    "ist", "war", "sind", "waren", "wird", "wurde", "wurden", "werden", "hat", "hatte", "haben", "hatten",
    "kann", "können", "konnte", "konnten", "soll", "sollte", "sollen", "gibt", "gab", "muss", "müssen",
    "entstand", "entstehen", "entsteht", "sagt", "sagte", "heißt", "bleibt", "zeigt", "liegt", "lag",
}


@lru_cache(maxsize=1024)  # labels repeat on every page of a portal
def normalize_label(label: str) -> str:
    label = " ".join(label.split()).strip(":：").strip()
    return label


@lru_cache(maxsize=1024)  # labels repeat on every page of a portal
def _matches(rx: re.Pattern, label: str) -> bool:
    return rx.match(normalize_label(label).lower()) is not None


def is_runtime_label(label: str) -> bool:
    return _matches(RUNTIME_MAIN, label)


def is_milestone_label(label: str) -> bool:
    return _matches(RUNTIME_MILESTONE, label)


def is_funding_label(label: str) -> bool:
    return _matches(FUNDING, label) and not _matches(FUNDING_PROGRAMME, label)


def is_funding_programme_label(label: str) -> bool:
    return _matches(FUNDING_PROGRAMME, label)


def is_contractor_label(label: str) -> bool:
    return _matches(CONTRACTOR, label)


def is_district_label(label: str) -> bool:
    return _matches(DISTRICT, label)


def is_programme_label(label: str) -> bool:
    return _matches(PROGRAMME, label)


#: the same section words with what headings add to them: "Unser Fazit", "Fazit und Ausblick", "Ergebnisse /
#: Wirkungen", "Bilanz nach 16 Jahren", "Ergebnisse des Projekts", "Was hat das Projekt gebracht?"
_SECTION_TAIL = (r"(?:\s*(?:[/,&+]|und)\s*(?:wirkungen?|ausblick|ergebnisse?|bewertung|fazit|perspektiven?|erfolge|"
                 r"erfahrungen|bilanz))?"
                 r"(?:\s+(?:des|der|zum|zur|von)\s+(?:projekts?|projektes|maßnahmen?|programms?|programmes|vorhabens|"
                 r"umbaus?|sanierung|evaluation|evaluierung))?(?:\s+nach\s+[\wäöü]+\s+jahren)?\s*[:.!?]?$")
_EVALUATION_LOOSE = re.compile(
    r"^(?:(?:unser|ein|das|kurzes|erstes|abschließendes)\s+)?(?:fazit|resümee|resuemee|bilanz|projektbilanz|"
    r"zwischenbilanz|abschlussbilanz|rückblick|bewertung|projektbewertung|evaluation|evaluierung|"
    r"evaluationsergebnisse|ergebnisse? der (?:evaluation|evaluierung)|einschätzung|erfahrungen|erkenntnisse|"
    r"lessons learned)" + _SECTION_TAIL)
_RESULT_LOOSE = re.compile(
    r"^(?:(?:die|das|unsere|erste|wichtige)\s+)?(?:ergebnis(?:se)?|projektergebnis(?:se)?|wirkung(?:en)?|erfolge|"
    r"erreichtes|erreichte ziele|was (?:wurde|hat (?:das|die) (?:projekt|maßnahme|programm)) (?:erreicht|gebracht))"
    + _SECTION_TAIL)


@lru_cache(maxsize=1024)  # labels repeat on every page of a portal
def section_of(heading: str) -> str | None:
    """description / evaluation / result / other, or None when the text is no known section heading."""
    h = normalize_label(heading).lower()
    if SECTION_DESCRIPTION.match(h):
        return "description"
    if SECTION_EVALUATION.match(h):
        return "evaluation"
    if SECTION_RESULT.match(h):
        return "result"
    if SECTION_OTHER.match(h):
        return "other"
    if len(h) <= 60 and _EVALUATION_LOOSE.match(h):
        return "evaluation"
    if len(h) <= 60 and _RESULT_LOOSE.match(h):
        return "result"
    return None


@lru_cache(maxsize=1024)  # labels repeat on every page of a portal
def is_known_label(label: str) -> bool:
    return _KNOWN_ANY.match(normalize_label(label).lower()) is not None


@lru_cache(maxsize=1024)  # labels repeat on every page of a portal
def is_label_like(label: str) -> bool:
    """Could this text before a colon be a label (rather than the start of a sentence)?"""
    lab = normalize_label(label)
    if not lab or len(lab) > 80:
        return False
    if is_known_label(lab):
        return True
    if len(lab) > 60:
        return False  # ("Von 2016 bis 2023 hat das Programm … gestärkt: mit …" is a sentence)
    if not (lab[0].isupper() or lab[0].isdigit()):
        return False
    words = lab.split()
    if len(words) > 5:
        return False
    low = [w.lower().strip(",()") for w in words]
    if low[0] in _SENTENCE_START or any(w in _VERBS for w in low):
        return False
    if re.search(r"[.!?]\s|[.!?]$", lab) and not re.search(r"\b(?:Nr|ca|bzw|inkl|ggf|St|Str)\.$", lab):
        return False
    if re.fullmatch(r"[\d.\s/-]+", lab):  # "2013" in "2013: 32.000 €" is a period, not a label
        return False
    return True
