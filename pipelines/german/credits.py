"""Image credit lines -> role, names, licence."""
from __future__ import annotations

import re
from dataclasses import dataclass

@dataclass(frozen=True)
class Credit:
    raw: str
    role: str | None
    names: tuple[str, ...]
    licence: str | None


_CREDIT_RE = re.compile(
    r"^\(?\s*(?P<role>©©|©|\(c\)|Bildnachweis|Bildlizenz|Bilder|Bild|Fotos|Foto|Grafik|Quelle|Credit|Copyright|Abbildung|Visualisierung)(?![a-zäöü])"
    r"(?:\s*\([^)]*\))?(?:\s+\w+(?=\s*[:：]))?\s*[:：]?\s*(?P<rest>.+?)\)?$", re.I | re.S)
_LICENCE_RE = re.compile(r"\bCC[ -]?(?:BY|0)(?:[- ][A-Z]{2})*(?:\s*\d\.\d)?\b|\bCC0\b")


_LOOKS_LIKE_CREDIT_RE = re.compile(
    r"^\(?\s*(?:©|\(c\)\s|(?:Bild|Fotos?|Grafik|Quelle|Credit|Copyright|Bildnachweis|Bildlizenz|Abbildung)"
    r"(?:\s*\([^)]*\))?(?:\s+\w+)?\s*:)", re.I)


def looks_like_credit(text: str) -> bool:
    t = text.strip()
    if len(t) > 200:
        return False
    if ":" not in t and "©" not in t and "(c" not in t and "(C" not in t:
        return False  # (every form below has one of these; most lines of a page have none)
    return _LOOKS_LIKE_CREDIT_RE.match(t) is not None


def parse_credit(text: str) -> Credit | None:
    raw = " ".join(text.split())
    m = _CREDIT_RE.match(raw)
    if not m:
        return None
    role = m.group("role")
    rest = re.sub(r"^(?:Foto|Bild)\s*:\s*", "", m.group("rest")).strip()
    rest = re.sub(r",?\s*https?://\S+", "", rest)
    lic = _LICENCE_RE.search(rest)
    if lic:
        rest = (rest[:lic.start()] + rest[lic.end():]).strip(" ,;/")
    names = tuple(n.strip(" ,;:") for n in re.split(r"\s*[/|]\s*", rest) if re.search(r"\w", n))
    return Credit(raw, role if role not in ("©©",) else "©", names, lic.group(0) if lic else None)


