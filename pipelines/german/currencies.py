"""Currencies as pages write them -> ISO 4217 codes, and the conversion rates to the euro that are fixed by law.

Only the legacy currencies of the euro area have a fixed rate (Council Regulations (EC) 2866/98 and later
accession regulations): an amount in DM is converted exactly, one in Swiss francs or dollars is not (its
``amount_eur`` stays null: any rate would be a guess about a day the page does not name).
"""
from __future__ import annotations

import re
from decimal import Decimal

#: units of the legacy currency per euro, fixed by law
FIXED_PER_EUR: dict[str, Decimal] = {
    "DEM": Decimal("1.95583"), "ATS": Decimal("13.7603"), "BEF": Decimal("40.3399"), "LUF": Decimal("40.3399"),
    "FIM": Decimal("5.94573"), "FRF": Decimal("6.55957"), "IEP": Decimal("0.787564"), "ITL": Decimal("1936.27"),
    "NLG": Decimal("2.20371"), "PTE": Decimal("200.482"), "ESP": Decimal("166.386"), "GRD": Decimal("340.750"),
}

#: (pattern, code) in the order they are tried; patterns are regular expressions, matched case-sensitively
#: after the number ("1,2 Mio. CHF") — longer names first
SUFFIX = [
    (r"Euros?|EUR|€", "EUR"),
    (r"D-Mark|Deutsche[ \u00a0]Mark|DM|DEM", "DEM"),
    (r"Mark[ \u00a0]der[ \u00a0]DDR|DDR-Mark|Ostmark|DDM", "DDM"),
    (r"Mark(?![ \u00a0]der\b)", "DEM"),
    (r"Schweizer[ \u00a0]Franken|Franken|CHF|sFr\.?|SFr\.?", "CHF"),
    (r"US-Dollar|Dollar|USD|US\$|\$", "USD"),
    (r"britische[ \u00a0]Pfund|Pfund[ \u00a0]Sterling|GBP|£", "GBP"),
    (r"Yen|JPY|¥", "JPY"),
    (r"österreichische[ \u00a0]Schilling|Schilling|ATS|öS", "ATS"),
    (r"Gulden|NLG|hfl", "NLG"),
    (r"Lire|Lira|ITL", "ITL"),
    (r"französische[ \u00a0]Francs|Francs|FRF", "FRF"),
    (r"belgische[ \u00a0]Franken|belgische[ \u00a0]Francs|BEF", "BEF"),
    (r"Peseten|Pesetas|ESP", "ESP"),
    (r"Escudos|PTE", "PTE"),
    (r"irische[ \u00a0]Pfund|IEP", "IEP"),
    (r"Finnmark|FIM", "FIM"),
    (r"Drachmen|GRD", "GRD"),
    (r"DKK|SEK|NOK|CZK|PLN|CNY", None),
]
#: written before the number ("€ 14.8 million", "CHF 1'200'000", "$ 2 million")
PREFIX = [
    (r"EUR|€", "EUR"), (r"DM", "DEM"), (r"CHF|sFr\.|SFr\.", "CHF"), (r"US\$|USD|\$", "USD"),
    (r"GBP|£", "GBP"), (r"JPY|¥", "JPY"),
]

SUFFIX_PATTERN = "|".join(f"(?:{p})" for p, _ in SUFFIX)
#: (one flat alternation: the engine skips a branch that begins with a literal on one character test, a group of
#: branches it enters)
PREFIX_PATTERN = "|".join(p for p, _ in PREFIX)
# (compiled once, for ``code_of``)
_SUFFIX_RX = [(re.compile(p), code) for p, code in SUFFIX]
_PREFIX_RX = [(re.compile(p), code) for p, code in PREFIX]


def code_of(text: str, prefix: bool = False) -> str:
    """The ISO code of a currency text the patterns above matched."""
    for pattern, code in (_PREFIX_RX if prefix else _SUFFIX_RX):
        if pattern.fullmatch(text):
            return code or text
    return text
