"""What we know about cities: hosts, Stadtbezirke and programme areas.

Extraction uses this only as a fallback after what the page itself says. Adding a city means adding an
entry here (and, if its portal needs special navigation, a thin spider).
"""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class City:
    name: str
    hosts: tuple[str, ...]
    districts: tuple[str, ...] = ()
    #: programme area (as named on the portal, lower-cased) -> Stadtbezirk
    area_districts: dict[str, str] = field(default_factory=dict)


DORTMUND = City(
    name="Dortmund",
    hosts=("dortmund.de", "www.dortmund.de"),
    districts=(
        "Innenstadt-West", "Innenstadt-Nord", "Innenstadt-Ost", "Eving", "Scharnhorst", "Brackel",
        "Aplerbeck", "Hörde", "Hombruch", "Lütgendortmund", "Huckarde", "Mengede",
    ),
    area_districts={
        "stadtumbau rheinische straße": "Innenstadt-West",
        "rheinische straße": "Innenstadt-West",
        "stadtumbau hörde zentrum": "Hörde",
        "stadtumbau hörde-zentrum": "Hörde",
        "hörde zentrum": "Hörde",
        "soziale stadt nordstadt": "Innenstadt-Nord",
        "nordstadt": "Innenstadt-Nord",
        "westerfilde & bodelschwingh": "Mengede",
        "westerfilde und bodelschwingh": "Mengede",
        "soziale stadt westerfilde & bodelschwingh": "Mengede",
        "stadtumbau westerfilde & bodelschwingh": "Mengede",
        "dortmund marten": "Lütgendortmund",
        "soziale stadt dortmund marten": "Lütgendortmund",
        "scharnhorst-ost": "Scharnhorst",
        "soziale stadt scharnhorst-ost": "Scharnhorst",
        "huckarde": "Huckarde",
        "stadtumbau huckarde": "Huckarde",
        # the relaunched portal (2023+) names areas "Stadterneuerung <Gebiet>" and programmes on its
        # Quartierskonzepte pages "Soziale Stadt …"
        "stadterneuerung westerfilde & bodelschwingh": "Mengede",
        "stadterneuerung hörde": "Hörde",
        "soziale stadt – stadtumbau hörde": "Hörde",
        "soziale stadt - stadtumbau hörde": "Hörde",
        "stadterneuerung nordstadt": "Innenstadt-Nord",
        "stadterneuerung marten": "Lütgendortmund",
        "soziale stadt dortmund-marten": "Lütgendortmund",
        "stadterneuerung huckarde": "Huckarde",
    },
)

CITIES: tuple[City, ...] = (
    DORTMUND,
    City("Düsseldorf", ("duesseldorf.de", "www.duesseldorf.de")),
    City("Berlin", ("berlin.de", "www.berlin.de", "www.stadtentwicklung.berlin.de")),
    City("Luckenwalde", ("luckenwalde.de", "www.luckenwalde.de")),
    City("Dorsten", ("dorsten.de", "www.dorsten.de")),
    City("Mönchengladbach", ("moenchengladbach.de", "www.moenchengladbach.de")),
    City("Gelsenkirchen", ("gelsenkirchen.de", "www.gelsenkirchen.de")),
    City("Essen", ("essen.de", "www.essen.de")),
    City("Bochum", ("bochum.de", "www.bochum.de")),
    # Stadtbezirke as the cities' main statutes name them (a "Stadtbezirk: …" fact must name one of them)
    City("Hagen", ("hagen.de", "www.hagen.de"),
         districts=("Hagen-Mitte", "Hagen-Nord", "Hohenlimburg", "Eilpe/Dahl", "Haspe")),
    City("Wuppertal", ("wuppertal.de", "www.wuppertal.de"),
         districts=("Elberfeld", "Elberfeld-West", "Uellendahl-Katernberg", "Vohwinkel", "Cronenberg", "Barmen",
                    "Oberbarmen", "Heckinghausen", "Langerfeld-Beyenburg", "Ronsdorf")),
    City("Bielefeld", ("bielefeld.de", "www.bielefeld.de"),
         districts=("Mitte", "Schildesche", "Gadderbaum", "Brackwede", "Dornberg", "Jöllenbeck", "Heepen",
                    "Stieghorst", "Sennestadt", "Senne")),
    City("Mülheim an der Ruhr", ("muelheim-ruhr.de", "www.muelheim-ruhr.de"),
         districts=("Rechtsruhr-Süd", "Rechtsruhr-Nord", "Linksruhr")),
    City("Aachen", ("aachen.de", "www.aachen.de"),
         districts=("Aachen-Mitte", "Brand", "Eilendorf", "Haaren", "Kornelimünster/Walheim", "Laurensberg",
                    "Richterich")),
)

_BY_HOST = {h: c for c in CITIES for h in c.hosts}
_BY_NAME = {c.name.lower(): c for c in CITIES}


def city_for_host(host: str | None) -> City | None:
    if not host:
        return None
    host = host.lower().split(":")[0]
    while host:
        if host in _BY_HOST:
            return _BY_HOST[host]
        if "." not in host:
            return None
        host = host.split(".", 1)[1]
    return None


def city_by_name(name: str | None) -> City | None:
    return _BY_NAME.get((name or "").strip().lower())


def district_for_area(city: City | None, area: str | None) -> str | None:
    if not city or not area:
        return None
    return city.area_districts.get(" ".join(area.lower().split()))
