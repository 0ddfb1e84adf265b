"""How the C allocator treats the trees libxml2 frees: one setting, made once per process by ``loading``.

glibc keeps freed blocks of up to 128 bytes in "fast bins", unmerged, and merges all of them before the next large
allocation. The tree of a 5 MB page is some 300,000 such blocks (libxml2's nodes and strings): once it is freed,
whatever allocates next (the next page's copy of its bytes) first walks all of them again, out of the cache
(measured in docs/performance.md, stop 24). With fast bins off, a block is merged as it is freed, while its
memory is still in the cache. Python's own small objects do not go through malloc, so this
touches only C libraries.

Only on glibc, and only once; elsewhere (musl, macOS, Windows, no ctypes) nothing is done.
"""
from __future__ import annotations

import platform

#: mallopt's parameter number for the fast-bin size limit (glibc's malloc.h), and glibc's default limit
#: (64 * sizeof(size_t) / 4 on 64-bit systems)
M_MXFAST = 1
DEFAULT_MXFAST = 128

_in_force: bool | None = None  # (None: not asked yet)


def _libc():  # (-> ctypes.CDLL | None)
    """glibc's C library, or None."""
    if platform.system() != "Linux" or platform.libc_ver()[0] != "glibc":
        return None
    try:
        import ctypes
        libc = ctypes.CDLL(None)
    except (ImportError, OSError):
        return None
    return libc if hasattr(libc, "mallopt") else None


def merge_freed_blocks() -> bool:
    """Turn glibc's fast bins off for this process (once). Whether the setting is in force."""
    global _in_force
    if _in_force is None:
        libc = _libc()
        _in_force = bool(libc is not None and libc.mallopt(M_MXFAST, 0) == 1)
    return _in_force
