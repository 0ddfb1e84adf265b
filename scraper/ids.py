"""Stable project IDs from canonical URLs (documented in docs/ids.md).

The ID survives what a portal changes without meaning to: scheme (http/https) and host case, a default
port, ``index.html`` at the end of a path, query parameter order, fragments, session and tracking
parameters. It changes when the path or a meaningful query parameter changes, i.e. when the city moves
the page to a new address.
"""
from __future__ import annotations

import hashlib
import re
from urllib.parse import parse_qsl, quote, unquote, urlencode, urlsplit, urlunsplit

_INDEX_RE = re.compile(r"/(?:index|default)\.(?:html?|php|aspx?|jsp)$", re.I)
_PATH_PARAM_RE = re.compile(r";(?:jsessionid|sid|phpsessid)=[^/?#]*", re.I)
#: parameters known to be noise (session and tracking IDs) and nothing else: "s" (a search, a page on many
#: CMSes), "session" or "sid" can carry meaning, so a page with them keeps its own ID
_SESSION_PARAMS = {"jsessionid", "phpsessid", "aspsessionid", "cfid", "cftoken", "zenid", "oscsid"}
_TRACKING_PREFIXES = ("utm_", "pk_", "mtm_")
_TRACKING_PARAMS = {"fbclid", "gclid", "dclid", "msclkid", "mc_cid", "mc_eid", "wt_mc", "wt.mc_id", "_ga", "_gl"}
_DEFAULT_PORTS = {"http": 80, "https": 443}


def canonical_url(url: str) -> str:
    """The URL in the one form that IDs are computed from."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    if scheme == "http":
        scheme = "https"  # a portal moving to TLS must not change every ID
    host = (parts.hostname or "").lower().rstrip(".")
    port = parts.port if parts.port and parts.port != _DEFAULT_PORTS.get(parts.scheme.lower()) else None
    netloc = f"{host}:{port}" if port else host
    path = _PATH_PARAM_RE.sub("", parts.path) or "/"
    path = quote(unquote(path), safe="/-._~!$&'()*+,;=:@%")
    path = re.sub(r"/{2,}", "/", path)
    path = _INDEX_RE.sub("/", path)
    query = sorted(
        (k, v)
        for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if k.lower() not in _SESSION_PARAMS
        and k.lower() not in _TRACKING_PARAMS
        and not k.lower().startswith(_TRACKING_PREFIXES)
    )
    return urlunsplit((scheme, netloc, path, urlencode(query), ""))


def project_id(url: str, section: str | None = None) -> str:
    """16 hex digits of SHA-256 over the canonical URL; a project that is one section of a page adds the
    section's anchor or slug (``…/bauprojekte/#spielplatz``)."""
    key = canonical_url(url) + (f"#{section}" if section else "")
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]
