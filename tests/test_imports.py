"""Imports run one way (issue 16): a module imports only modules of its own layer or the layers below.

    0 core         schema, ids, cities, German normalization (pipelines/german)
    1 extraction   scraper/extract
    2 values       normalize, validate
    3 files        serialization, atomic files, the data files, the state store, run folders, snapshot servers
    4 adapters     spiders, Scrapy pipelines, extensions, middlewares, items, exporters, the process pool
    5 cli          python -m scraper, scrapy commands

Every module of scraper/ and pipelines/ must be placed in LAYERS (a new module fails this test until it is),
so that the house keeps reading top-down.
"""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

#: module prefix -> layer (the longest matching prefix wins)
LAYERS = {
    "scraper.schema": 0, "scraper.ids": 0, "scraper.cities": 0, "pipelines.german": 0, "scraper": 0,
    "pipelines": 0,
    "scraper.extract": 1,
    "pipelines.normalize": 2, "pipelines.validate": 2,
    "pipelines.serialize": 3, "pipelines.atomic": 3, "pipelines.outputs": 3, "pipelines.statestore": 3,
    "scraper.run.folder": 3, "scraper.run.journal": 3, "scraper.run.checks": 3, "scraper.run.signals": 3,
    "scraper.snapshot": 3, "scraper.grading": 3, "scraper.fixtures": 3,
    "pipelines.tidy": 3, "pipelines.datapackage": 3, "scraper.report": 3,
    "scraper.run": 4, "scraper.run.extension": 4, "scraper.run.ledger": 4, "scraper.spiders": 4,
    "scraper.components": 4, "scraper.pool": 4, "scraper.items": 4, "scraper.exporters": 4,
    "scraper.middlewares": 4, "scraper.cache": 4, "scraper.failures": 4, "scraper.settings": 4,
    "pipelines.export": 4, "pipelines.state": 4, "scraper.progress": 4,
    "scraper.warc": 4, "scraper.replay": 4, "scraper.archive": 4,
    "scraper.cli": 5, "scraper.commands": 5, "scraper.__main__": 5,
}
#: package __init__ modules that only name their package (no code of a layer)
PACKAGES = {"scraper", "pipelines"}


def _module(path: Path) -> str:
    rel = path.relative_to(ROOT).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def layer(module: str) -> int | None:
    best = None
    for prefix in LAYERS:
        if module == prefix or module.startswith(prefix + "."):
            if best is None or len(prefix) > len(best):
                best = prefix
    return LAYERS[best] if best is not None and (best not in PACKAGES or module in PACKAGES) else None


def _imports(path: Path, module: str) -> list[tuple[str, int]]:
    tree = ast.parse(path.read_text("utf-8"))
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out += [(a.name, node.lineno) for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            out.append((target, node.lineno))
            out += [(f"{target}.{a.name}", node.lineno) for a in node.names]  # "from . import extract"
    return [(t, line) for t, line in out if t.split(".")[0] in ("scraper", "pipelines")]


FILES = sorted(p for d in ("scraper", "pipelines") for p in (ROOT / d).rglob("*.py") if "snapshot/site" not in str(p))


def test_every_module_has_a_layer():
    missing = [_module(p) for p in FILES if layer(_module(p)) is None]
    assert not missing, f"place these modules in tests/test_imports.py LAYERS: {missing}"


@pytest.mark.parametrize("path", FILES, ids=[_module(p) for p in FILES])
def test_imports_point_down(path):
    module = _module(path)
    own = layer(module)
    if own is None:
        pytest.skip("not placed yet (see test_every_module_has_a_layer)")
    upward = []
    for target, line in _imports(path, module):
        # "from .x import name": the name may be a function, not a module; judge the module part
        t = target
        while t and layer(t) is None:
            t = t.rpartition(".")[0]
        if t and layer(t) is not None and layer(t) > own:
            upward.append(f"line {line}: {target} (layer {layer(t)}) from layer {own}")
    assert not upward, "\n".join(upward)
