"""Prose grouped by the section heading above it: "description", "evaluation", "result" (from the heading's
words, ``labels.section_of``), "heading" under any other heading, "intro" before the first heading.

Runs last: every line no other finder claimed is prose. A long value of a "Projektbeschreibung:" fact
counts as that section's prose. Templates that lay a page out in a table hold their text in cells: a cell
of text is a paragraph, and a short cell beside it names its section ("Fazit" | "Der Platz wird …").
"""
from __future__ import annotations

import re

from .facts import Fact
from .labels import section_of
from .lines import Line

_GALLERY_RE = re.compile(r"^(?:Bilderstrecke|Bildergalerie|Galerie|Fotostrecke)\s*:", re.I)
_PROSE_SECTIONS = ("description", "evaluation", "result")


def find_sections(lines: list[Line], start: int, facts: list[Fact]) -> dict[str, list[str]]:
    """Claims heading and gallery lines; returns the section name -> its paragraphs."""
    sections: dict[str, list[str]] = {}
    current = "intro"
    fact_at = {f.index: f for f in facts}
    for i in range(start, len(lines)):
        ln = lines[i]
        if ln.kind == "img":
            continue
        text = ln.text
        if i in fact_at and ln.consumed == "fact":
            f = fact_at[i]
            sec = section_of(f.label)
            if sec in _PROSE_SECTIONS and len(f.value) > 40:
                sections.setdefault(sec, []).append(f.value)
            continue
        if ln.consumed or ln.kind == "figcaption":  # (a caption whose picture the page did not show: no prose)
            continue
        if ln.kind == "row":  # a layout table's cells that hold text (no fact claimed the row)
            current = _row_prose(ln, current, sections)
            continue
        plain = text.rstrip(":").strip()
        sec = section_of(plain) if len(plain) <= 60 else None
        is_heading = bool(ln.heading_level) or sec is not None or (
            ln.bold and len(text) <= 80 and not text.endswith((".", "!", "?")))
        if is_heading:
            current = sec or "heading"
            ln.consumed = "heading"
            continue
        if ":" in text and _GALLERY_RE.match(text):  # (the pattern needs its colon: most lines have none)
            ln.consumed = "gallery"
            continue
        sections.setdefault(current, []).append(text)
    return sections


def _is_text(cell: str) -> bool:
    """A cell that holds running text (a sentence or more), not a label, a number or a name."""
    return len(cell) >= 60 and cell.count(" ") >= 7


def _row_prose(ln: Line, current: str, sections: dict[str, list[str]]) -> str:
    """The paragraphs of a table row that no finder claimed; returns the section that goes on."""
    cells = ln.cells
    if len(cells) == 2 and len(cells[0]) <= 60 and not _is_text(cells[0]) and _is_text(cells[1]):
        current = section_of(cells[0].rstrip(":").strip()) or "heading"
        sections.setdefault(current, []).append(cells[1])
        return current
    for cell in cells:
        if _is_text(cell):
            sections.setdefault(current, []).append(cell)
    return current
