"""Which pages' raw fields change between a commit and the working tree: the check behind every
restructuring of ``scraper/extract`` (a refactoring must change nothing).

Both versions are loaded into one process (the old ``scraper`` package from ``git archive REV``, renamed,
as in bench/extract_ab.py) and run on the same pages: every page of the snapshots (``scraper/snapshot/
site``, ``site_v2``, ``site_v3``), the real pages in ``../shared/real-pages`` (or ``--real DIR``) and N pages of the
synthetic portal. Prints each page whose raw dict differs, key by key, and a count.

    .venv/bin/python bench/extract_diff.py --base main [--ignore published] [--synthetic 200] [--show 20]

Exit code 1 when a page differs (keys given with ``--ignore`` aside: fields added on purpose).
"""
from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from extract_ab import load_base  # noqa: E402


def pages(real: Path | None, synthetic: int) -> list[tuple[str, str, bytes]]:
    """(name, url, body) of every page compared."""
    from scraper.snapshot.server import load_site
    out = []
    for version in (1, 2, 3):
        try:
            site = load_site(version)
        except (KeyError, ValueError, OSError):
            continue  # (a version this checkout does not ship)
        for path, res in sorted(site.items()):
            if path.endswith(".html") or path.endswith("/"):
                out.append((f"v{version}{path}", "http://127.0.0.1:8719" + path, res.body))
    if real is not None and real.is_dir():
        import json
        for html in sorted(real.glob("*.html")):
            label = html.with_suffix(".json")
            url = json.loads(label.read_text("utf-8"))["url"] if label.exists() else f"https://example.org/{html.stem}"
            out.append((f"real/{html.stem}", url, html.read_bytes()))
    if synthetic:
        from _portal import Portal
        portal = Portal(synthetic, 1)
        out += [(f"synthetic{p}", "http://127.0.0.1:8765" + p, portal.render(p)) for p in portal.project_paths()]
    return out


def run(mod, url: str, body: bytes) -> dict:
    """The raw dict, with the page's listing links under "<listing_links>" (spiders read every page as a
    possible listing)."""
    try:
        out = mod.page(body, url)
    except Exception as exc:  # noqa: BLE001 - an exception is a result to compare too
        out = {"<raised>": f"{type(exc).__name__}: {exc}"}
    try:
        links = mod.listing_links(body, url)
        out["<listing_links>"] = (links.projects, links.pagination, links.other)
    except Exception as exc:  # noqa: BLE001
        out["<listing_links>"] = f"{type(exc).__name__}: {exc}"
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--base", required=True, help="the commit to compare with (e.g. main)")
    ap.add_argument("--ignore", action="append", default=[], help="a raw key added on purpose (repeatable)")
    ap.add_argument("--real", type=Path, default=ROOT.parent / "shared" / "real-pages")
    ap.add_argument("--synthetic", type=int, default=200)
    ap.add_argument("--show", type=int, default=20, help="differing pages printed in full (default 20)")
    args = ap.parse_args()
    import importlib
    new = importlib.import_module("scraper.extract")
    with tempfile.TemporaryDirectory() as tmp:
        try:
            base = load_base(args.base, Path(tmp))
        except subprocess.CalledProcessError as exc:
            print(f"error: git archive {args.base}: {exc.stderr.decode().strip()}", file=sys.stderr)
            return 2
        todo = pages(args.real, args.synthetic)
        differ = 0
        for name, url, body in todo:
            a, b = run(base, url, body), run(new, url, body)
            for key in args.ignore:
                a.pop(key, None)
                b.pop(key, None)
            if a == b:
                continue
            differ += 1
            if differ <= args.show:
                print(f"--- {name}")
                for key in sorted(set(a) | set(b)):
                    if a.get(key) != b.get(key):
                        print(f"  {key}:\n    {args.base}: {a.get(key)!r}\n    now: {b.get(key)!r}")
    print(f"{differ} of {len(todo)} pages differ from {args.base}"
          + (f" (ignoring {', '.join(args.ignore)})" if args.ignore else ""))
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
