"""The README's file map names every module of scraper/ and pipelines/, each under its own folder.

The map is the code block after "The file map" in README.md: one entry a line, a folder ending in "/",
nesting by two spaces. A module added without a line in the map (or a line for a module that is gone) fails
here, so the map a newcomer reads is the code that exists.
"""
from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def map_entries(readme: str) -> set[str]:
    block = readme.split("The file map", 1)[1].split("```", 2)[1]
    stack: list[tuple[int, str]] = []
    out = set()
    for line in block.splitlines():
        m = re.match(r"( *)(\S+)", line)
        if not m or not re.fullmatch(r"[\w.]+(\.py|/)|\.ci/run", m.group(2)):
            continue  # a description continued on the next line
        indent, name = len(m.group(1)), m.group(2)
        while stack and stack[-1][0] >= indent:
            stack.pop()
        path = "".join(folder for _, folder in stack) + name
        out.add(path)
        if name.endswith("/"):
            stack.append((indent, name))
    return out


def modules() -> set[str]:
    return {p.relative_to(ROOT).as_posix() for top in ("scraper", "pipelines") for p in (ROOT / top).rglob("*.py")
            if p.name != "__init__.py" and "__pycache__" not in p.parts}


def test_the_parser_reads_nesting():
    text = "The file map\n```\na/           x\n  b.py       y\n             more of y\n  c/\n    d.py\ne.py\n```\n"
    assert map_entries(text) == {"a/", "a/b.py", "a/c/", "a/c/d.py", "e.py"}


def test_every_module_is_in_the_map_and_every_entry_exists():
    entries = map_entries((ROOT / "README.md").read_text("utf-8"))
    assert sorted(modules() - entries) == [], "modules missing from the README's file map"
    assert sorted(e for e in entries if not (ROOT / e).exists()) == [], "map entries that do not exist"
