"""Image credit lines -> role, names, licence.

Names are split on "|" and on a slash with a space beside it ("Stadt Dortmund / Jutta Sankowski",
"Stadt Dortmund/ Katharina Lück"); a slash between two words ("UWB/Stadt Bielefeld", "Julius Hentges/Stadt
Hagen") stays inside one name, as in "Planungs-/Bauamt" a reader cannot tell whether it joins two names or is
part of one. Commas stay inside a name ("Stadt Krefeld, Presse und Kommunikation, Dirk Jochmann").
"""
from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Credit:
    raw: str
    role: str | None
    names: tuple[str, ...]
    licence: str | None


#: the words a credit starts with, longest first where one is the start of another
ROLE_WORDS = (
    "Bildnachweise", "Bildnachweis", "Bildrechte", "Bildquellen", "Bildquelle", "Bildlizenz", "Bilder", "Bild",
    "Fotonachweise", "Fotonachweis", "Fotografin", "Fotograf", "Fotos", "Foto", "Grafik", "Quelle", "Credits",
    "Credit", "Copyright", "Abbildung", "Visualisierung", "Illustration",
)
_ROLES = "|".join(ROLE_WORDS)
_CREDIT_RE = re.compile(
    rf"^\(?\s*(?P<role>©©|©|\(c\)|(?:{_ROLES})(?![a-zäöü]))"
    r"(?:\s*\([^)]*\))?(?:\s+\w+(?=\s*[:：]))?\s*[:：]?\s*(?P<rest>.+?)\)?$", re.I | re.S)
_LICENCE_RE = re.compile(r"\bCC[ -]?(?:BY|0)(?:[- ][A-Z]{2})*(?:\s*\d\.\d)?\b|\bCC0\b")
_INNER_ROLE_RE = re.compile(rf"^(?:{_ROLES})\s*[:：]\s*", re.I)
#: names are separated by a pipe, or by a slash with a space beside it
_NAME_SEP_RE = re.compile(r"\s*\|\s*|\s+/\s*|/\s+")
_URL_RE = re.compile(r",?\s*https?://\S+")
_COMMA_BEFORE_SEP_RE = re.compile(r"\s*,\s*(?=[;|]|$)")
_WORD_RE = re.compile(r"\w")


_LOOKS_LIKE_CREDIT_RE = re.compile(
    rf"^\(?\s*(?:©|\(c\)\s|(?:{_ROLES})"
    r"(?:\s*\([^)]*\))?(?:\s+\w+)?\s*:)", re.I)


#: a credit word in capitals without a colon: "FOTOS Stadt Gelsenkirchen, Cornelia Fischer"
_CAPS_CREDIT_RE = re.compile(r"^(?:FOTOS?|BILDER|BILD)\s+[A-ZÄÖÜ]")


def looks_like_credit(text: str) -> bool:
    t = text.strip()
    if len(t) > 200:
        return False
    caps = t[:2] in ("FO", "BI") and _CAPS_CREDIT_RE.match(t) is not None  # (many lines start with "B", "F")
    if ":" not in t and "©" not in t and "(c" not in t and "(C" not in t:
        return caps  # (every other form has one of these; most lines of a page have none)
    return caps or _LOOKS_LIKE_CREDIT_RE.match(t) is not None


def _names(rest: str) -> tuple[tuple[str, ...], str | None]:
    if "://" in rest:
        rest = _URL_RE.sub("", rest)
    lic = _LICENCE_RE.search(rest) if "CC" in rest else None  # (every licence the pattern knows has it)
    if lic:
        rest = (rest[:lic.start()] + rest[lic.end():]).strip(" ,;/")
        rest = _COMMA_BEFORE_SEP_RE.sub("", rest)  # "Ekrem Canli, CC BY-SA 3.0; Stadt" -> "Ekrem Canli; Stadt"
    names = tuple(n.strip(" ,;:") for n in _NAME_SEP_RE.split(rest) if _WORD_RE.search(n))
    return names, lic.group(0) if lic else None


def parse_credit(text: str, role: str | None = None) -> Credit | None:
    """A credit line ("Foto: X", "© X | Y", "Bild (Bildlizenz/Fotograf): X / Y"); None when ``text`` is no
    credit line. ``role``: what the page says the text is when it says so by its markup rather than by a
    word in the text (a figure's copyright attribute, an entry of a "Bildnachweise" list): then the whole
    text is the names."""
    raw = " ".join(text.split())
    m = _CREDIT_RE.match(raw)
    if m:
        role = m.group("role")
        rest = _INNER_ROLE_RE.sub("", m.group("rest")).strip()
    elif role and _WORD_RE.search(raw):
        rest = raw
    else:
        return None
    names, lic = _names(rest)
    return Credit(raw, role if role not in ("©©",) else "©", names, lic)
