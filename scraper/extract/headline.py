"""Which heading is the page's headline, chosen by evidence.

The first ``<h1>`` is often not the headline: portals put their name (gelsenkirchen.de: "www.gelsenkirchen.de")
or the section ("Pressemitteilungen") in the ``<h1>``, show the article headline as an ``<h2>`` styled as
one, add a kicker ("Stadtumbau") inside the ``<h1>``, or have several. So every ``<h1>``–``<h3>`` is a
candidate and scores by what else the page says:

- what the page's other titles say: ``og:title``, the main part of ``<title>`` (the longest part that does
  not name the portal or an institution), JSON-LD ``headline``/``name`` of an article; each agreeing
  source weighs more than the heading level. Other ``<title>`` parts and a listing template's JSON-LD
  weigh less;
- the heading level, and a class that styles an ``<h2>`` as the headline (``class="… h1"``);
- penalties for what is never a headline: the portal's name (``og:site_name``, a host name, a heading
  that is one link to the start page), a generic section name (``GENERIC_TITLES``), a breadcrumb item
  above the page, a heading inside navigation or footer; a little less for a news section's name
  ("Pressemitteilungen"), which is the headline only when nothing else is.

The best score wins; on a tie, the earlier heading. ``<h2>``/``<h3>`` compete only inside the main content
or with a title agreeing with them, so a listing's teaser headings never replace its own. A site whose
headline no evidence reveals can name its headline element (``sites.py``).
"""
from __future__ import annotations

import html as htmllib
import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from lxml import etree

from .labels import GENERIC_TITLES, NEWS_SECTIONS
from .meta import ARTICLE_TYPES, MAX_HEADINGS, Meta
from .text import ancestors_or_self, norm_space, text_of

_TITLE_SPLIT_RE = re.compile(r"\s+[|–—-]\s+|\s+::\s+|\s+·\s+|\s+»\s+")
_FIRST_PART_RE = re.compile(r"\s+[-|–]\s+")
_HOSTLIKE_RE = re.compile(r"^(?:https?://)?(?:www\.)?[\w-]+(?:\.[\w-]+)*\.[a-z]{2,6}/?$", re.I)
#: an <h2> styled as the headline: a class "h1" (utility CSS); "title" or "headline" words name teaser and
#: box headings just as often
_STYLED_AS_H1_RE = re.compile(r"(?:^|\s)h1(?:$|\s)", re.I)
_KICKER_CLASS_RE = re.compile(r"kicker|topline|dachzeile|overline|roofline|eyebrow|subline|spitzmarke", re.I)
_MAX_LEN = 300
#: headings weighed, at most (the headline is among a page's first headings; a page with thousands of
#: section headings would spend seconds here)
_MAX_CANDIDATES = MAX_HEADINGS


#: (``comparable``: quotes are dropped, dashes made "-"; str.translate is slower on non-ASCII text)
_QUOTES_RE = re.compile(r"[„“”«»‚‘’\"']")
_DASHES_RE = re.compile(r"[–—‐]")
_QUOTE_OR_DASH_RE = re.compile(r"[„“”«»‚‘’\"'–—‐]")


def comparable(text: str | None) -> str:
    """Text as titles are compared: entities decoded, quotes and dashes unified, case and spacing ignored."""
    if not text:
        return ""
    if "&" in text:
        text = htmllib.unescape(text)
    # (most titles hold neither a quote nor a dash: an ASCII text can only hold the two ASCII quotes, any
    # other is looked for in one scan, not in two substitutions)
    if text.isascii():
        if '"' in text or "'" in text:
            text = _QUOTES_RE.sub("", text)
    elif _QUOTE_OR_DASH_RE.search(text) is not None:
        text = _DASHES_RE.sub("-", _QUOTES_RE.sub("", text))
    return norm_space(text).strip(" .:;,!").lower()


@dataclass
class Headline:
    el: etree._Element | None            # the headline element (None: no heading is the headline)
    text: str | None                     # the headline as displayed (a kicker inside the heading left out)
    source: str = "heading"              # heading / jsonld_headline / og_title / html_title / none
    warnings: list[str] = field(default_factory=list)


#: a part of <title> that names an institution or a portal, not an article ("Stadt Aachen", "Stadtportal …")
_INSTITUTION_RE = re.compile(r"^(?:(?:landeshaupt|hanse|kreis|universitäts|bundes)?stadt|gemeinde|kreis|landkreis|"
                             r"stadtportal|portal|amt|rathaus|bezirksamt|city of)\b", re.I)


def _title_parts(html_title: str | None, site_words: set[str]) -> tuple[set[str], set[str]]:
    """The <title> as a reference: (its main parts: the whole and the longest part that does not name the
    portal, "Baustelle … abgeschlossen" of "www.gelsenkirchen.de - Baustelle … abgeschlossen"; its other
    parts that do not name the portal either)."""
    if not html_title:
        return set(), set()
    parts = [p.strip() for p in _TITLE_SPLIT_RE.split(html_title) if p.strip()]
    content = [p for p in parts if comparable(p) not in site_words and not _HOSTLIKE_RE.match(p)
               and not (len(parts) > 1 and _INSTITUTION_RE.match(p))]
    main = {comparable(html_title)}
    if content:
        main.add(comparable(max(content, key=len)))
    return main, {comparable(p) for p in content} - main


def _is_site_like(text: str, site_words: set[str], generic: set[str]) -> bool:
    return text in generic or text in site_words or _HOSTLIKE_RE.match(text) is not None


_CHROME_TAGS = ("nav", "footer")
_MAIN_TAGS = ("main", "article")


def _place(el: etree._Element) -> tuple[bool, bool]:
    """(inside navigation or a footer, inside the main content: <main>, <article>, role="main"; the second
    is False when the first is True). (lxml's iterancestors() looks for the tags without a Python object for
    each ancestor; only a page without <main>/<article> above the heading is walked for role="main".)"""
    if el.tag in _CHROME_TAGS or next(el.iterancestors(*_CHROME_TAGS), None) is not None:
        return True, False
    if el.tag in _MAIN_TAGS or next(el.iterancestors(*_MAIN_TAGS), None) is not None:
        return False, True
    return False, any(a.get("role") == "main" for a in ancestors_or_self(el))


_HOME_PATHS = ("", "/", "./", "index.html", "/index.html", "/index.php", "/de/", "/startseite/")


def _links_home(el: etree._Element) -> bool:
    """A heading that is one link to the site's start page: the logo text of an old template."""
    links = list(el.iter("a"))
    if len(links) != 1 or (el.text or "").strip() or (links[0].tail or "").strip():
        return False
    href = (links[0].get("href") or "").strip()
    if not href or href.startswith("#"):
        return False
    try:
        parts = urlsplit(href)
    except ValueError:
        return False
    return parts.path in _HOME_PATHS and not parts.query


def _without_kicker(el: etree._Element, full: str, refs: set[str]) -> str:
    """The heading's text without a kicker element at its start ("<h1><span class=kicker>Stadtumbau</span>
    Umbau Bahnhof</h1>"): by the kicker's class, or when the page's other titles agree with the rest."""
    for child in el.iter():
        if child is el or not isinstance(child.tag, str):
            continue
        ktext = text_of(child)
        if not ktext or not full.startswith(ktext) or ktext == full:
            break  # only an element the heading's text starts with
        rest = full[len(ktext):].strip(" :|–-")
        if rest and (_KICKER_CLASS_RE.search(f"{child.get('class', '')} {child.get('id', '')}")
                     or comparable(rest) in refs):
            return rest
        break
    return full


def choose(root: etree._Element, meta: Meta, generic: set[str] = GENERIC_TITLES,
           xpath: etree.XPath | None = None) -> Headline:
    """The headline of the page in ``root`` (before chrome is removed). ``generic``: lower-case texts that
    are never a headline; ``xpath``: a site's own headline element, used when it finds one."""
    if xpath is not None:
        found = [e for e in xpath(root) if isinstance(e, etree._Element) and text_of(e)]
        if found:
            return Headline(found[0], text_of(found[0]))
    site_words = {comparable(meta.site_name)} - {""}
    crumbs = [comparable(c) for c in meta.breadcrumbs]
    above = set(crumbs[:-1])  # the last crumb is usually the page itself
    title_main, title_other = _title_parts(meta.html_title, site_words | generic)
    og = comparable(meta.og_title)
    ld_article = {comparable(o.headline) for o in meta.jsonld if o.headline and o.type in ARTICLE_TYPES}
    ld_other = {comparable(o.headline) for o in meta.jsonld if o.headline and o.type not in ARTICLE_TYPES}
    refs = ({og} | title_main | title_other | ld_article | ld_other) - {""}
    best, best_score, best_full = None, None, ""
    # (the headings read_meta collected: one walk over the tree fewer)
    headings = meta.headings if meta.headings is not None else root.iter("h1", "h2", "h3")
    for n, el in enumerate(headings):
        if n == _MAX_CANDIDATES:
            break
        full = text_of(el)
        if not full or len(full) > _MAX_LEN:
            continue
        in_chrome, in_main = _place(el)
        if in_chrome:
            continue
        text = comparable(full)
        tag = el.tag
        score = 2.0 if tag == "h1" else 1.0 if tag == "h2" else 0.0
        evidence = 3 * ((text == og) + (text in title_main) + (text in ld_article)) \
            + (text in title_other) + (text in ld_other)
        if not evidence:  # a kicker inside the heading: the other titles name what follows it
            rest = comparable(_without_kicker(el, full, refs))
            if rest != text and rest in refs:
                evidence = 3
        if tag != "h1":
            styled = _STYLED_AS_H1_RE.search(f"{el.get('class', '')} {el.get('id', '')}") is not None
            score += styled
            if not evidence and not styled and not in_main:
                continue  # a teaser or sidebar heading outside the main content
        score += evidence
        if _is_site_like(text, site_words, generic) or _links_home(el):
            score -= 10
        elif text in above:
            score -= 3
        elif text in NEWS_SECTIONS:
            score -= 1.5
        if best_score is None or score > best_score:
            best, best_score, best_full = el, score, full
    if best is not None and best_score > 0:
        return Headline(best, _without_kicker(best, best_full, refs))
    return from_metadata(meta, generic)


def from_metadata(meta: Meta, generic: set[str] = GENERIC_TITLES) -> Headline:
    """No heading is the headline: the page's other titles, when one of them is usable."""
    site_words = {comparable(meta.site_name)} - {""}
    for key in ("jsonld_headline", "og_title"):
        value = getattr(meta, key)
        if value and not _is_site_like(comparable(value), site_words, generic):
            return Headline(None, htmllib.unescape(value) if "&" in value else value, key,
                            [f"no title heading; title taken from {key}"])
    if meta.html_title:
        first = _FIRST_PART_RE.split(meta.html_title)[0].strip()
        if first and first.lower() not in generic:
            return Headline(None, first, "html_title", ["no title heading; title taken from <title>"])
    return Headline(None, None, "none", ["no title found"])
