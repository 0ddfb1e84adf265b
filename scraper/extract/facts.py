"""Label/value discovery in any markup.

Recognised forms (REAL_FORMATS.md): "Label: value" on one line (``<br>`` lines, paragraphs, list items),
``<strong>Label:</strong> value``, "Label:" with the value on the next line(s), a known label alone on a
line with its value below, ``<dl>`` terms, two-column table rows (also milestone rows "11/2014 | Baubeginn"),
runs of spaces or tabs between label and value, an en dash after a known label ("Fertigstellung – 2023"),
a space before the colon, and several pairs in one line split by ";".
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .lines import Line
from .labels import (is_funding_label, is_known_label, is_label_like, is_milestone_label, is_runtime_label,
                     normalize_label, section_of)

_COLON_RE = re.compile(r"^([^:：]{1,80}?)\s*[:：]\s*(.*)$", re.S)
_DASH_RE = re.compile(r"^(.{2,50}?)\s+[–—-]\s+(.+)$")
_BULLET_RE = re.compile(r"^[•·▪■◦‣∙\-–*]\s*")
_DATEISH_RE = re.compile(r"^(?:\d{1,2}[./])?\d{1,2}[./]\d{2,4}$|^(?:19|20)\d{2}$|^[A-ZÄÖÜ][a-zäöü]{2,9}\.? (?:19|20)\d{2}$")
_GALLERY_LABEL_RE = re.compile(r"^(?:Bilderstrecke|Bildergalerie|Galerie|Fotostrecke|Fotogalerie)$", re.I)
_YEAR_RE = re.compile(r"(?:19|20)\d{2}|\d{1,2}/\d{2,4}")
#: a date and nothing else: "April 2008", "11/2014", "Sommer 2023", "3. Quartal 2016", "21.09.2026"
_DATE_ONLY = (r"(?:(?:Anfang|Mitte|Ende|Frühjahr|Frühling|Sommer|Herbst|Winter|[1-4]\.\s*(?:Quartal|Halbjahr))\s+)?"
              r"(?:\d{1,2}\.\s*)?(?:(?:Jan|Feb|Mär|Apr|Mai|Jun|Jul|Aug|Sep|Okt|Nov|Dez)[a-zä]*\.?\s+)?"
              r"(?:\d{1,2}[./]){0,2}(?:19|20)\d{2}")
#: a milestone and its date on one line without a colon: "Abschluss April 2008", "Baubeginn 11/2014"
_MILESTONE_LINE_RE = re.compile(rf"^([A-ZÄÖÜ][\wäöüß-]+(?: [\wäöüß-]+){{0,3}}?)\s+({_DATE_ONLY})$")


@dataclass
class Fact:
    label: str
    value: str
    index: int              # line index where the fact starts


_BULLET_CHARS = frozenset("•·▪■◦‣∙-–*")


def _strip_bullet(text: str) -> str:
    if not text or text[0] not in _BULLET_CHARS:
        return text.strip()  # (no regex for the lines that start with no bullet: most of them)
    return _BULLET_RE.sub("", text).strip()


def _ends_in_year(text: str) -> bool:
    """Does the text end in a year ("…19xx", "…20xx"), as every date of ``_MILESTONE_LINE_RE`` does? (The
    pattern's lazy groups try many splits of a line that does not.)"""
    t = text[:-1] if text.endswith("\n") else text  # (where "$" matches too)
    return t[-4:-2] in ("19", "20") and t[-2:].isdecimal()


def _milestone_pair(text: str) -> tuple[str, str] | None:
    """(milestone, date) of a line that holds a milestone and its date without a colon: "Abschluss April 2008",
    "11/2014      Baubeginn" (a column gap); None for any other line."""
    if "\t" in text:
        a, b = (t.strip() for t in text.split("\t", 1))
        if _DATEISH_RE.match(a) and "\t" not in b and is_milestone_label(b):
            return normalize_label(b), a
        return None
    m = _MILESTONE_LINE_RE.match(text) if len(text) <= 60 and _ends_in_year(text) else None
    if m and is_milestone_label(m.group(1)) and m.group(1).lower() not in ("ende", "anfang", "mitte"):
        return m.group(1), m.group(2)
    return None


def _spaced_dash(text: str) -> bool:
    """A dash right after a space ("Fertigstellung – 2023"), as ``_DASH_RE`` needs one: the dashes of
    compound words ("25-Meter-Becken", "Sport- und Freizeit" has its space after) are not, and such a line
    is spared the pattern's lazy label group."""
    for dash in "-–—":
        at = text.find(dash, 1)
        while at > 0:
            if text[at - 1].isspace():
                return True
            at = text.find(dash, at + 1)
    return False


def _is_stop(line: Line) -> bool:
    """A line that ends a multi-line value."""
    if line.kind == "img" or line.heading_level or line.consumed:
        return True
    if _milestone_pair(_strip_bullet(line.text)):
        return True
    m = _COLON_RE.match(line.text)
    if m and is_label_like(m.group(1)):
        return True
    return is_known_label(line.text) or section_of(line.text) is not None


def _split_pairs(label: str, rest: str, index: int) -> list[Fact]:
    """'Nov. 2005; Abschluss: April 2008' -> the first value and further labelled pairs."""
    if ";" not in rest:
        return [Fact(label, rest, index)]
    nested = _COLON_RE.match(rest.split(";", 1)[0])
    if nested and is_label_like(nested.group(1)):
        # "Kosten, Finanzierung: Gesamtkosten: …; EFRE: …": one structured value, kept whole
        return [Fact(label, rest, index)]
    segments = [s.strip() for s in rest.split(";")]
    facts = [Fact(label, segments[0], index)]
    for seg in segments[1:]:
        m = _COLON_RE.match(seg)
        if m and m.group(2).strip() and is_label_like(m.group(1)):
            facts.append(Fact(normalize_label(m.group(1)), m.group(2).strip(), index))
        elif seg:
            facts[-1].value = f"{facts[-1].value}; {seg}"
    return facts


def _after_lead(text: str, lead: str) -> str | None:
    """The value after a bold "Label:" lead. The line's text and the lead differ in spacing only (a column
    gap became a tab, spaces were squashed), so the value starts after as many colons as the lead holds
    (": Stand:" -> after the second). None when the text has fewer."""
    if text.startswith(lead):
        return text[len(lead):].strip()
    colons = lead.count(":") + lead.count("：")
    for i, ch in enumerate(text):
        if ch in ":：":
            colons -= 1
            if not colons:
                return text[i + 1:].strip()
    return None


def _value_fits(label: str, value: str) -> bool:
    """Is the line after a bare known label its value (and not a paragraph under a heading)?"""
    if len(value) > 300:
        return False
    if is_runtime_label(label) or is_milestone_label(label):
        return bool(_YEAR_RE.search(value))
    if is_funding_label(label):
        return bool(re.search(r"\d", value))
    return len(value) <= 160


def _same_table(a: Line, b: Line) -> bool:
    """Two row lines of one table (their <tr> elements share the table, or nothing says otherwise)."""
    if a.el is None or b.el is None:
        return True
    return a.el.getparent() is b.el.getparent()


def find_facts(lines: list[Line], start: int = 0) -> list[Fact]:
    """Find label/value pairs in ``lines[start:]``; marks the lines it uses as consumed='fact'."""
    facts: list[Fact] = []
    i = start
    n = len(lines)
    while i < n:
        ln = lines[i]
        if ln.consumed or ln.kind == "img":
            i += 1
            continue
        text = ln.text
        # <dl>: a term and its definitions
        if ln.kind == "dt":
            j, vals = i + 1, []
            while j < n and lines[j].kind == "dd" and not lines[j].consumed:
                vals.append(_strip_bullet(lines[j].text))
                lines[j].consumed = "fact"
                j += 1
            if vals:
                ln.consumed = "fact"
                facts.append(Fact(normalize_label(text), "; ".join(vals), i))
                i = j
                continue
        if ln.kind == "row":
            # a row with one cell under a labelled row of the same table continues its label (an empty first
            # cell or a rowspan: "Umsetzung: | 11/2014 Baubeginn", " | 02/2015 Baufertigstellung")
            if len(ln.cells) == 1 and facts and i > 0 and lines[i - 1].kind == "row" \
                    and lines[i - 1].consumed == "fact" and facts[-1].index == i - 1 \
                    and _same_table(ln, lines[i - 1]) and len(ln.text) <= 100:
                facts.append(Fact(facts[-1].label, ln.cells[0], i))
                ln.consumed = "fact"
            # two-column table rows; milestone rows carry the date first
            elif len(ln.cells) == 2:
                a, b = ln.cells
                if _DATEISH_RE.match(a.strip()) and not _DATEISH_RE.match(b.strip()) and len(b) <= 60:
                    facts.append(Fact(normalize_label(b), a, i))
                    ln.consumed = "fact"
                elif is_label_like(a) and not ln.bold:
                    facts.append(Fact(normalize_label(a), b, i))
                    ln.consumed = "fact"
            i += 1
            continue
        label = rest = None
        stripped = _strip_bullet(text)  # (read once: the forms below all look at the line without its bullet)
        if ln.lead and ln.lead.rstrip().endswith((":", "：")) and len(ln.lead) <= 81:
            label = normalize_label(ln.lead)
            rest = _after_lead(text, ln.lead)
            if rest is None:
                label = None
        else:
            # (the lazy label group tries up to 80 positions on a line that has no colon at all)
            m = _COLON_RE.match(stripped) if ":" in stripped or "：" in stripped else None
            if m and is_label_like(m.group(1)):
                label, rest = normalize_label(m.group(1)), m.group(2).strip()
        if label is not None and (not label or _GALLERY_LABEL_RE.match(label)):
            if label:
                ln.consumed = "gallery"  # "Bilderstrecke: <title>" is a gallery link, not a fact
                i += 1
                continue
            label = None
        if label is not None and not is_known_label(label) and (ln.caption or len(rest or "") > 150) \
                and section_of(label) is None:
            label = None  # "FABIDO baut aus: <a sentence>" or a caption: prose, not a fact
        if label is not None:
            if rest:
                facts.extend(_split_pairs(label, rest, i))
                ln.consumed = "fact"
                i += 1
                continue
            # "Label:" alone: the value follows (one paragraph, or a list of bullets)
            j, vals = i + 1, []
            while j < n and not _is_stop(lines[j]) and lines[j].kind != "row":
                if vals and lines[j].kind != "li" and lines[j - 1].kind != "li":
                    break
                vals.append(_strip_bullet(lines[j].text))
                j += 1
                if lines[j - 1].kind not in ("li", "dd") and len(vals) == 1 and section_of(label) is not None:
                    break
            if vals and (section_of(label) is None or _value_fits(label, " ".join(vals)) or is_known_label(label)):
                if section_of(label) in ("description", "evaluation", "result") and not _value_fits(label, vals[0]):
                    i += 1  # "Bewertung:" over a paragraph is a heading: leave it to the sections
                    continue
                ln.consumed = "fact"
                for k in range(i + 1, j):
                    lines[k].consumed = "fact"
                facts.append(Fact(label, "; ".join(vals), i))
                i = j
                continue
            i += 1
            continue
        # "11/2014      Baubeginn", "Abschluss April 2008": a milestone and its date, nothing else (a longer
        # line without a tab is none: spared the call)
        pair = _milestone_pair(stripped) if len(stripped) <= 60 or "\t" in stripped else None
        if pair:
            facts.append(Fact(pair[0], pair[1], i))
            ln.consumed = "fact"
            i += 1
            continue
        # runs of spaces / tabs between label and value
        if "\t" in stripped:
            a, b = stripped.split("\t", 1)
            b = b.strip()
            if is_label_like(a) and b:
                facts.append(Fact(normalize_label(a), re.sub(r"\t+", " ", b).strip(), i))
                ln.consumed = "fact"
                i += 1
                continue
        # "Fertigstellung – 2023": only after a known label, dashes are common in prose
        m = _DASH_RE.match(stripped) if _spaced_dash(stripped) else None
        if m and is_known_label(m.group(1)) and len(m.group(2)) <= 200:
            facts.append(Fact(normalize_label(m.group(1)), m.group(2).strip(), i))
            ln.consumed = "fact"
            i += 1
            continue
        # a known label alone on a line, its value on the next line
        if len(stripped) <= 60 and i + 1 < n and is_known_label(stripped):  # (prose misses the label cache)
            nxt = lines[i + 1]
            if not _is_stop(nxt) and nxt.kind != "row" and _value_fits(stripped, nxt.text):
                vals, j = [_strip_bullet(nxt.text)], i + 2
                if nxt.kind == "li":
                    while j < n and lines[j].kind == "li" and not lines[j].consumed:
                        vals.append(_strip_bullet(lines[j].text))
                        j += 1
                facts.append(Fact(normalize_label(stripped), "; ".join(vals), i))
                for k in range(i, j):
                    lines[k].consumed = "fact"
                i = j
                continue
        i += 1
    return [f for f in facts if f.value.strip(" ;\t")]  # a label without a value is no fact
