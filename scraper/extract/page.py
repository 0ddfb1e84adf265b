"""One page -> raw fields (strings and lists of strings). Pure: no crawler, no network.

``page(html, url, context)`` is the one entry point. ``context`` carries what navigation knows and the
page may not say (the programme area whose listing linked here, the city); the page's own statements
always win over it.
"""
from __future__ import annotations

import html as htmllib
import re
from urllib.parse import urlsplit

from pipelines.german import looks_like_credit

from .. import cities
from .errors import NotHTMLError
from .dom import GENERIC_TITLES, Document, Line, decode, load, norm_space
from .encoding import utf8_text
from .facts import Fact, find_facts
from .labels import (is_contractor_label, is_district_label, is_funding_label, is_funding_programme_label,
                     is_milestone_label, is_programme_label, is_runtime_label, section_of)
from .prose import find_prose, milestone_facts, page_blocks
from .published import published_hint

_EMBEDDED_CREDIT_RE = re.compile(
    r"\((?:Bild|Foto|Fotos|Grafik|Abbildung|Bildlizenz|Quelle|Visualisierung|Karte)\s*:\s*[^()]{2,120}\)"
    r"|(?<![\w©])©\s*[^©()\n]{2,100}$"
)
_IMG_SKIP_RE = re.compile(r"logo|icon|sprite|spacer|pixel|blank\.gif|arrow|pfeil|button|wappen|readspeaker|"
                          r"/themes?/|social|share", re.I)
#: the words each contractor sentence pattern needs (a page without them is not searched: ~0.2 ms saved)
_CONTRACTOR_WORDS = (("Auftragnehmer", "Projektträger", "Träger"), ("Auftragnehmer", "Projektträger"),
                     ("beauftragt",))
_IMG_SKIP_WORDS = ("logo", "icon", "sprite", "spacer", "pixel", "blank.gif", "arrow", "pfeil", "button", "wappen",
                   "readspeaker", "/theme/", "/themes/", "social", "share")
_CONTRACTOR_PROSE = (
    re.compile(r"\b(?:war|ist|waren|sind|wurde|blieb)\s+(?:auch\s+)?(?:die|der|das)\s+"
               r"((?:[A-ZÄÖÜ][\w.&+\-äöüß]*)(?:\s+(?:[A-ZÄÖÜ&+][\w.&+\-äöüß]*|und|für|GmbH|mbH|e\.\s?V\.)){0,6})"
               r"\s+(?:als\s+)?(?:Auftragnehmer(?:in)?|Projektträger(?:in)?|Träger(?:in)?)\b"),
    re.compile(r"\b(?:Auftragnehmer(?:in)?|Projektträger(?:in)?)\s+(?:war|ist|wurde)\s+(?:die|der|das)?\s*"
               r"((?:[A-ZÄÖÜ][\w.&+\-äöüß]*)(?:\s+(?:[A-ZÄÖÜ&+][\w.&+\-äöüß]*|und|für|GmbH|mbH|e\.\s?V\.)){0,6})"),
    re.compile(r"\b(?:wurde|wurden|war)\s+(?:das|die|der)\s+((?:Büro|Planungsbüro|Planungsgruppe|Architekturbüro)"
               r"(?:\s+[A-ZÄÖÜ&+][\w.&+\-äöüß]*){1,5})\s+(?:mit\b[^.]{0,80}?\s)?beauftragt"),
)
_DISTRICT_PROSE = re.compile(
    r"\b(?:Stadtbezirk(?:s|es)?|Bezirksvertretung|Bezirk|Bezirks)\s+([A-ZÄÖÜ][\wäöüß]+(?:-[A-ZÄÖÜ][\wäöüß]+)?)")
#: a value that is money by its form whatever its label: "2013: 32.000€, 2014: 50.000€", "1,2 Mio. Euro"
_MONEY_VALUE_RE = re.compile(
    r"^(?:(?:ca\.|rund|rd\.|etwa|insgesamt)\s+)?(?:(?:19|20)\d{2}(?:/\d{2,4})?\s*:\s*)?\d[\d.,]*\s*"
    r"(?:Mio\.?|Millionen|Mrd\.?|Tsd\.?)?\s*(?:€|Euro\b|EUR\b|DM\b)(?!\s*/)")
_GALLERY_RE = re.compile(r"^(?:Bilderstrecke|Bildergalerie|Galerie|Fotostrecke)\s*:", re.I)


def _text_to_html(text: str) -> str:
    """A page saved as text (one block per line) -> minimal HTML so that one extractor serves both."""
    out, titled = [], False
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            continue
        esc = htmllib.escape(line)
        if not titled and line.lower() not in GENERIC_TITLES and len(line) <= 150 and not line.endswith("."):
            out.append(f"<h1>{esc}</h1>")
            titled = True
        else:
            out.append(f"<p>{esc}</p>")
    return "<html><body><main>" + "\n".join(out) + "</main></body></html>"


_MAGIC = ((b"%PDF-", "PDF document"), (b"\x89PNG", "PNG image"), (b"\xff\xd8\xff", "JPEG image"),
          (b"GIF8", "GIF image"), (b"PK\x03\x04", "ZIP archive (or Office document)"), (b"RIFF", "RIFF/WebP file"),
          (b"\xd0\xcf\x11\xe0", "legacy Office document"))


_BINARY_CHAR_RE = re.compile(r"[\ufffd\x00-\x08\x0b\x0e-\x1f]")


def binary_kind(data: str | bytes) -> str | None:
    """What a non-text document is ("PDF document", "binary data"), or None for text."""
    head = data[:2048]
    if isinstance(head, str):
        head_b = head.lstrip("\ufeff").encode("latin-1", "replace")
        text = head
    else:
        head_b, text = bytes(head), bytes(head).decode("utf-8", "replace")
    for magic, name in _MAGIC:
        if head_b.lstrip()[:len(magic)] == magic:
            return name
    if not text:
        return None
    bad = len(_BINARY_CHAR_RE.findall(text))
    return "binary data" if bad > 0.1 * len(text) else None


def looks_like_html(data: str | bytes) -> bool:
    head = data[:4096].lower() if isinstance(data, str) else data[:4096].lower().decode("latin-1")
    return bool(re.search(r"<(?:!doctype|html|head|body|div|p|h1|main|article|section|table|br)\b", head))


def _credits(doc: Document, start: int) -> list[str]:
    """Credit lines of the content, in page order; banner credits (before the title) are not the project's."""
    found: list[str] = []
    last_img = -100
    for i in range(start, len(doc.lines)):
        ln = doc.lines[i]
        if ln.kind == "img":
            last_img = i
            continue
        if ln.consumed:
            continue
        text = ln.text
        if looks_like_credit(text):
            bare_copyright = text.lstrip().startswith(("©", "(c)", "(C)"))
            # a lone "© Stadt Dortmund" far from any image is a site notice, not an image credit
            if bare_copyright and not ln.caption and i - last_img > 3:
                continue
            found.append(text)
            ln.consumed = "credit"
            if i > 0 and not doc.lines[i - 1].consumed and doc.lines[i - 1].kind not in ("img",) \
                    and not doc.lines[i - 1].heading_level and len(doc.lines[i - 1].text) <= 200 \
                    and not doc.lines[i - 1].text.endswith((".", ":")) and i - 1 > doc.title_index:
                doc.lines[i - 1].consumed = "caption"
            continue
        if ln.caption or i - last_img <= 2:
            m = _EMBEDDED_CREDIT_RE.search(text)
            if m and looks_like_credit(m.group(0).strip("() ")):
                found.append(m.group(0).strip("() ") if m.group(0).startswith("(") else m.group(0).strip())
    seen, out = set(), []
    for c in found:
        key = norm_space(c).lower()
        if key not in seen:
            seen.add(key)
            out.append(norm_space(c))
    return out


def _skip_image(url: str) -> bool:
    """Logos, icons, spacers …: ``_IMG_SKIP_RE`` (case-insensitive), as substring tests for ASCII URLs."""
    if url.isascii():
        low = url.lower()
        return any(w in low for w in _IMG_SKIP_WORDS)
    return _IMG_SKIP_RE.search(url) is not None


def _images(doc: Document, start: int) -> list[dict]:
    out, seen = [], set()
    for i in range(start, len(doc.lines)):
        ln = doc.lines[i]
        if ln.kind != "img" or not ln.image:
            continue
        img = ln.image
        url = img["url"]
        try:
            w, h = int(img.get("width") or 999), int(img.get("height") or 999)
        except ValueError:
            w = h = 999
        if url in seen or w <= 40 or h <= 40 or _skip_image(url) or not urlsplit(url).scheme.startswith("http"):
            continue
        seen.add(url)
        caption = None
        for j in range(i + 1, min(i + 4, len(doc.lines))):
            nxt = doc.lines[j]
            if nxt.kind == "img":
                break
            if nxt.consumed in (None, "caption") and len(nxt.text) <= 250 and not looks_like_credit(nxt.text) \
                    and not nxt.heading_level and (nxt.caption or nxt.consumed == "caption"
                                                   or not nxt.text.endswith(".") or len(nxt.text) < 120):
                if nxt.consumed is None and not nxt.caption and j != i + 1:
                    break
                caption = _EMBEDDED_CREDIT_RE.sub("", nxt.text).strip() or None
                nxt.consumed = "caption"
                break
        out.append({"url": url, "alt": img.get("alt") or None, "caption": caption})
    return out


def _sections(doc: Document, start: int, facts: list[Fact]) -> dict[str, list[str]]:
    """Prose grouped by the section heading above it ('intro' before the first heading)."""
    sections: dict[str, list[str]] = {}
    current = "intro"
    fact_at = {f.index: f for f in facts}
    for i in range(start, len(doc.lines)):
        ln = doc.lines[i]
        if ln.kind in ("img", "row"):
            continue
        text = ln.text
        if i in fact_at and ln.consumed == "fact":
            f = fact_at[i]
            sec = section_of(f.label)
            if sec in ("description", "evaluation", "result") and len(f.value) > 40:
                sections.setdefault(sec, []).append(f.value)
            continue
        if ln.consumed:
            continue
        plain = text.rstrip(":").strip()
        sec = section_of(plain) if len(plain) <= 60 else None
        is_heading = bool(ln.heading_level) or sec is not None or (
            ln.bold and len(text) <= 80 and not text.endswith((".", "!", "?")))
        if is_heading:
            current = sec or "heading"
            ln.consumed = "heading"
            continue
        if _GALLERY_RE.match(text):
            ln.consumed = "gallery"
            continue
        sections.setdefault(current, []).append(text)
    return sections


def _contractor(facts: list[Fact], prose: str) -> str | None:
    for f in facts:
        if is_contractor_label(f.label) and f.value and not re.fullmatch(r"[\d\s./–-]+", f.value):
            return f.value.strip().rstrip(",;")
    for rx, words in zip(_CONTRACTOR_PROSE, _CONTRACTOR_WORDS):
        if not any(w in prose for w in words):
            continue
        m = rx.search(prose)
        if m:
            return m.group(1).strip().rstrip(".,")
    return None


def _programme(doc: Document, facts: list[Fact], title: str | None, context: dict) -> str | None:
    for f in facts:
        if is_programme_label(f.label) and f.value:
            return f.value
    kicker = doc.meta.get("kicker")
    if kicker and kicker.lower() not in GENERIC_TITLES and kicker != title and len(kicker) <= 100:
        return kicker
    crumbs = doc.meta.get("breadcrumbs") or []
    for k in range(len(crumbs) - 1, 0, -1):
        if crumbs[k].lower() in GENERIC_TITLES and crumbs[k - 1].lower() not in GENERIC_TITLES:
            return crumbs[k - 1]
    if context.get("programme"):
        return context["programme"]
    for f in facts:
        if is_funding_programme_label(f.label) and f.value and not re.search(r"\d", f.value):
            return f.value
    return None


def _district(facts: list[Fact], prose: str, city: cities.City | None, programme: str | None,
              context: dict) -> str | None:
    known = {d.lower(): d for d in city.districts} if city else {}
    for f in facts:
        if not is_district_label(f.label) or not f.value:
            continue
        value = re.sub(r"^(?:Stadtbezirk|Bezirk)\s+", "", f.value.strip(), flags=re.I).rstrip(".")
        if known:
            for low, name in known.items():
                if re.search(rf"(?<![\w-]){re.escape(low)}(?![\w-])", value.lower()):
                    return name
        elif f.label.lower() in ("stadtbezirk", "bezirk") and len(value) <= 60:
            return value
    for m in _DISTRICT_PROSE.finditer(prose) if "ezirk" in prose else ():  # (every form has "…ezirk")
        name = m.group(1)
        if not known or name.lower() in known:
            return known.get(name.lower(), name)
    if context.get("district"):
        return context["district"]
    return cities.district_for_area(city, programme) or cities.district_for_area(city, context.get("programme"))


def _title(doc: Document) -> tuple[str | None, list[str]]:
    if doc.title_index >= 0:
        return doc.lines[doc.title_index].text, []
    meta = doc.meta
    for key in ("jsonld_headline", "og_title"):
        if meta.get(key):
            return meta[key], [f"no title heading; title taken from {key}"]
    if meta.get("html_title"):
        first = re.split(r"\s+[-|–]\s+", meta["html_title"])[0].strip()
        if first and first.lower() not in GENERIC_TITLES:
            return first, ["no title heading; title taken from <title>"]
    return None, ["no title found"]


def runtime_text(facts: list[Fact]) -> str | None:
    """The runtime as one string: a single 'Laufzeit'-type value as is, milestones as 'Label: value; …'."""
    main = [f for f in facts if is_runtime_label(f.label) and f.value]
    if len(main) == 1 and not re.fullmatch(r"(?:Projektverlauf|Realisierungszeitraum)", main[0].label, re.I):
        return main[0].value
    if main:
        return "; ".join(f"{f.label}: {f.value}" for f in main)
    ms = [f for f in facts if is_milestone_label(f.label) and f.value and re.search(r"\d{2}", f.value)]
    if ms:
        return "; ".join(f"{f.label}: {f.value}" for f in ms)
    return None


def page(html: str | bytes, url: str, context: dict | None = None, content_type: str | None = None) -> dict:
    """Extract the raw fields of one project page.

    Returns a dict with ``title, programme, district, city, runtime_raw, funding_raw (list of
    {label, value}), credits_raw (list of str), contractor, description, evaluation, result, images,
    facts, warnings``. Raises ``ValueError`` for input that is not an HTML page at all. ``content_type``
    is the HTTP header, when ``html`` is the bytes from the wire (its charset is checked against the bytes).
    """
    context = context or {}
    if not html or html.isspace():  # (str or bytes; not strip(), which copies the page)
        raise ValueError("empty document")
    if isinstance(html, (bytes, bytearray)) and html[:2] in (b"\xff\xfe", b"\xfe\xff"):
        html = decode(bytes(html), content_type)  # UTF-16 is all NUL bytes to the binary sniffer
    kind = binary_kind(html)
    if kind:
        raise NotHTMLError(f"not HTML: {kind}")
    data = None  # the bytes for the parser, when they can be given as they came
    if isinstance(html, (bytes, bytearray)):
        text = utf8_text(bytes(html), content_type)
        if text is None or text.isspace():
            html = decode(bytes(html), content_type)
        else:
            html, data = text, bytes(html)
    if not looks_like_html(html):
        html, data = _text_to_html(html), None
    doc = load(html, url, data)
    warnings: list[str] = []
    title, w = _title(doc)
    warnings += w
    start = doc.title_index + 1 if doc.title_index >= 0 else 0

    credits = _credits(doc, start)
    facts = find_facts(doc.lines, start)
    images = _images(doc, start)
    sections = _sections(doc, start, facts)

    prose_all = " ".join(t for v in sections.values() for t in v)
    city = cities.city_by_name(context.get("city")) or cities.city_for_host(urlsplit(url).hostname) \
        or cities.city_for_host(doc.meta.get("site_name"))
    programme = _programme(doc, facts, title, context)
    district = _district(facts, prose_all, city, programme, context)

    def join(key: str) -> str | None:
        return "\n\n".join(sections[key]) if sections.get(key) else None

    description = join("description")
    if description is None:
        parts = sections.get("intro", []) + sections.get("heading", [])
        description = "\n\n".join(parts) if parts else None
    funding_raw = [{"label": f.label, "value": f.value} for f in facts
                   if f.value and (is_funding_label(f.label) or _MONEY_VALUE_RE.match(f.value))]
    # --- facts in sentences, milestones and the publication date (scraper/extract/prose.py, numbers helper):
    # candidates as strings; pipelines/normalize types and merges them with the facts
    runtime_raw = runtime_text(facts)
    prose = find_prose(page_blocks(doc.lines, doc.title_index),
                       runtime_known=bool(re.search(r"\d{4}", runtime_raw or "")))
    warnings += prose["warnings"]
    stated = {"prose_funding": prose["funding"], "prose_runtime": prose["runtime"],
              "milestones_raw": milestone_facts(facts), "published": published_hint(html)}
    # --- end of the prose block
    return {
        "url": url,
        "title": title,
        "programme": programme,
        "district": district,
        "city": context.get("city") or (city.name if city else None),
        "runtime_raw": runtime_raw,
        "funding_raw": funding_raw,
        "credits_raw": credits,
        "contractor": _contractor(facts, prose_all),
        "description": description,
        "evaluation": join("evaluation"),
        "result": join("result"),
        "images": images,
        "facts": [{"label": f.label, "value": f.value} for f in facts],
        "warnings": warnings,
        **stated,
    }


def page_lines(html: str | bytes, url: str) -> list[Line]:
    """The flattened content lines (for debugging an extraction: ``python -m scraper lines``)."""
    return load(html, url).lines
