"""Several projects on one page: an area page that presents its projects as sections ("Aktuelle Projekte",
"Abgeschlossene Projekte", each project with its own heading, text, facts and pictures), the way the
relaunched dortmund.de does.

``split(doc)`` returns the page's project sections, or ``[]`` for a page about one project. It decides by
evidence and is conservative, because a normal article with h2 subsections is one project:

* candidates are the headings after the headline at one level that neither group projects ("Aktuelle
  Projekte", ``GROUP_RE``) nor name a part of one project ("Projektbeschreibung", "Kontakt": ``section_of``);
* a candidate's section is the element that holds its heading and no other candidate's (its container, so
  that a picture whose markup stands before the heading belongs to it), or in flat markup the lines from its
  heading to the next heading of its level or above;
* a section is project-like when it has prose and a runtime or money fact of its own;
* the page presents several projects when two sections or more are project-like and a group heading stands
  above them, or a jump list on the page links to two of them or more, or three or more carry both a
  runtime and a money fact.

What stands before the first section (the page's introduction, a programme's budget) and the group headings
belong to no section. A section's anchor is its container's or heading's ``id``, else a slug of its heading
(docs/ids.md); its status comes from its group heading ("Abgeschlossene Projekte": completed).
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field, replace

from lxml import etree

from .document import Document
from .headline import Headline
from .labels import is_funding_label, is_milestone_label, is_runtime_label, section_of
from .lines import Line
from .text import xpath

#: headings that group projects, and the status they give the projects under them
GROUP_RE = re.compile(
    r"^(?:(?P<ongoing>aktuelle|laufende|derzeitige)|(?P<completed>abgeschlossene|beendete|realisierte|"
    r"umgesetzte|fertiggestellte|fertige|erledigte)|(?P<planned>geplante|künftige|zukünftige|kommende))\s+"
    r"(?:projekte|maßnahmen|bauprojekte|vorhaben|baumaßnahmen)\b|^(?:(?P<planned2>projekte in planung|in planung|"
    r"in vorbereitung)|(?P<ongoing2>im bau|in umsetzung|projekte in umsetzung))$", re.I)
_LABEL_RE = re.compile(r"^\s*([^:：\t]{2,60}?)\s*[:：\t]")
_X_JUMP_LINKS = xpath(".//a[starts-with(@href, '#')]/@href")
_MIN_PROSE = 60  # characters: a line that is text, not a label or a caption


@dataclass
class Section:
    anchor: str
    heading: int                    # index of the heading's line in doc.lines
    lines: list[int]                # indices of the section's lines in doc.lines, in order
    container: etree._Element | None
    status: str | None = None       # from the group heading above it
    kinds: set = field(default_factory=set)   # "time", "money": the facts it has


def group_status(text: str) -> str | None:
    """completed / ongoing / planned for a heading that groups projects, None for any other."""
    m = GROUP_RE.match(text.strip().rstrip(":"))
    if not m:
        return None
    found = [k.rstrip("2") for k, v in m.groupdict().items() if v]
    return found[0] if found else None


def split(doc: Document) -> list[Section]:
    lines = doc.lines
    start = doc.title_index + 1 if doc.title_index >= 0 else 0
    heads = [i for i in range(start, len(lines)) if lines[i].heading_level]
    if len(heads) < 2:
        return []
    kinds = [_line_kinds(ln) for ln in lines]
    if sum(1 for k in kinds[start:] if k - _PROSE) < 2:
        return []  # (two projects need two facts at least: most pages stop here)
    groups = {i: group_status(lines[i].text) for i in heads}
    ends = _section_ends(lines, heads)
    best: list[Section] = []
    for level in sorted({lines[i].heading_level for i in heads}):
        cand = [i for i in heads if lines[i].heading_level == level and not groups[i]
                and section_of(lines[i].text) is None]
        if len(cand) < 2:
            continue
        sections = _sections(doc, cand, ends, start, kinds)
        if _several_projects(doc, sections, heads, groups) and len(sections) > len(best):
            best = sections
    for s in best:
        s.anchor = _anchor(lines[s.heading], s.container)
    if best:
        _statuses(best, heads, groups, lines)
    return best


def _section_ends(lines: list[Line], heads: list[int]) -> dict[int, int]:
    """For each heading, where its flat section ends: the next heading of its level or above."""
    ends, open_ = {}, []  # open_: headings still waiting for their end, levels rising
    for h in heads:
        level = lines[h].heading_level
        while open_ and lines[open_[-1]].heading_level >= level:
            ends[open_.pop()] = h
        open_.append(h)
    for h in open_:
        ends[h] = len(lines)
    return ends


def _sections(doc: Document, cand: list[int], ends: dict[int, int], start: int, kinds: list) -> list[Section]:
    lines = doc.lines
    containers = _containers([lines[i].el for i in cand], doc.content)
    members = _members(lines, start, containers) if containers else None
    sections = []
    for k, i in enumerate(cand):
        box = containers[k] if containers else None
        # in flat markup: from the heading to the next heading of its level or above
        idx = members[k] if box is not None else list(range(i, ends[i]))
        sec = Section(anchor="", heading=i, lines=idx, container=box)
        found = set().union(*(kinds[j] for j in idx))
        sec.kinds = found - _PROSE if "prose" in found else set()  # (facts without prose: a fact box)
        sections.append(sec)
    return sections


def _containers(heads: list, content: etree._Element) -> list | None:
    """For each heading element, the ancestor that holds it and none of the other headings (below their
    common ancestor); None when the headings are siblings in flat markup (each its own container)."""
    chains = []
    for el in heads:
        chain = []
        while el is not None:
            chain.append(el)
            if el is content:
                break
            el = el.getparent()
        chains.append(chain[::-1])  # from the top
    common = 0
    while all(len(c) > common + 1 for c in chains) and len({id(c[common]) for c in chains}) == 1:
        common += 1
    boxes = [c[common] if len(c) > common else None for c in chains]
    if any(b is None for b in boxes) or len({id(b) for b in boxes}) != len(boxes):
        return None
    if all(b is h for b, h in zip(boxes, heads)):
        return None  # the headings themselves: flat markup
    return boxes


def _members(lines: list[Line], start: int, boxes: list) -> list[list[int]]:
    """The indices of the lines inside each box (each line's ancestors walked once)."""
    which = {id(b): k for k, b in enumerate(boxes)}
    out: list[list[int]] = [[] for _ in boxes]
    for j in range(start, len(lines)):
        el = lines[j].el
        while el is not None:
            k = which.get(id(el))
            if k is not None:
                out[k].append(j)
                break
            el = el.getparent()
    return out


_PROSE = frozenset(("prose",))


def _line_kinds(ln: Line) -> frozenset:
    """What a line contributes to telling a project section: "time" or "money" for a fact with such a label,
    "prose" for running text (a line of 60 characters or more outside a caption)."""
    if ln.kind == "img" or ln.heading_level:
        return frozenset()
    label = ln.lead if ln.lead and ln.lead.rstrip().endswith((":", "：")) else None
    if label is None:
        if ln.kind == "row" and len(ln.cells) == 2:
            label = ln.cells[0]
        elif ln.kind == "dt":
            label = ln.text
        elif ":" in ln.text or "：" in ln.text or "\t" in ln.text:
            m = _LABEL_RE.match(ln.text)
            label = m.group(1) if m else None
    kind = None
    if label:
        label = label.strip().rstrip(":：").strip()
        if is_runtime_label(label) or is_milestone_label(label):
            kind = "time"
        elif is_funding_label(label):
            kind = "money"
    prose = len(ln.text) >= _MIN_PROSE and not ln.caption
    if kind:
        return frozenset((kind, "prose")) if prose else frozenset((kind,))
    return _PROSE if prose else frozenset()


def _several_projects(doc: Document, sections: list[Section], heads: list[int], groups: dict) -> bool:
    like = [s for s in sections if s.kinds]
    if len(like) < 2:
        return False
    first = sections[0].heading
    if any(groups[h] for h in heads if h < first):
        return True
    anchors = {_anchor(doc.lines[s.heading], s.container) for s in sections}
    jumps = {h[1:] for h in _X_JUMP_LINKS(doc.content)} if doc.content is not None else set()
    if len(anchors & jumps) >= 2:
        return True
    return sum(1 for s in like if s.kinds >= {"time", "money"}) >= 3


def _statuses(sections: list[Section], heads: list[int], groups: dict, lines: list[Line]) -> None:
    for s in sections:
        above = [h for h in heads if h < s.heading and groups[h]
                 and lines[h].heading_level < lines[s.heading].heading_level]
        s.status = groups[above[-1]] if above else None


def _anchor(head: Line, box: etree._Element | None) -> str:
    """The section's container's id, else its heading's, else that of an element the heading opens (a
    wrapper whose first child it is), else a slug of the heading."""
    for el in (box, head.el):
        if el is not None and el.get("id"):
            return el.get("id")
    el = head.el
    for _ in range(2):
        parent = el.getparent() if el is not None else None
        if parent is None or next(iter(parent.iterchildren(tag=etree.Element)), None) is not el:
            break
        if parent.get("id"):
            return parent.get("id")
        el = parent
    return slug(head.text)


def slug(text: str) -> str:
    """"Grünzug zum Rahmer Wald" -> "gruenzug-zum-rahmer-wald" (German umlauts spelled out, as portals do)."""
    t = text.lower().replace("ä", "ae").replace("ö", "oe").replace("ü", "ue").replace("ß", "ss")
    t = unicodedata.normalize("NFKD", t).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", t).strip("-")[:80] or "abschnitt"


def section_document(doc: Document, sec: Section) -> Document:
    """The section as a document of its own: its lines (unclaimed copies), its heading as the headline, its
    container as the content; the page's metadata."""
    lines = [replace(doc.lines[j], consumed=None) for j in sec.lines]
    head = doc.lines[sec.heading]
    return Document(url=doc.url, root=doc.root, content=sec.container if sec.container is not None else doc.content,
                    headline=Headline(el=head.el, text=head.text), lines=lines,
                    title_index=sec.lines.index(sec.heading), meta=doc.meta, warnings=list(doc.warnings),
                    held=doc.held)
