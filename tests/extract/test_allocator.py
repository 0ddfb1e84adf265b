"""``allocator.py``: glibc's fast bins are turned off once per process, before the first parse, and a freed tree
then leaves no unmerged blocks behind. The behaviour is read from glibc itself (``mallinfo2``) in fresh
interpreters, with and without the setting."""
from __future__ import annotations

import subprocess
import sys

import pytest

from scraper.extract import allocator

_GLIBC = allocator._libc() is not None

#: a fresh interpreter parses a page of 20,000 elements, frees the tree and prints the bytes glibc holds in
#: fast bins (``mallinfo2().fsmblks``); with the argument "tuned", after ``merge_freed_blocks``
_PROBE = r"""
import ctypes, sys
from lxml import etree
from scraper.extract import allocator
class Info(ctypes.Structure):
    _fields_ = [(n, ctypes.c_size_t) for n in
                ("arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks", "fsmblks", "uordblks", "fordblks",
                 "keepcost")]
libc = ctypes.CDLL(None)
libc.mallinfo2.restype = Info
if sys.argv[1] == "tuned":
    assert allocator.merge_freed_blocks()
root = etree.fromstring(b"<html><body>" + b"<p>Satz <b>fett</b></p>" * 10000 + b"</body></html>",
                        etree.HTMLParser())
del root
print(libc.mallinfo2().fsmblks)
"""


def _fast_bin_bytes(mode: str) -> int:
    out = subprocess.run([sys.executable, "-c", _PROBE, mode], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    return int(out.stdout)


@pytest.mark.skipif(not _GLIBC, reason="glibc only")
def test_a_freed_tree_leaves_blocks_in_fast_bins_unless_they_are_off():
    assert _fast_bin_bytes("plain") > 100_000  # (what the setting is for: libxml2's nodes, unmerged)
    assert _fast_bin_bytes("tuned") == 0


@pytest.mark.skipif(not _GLIBC, reason="glibc only")
def test_the_first_parse_turns_fast_bins_off():
    probe = ("import threading\nfrom scraper.extract import allocator, loading\n"
             "assert allocator._in_force is None\n"
             "t = threading.Thread(target=loading.parse, args=(b'<p>x</p>',)); t.start(); t.join()\n"
             "print(allocator._in_force)")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60)
    assert out.stdout.strip() == "True", out.stderr


class _FakeLibc:
    def __init__(self):
        self.calls = []

    def mallopt(self, param, value):
        self.calls.append((param, value))
        return 1


def test_the_setting_is_made_once(monkeypatch):
    fake = _FakeLibc()
    monkeypatch.setattr(allocator, "_in_force", None)
    monkeypatch.setattr(allocator, "_libc", lambda: fake)
    assert allocator.merge_freed_blocks() and allocator.merge_freed_blocks()
    assert fake.calls == [(allocator.M_MXFAST, 0)]


def test_without_glibc_nothing_is_done(monkeypatch):
    monkeypatch.setattr(allocator, "_in_force", None)
    monkeypatch.setattr(allocator, "_libc", lambda: None)
    assert allocator.merge_freed_blocks() is False
