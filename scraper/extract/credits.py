"""Image credits of the content, wherever the page puts them, each with the image it belongs to.

Forms (REAL_FORMATS.md and the real fixtures):

* a credit line: "Foto: …", "Bild: …", "Bildrechte: …", "© …" (a bare "© Stadt …" far from any image is the
  site's notice, not an image credit);
* "©" alone with the name on the next line (``<details><summary>©</summary><span>Name</span></details>``);
* a credit at the end of a caption: "Luftbild der Straße. Bildrechte: Stadt X", "… (Foto: X)", "… © X",
  ``<figcaption>Caption <small>Bild: X</small></figcaption>``;
* the entries of a credits list after the article ("Bildnachweise", "Bildquellen", "Fotonachweis" …);
* a figure's attributes (``data-copyright``, JSON with a ``copyright`` field, ``title="© …"``, figures.py);
* a figure's "©" link to an entry elsewhere on the page (``href="#id"``).

Each credit once (compared by its names, so "© Stadt Wuppertal" in a list and "Stadt Wuppertal" in the
figure's JSON are one), in page order, with its image where the markup ties them (the figure it stands in, the
"©" link that points to it), else the image it closely follows. Teaser cards for other pages bring their own
pictures and credits: they are not this page's. Lines before the headline count only in a figure right above it (``figures.lead_figure``).

A credit line claims the short line before it as its image's caption (``consumed = "caption"``), and a line
that ends with a credit next to an image is a caption (the image finder takes it without the credit).
"""
from __future__ import annotations

import re

from pipelines.german import looks_like_credit, parse_credit

from .document import Document
from .figures import Figures, anchor_targets, attribute_credits, lead_figure, linked_entry_text
from .lines import Line
from .text import norm_space

_ROLE_WORDS = ("Bildrechte", "Bildquelle", "Bildnachweis", "Fotos", "Foto", "Bilder", "Bild", "Grafik",
               "Visualisierung", "Abbildung", "Copyright", "Credit")
_ROLES = f"(?:{'|'.join(_ROLE_WORDS)})"
#: the three forms of a credit inside a longer line: "(Foto: X)" anywhere, "© X" and "Bildrechte: X" at the end
_PAREN_CREDIT = (r"\((?:Bild|Foto|Fotos|Grafik|Abbildung|Bildlizenz|Bildrechte|Quelle|Visualisierung|Karte)"
                 r"\s*:\s*[^()]{2,120}\)")
_END_COPYRIGHT = r"(?<![\w©])©\s*[^©()\n]{2,100}$"
# "Luftbild der Straße. Bildrechte: Stadt X": a credit word after a sentence or a space, at the end
_END_ROLE = rf"(?<=[\s.!?;,]){_ROLES}\s*:\s*[^:()\n]{{2,100}}$"
EMBEDDED_CREDIT_RE = re.compile(f"{_PAREN_CREDIT}|{_END_COPYRIGHT}|{_END_ROLE}")
_PAREN_CREDIT_RE = re.compile(_PAREN_CREDIT)
_END_COPYRIGHT_RE = re.compile(_END_COPYRIGHT)
_END_ROLE_RE = re.compile(_END_ROLE)
_LONGEST_ROLE = max(map(len, _ROLE_WORDS))
#: a word one of which every "(Foto: …)" and every "Bildrechte: …" credit holds (each of the forms' words
#: holds one of them: "Fotos" holds "Foto", "Bildlizenz" holds "Bild")
_FORM_WORDS = ("Bild", "Foto", "Grafik", "Abbildung", "Visualisierung", "Quelle", "Karte", "Copyright", "Credit")
#: ``EMBEDDED_CREDIT_RE`` with only some of its forms, by (paren, copyright, role): a form that cannot match
#: anywhere in a text changes nothing the combined pattern finds in it, and the fewer forms the pattern
#: tries at every position, the faster it scans (the paren form alone is found by a search for its "(")
_EMBEDDED_FORMS = {(p, c, r): re.compile("|".join(f for f, on in zip((_PAREN_CREDIT, _END_COPYRIGHT, _END_ROLE),
                                                                        (p, c, r)) if on))
                   for p in (False, True) for c in (False, True) for r in (False, True) if p or c or r}
#: headings of a list of credits after the article
_CREDIT_LIST_RE = re.compile(
    r"^(?:Bildnachweise?|Bildquellen?|Bildrechte|Fotonachweise?|Abbildungsnachweise?|Bild- und Quellennachweise?"
    r"|Bildnachweise und Lizenzen)\s*:?$", re.I)
#: a credit marker alone on its line, the name on the next
_BARE_MARKER_RE = re.compile(r"^(?:©|\(c\)|(?:Foto|Fotos|Bild|Bildrechte|Bildnachweis|Bildquelle|Fotonachweis|"
                             r"Copyright|Credits?)\s*:)$", re.I)
#: how many lines after an image a credit may stand and still be its credit
_NEAR_IMAGE = 3


class _Found:
    """The credits in page order, each once by its names; a later mention can add the image."""

    def __init__(self):
        self.items: list[dict] = []
        self._by_key: dict[str, dict] = {}
        self._keys: dict[str, str] = {}     # text -> its key ("": no names)

    def add(self, text: str, image: str | None, role: str | None = None) -> None:
        text = norm_space(text)
        key = self._keys.get(text)
        if key is None:  # (a gallery repeats one credit under every picture: read it once)
            c = parse_credit(text, role or "©")
            key = self._keys[text] = "|".join(n.lower() for n in c.names) if c is not None else ""
        if not key:
            return
        known = self._by_key.get(key)
        if known is not None:
            if known["image"] is None:
                known["image"] = image
            return
        entry = {"text": text, "image": image, "role": role}
        self._by_key[key] = entry
        self.items.append(entry)


def find_credits(doc: Document, start: int) -> list[dict]:
    """``{"text", "image", "role"}`` per credit (``role``: what the markup says the text is, when the text
    itself does not say it, e.g. "©" for a figure's copyright attribute); claims credit and caption lines."""
    lines = doc.lines
    figures = Figures(lines, doc.content)
    targets = anchor_targets(figures)
    found = _Found()
    listed: set[str] = set()        # ids of list entries read from the lines
    last_img, last_url = -100, None
    in_list = 0                     # heading level of the credits list being read (0: none)
    first = lead_figure(lines, start)
    for i in range(first, len(lines)):
        ln = lines[i]
        if first <= i < start - 1 and not ln.caption and ln.kind != "img":
            continue
        if ln.kind == "img":
            if ln.consumed:
                continue
            if ln.el not in figures.url_of:
                continue  # a logo, an icon
            if figures.in_teaser(ln.el):
                ln.consumed = "teaser"
                continue
            url = ln.image["url"]
            last_img, last_url = i, url
            for text in attribute_credits(ln.el, figures):
                found.add(text, url, "©")
            continue
        if ln.consumed:
            continue
        text = ln.text
        if in_list:
            if (ln.heading_level and ln.heading_level <= in_list) or ln.kind not in ("li", "p", "dd", "dt") \
                    or len(text) > 200:
                in_list = 0
            else:
                entry_id = _entry_id(ln)
                listed.add(entry_id or "")
                found.add(text, targets.get(entry_id), "©")
                ln.consumed = "credit"
                continue
        if (ln.heading_level or ln.bold) and _CREDIT_LIST_RE.match(text) and i >= start:
            in_list = ln.heading_level or 7
            ln.consumed = "heading"
            continue
        if i == start - 1:
            continue  # the headline
        near = i - last_img <= _NEAR_IMAGE
        if looks_like_credit(text):
            if figures.in_teaser(ln.el):
                ln.consumed = "teaser"  # (a teaser's credit: another page's)
                continue
            if _BARE_MARKER_RE.match(text.strip()):  # "Credit:" / "©" alone, the name on the next line
                nxt = lines[i + 1] if i + 1 < len(lines) else None
                if nxt is None or nxt.consumed or nxt.kind == "img" or nxt.heading_level or len(nxt.text) > 200 \
                        or not (ln.caption or near):
                    continue
                nxt.consumed = "credit"
                text = f"{text.strip()} {nxt.text}"
            url = figures.image_of(ln.el) or (last_url if near else None)
            if text.lstrip().startswith(("©", "(c)", "(C)")) and not ln.caption and url is None:
                continue  # the site's notice
            found.add(text, url)
            ln.consumed = "credit"
            _claim_caption_before(lines, i, doc.title_index)
            continue
        if (ln.caption or near) and ("©" in text or "(" in text or ":" in text[-110:]):  # (what the pattern needs)
            m = embedded_credit(text)
            if m:
                credit = m.group(0).strip()
                credit = credit.strip("()") if credit.startswith("(") else credit
                if looks_like_credit(credit) and not figures.in_teaser(ln.el):
                    found.add(credit, figures.image_of(ln.el) or (last_url if near else None))
                    if near and not ln.heading_level:
                        ln.consumed = "caption"
    for target_id, url in targets.items():  # "©" links to entries the lines did not hold
        if target_id not in listed:
            text = linked_entry_text(doc.root, target_id)
            if text and looks_like_credit(text):
                found.add(text, url)
    return found.items


def embedded_credit(text: str) -> re.Match | None:
    """``EMBEDDED_CREDIT_RE.search(text)``, each form looked for only where it can stand. The combined
    pattern tries all three at every position of a long caption; "(Foto: …)" alone is found by a scan for
    "(", and the two forms that end the line can only start at the last "©" (no "©" follows it) or end
    their credit word right before the last ":" (and its spaces)."""
    found = []
    if "(" in text:
        m = _PAREN_CREDIT_RE.search(text)
        if m:
            found.append(m)
    at = text.rfind("©")
    if at >= 0:
        m = _END_COPYRIGHT_RE.match(text, at)
        if m:
            found.append(m)
    colon = text.rfind(":")
    if colon >= 0:
        head = text[:colon].rstrip()
        if head.endswith(_ROLE_WORDS):
            m = _END_ROLE_RE.search(text, max(0, len(head) - _LONGEST_ROLE))
            if m:
                found.append(m)
    # (the combined pattern's match is the leftmost; the forms start with different characters: no ties)
    return min(found, key=lambda m: m.start()) if found else None


def strip_embedded_credits(text: str) -> str:
    """``EMBEDDED_CREDIT_RE.sub("", text)``: the credits at the end or in parentheses of a caption removed.
    Each form is tried only when the text holds what it needs: "(" and a credit word, "©", ":" and a credit
    word (most captions hold no credit word)."""
    worded = any(map(text.__contains__, _FORM_WORDS))
    forms = (worded and "(" in text, "©" in text, worded and ":" in text)
    return _EMBEDDED_FORMS[forms].sub("", text) if any(forms) else text


def _entry_id(ln: Line) -> str | None:
    el = ln.el
    for _ in range(3):
        if el is None:
            return None
        if el.get("id"):
            return el.get("id")
        el = el.getparent()
    return None


def _claim_caption_before(lines: list[Line], i: int, title_index: int) -> None:
    """The short line right before a credit line is its image's caption."""
    prev = lines[i - 1] if i > 0 else None
    if prev is not None and not prev.consumed and prev.kind != "img" and not prev.heading_level \
            and len(prev.text) <= 200 and not prev.text.endswith((".", ":")) and i - 1 > title_index:
        prev.consumed = "caption"
