"""Facts stated in sentences: the project's cost and funding amounts and its dates.

``find_prose(blocks)`` takes the page's text blocks in order — ``(kind, text)`` with kind ``title``,
``heading``, ``p``, ``li`` or ``caption`` — and returns raw candidates, strings as on the page:

* ``funding``: ``{label, value, raw, role, kind, source: "prose"}`` — ``value`` the amount text ("rund 13,9
  Millionen Euro"), ``raw`` the sentence, ``role`` total / estimate / funding / own_share / rate;
* ``runtime``: ``{label, value, raw, role, tense, kind, source: "prose"}`` — ``value`` the date phrase,
  ``role`` start / end / span / duration / event (Richtfest: a milestone, never the runtime);
* ``warnings``: amounts and dates left out because the sentence leaves doubt.

An amount or a date takes the meaning of the nearest cue word in its sentence (``prose_words.py``): "Die
Gesamtkosten … belaufen sich auf rund 10 Millionen Euro" is a total, "nahmen die Zuwendung in Höhe von …" a
grant. Without a cue, or with a "not" cue nearer (a company's revenue, a programme budget, a meeting date, a
building's history) nothing is taken: a missing amount can be added by a reader, a wrong one poisons a dataset.
Pure: strings in, dicts out; ``pipelines/normalize`` reads the values.
"""
from __future__ import annotations

import re
from bisect import bisect_left

from pipelines.german import POINT, iter_money, milestone_kind
from pipelines.german.milestones import split_row

from .prose_dates import ANCHOR_WORDS, MAX_GAP, MILESTONE_HINTS, Cue, CueTable, anchors, dates, find_cues, word_starts
from .prose_scan import Gate, any_of
from .prose_words import (COMPOUND_PROJECT, COMPONENT, ESTIMATE, FUNDER, MONEY_CUES, MONEY_NOT, NOW, OFF_TOPIC_HEADING,
                          OWNER, PROJECT)

KINDS = ("title", "heading", "p", "li", "caption")
_EARLIER = r"ursprünglich|anfangs|anfänglich|zunächst \w+|bisher|früher|damals"
_ABBREV = re.compile(
    r"(?:\b(?:ca|rd|Mio|Mrd|Tsd|Dr|Prof|Nr|Str|bzw|ggf|evtl|inkl|zzgl|vgl|usw|etc|Abs|Art|bspw|sog|St|Hr|Fr|Fa|Tel|"
    r"max|min|mind|gem|lt|geb|Jan|Feb|Mär|Apr|Jun|Jul|Aug|Sep|Sept|Okt|Nov|Dez|Mo|Di|Mi|Do|Sa|So|re|li|v|z|u|e|"
    r"o|d|h|a|ff|Co|Kap|Bd|Hrsg|Jh|Std|Min)|\b\d{1,2}|\b[A-ZÄÖÜ])\.$")
#: the end of a sentence: its mark, closing quotes, space, the next sentence's capital (a pattern that begins with a
#: character class is found by a fast scan; one that begins with a lookbehind is tried at every position)
_SENT_END = re.compile(r"[.!?][\"“”»«')]*\s+(?=[\"„»(]?[A-ZÄÖÜ0-9])")
#: the same for a text without "!" and "?" (most): the engine finds a pattern's one first character faster than a
#: class of three
_SENT_END_DOT = re.compile(r"\.[\"“”»«')]*\s+(?=[\"„»(]?[A-ZÄÖÜ0-9])")
_MONEY_CUES = CueTable(MONEY_CUES)
_MONEY_NOT, _ESTIMATE = Gate(MONEY_NOT), Gate(ESTIMATE)
_MONEY_HINTS = ("€", "eur", "dm", "mark", "chf", "franken", "dollar", "$", "£", "pfund", "yen", "mio", "mrd",
                "million", "milliard", "tausend", ",-", ",—", ",–", "lire", "schilling", "gulden", "francs", "gbp",
                "usd", "sfr", "peset", "escudo", "drachm", "jpy", "¥")
#: a block with none of these (most blocks) names neither money nor a date: one search rejects it, where the money
#: hints and the date anchors each cost a search. Each hint is looked for from its rarest letter (``any_of``; the
#: order: rare in German text first, the letters that cover every hint). (A year as two branches that begin with a
#: digit: a pattern whose branches all begin with a character keeps the regex engine's fast scan for them.)
_RARE_FIRST = "€$£¥–—-jyqpzfwvbgmolu"
_ANY_HINT = re.compile(any_of(_MONEY_HINTS + ANCHOR_WORDS, _RARE_FIRST) + r"|19\d\d|20\d\d")
#: (most blocks that pass the gate name a date, not money: one search answers for them where the money hints would
#: each cost a substring search)
_MONEY_HINT = re.compile(any_of(_MONEY_HINTS, _RARE_FIRST))


def _names_money(low: str, hints: tuple[str, ...] = _MONEY_HINTS) -> bool:
    """Whether a lower-cased text holds one of the money hints (substring tests cost less than a pattern of them)."""
    for h in hints:
        if h in low:
            return True
    return False


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Where a block's sentences begin and end (not split after "ca.", "Mio.", "3." in "3. März", initials …)."""
    out: list[tuple[int, int]] = []
    pos = 0
    for m in (_SENT_END if "!" in text or "?" in text else _SENT_END_DOT).finditer(text):
        end = m.start() + 1
        # (the abbreviation test looks at the end only: searching the whole piece for "…$" costs its length; it needs
        # a "." after a word of at most four letters or two digits: five letters or digits before the mark say no)
        if text[end - 1] == "." and not (end >= 6 and text[end - 6:end - 1].isalnum()) \
                and _ABBREV.search(text, max(pos, end - 8), end):
            continue
        out.append((pos, end))
        pos = m.end()
    out.append((pos, len(text)))
    return [(a, b) for a, b in out if text[a:b].strip()]


def sentences(text: str) -> list[str]:
    return [text[a:b].strip() for a, b in sentence_spans(text)]


def _about_project(sent: str, before: str, after: str, title_words: set[str]) -> str | None:
    """Why a cost in ``sent`` is the project's total (None: it may be a component's): the sentence names the project
    (or a word of the page title) and nothing before the amount or in its own clause after it marks a part."""
    if COMPONENT.search(before) or COMPONENT.search(_CLAUSE_END.split(after, maxsplit=1)[0]):
        return None
    m = PROJECT.search(sent)
    if m:
        return m.group(0)
    words = {w for w in _LONG_NOUN.findall(sent)}
    hit = words & title_words
    if hit:
        return next(iter(hit))
    # "Investiert wurden rund 230.000 Euro.": a sentence that names nothing else speaks of the page's project
    nouns = [w for w in _INNER_NOUN.findall(sent) if w not in _MONEY_NOUNS]
    return "" if not nouns else None


# (the patterns of the amounts' helpers, compiled once: a module-level re call with a string pays the cache lookup)
_CLAUSE_END = re.compile(r"[,;:.(]")
_LONG_NOUN = re.compile(r"[A-ZÄÖÜ][\wäöüß-]{5,}")
_INNER_NOUN = re.compile(r"(?<=[\s(„\"])[A-ZÄÖÜ][\wäöüß-]+")
_EARLIER_RX = re.compile(_EARLIER, re.I)
_COMPOUND = re.compile(r"-([A-ZÄÖÜ]?\w+)|\s+teure[nmrs]?\s+([A-ZÄÖÜ]\w+)")
_PLURAL_S = re.compile(r"(?:e?s)$")
_RATE = re.compile(r"jährlich|pro Jahr|im Jahr\b(?!\s*\d)|monatlich|pro Monat", re.I)
#: ``_RATE`` can match only where the lower-cased sentence holds one of these (their letters have no other case
#: forms than the ASCII and "Ä" ones, which lower() maps one to one)
_RATE_HINTS = ("jährl", "jahr", "monat")


#: "Für die Sanierung und Umnutzung zum Kulturzentrum stehen 4,5 Millionen Euro zur Verfügung.": the project's
#: budget, when the sentence is about nothing but the work and its money
_BUDGET = re.compile(r"Für (?:die|den|das) (?P<what>[^,;:]{3,120}?) (?:stehen|steht|standen|stand) "
                     r"(?:insgesamt |rund |ca\. |circa |etwa |knapp |über )?(?P<money>[^;:]{3,60}?) zur Verfügung\.?")
#: ... and not when a programme, a fund or a funder's budget speaks ("aus dem Programm", "vom Land")
_BUDGET_NOT = re.compile(r"Programm|Fonds|Förder|Haushalt|Zuschuss|Zuwendung|\b(?:Bund|Land|Landes|EU|Kreis)\b|"
                         r"jährlich|pro Jahr|Projekte|Maßnahmen\b")


def _budget(sent: str, money, nots: list[str]) -> bool:
    if not nots or any(n.lower() != "zur verfügung" for n in nots):
        return False
    m = _BUDGET.fullmatch(sent.strip())
    return bool(m and m.start("money") <= money.start and money.end <= m.end("money") and PROJECT.search(m["what"])
                and not _BUDGET_NOT.search(sent))


def _payer(sent: str, cue: Cue, lo: int, hi: int) -> str | None:
    """funder or owner: the paying noun nearest to the paying verb ("Davon trägt das Land …")."""
    found = [(m, "funder") for m in FUNDER.finditer(sent, lo, hi)] + [(m, "owner") for m in OWNER.finditer(sent, lo, hi)]
    if not found:
        return None
    dist = [(min(abs(m.start() - cue.end), abs(cue.start - m.end())), who) for m, who in found]
    dist.sort()
    if len(dist) > 1 and dist[0][0] == dist[1][0] and dist[0][1] != dist[1][1]:
        return None
    return dist[0][1]


_MONEY_NOUNS = {"Euro", "EUR", "Mio", "Millionen", "Million", "Milliarden", "Milliarde", "Mrd", "Tsd", "Tausend", "DM",
                "Mark", "CHF", "Franken", "Dollar", "Pfund",
                # the cost words themselves name no other thing: "Die Kosten sind mit 970.000 Euro angesetzt."
                "Kosten", "Gesamtkosten", "Baukosten", "Investition", "Investitionen", "Investitionssumme",
                "Gesamtinvestition", "Summe", "Gesamtsumme", "Betrag", "Höhe"}


def title_words(blocks: list[tuple[str, str]]) -> set[str]:
    """The nouns of the page's headline (the title, and headings before the first paragraph)."""
    words: set[str] = set()
    for kind, text in blocks:
        if kind not in ("title", "heading"):
            break
        words |= set(_LONG_NOUN.findall(text))
    return words - {"Stadt", "Straße", "Projekt", "Pressemitteilung", "Pressemitteilungen"}


def _amounts(sent: str, kind: str, out: list[dict], warnings: list[str], headline: set[str] = frozenset(),
             hints: tuple[str, ...] = _MONEY_HINTS) -> None:
    """The amounts of one sentence; ``hints``: the money hints that its block holds (it can hold no other)."""
    low = sent.lower()
    if not _names_money(low, hints):
        return
    found = iter_money(sent)
    if not found:
        return
    for money in found:
        if money.amount is None:
            warnings.append(f"prose amount not taken ({money.reason}): {sent!r}")
    found = [m for m in found if m.amount is not None]
    if not found:  # (money that is no amount, a currency without a fixed rate …: no cue or "not" word to look for)
        return
    nots = [m.group(0) for m in _MONEY_NOT.finditer(sent, low)]
    # "ursprünglich 3 Millionen, nun 4,2 Millionen": only the amount after "nun" may be the project's cost
    earlier_only = bool(nots) and all(_EARLIER_RX.fullmatch(n) for n in nots)
    taken = [(m.start, m.end) for m in found]
    cues = find_cues(sent, taken, _MONEY_CUES, word_starts(sent, taken))
    for i, money in enumerate(found):
        lo = found[i - 1].end if i else 0
        hi = found[i + 1].start if i + 1 < len(found) else len(sent)
        budget = len(found) == 1 and _budget(sent, money, nots)  # (one amount: no share of it for another thing)
        if nots and not budget and not (earlier_only and NOW.search(sent[max(lo, money.start - 40):money.start])):
            warnings.append(f"prose amount not taken (not the project's cost: {nots[0]!r}): {sent!r}")
            continue
        if budget:
            out.append({"label": "Budget", "value": money.text, "raw": sent, "role": "total", "kind": kind,
                        "source": "prose"})
            continue
        near = [c for c in cues if lo <= c.start and c.end <= hi]
        left = [c for c in near if c.end <= money.start and money.start - c.end <= MAX_GAP]
        # after the amount a verb may come late ("… rund neun Millionen Euro aufgewendet"), a noun only next to it
        # ("2 Mio. Euro Fördermittel"): a noun farther on belongs to another clause ("… teuren Projekts sollen
        # Fördermittel …")
        right = [c for c in near if c.start >= money.end and (
            c.start - money.end <= 60 if not c.text[:1].isupper() else c.start - money.end <= 2)]
        cue = max(left, key=lambda c: c.end) if left else min(right, key=lambda c: c.start) if right else None
        # "das Zwei-Millionen-Euro-Projekt", "des knapp vier Millionen Euro teuren Projekts"
        compound = _COMPOUND.match(sent[money.end:])
        if compound:  # what the compound or the adjective names decides
            noun = compound.group(1) or compound.group(2)
            cue = Cue(money.end, money.end + len(compound.group(0)), "compound", noun, compound.group(0))
        if cue is None:
            warnings.append(f"prose amount not taken (no cost or funding word): {money.text!r} in {sent!r}")
            continue
        role, label = cue.kind, cue.label or cue.text
        segment = sent[lo:hi]
        if compound:
            if not COMPOUND_PROJECT.fullmatch(_PLURAL_S.sub("", noun)):
                warnings.append(f"prose amount not taken (a {noun}): {sent!r}")
                continue
            role, label = "total", noun
        elif role == "payer":
            payer = _payer(sent, cue, lo, hi)
            if payer is None:
                warnings.append(f"prose amount not taken (who pays is unclear): {sent!r}")
                continue
            role, label = ("funding", "Förderung") if payer == "funder" else ("own_share", "Eigenanteil")
        elif role == "total" and cue.label == "Investition" and FUNDER.search(segment) and not OWNER.search(segment):
            role, label = "funding", "Förderung"
            if _about_project(sent, sent[lo:money.start], sent[money.end:hi], headline) is None:
                # "Insgesamt investiert der Bund 50 Millionen Euro": the programme's money, not this project's grant
                warnings.append(f"prose amount not taken (a funder's budget, or this project's?): {sent!r}")
                continue
        if role == "total" and _about_project(sent, sent[lo:money.start], sent[money.end:hi], headline) is None:
            warnings.append(f"prose amount not taken (the cost of a part, or of what?): {money.text!r} in {sent!r}")
            continue
        if money.amount.per or any(h in low for h in _RATE_HINTS) and _RATE.search(segment):
            role = "rate"
        elif role == "total" and _ESTIMATE.search(sent, low):
            role = "estimate"
        out.append({"label": label, "value": money.text, "raw": sent, "role": role, "kind": kind,
                    "source": "prose"})


#: paragraphs naming money or a date that are read for them: the real pages have up to a few dozen; a page with
#: thousands (a 5 MB archive dump) would take seconds, and is no project page (cut with a warning, like lines.MAX_LINES)
MAX_SEARCHED_BLOCKS = 200
#: sentences read for money and dates, and the characters of one paragraph: the real pages have up to 80 sentences
#: and paragraphs of up to 1,700 characters; a page of one 5 MB paragraph would take seconds
MAX_SEARCHED_SENTENCES = 500
MAX_BLOCK_CHARS = 10_000


def _cut(text: str) -> str:
    """The first ``MAX_BLOCK_CHARS`` characters of a longer paragraph, up to the end of its last whole sentence
    among them (the sentence that runs past the cut is left out, never read in part)."""
    piece = text[:MAX_BLOCK_CHARS]
    spans = sentence_spans(piece)[:-1]
    return piece[:spans[-1][1]] if spans else ""


def find_prose(blocks: list[tuple[str, str]], runtime_known: bool = False) -> dict:
    """Cost, funding and date candidates of the page's sentences (see the module docstring). ``runtime_known``: the
    page's facts state its runtime; sentences then only add milestones (Baubeginn, Richtfest …)."""
    funding: list[dict] = []
    runtime: list[dict] = []
    warnings: list[str] = []
    off_topic = False
    headline = None  # (the title's words, for the amounts: worked out for a page that names money)
    skipped = searched = sentences_read = 0
    for kind, text in blocks:
        if kind not in KINDS or kind == "caption" or not text:
            continue
        if kind == "heading":
            off_topic = bool(OFF_TOPIC_HEADING.match(text.strip()))
        elif kind == "title":
            off_topic = False
        if off_topic:
            continue
        # most blocks name neither money nor a date: looked for once per block, not per sentence (and before the
        # spaces are tidied: no hint holds one)
        if len(text) > MAX_BLOCK_CHARS:
            text = _cut(text)
            warnings.append(f"a paragraph longer than {MAX_BLOCK_CHARS} characters: only its first whole sentences "
                            f"(up to {len(text)} characters) were read for money and dates")
        low = text.lower()
        if _ANY_HINT.search(low) is None:
            continue
        tidy = " ".join(text.split())
        if tidy != text:  # (most blocks come tidy: their lower-cased text is the one at hand)
            text, low = tidy, tidy.lower()
        # (its sentences are looked through for these only)
        money = tuple(h for h in _MONEY_HINTS if h in low) if _MONEY_HINT.search(low) else ()
        # (with the runtime in the facts, only a block that names a milestone is searched for dates)
        dated = not runtime_known or any(h in low for h in MILESTONE_HINTS)
        years, hints, units = anchors(text, low) if dated else ([], [], [])
        if not money and not years and not hints and not units:
            continue
        searched += 1
        if searched > MAX_SEARCHED_BLOCKS:
            warnings.append(f"more than {MAX_SEARCHED_BLOCKS} paragraphs name money or a date: only the first "
                            f"{MAX_SEARCHED_BLOCKS} were read for them")
            break
        spans = sentence_spans(text)
        full = sentences_read + len(spans) > MAX_SEARCHED_SENTENCES
        if full:
            warnings.append(f"more than {MAX_SEARCHED_SENTENCES} sentences in paragraphs that name money or a date: "
                            f"only the first {MAX_SEARCHED_SENTENCES} were read for them")
            spans = spans[:MAX_SEARCHED_SENTENCES - sentences_read]
        sentences_read += len(spans)
        for a, b in spans:
            sent = text[a:b]
            lead = len(sent) - len(sent.lstrip())
            sent, a = sent.strip(), a + lead
            if money:
                if headline is None:
                    headline = title_words([b for b in blocks if b[0] != "caption"])
                n = len(warnings)
                _amounts(sent, kind, funding, warnings, headline, money)
                if len(warnings) > n:
                    skipped += any(w.startswith("prose amount not taken") for w in warnings[n:])
            if years or hints or units:  # (a block without anchors has none in its sentences)
                end = a + len(sent)
                mine = (_within(years, a, end) if years else [], _within(hints, a, end) if hints else [],
                        _within(units, a, end) if units else [])
                if any(mine):
                    dates(sent, kind, runtime, warnings, mine, runtime_known)
        if full:
            break
    if skipped:  # the page names money that was left out: its taken shares may not add up to the whole
        for c in funding:
            c["others_left_out"] = True
    return {"funding": funding, "runtime": runtime, "warnings": list(dict.fromkeys(warnings))}


def _within(spans: list[tuple[int, int]], a: int, b: int) -> list[tuple[int, int]]:
    """The spans (sorted by start) that lie in ``[a, b)``, made relative to ``a``."""
    out = []
    if not spans:
        return out
    for i in range(bisect_left(spans, (a, a)), len(spans)):
        s, e = spans[i]
        if s >= b:
            break
        if e <= b:
            out.append((s - a, e - a))
    return out


#: what other finders took from the lines: not sentences of the text
_TAKEN = ("fact", "credit", "caption", "gallery", "byline")


def page_blocks(lines, title_index: int, title: str | None = None) -> list[tuple[str, str]]:
    """The (kind, text) blocks of a page's content lines from its title on, for ``find_prose``. ``title``: the
    headline as extracted, for the title line (without a kicker set in the same <h1>: "Kulturzentrum soll 2028
    öffnen" and "Baumaßnahme beginnt" are two statements, not one sentence)."""
    out = []
    for i in range(max(title_index, 0), len(lines)):
        ln = lines[i]
        if ln.kind == "img" or not ln.text or ln.consumed in _TAKEN:
            continue
        if i == title_index:
            kind = "title"
        elif ln.heading_level or ln.consumed == "heading":
            kind = "heading"
        elif ln.caption or ln.kind in ("figcaption", "caption"):
            kind = "caption"
        else:
            kind = "li" if ln.kind == "li" else "p"
        text = title if kind == "title" and title and title in ln.text else ln.text
        out.append((kind, text.replace("\t", " ")))
    return out


def milestone_facts(facts) -> list[dict]:
    """The facts that date a milestone ("Baubeginn: 11/2014", a row "11/2014 | Baubeginn", "Geplante
    Fertigstellung: Frühjahr 2027"), for ``pipelines/normalize`` to make one phase of."""
    out = []
    for f in facts:
        label, value = split_row(f.label, f.value or "")
        if milestone_kind(label) and POINT.search(value or ""):
            out.append({"label": f.label, "value": f.value, "source": "fact"})
    return out
