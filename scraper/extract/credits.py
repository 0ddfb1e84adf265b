"""Image credits among the content lines: "Foto: …", "Bild: …", "© …" lines, and credits in parentheses
at the end of a caption ("(Foto: Stadt Dortmund)").

A credit line claims the short line before it as the image's caption (``consumed = "caption"``), which the
image finder then takes. A lone "© Stadt …" far from any image is the site's notice, not an image credit.
"""
from __future__ import annotations

import re

from pipelines.german import looks_like_credit

from .lines import Line
from .text import norm_space

EMBEDDED_CREDIT_RE = re.compile(
    r"\((?:Bild|Foto|Fotos|Grafik|Abbildung|Bildlizenz|Quelle|Visualisierung|Karte)\s*:\s*[^()]{2,120}\)"
    r"|(?<![\w©])©\s*[^©()\n]{2,100}$"
)
#: how many lines after an image a bare "©" line or a credit in parentheses may stand
_NEAR_IMAGE = 3


def find_credits(lines: list[Line], start: int, title_index: int) -> list[str]:
    """Credit texts of ``lines[start:]`` in page order, each once; claims credit and caption lines."""
    found: list[str] = []
    last_img = -100
    for i in range(start, len(lines)):
        ln = lines[i]
        if ln.kind == "img":
            last_img = i
            continue
        if ln.consumed:
            continue
        text = ln.text
        if looks_like_credit(text):
            bare_copyright = text.lstrip().startswith(("©", "(c)", "(C)"))
            if bare_copyright and not ln.caption and i - last_img > _NEAR_IMAGE:
                continue
            found.append(text)
            ln.consumed = "credit"
            prev = lines[i - 1] if i > 0 else None
            if prev is not None and not prev.consumed and prev.kind != "img" and not prev.heading_level \
                    and len(prev.text) <= 200 and not prev.text.endswith((".", ":")) and i - 1 > title_index:
                prev.consumed = "caption"
            continue
        if ln.caption or i - last_img <= 2:
            m = EMBEDDED_CREDIT_RE.search(text)
            if m and looks_like_credit(m.group(0).strip("() ")):
                found.append(m.group(0).strip("() ") if m.group(0).startswith("(") else m.group(0).strip())
    seen, out = set(), []
    for c in found:
        key = norm_space(c).lower()
        if key not in seen:
            seen.add(key)
            out.append(norm_space(c))
    return out
