"""Bytes -> text for pages whose server, <meta> and bytes disagree. Pure.

Old CMS pages are often stored in windows-1252 but served with ``charset=utf-8`` (or the reverse: UTF-8
bytes under an ISO-8859-1 header, the Apache default of the 2000s). Browsers paper over it; w3lib's
``html_to_unicode`` follows the header and produces U+FFFD or "Ã¼". The bytes themselves tell which is
right: text that is valid UTF-8 *and* contains multi-byte sequences is UTF-8 (in real Latin-1 text such
pairs like "Ã¼" essentially never occur), and bytes that are not valid UTF-8 are not UTF-8.
"""
from __future__ import annotations

import codecs
import re

from w3lib.encoding import (html_body_declared_encoding, html_to_unicode, http_content_type_encoding,
                            resolve_encoding)

_BOMS = (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_SINGLE_BYTE = {"cp1252", "latin_1", "iso8859_15", "iso8859_1", "ascii"}
_NON_ASCII = re.compile(rb"[\x80-\xff]")


def _codec(name: str | None) -> str | None:
    if not name:
        return None
    try:
        return codecs.lookup(resolve_encoding(name) or name).name.replace("-", "_")
    except LookupError:
        return None


def decode_html(body: bytes, content_type: str | None = None) -> tuple[str, str]:
    """Return ``(encoding, text)``: BOM first, then header and <meta>, corrected by what the bytes are."""
    enc, text = html_to_unicode(content_type, body)
    if body.startswith(_BOMS) or not _NON_ASCII.search(body):
        return enc, text
    codec = _codec(enc)
    try:
        body.decode("utf-8")
        valid_utf8 = True
    except UnicodeDecodeError:
        valid_utf8 = False
    if codec == "utf_8" and not valid_utf8:
        # declared UTF-8, but is not: the <meta> may know better, else the Windows default of the time
        meta = _codec(html_body_declared_encoding(body))
        fallback = meta if meta and meta != "utf_8" else "cp1252"
        return fallback, body.decode(fallback, "replace")
    if codec in _SINGLE_BYTE and valid_utf8:
        return "utf-8", body.decode("utf-8")
    return enc, text


#: bytes decoded at a time by ``valid_utf8``: a piece's characters are written one or two bytes wide by
#: the widest among them, so a page whose first "™" comes early is not decoded two bytes a character whole
_PIECE = 8192


def valid_utf8(body: bytes) -> bool:
    """Whether ``body.decode("utf-8")`` succeeds, decoded piece by piece (the non-ASCII pieces only). Validity
    is local: pieces cut before a byte that is no continuation byte (at most three back in valid UTF-8) are
    valid when the whole is, and valid pieces make a valid whole. (A whole decode of a page with one character
    beyond U+00FF near its start writes every character two bytes wide: 2 ns a byte, six times the pieces.)"""
    if body.isascii():
        return True
    n, start = len(body), 0
    while start < n:
        end = start + _PIECE
        if end < n:
            for _ in range(3):
                if 0x80 <= body[end] < 0xC0:
                    end -= 1
                else:
                    break
        piece = body[start:end]
        if not piece.isascii():
            try:
                piece.decode("utf-8")
            except UnicodeDecodeError:
                return False
        start = end
    return True


def reads_as_utf8(body: bytes, content_type: str | None = None) -> bool:
    """Whether ``body`` is valid UTF-8 without a BOM and ``decode_html`` reads it as UTF-8 too (the header or
    <meta> declares UTF-8, a single-byte encoding or nothing): then these bytes can go to the parser as they
    came (``decode_html`` decodes such a page twice, and the parser wants it encoded again)."""
    if body.startswith(_BOMS) or not valid_utf8(body):
        return False
    declared = http_content_type_encoding(content_type) or html_body_declared_encoding(body)
    codec = _codec(declared) if declared else "utf_8"
    return codec == "utf_8" or codec in _SINGLE_BYTE
