"""The content's images (not logos, icons, spacers), each with its caption: a line in a caption container
or a short line right after it that no other finder claimed."""
from __future__ import annotations

from pipelines.german import looks_like_credit

from .credits import strip_embedded_credits
from .figures import _SKIP_RE, _decoration, content_image, lead_figure  # noqa: F401 (_SKIP_RE, _decoration: tests)
from .lines import Line


def _caption_of(lines: list[Line], i: int) -> str | None:
    """The caption of the image at ``lines[i]``; claims its line."""
    if lines[i].inline:
        return None
    for j in range(i + 1, min(i + 4, len(lines))):
        nxt = lines[j]
        if nxt.kind == "img":
            break
        # a <figcaption>, or a line the credit finder took for a caption, is one whatever its length
        claimed = nxt.consumed == "caption" or (nxt.consumed is None and nxt.kind == "figcaption")
        if (claimed or (nxt.consumed is None and len(nxt.text) <= 250)) and not looks_like_credit(nxt.text) \
                and not nxt.heading_level and (claimed or nxt.caption
                                               or not nxt.text.endswith(".") or len(nxt.text) < 120):
            if nxt.consumed is None and not nxt.caption and j != i + 1:
                break
            nxt.consumed = "caption"
            return strip_embedded_credits(nxt.text).strip() or None
    return None


def find_images(lines: list[Line], start: int) -> list[dict]:
    out, seen = [], set()
    for i in range(lead_figure(lines, start), len(lines)):
        ln = lines[i]
        if ln.kind != "img" or not ln.image or ln.consumed == "teaser":  # (a teaser's picture is another page's)
            continue
        img = ln.image
        url = img["url"]
        if url in seen or not content_image(img):
            continue
        seen.add(url)
        out.append({"url": url, "alt": img.get("alt") or None, "caption": _caption_of(lines, i)})
    return out
