"""The finders that read a page's content lines, and the order in which they claim them.

Each finder reads ``doc.lines`` after the headline (``start``) and marks the lines it uses
(``Line.consumed``); a line one finder claimed is invisible to every finder after it. So the order is part
of the rules, and it is stated here and nowhere else:

1. ``byline``   - the publication date at the headline ("05.03.2026 | Bielefeld (bi)", ``published.py``):
                  first, so that it is neither a fact ("Datum: …") nor the description's first paragraph.
2. ``credits``  - "Foto: Stadt Dortmund" would otherwise read as a "Label: value" fact; a credit also claims
                  the short line before it as its image's caption, a caption that ends with a credit
                  ("… Bildrechte: X"), the entries of a "Bildnachweise" list, and the pictures, captions and
                  credits of teaser cards for other pages (``consumed = "teaser"``); it reads the markup
                  around the images too (``figures.py``: figure attributes, "©" links to a list entry).
3. ``facts``    - label/value pairs in any markup (``facts.py``); before images, so that a fact line is
                  never taken as a caption.
4. ``images``   - the content's images (not the teasers' the credits marked); takes the caption lines the
                  credits marked, a <figcaption> of any length, and a short unclaimed line right after an
                  image.
5. ``sections`` - last: whatever no finder claimed is prose, grouped under its section heading (also the
                  cells of a layout table that hold text).

A page that presents several projects (``multiproject.py``) runs the finders once per project section, over
that section's lines alone.

To add a finder: write ``find_x(doc, start, found) -> result`` (``found``: the results of the finders before
it, by name), put it into ``FINDERS`` where its claims must win or lose, and say why in the list above.
A site can run its own list (``sites.py``).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

from .credits import find_credits
from .document import Document
from .facts import find_facts
from .images import find_images
from .published import find_byline
from .sections import find_sections


@dataclass(frozen=True)
class Finder:
    name: str
    find: Callable[[Document, int, dict], Any]


FINDERS: tuple[Finder, ...] = (
    Finder("byline", lambda doc, start, found: find_byline(doc.lines, doc.title_index)),
    Finder("credits", lambda doc, start, found: find_credits(doc, start)),
    Finder("facts", lambda doc, start, found: find_facts(doc.lines, start)),
    Finder("images", lambda doc, start, found: find_images(doc.lines, start)),
    Finder("sections", lambda doc, start, found: find_sections(doc.lines, start, found["facts"])),
)


def run(doc: Document, finders: tuple[Finder, ...] = FINDERS) -> dict[str, Any]:
    """Every finder's result by name, run in order over the lines after the headline."""
    start = doc.title_index + 1 if doc.title_index >= 0 else 0
    found: dict[str, Any] = {}
    for finder in finders:
        found[finder.name] = finder.find(doc, start, found)
    return found
