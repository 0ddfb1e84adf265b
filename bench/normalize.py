"""Normalization speed on one core over a realistic mix of real-world forms.

    .venv/bin/python bench/normalize.py [--json] [--seconds 2]
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from pipelines.german import parse_amount, parse_credit, parse_runtime  # noqa: E402

AMOUNTS = ["895.000 Euro", "1,2 Mio. Euro", "ca. 450.000 Euro", "rd. 25,20 Mio. Euro brutto", "2.064,05 €",
           "1.970.000,--", "4,15 Mio. DM", "50 %", "2.500 m²", "30 Euro/qm", "0.5 Millionen Euro", "€ 14.8 million",
           "32.000€", "515.000 EUR", "17,3 Mio Euro", "1.800.000,00€", "[pdf, 7,3 MB]", "insgesamt 42.000 Euro"]
RUNTIMES = ["2008-2013, 2013-2016", "2015 – 2022", "2018", "Planung 2016/2017; Umsetzung Jahreswechsel 2017/2018",
            "Bewilligung: Nov. 2005; Abschluss April 2008", "12/2015-08/2016", "01.04.2022 bis 31.12.2026",
            "seit 2013", "Frühjahr 2014 bis Herbst 2015", "viermal jährlich", "Baubeginn: 11/2014; Baufertigstellung: 02/2015",
            "Samstag, 18. September 2021, 15 bis 18 Uhr", "2. Halbjahr 2016", "bis zum 31.12.2014"]
CREDITS = ["Bild (Bildlizenz/Fotograf/Grafiker): Stadt Dortmund / Silvia Voss", "Foto: Jutta Sankowski", "© Schaper",
           "Bild: Stahm Architekten, Braunschweig", "© FUNKE Foto Services | Lars Fröhlich"]


def rate(fn, xs, seconds: float) -> int:
    n, t0 = 0, time.perf_counter()
    while time.perf_counter() - t0 < seconds:
        for x in xs:
            fn(x)
        n += len(xs)
    return int(n / (time.perf_counter() - t0))


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--seconds", type=float, default=2.0)
    args = ap.parse_args()
    result = {"amounts_per_s": rate(parse_amount, AMOUNTS, args.seconds),
              "runtimes_per_s": rate(parse_runtime, RUNTIMES, args.seconds),
              "credits_per_s": rate(parse_credit, CREDITS, args.seconds)}
    print(json.dumps(result, indent=2) if args.json else
          " · ".join(f"{k.replace('_per_s', '')}: {v:,}/s" for k, v in result.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
