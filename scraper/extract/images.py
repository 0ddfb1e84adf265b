"""The content's images (not logos, icons, spacers), each with its caption: a line in a caption container
or a short line right after it that no other finder claimed."""
from __future__ import annotations

import re
from urllib.parse import urlsplit

from pipelines.german import looks_like_credit

from .credits import EMBEDDED_CREDIT_RE
from .lines import Line

_SKIP_WORDS = ("logo", "icon", "sprite", "spacer", "pixel", "blank.gif", "arrow", "pfeil", "button", "wappen",
               "readspeaker", "/theme/", "/themes/", "social", "share")
_SKIP_RE = re.compile("|".join(re.escape(w) for w in _SKIP_WORDS), re.I)
_MIN_SIDE = 40  # pixels: smaller images are icons


def _decoration(url: str) -> bool:
    """Logos, icons, spacers … by a word in the URL (``_SKIP_RE``, case-insensitive); as substring tests for
    ASCII URLs, where they answer the same (the pattern on a long URL costs ~100 µs)."""
    if url.isascii():
        low = url.lower()
        return any(w in low for w in _SKIP_WORDS)
    return _SKIP_RE.search(url) is not None


def _caption_of(lines: list[Line], i: int) -> str | None:
    """The caption of the image at ``lines[i]``; claims its line."""
    if lines[i].inline:
        return None
    for j in range(i + 1, min(i + 4, len(lines))):
        nxt = lines[j]
        if nxt.kind == "img":
            break
        if nxt.consumed in (None, "caption") and len(nxt.text) <= 250 and not looks_like_credit(nxt.text) \
                and not nxt.heading_level and (nxt.caption or nxt.consumed == "caption"
                                               or not nxt.text.endswith(".") or len(nxt.text) < 120):
            if nxt.consumed is None and not nxt.caption and j != i + 1:
                break
            nxt.consumed = "caption"
            return EMBEDDED_CREDIT_RE.sub("", nxt.text).strip() or None
    return None


def find_images(lines: list[Line], start: int) -> list[dict]:
    out, seen = [], set()
    for i in range(start, len(lines)):
        ln = lines[i]
        if ln.kind != "img" or not ln.image:
            continue
        img = ln.image
        url = img["url"]
        try:
            w, h = int(img.get("width") or 999), int(img.get("height") or 999)
        except ValueError:
            w = h = 999
        if url in seen or w <= _MIN_SIDE or h <= _MIN_SIDE or _decoration(url) \
                or not urlsplit(url).scheme.startswith("http"):
            continue
        seen.add(url)
        out.append({"url": url, "alt": img.get("alt") or None, "caption": _caption_of(lines, i)})
    return out
