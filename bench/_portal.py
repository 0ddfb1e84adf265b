"""A synthetic, seeded dortmund.de-like city portal for the crawl benchmarks (used by ``bench/site.py``).

``Portal(pages=N, seed=S)`` lays out N completed projects over ``max(4, round(N / 200))`` programme areas.
Every area uses one of the four markup families of the bundled snapshot (``scraper/snapshot/site``):

* ``portal2012`` - old dortmund.de (``#kopf``/``#inhalt``/``#fuss``), project pages
  ``…/<area>/projekte_<x>/beendete_projekte/<slug>/index.html``, listing ``…/beendete_projekte/index.html``;
* ``portal2008`` - the Nordstadt sub-site (``#container``/``#content``), ``…/<area>/beendete_projekte/<slug>.html``;
* ``gsb2019`` - the Hörde template (``header``/``main``/``article``), ``…/<area>/projekte_<x>/<slug>.html``
  beside the listing ``…/projekte_<x>/beendete_projekte.html``;
* ``dtm2023`` - the new portal (web components, navigation JSON), ``/themen/stadterneuerung/<area>/
  beendete-projekte/<slug>.html`` below the listing ``…/beendete-projekte.html``.

Navigation is the one the ``dortmund`` spider walks: the Stadterneuerung overview links every area, an
area page links its "Beendete Projekte" listing, listings are paginated (20–50 projects a page, page-number,
"weiter »"/"nächste Seite" links with ``?seite=k`` / ``?page=k``) and link their projects. Each area also has a
"Laufende Projekte" and a "Kontakt" page that a project crawler skips.

Project pages are 30–60 kB with their chrome (mega menu, breadcrumbs, cookie banner, footer sitemap with "©",
inline styles and scripts) and carry facts in the snapshot's forms: "Label: value" lines, <br>-separated
lines, <dl>, two-column tables, <strong>Label:</strong> value, label spans, fact lists and milestone tables;
funding, runtime and credit values in the forms of ../shared/REAL_FORMATS.md. The prose is generated
filler. Everything is a pure function of (pages, seed): the same arguments give byte-identical pages.
"""
from __future__ import annotations

import json
import random
from dataclasses import dataclass, field
from html import escape

OVERVIEW_PATH = "/leben_in_dortmund/planen_bauen_wohnen/stadterneuerung/index.html"
CLASSIC_BASE = "/leben_in_dortmund/planen_bauen_wohnen/stadterneuerung/"
NEW_BASE = "/themen/stadterneuerung/"
LAYOUTS = ("portal2012", "portal2008", "gsb2019", "dtm2023")
MIN_PAGE_BYTES, MAX_PAGE_BYTES = 30 * 1024, 60 * 1024
PROJECTS_PER_AREA = 200

# -- vocabulary ------------------------------------------------------------------------------------------

PLACES = (
    "Westerfilde", "Bodelschwingh", "Marten", "Huckarde", "Scharnhorst", "Eving", "Lindenhorst", "Brechten",
    "Derne", "Kirchderne", "Hostedde", "Lanstrop", "Grevel", "Husen", "Kurl", "Asseln", "Wickede", "Brackel",
    "Wambel", "Körne", "Berghofen", "Aplerbeck", "Schüren", "Sölde", "Hörde", "Wellinghofen", "Benninghofen",
    "Hombruch", "Barop", "Eichlinghofen", "Kirchhörde", "Lücklemberg", "Persebeck", "Brünninghausen",
    "Lütgendortmund", "Kley", "Oespel", "Dorstfeld", "Bövinghausen", "Westrich", "Rahm", "Kirchlinde", "Deusen",
    "Mengede", "Nette", "Oestrich", "Groppenbruch", "Schwieringhausen", "Nordstadt", "Hafen", "Borsigplatz",
    "Kreuzviertel", "Unionviertel", "Gartenstadt", "Neuasseln", "Holzen", "Syburg", "Löttringhausen",
    "Salingen", "Bittermark", "Schnee", "Menglinghausen", "Kruckel", "Somborn", "Jungferntal", "Wischlingen",
)
PROGRAMMES = (
    "Stadtumbau", "Soziale Stadt", "Sozialer Zusammenhalt", "Lebendige Zentren", "Stadtumbau West",
    "Wachstum und nachhaltige Erneuerung", "Zukunft Stadtgrün", "Aktive Stadt- und Ortsteilzentren",
)
DISTRICTS = ("Innenstadt-West", "Innenstadt-Nord", "Innenstadt-Ost", "Eving", "Scharnhorst", "Brackel",
             "Aplerbeck", "Hörde", "Hombruch", "Lütgendortmund", "Huckarde", "Mengede")
STREET_STEMS = (
    "Linden", "Kirch", "Schul", "Bahnhof", "Markt", "Garten", "Berg", "Wald", "Mühlen", "Hafen", "Zechen",
    "Hütten", "Brücken", "Rosen", "Eichen", "Birken", "Heinrich", "Wilhelm", "Friedrich", "Emscher", "Ruhr",
    "Hellweg", "Burg", "Schloss", "Anger", "Weiden", "Buchen", "Ahorn", "Kastanien", "Wiesen", "Feld",
    "Brunnen", "Kloster", "Mallinckrodt", "Münster", "Kiel", "Lange ", "Rheinische ", "Westfalen", "Hermann",
    "Adler", "Union", "Stollen", "Flora", "Schützen", "Margareten", "Bergmann", "Kokerei", "Halden", "Lohmann",
)
STREET_SUFFIXES = ("straße", "weg", "platz", "allee", "ring", "park")
OBJECTS = (
    "Spielplatz {s}", "Quartiersplatz {s}", "Schulhof {s}", "Grünzug {p}", "Stadtteilpark {p}", "Bolzplatz {s}",
    "Hof- und Fassadenprogramm {p}", "Quartiersmanagement {p}", "Verfügungsfonds {p}", "Quartiersfonds {p}",
    "Eigentümerberatung {p}", "Stadtteilbüro {p}", "Nachbarschaftsgarten {s}", "Lichtkonzept {p}",
    "Radverbindung {p} – {q}", "Wegeverbindung {s}", "Bahnhofsumfeld {p}", "Begegnungsstätte {s}",
    "Jugendtreff {s}", "Stadtteilfest {p}", "Spiel- und Bewegungspark {p}", "Kita-Außengelände {s}",
    "Sportanlage {s}", "Marktplatz {p}", "Straßenbäume {s}", "Wohnumfeld {s}", "Stadtteilmarketing {p}",
    "Freiraumkonzept {p}", "Grünfläche {s}", "Fußgängerzone {p}", "Skateanlage {s}", "Familienzentrum {s}",
    "Mehrgenerationenplatz {s}", "Uferweg {p}", "Kunstprojekt {p}", "Leerstandsmanagement {p}",
    "Gemeinschaftsgarten {s}", "Stadtteilbibliothek {p}", "Bürgerhaus {p}", "Fassadenwettbewerb {p}",
)
PREFIXES = ("", "", "", "Umgestaltung ", "Neugestaltung ", "Sanierung ", "Erneuerung ", "Aufwertung ",
            "Erweiterung ", "Umbau ")
FIRST_NAMES = ("Anja", "Jutta", "Roland", "Benito", "Miriam", "Oliver", "Katharina", "Torsten", "Lena",
               "Jürgen", "Gesine", "Heike", "Detlev", "Sabine", "Michael", "Petra", "Thomas", "Stefanie",
               "Markus", "Claudia", "Frank", "Birgit", "Uwe", "Nadine", "Sven", "Martina", "Kerstin", "Dirk")
LAST_NAMES = ("Gorecki", "Sankowski", "Barajas", "Hoffstädt", "Schaper", "Lück", "Tullius", "Hoppe",
              "Wassmuth", "Lübbers", "Tiemann", "Kersting", "Cord", "Brinkmann", "Schulte", "Köhler",
              "Westermann", "Hülsmann", "Beckmann", "Rautenberg", "Kowalski", "Nowak", "Yilmaz", "Demir",
              "Schäfer", "Kaminski", "Völkel", "Wischerhoff")
ORGS = ("Stadt Dortmund", "Fachbereich Marketing + Kommunikation", "Stadt Dortmund, Amt für Stadterneuerung",
        "Dortmunder Stadtwerke", "Stadtsportbund Dortmund")
OFFICES = ("Kortmann & Weiß Landschaftsarchitekten", "Planungsgruppe Stadtbüro", "Büro Grünwerk",
           "Nettelbeck & Partner Quartiersentwicklung", "Planungsgemeinschaft Hellweg Architekten",
           "Stahm Architekten, Braunschweig", "Freiraum+ Landschaftsarchitektur", "Atelier Ruhrbogen",
           "Jung Stadtkonzepte", "plan-lokal Stadtplanung", "Arbeitsgemeinschaft Quartier Nord")
CARRIERS = ("Stadt Dortmund, Grünflächenamt", "Stadt Dortmund, Amt für Stadterneuerung",
            "Stadt Dortmund, Tiefbauamt", "Stadtteilverein {p} e. V.", "Kinder- und Jugendhilfe {p} gGmbH",
            "Wohnungsgenossenschaft {p} eG", "Stadt Dortmund, Jugendamt")
MONTHS = ("Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober",
          "November", "Dezember")
MONTHS_ABBR = ("Jan.", "Feb.", "März", "April", "Mai", "Juni", "Juli", "Aug.", "Sept.", "Okt.", "Nov.", "Dez.")
SEASONS = ("Frühjahr", "Sommer", "Herbst", "Winter")

SENTENCES = (
    "Der Bereich rund um {o} galt lange als vernachlässigt und wurde von vielen Menschen im Stadtteil gemieden.",
    "Bei mehreren Stadtteilspaziergängen nannten Anwohnerinnen und Anwohner {o} immer wieder als Ort mit "
    "Handlungsbedarf.",
    "In einer Planungswerkstatt im Stadtteilbüro entwickelten Kinder, Jugendliche und Erwachsene gemeinsam erste "
    "Ideen.",
    "Das beauftragte Büro stellte im {m} {y} drei Entwürfe in einer gut besuchten Bürgerversammlung vor.",
    "Die Mehrheit entschied sich für die Variante mit mehr Grün, hellen Wegen und Sitzgelegenheiten im Schatten.",
    "Gebaut wurde in mehreren Abschnitten, damit die Fläche während der Arbeiten teilweise nutzbar blieb.",
    "Die alten Bäume blieben erhalten; ergänzt wurden {n} neue Bäume, überwiegend Linden und Feldahorn.",
    "Rund {k} m² Fläche wurden entsiegelt und als Rasen, Staudenbeet oder wassergebundene Wegedecke hergestellt.",
    "Eine neue Beleuchtung sorgt dafür, dass der Weg von der {s} bis zur Haltestelle auch abends sicher wirkt.",
    "Die Eigentümerinnen und Eigentümer wurden kostenlos und unabhängig beraten, bevor sie einen Antrag stellten.",
    "Der Zuschuss betrug bis zu {pc} % der förderfähigen Kosten, höchstens jedoch 30 Euro je Quadratmeter.",
    "Über die Vergabe der Mittel entschied ein Beirat aus Bewohnerschaft, Vereinen und örtlichen Gewerbetreibenden.",
    "Viele kleine Projekte aus der Nachbarschaft konnten so schnell und ohne großen Aufwand umgesetzt werden.",
    "Die Zusammenarbeit mit den Wohnungsunternehmen im Quartier war für den Erfolg des Projekts entscheidend.",
    "Im {sea} {y} wurden die Bauzäune abgebaut, die Bepflanzung folgte einige Wochen später.",
    "Seit der Eröffnung wird {o} von sehr unterschiedlichen Gruppen genutzt, ohne dass eine die anderen verdrängt.",
    "Die Bezirksvertretung {d} hat das Vorhaben von Anfang an unterstützt und die Pflege langfristig gesichert.",
    "Mit vergleichsweise wenig Geld wurde viel erreicht; die privaten Investitionen lagen deutlich über der Förderung.",
    "Insgesamt {n} Maßnahmen an Fassaden, Höfen und Dächern wurden begleitet und gefördert.",
    "Ein Sportverein bietet dort inzwischen zweimal in der Woche ein offenes Training für alle Altersgruppen an.",
    "Für Familien mit kleinen Kindern ist {o} heute einer der wichtigsten Freiräume in Laufweite.",
    "Die Beteiligung hat Zeit gekostet, aber sie hat sich gelohnt, weil der Ort tatsächlich angenommen wird.",
    "Die Abrechnung der Fördermittel wurde im {m} {y2} abgeschlossen.",
    "Schon im ersten Sommer zeigte sich, dass die neuen Angebote deutlich stärker genutzt werden als erwartet.",
    "Bewohnerinnen und Bewohner übernehmen seitdem Patenschaften für Beete, Baumscheiben und Spielgeräte.",
    "Die Planung berücksichtigte von Beginn an die Anforderungen an Barrierefreiheit und kurze Wege.",
    "Ein Teil der Arbeiten wurde als Qualifizierungsprojekt mit jungen Erwachsenen aus dem Stadtteil umgesetzt.",
    "Nach Abschluss der Bauarbeiten fand ein kleines Fest mit Musik, Kaffee und Kuchen statt.",
    "Die Zahl der Beschwerden über Vermüllung und Lärm ist seitdem spürbar zurückgegangen.",
    "Die Ergebnisse wurden in einer Broschüre dokumentiert, die im Stadtteilbüro ausliegt.",
    "Die Erfahrungen aus dem Projekt sind in die Planung weiterer Maßnahmen in anderen Stadtteilen eingeflossen.",
    "Zwischen der {s} und dem Zentrum von {p} entstand so eine durchgehende, gut auffindbare Verbindung.",
    "Die Stadtwerke verlegten im selben Zuge neue Leitungen, sodass die Straße nur einmal aufgerissen werden musste.",
    "Während der Bauzeit informierte ein Baustellenschild mit Ansprechpartnern über den Stand der Arbeiten.",
    "Die Fläche war zuvor mit Garagen, Containern und abgestellten Fahrzeugen fast vollständig zugestellt.",
    "Für ältere Menschen wurden zusätzliche Bänke mit Armlehnen und ein Trinkwasserbrunnen eingeplant.",
    "Auch die Schulen und Kitas im Umfeld wurden früh beteiligt und nutzen den Ort heute für den Unterricht.",
    "Das Vorhaben war Teil des Integrierten Handlungskonzepts, das der Rat {y} beschlossen hatte.",
    "Ein Gestaltungshandbuch hilft Eigentümern seitdem bei der Wahl von Farben, Materialien und Werbeanlagen.",
    "Die Pflege übernimmt das Grünflächenamt, unterstützt von einer Nachbarschaftsinitiative.",
)
INTROS = (
    "Aus einer unübersichtlichen Restfläche ist mit {o} ein Ort geworden, an dem sich die Nachbarschaft trifft.",
    "Mit dem Projekt {o} hat die Stadterneuerung in {p} einen sichtbaren Akzent gesetzt.",
    "{o}: Nach langer Diskussion und breiter Beteiligung wurde das Vorhaben erfolgreich abgeschlossen.",
    "Kleine Ideen, schnell umgesetzt: {o} hat vielen Menschen im Stadtteil neue Möglichkeiten eröffnet.",
    "Das Projekt {o} verbindet Freiraum, Nachbarschaft und Verkehr und ist heute aus {p} nicht mehr wegzudenken.",
)
TEASERS = (
    "Ein neuer Treffpunkt für die Nachbarschaft.", "Mehr Platz zum Spielen, Sitzen und Verweilen.",
    "Vom Angstraum zum beliebten Quartiersplatz.", "Zuschüsse und Beratung für private Eigentümer.",
    "Gemeinsam geplant, gemeinsam gebaut.", "Sichere Wege ins Zentrum.", "Grün statt Grau im Hinterhof.",
    "Kleine Projekte mit großer Wirkung.", "Bewegung für alle Generationen.", "Ein Ort, der allen gehört.",
)
CAPTIONS = (
    "Blick auf {o} nach der Fertigstellung", "{o} im Sommer", "Planungswerkstatt im Stadtteilbüro",
    "Gestaltungsplan", "Eröffnungsfest mit der Nachbarschaft", "Vorher: die Fläche vor dem Umbau",
    "Nachher: der neue Aufenthaltsbereich", "Kinder testen die neuen Spielgeräte", "Lageplan der Maßnahme",
)
SECTION_EXTRA = ("Ausgangssituation", "Ziele", "Umsetzung", "Beteiligung", "Ausblick")

# -- small helpers ----------------------------------------------------------------------------------------

_UMLAUT = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "Ä": "ae", "Ö": "oe", "Ü": "ue"})


def slugify(text: str, sep: str = "_") -> str:
    out, prev_sep = [], True
    for ch in text.translate(_UMLAUT).lower():
        if ch.isascii() and ch.isalnum():
            out.append(ch)
            prev_sep = False
        elif not prev_sep:
            out.append(sep)
            prev_sep = True
    return "".join(out).strip(sep)


def de_int(n: int) -> str:
    """1234567 -> '1.234.567'"""
    return f"{n:,}".replace(",", ".")


def de_dec(x: float, places: int) -> str:
    return f"{x:.{places}f}".replace(".", ",")


def esc(text: str) -> str:
    return escape(text, quote=False)


def attr(text: str) -> str:
    return escape(text, quote=True)


# -- the model -------------------------------------------------------------------------------------------


@dataclass
class Project:
    title: str
    slug: str
    path: str
    teaser: str
    has_image: bool
    page_no: int       # the listing page that links it (1-based)
    seed: int


@dataclass
class Area:
    name: str
    slug: str
    layout: str
    district: str
    place: str
    per_page: int
    base: str          # folder of the area
    index_path: str
    listing_folder: str
    listing_file: str  # file name of the first listing page inside listing_folder
    page_param: str
    project_folder: str
    kontakt_path: str
    laufende_path: str
    banner_credit: str
    projects: list[Project] = field(default_factory=list)

    @property
    def pages(self) -> int:
        return max(1, -(-len(self.projects) // self.per_page))

    def listing_href(self, k: int) -> str:
        """Relative href of listing page k, as the listing pages themselves link each other."""
        return self.listing_file if k == 1 else f"{self.listing_file}?{self.page_param}={k}"

    def listing_path(self, k: int) -> str:
        return self.listing_folder + self.listing_href(k)

    def subnav(self) -> list[tuple[str, str]]:
        return [(self.index_path, self.name), (self.listing_path(1), "Beendete Projekte"),
                (self.laufende_path, "Laufende Projekte"), (self.kontakt_path, "Kontakt")]


class Portal:
    """The whole synthetic site. ``paths()`` lists every page, ``render(path)`` returns its HTML bytes."""

    def __init__(self, pages: int, seed: int = 1, areas: int | None = None):
        if pages < 1:
            raise ValueError("pages must be >= 1")
        self.n_pages, self.seed = pages, seed
        rng = random.Random(f"portal:{seed}")
        n_areas = areas or max(4, round(pages / PROJECTS_PER_AREA))
        n_areas = min(n_areas, pages)
        self._chrome = _Chrome(random.Random(f"chrome:{seed}"))
        self._sentences = self._sentence_pool(random.Random(f"prose:{seed}"))
        self.areas = self._make_areas(rng, n_areas)
        self._distribute(rng, pages)
        self._routes: dict[str, tuple[str, object]] = {OVERVIEW_PATH: ("overview", None)}
        for a in self.areas:
            self._routes[a.index_path] = ("area", a)
            self._routes[a.kontakt_path] = ("kontakt", a)
            self._routes[a.laufende_path] = ("laufende", a)
            for k in range(1, a.pages + 1):
                self._routes[a.listing_path(k)] = ("listing", (a, k))
            for p in a.projects:
                self._routes[p.path] = ("project", (a, p))

    # -- layout of the site ----------------------------------------------------------------------------

    @staticmethod
    def _sentence_pool(rng: random.Random) -> list[str]:
        pool = []
        for _ in range(2500):
            y = rng.randint(2004, 2020)
            pool.append(rng.choice(SENTENCES).format(
                o="{o}", p="{p}", s="{s}", d="{d}", m=rng.choice(MONTHS), y=y, y2=y + rng.randint(1, 3),
                sea=rng.choice(SEASONS), n=rng.randint(4, 90), k=de_int(rng.randint(3, 120) * 100),
                pc=rng.choice((30, 40, 50, 60))))
        return pool

    def _make_areas(self, rng: random.Random, n: int) -> list[Area]:
        names: set[str] = set()
        areas = []
        for i in range(n):
            while True:
                place = rng.choice(PLACES)
                name = f"{rng.choice(PROGRAMMES)} {place}" if rng.random() < 0.85 else place
                if name not in names:
                    break
                # many areas: add a second place name to stay unique
                name = f"{name}-{rng.choice(PLACES)}"
                if name not in names:
                    break
            names.add(name)
            layout = LAYOUTS[i % len(LAYOUTS)]
            short = slugify(place)
            if layout == "dtm2023":
                slug = slugify(name, "-")
                base = f"{NEW_BASE}{slug}/"
                folder, listing_file, param = base, "beendete-projekte.html", "page"
                project_folder = f"{base}beendete-projekte/"
                kontakt, laufende = f"{base}kontakt.html", f"{base}laufende-projekte.html"
            else:
                slug = slugify(name)
                base = f"{CLASSIC_BASE}{slug}/"
                if layout == "portal2012":
                    folder, listing_file = f"{base}projekte_{short}/beendete_projekte/", "index.html"
                    project_folder = folder
                    kontakt = f"{base}kontakt/index.html"
                    laufende = f"{base}projekte_{short}/laufende_projekte/index.html"
                elif layout == "portal2008":
                    folder, listing_file = f"{base}beendete_projekte/", "index.html"
                    project_folder = folder
                    kontakt, laufende = f"{base}ansprechpartner.html", f"{base}laufende_projekte/index.html"
                else:  # gsb2019
                    folder, listing_file = f"{base}projekte_{short}/", "beendete_projekte.html"
                    project_folder = folder
                    kontakt, laufende = f"{base}kontakt.html", f"{folder}laufende_projekte.html"
                param = "seite"
            areas.append(Area(
                name=name, slug=slug, layout=layout, district=rng.choice(DISTRICTS), place=place,
                per_page=rng.choice((20, 25, 30, 40, 50)), base=base, index_path=f"{base}index.html",
                listing_folder=folder, listing_file=listing_file, page_param=param, project_folder=project_folder,
                kontakt_path=kontakt, laufende_path=laufende,
                banner_credit=f"Stadt Dortmund / {rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"))
        return areas

    def _distribute(self, rng: random.Random, total: int) -> None:
        weights = [rng.uniform(0.5, 1.5) for _ in self.areas]
        s = sum(weights)
        counts = [max(1, int(total * w / s)) for w in weights]
        i = 0
        while sum(counts) != total:  # fix the rounding, keeping every area non-empty
            j = i % len(counts)
            if sum(counts) < total:
                counts[j] += 1
            elif counts[j] > 1:
                counts[j] -= 1
            i += 1
        for area, count in zip(self.areas, counts):
            used: set[str] = set()
            sep = "-" if area.layout == "dtm2023" else "_"
            for k in range(count):
                title = self._project_title(rng, area)
                slug = base_slug = slugify(title, sep)
                n = 2
                while slug in used:
                    slug, n = f"{base_slug}{sep}{n}", n + 1
                used.add(slug)
                if area.layout == "portal2012":
                    path = f"{area.project_folder}{slug}/index.html"
                else:
                    path = f"{area.project_folder}{slug}.html"
                area.projects.append(Project(title=title, slug=slug, path=path, teaser=rng.choice(TEASERS),
                                             has_image=rng.random() < 0.6, page_no=k // area.per_page + 1,
                                             seed=rng.getrandbits(48)))

    @staticmethod
    def _project_title(rng: random.Random, area: Area) -> str:
        street = rng.choice(STREET_STEMS)
        street = street + rng.choice(STREET_SUFFIXES) if not street.endswith(" ") else \
            street + rng.choice(("Straße", "Weg", "Platz"))
        obj = rng.choice(OBJECTS).format(s=street, p=area.place, q=rng.choice(PLACES))
        return rng.choice(PREFIXES) + obj

    # -- queries ---------------------------------------------------------------------------------------

    def paths(self) -> list[str]:
        """Every page of the site (URL path with query), overview first."""
        return list(self._routes)

    def project_paths(self) -> list[str]:
        return [p.path for a in self.areas for p in a.projects]

    def crawl_paths(self) -> list[str]:
        """The pages a project crawler fetches: overview, area pages, every listing page, every project."""
        out = [OVERVIEW_PATH]
        for a in self.areas:
            out.append(a.index_path)
            out.extend(a.listing_path(k) for k in range(1, a.pages + 1))
            out.extend(p.path for p in a.projects)
        return out

    def render(self, path: str) -> bytes | None:
        route = self._routes.get(path)
        if route is None:
            return None
        kind, obj = route
        if kind == "overview":
            html = self._overview()
        elif kind == "area":
            html = self._area_page(obj)
        elif kind == "listing":
            html = self._listing(*obj)
        elif kind == "project":
            html = _ProjectPage(self, *obj).render()
        else:
            html = self._service_page(obj, kind)
        return html.encode("utf-8")

    # -- pages -----------------------------------------------------------------------------------------

    def _overview(self) -> str:
        items = "\n".join(
            f'<li><a href="{a.index_path}">{esc(a.name)}</a><br />Stadtbezirk {a.district}: '
            f'{len(a.projects)} beendete Projekte</li>' for a in self.areas)
        main = (
            '<p class="rubrik">Planen, Bauen, Wohnen</p>\n<h1>Stadterneuerung</h1>\n'
            '<p class="einleitung">Stadterneuerung heißt: Stadtteile mit besonderem Handlungsbedarf gezielt stärken. '
            'Mit Mitteln der Städtebauförderung von Bund und Land unterstützt die Stadt Dortmund Quartiere, in denen '
            'sich wirtschaftliche, soziale und städtebauliche Probleme bündeln.</p>\n'
            '<h2>Programmgebiete</h2>\n<ul class="linkliste">\n' + items + '\n</ul>\n'
            '<h2>Aktuell</h2>\n<p>Einzelne Maßnahmen werden noch fertiggestellt: '
            f'<a href="{self.areas[0].laufende_path}">Laufende Projekte</a>.</p>\n'
            '<h2>Service</h2>\n<ul>\n'
            f'<li><a href="{CLASSIC_BASE}foerderhinweise_stadterneuerung.pdf">Förderhinweise Stadterneuerung [pdf, 9 '
            'kB]</a></li>\n'
            '<li><a href="https://www.staedtebaufoerderung.info/" target="_blank" class="extern">Städtebauförderung '
            'des Bundes (externer Link)</a></li>\n'
            f'<li><a href="{CLASSIC_BASE}kontakt/index.html">Kontakt</a></li>\n</ul>\n')
        crumbs = [("/index.html", "Startseite"), ("/leben_in_dortmund/index.html", "Leben in Dortmund"),
                  ("/leben_in_dortmund/planen_bauen_wohnen/index.html", "Planen, Bauen, Wohnen"),
                  (None, "Stadterneuerung")]
        subnav = [(a.index_path, a.name) for a in self.areas]
        return self._chrome.page("portal2012", "Stadterneuerung", crumbs, subnav, main, area=None)

    def _crumbs(self, area: Area, *tail: tuple[str | None, str]) -> list[tuple[str | None, str]]:
        if area.layout == "dtm2023":
            head = [("/index.html", "Startseite"), ("/themen/index.html", "Themen"),
                    (OVERVIEW_PATH, "Stadterneuerung")]
        else:
            head = [("/index.html", "Startseite"), ("/leben_in_dortmund/index.html", "Leben in Dortmund"),
                    ("/leben_in_dortmund/planen_bauen_wohnen/index.html", "Planen, Bauen, Wohnen"),
                    (OVERVIEW_PATH, "Stadterneuerung")]
        return head + list(tail)

    def _area_page(self, area: Area) -> str:
        rng = random.Random(f"area:{self.seed}:{area.slug}")
        prose = "".join(f"<p>{self._paragraph(rng, area.name, area.place, area.district, 3)}</p>\n" for _ in range(2))
        links = (f'<li><a href="{area.listing_path(1)}">Beendete Projekte</a></li>\n'
                 f'<li><a href="{area.laufende_path}">Laufende Projekte</a></li>\n'
                 f'<li><a href="{area.kontakt_path}">Kontakt</a></li>\n')
        main = _heading(area.layout, "Stadterneuerung", area.name) + prose + \
            f'<h2>Projekte</h2>\n<ul class="linkliste">\n{links}</ul>\n'
        crumbs = self._crumbs(area, (None, area.name))
        return self._chrome.page(area.layout, area.name, crumbs, area.subnav(), main, area=area)

    def _service_page(self, area: Area, kind: str) -> str:
        title = "Kontakt" if kind == "kontakt" else "Laufende Projekte"
        body = ("<p>Stadt Dortmund<br>Amt für Stadterneuerung<br>Burgwall 14<br>44135 Dortmund</p>\n"
                "<p>Telefon: (0231) 50-2 64 00</p>\n") if kind == "kontakt" else \
            f"<p>Derzeit werden in {esc(area.place)} noch einzelne Maßnahmen umgesetzt.</p>\n"
        main = _heading(area.layout, area.name, title) + body
        crumbs = self._crumbs(area, (area.index_path, area.name), (None, title))
        return self._chrome.page(area.layout, title, crumbs, area.subnav(), main, area=area)

    def _listing(self, area: Area, k: int) -> str:
        projects = [p for p in area.projects if p.page_no == k]
        out = [_heading(area.layout, area.name, "Beendete Projekte"),
               f'<p>Hier stellen wir abgeschlossene Projekte aus dem Programmgebiet {esc(area.name)} vor. '
               f'Aktuelle Vorhaben finden Sie unter <a href="{area.laufende_path}">Laufende Projekte</a>.</p>\n']
        pager = self._pager(area, k)
        out.append(pager)
        before, after = _TEASER_LIST[area.layout]
        out += [before, *(self._teaser(area, p) for p in projects), after]
        out.append(pager)
        flyer = f"{area.listing_folder}flyer_{area.slug}.pdf"
        out.append(f'<p class="hinweis">Fragen? <a href="{area.kontakt_path}">Ansprechpartner</a> im Amt für '
                   f'Stadterneuerung &middot; <a href="{flyer}">Flyer (PDF)</a></p>\n')
        crumbs = self._crumbs(area, (area.index_path, area.name), (None, "Beendete Projekte"))
        title = "Beendete Projekte" if k == 1 else f"Beendete Projekte - Seite {k}"
        return self._chrome.page(area.layout, title, crumbs, area.subnav(), "".join(out), area=area)

    @staticmethod
    def _teaser(area: Area, p: Project) -> str:
        """A project's entry on its listing page, in the area's markup."""
        lay, title, teaser = area.layout, esc(p.title), esc(p.teaser)
        img_src = f"/de/media/bilder/stadterneuerung/{area.slug}/teaser/{p.slug}_teaser.jpg"
        if lay == "portal2012":  # the old templates link projects relative to the listing
            href = p.path[len(area.listing_folder):]
            img = (f'<a href="{href}" tabindex="-1"><img src="{img_src}" alt="" width="120" height="80" '
                   'class="teaserbild" /></a>\n') if p.has_image else ""
            return f"""<div class="teaser">
{img}<h2 class="teaser_titel"><a href="{href}">{title}</a></h2>
<p>{teaser} <a href="{href}" class="mehr" title="{attr(p.title)}">mehr</a></p>
</div>
"""
        if lay == "portal2008":
            href = p.path[len(area.listing_folder):]
            img = (f'<a href="{href}"><img src="{img_src}" alt="{attr(p.title)}" width="100" height="67" '
                   'border="0"></a>' if p.has_image else "&nbsp;")
            return f"""<tr>
<td class="teaser_bild" width="110">{img}</td>
<td class="teaser_text"><a href="{href}" class="teaser_ueberschrift"><b>{title}</b></a><br>
{teaser}</td>
</tr>
"""
        if lay == "gsb2019":
            return f"""<li class="teaser-list__item">
<h2 class="teaser-list__title"><a href="{p.path}">{title}</a></h2>
<p>{teaser}</p>
</li>
"""
        media = ""
        if p.has_image:
            photographer = esc(area.banner_credit.split(" / ")[-1])
            media = f"""<figure slot="media">
<picture>
<img src="/dortmund/projekte-seiten/stadterneuerung/{area.slug}/{p.slug}_w460h192.webp"
alt=""
width="460" height="192" loading="lazy"
>
</picture>
<figcaption slot="figcaption" >
<dtm-caption>
<div slot="licence">
<strong>Bild:</strong>
Stadt Dortmund
/
<span>{photographer}</span>
</div>
</dtm-caption>
</figcaption>
</figure>
"""
        return f"""<dtm-teaser
teaser-size="medium"
teaser-color="topics"
>
<a slot="link" href="{p.path}" aria-label="Zur Detailseite von {attr(p.title)}"></a>
<span slot='headline'>
{title}
</span>
<p slot="text">{teaser}</p>
{media}</dtm-teaser>
"""

    @staticmethod
    def _pager(area: Area, k: int) -> str:
        n = area.pages
        if n == 1:
            return ""
        if area.layout in ("portal2012", "portal2008"):
            parts = ['<div class="blaettern">']
            if k > 1:
                parts.append(f'<a href="{area.listing_href(k - 1)}">&laquo; zurück</a> ')
            parts.append("Seite: ")
            for j in range(1, n + 1):
                parts.append(f'<span class="aktiv">{j}</span> ' if j == k else
                             f'<a href="{area.listing_href(j)}">{j}</a> ')
            if k < n:
                parts.append(f'<a href="{area.listing_href(k + 1)}">weiter &raquo;</a>')
            parts.append("</div>\n")
            return "".join(parts)
        # gsb2019 and dtm2023: a pagination nav with rel links and "nächste Seite"
        parts = ['<nav class="pagination" aria-label="Seitennavigation"><ul>']
        if k > 1:
            parts.append(f'<li><a href="{area.listing_href(k - 1)}" rel="prev">vorherige Seite</a></li>')
        for j in range(1, n + 1):
            parts.append(f'<li aria-current="page">{j}</li>' if j == k else
                         f'<li><a href="{area.listing_href(j)}">{j}</a></li>')
        if k < n:
            parts.append(f'<li><a href="{area.listing_href(k + 1)}" rel="next">nächste Seite</a></li>')
        parts.append("</ul></nav>\n")
        return "".join(parts)

    def _paragraph(self, rng: random.Random, obj: str, place: str, district: str, n: int, street: str = "") -> str:
        pool = self._sentences
        text = " ".join(pool[rng.randrange(len(pool))] for _ in range(n))
        return esc(text.replace("{o}", obj).replace("{p}", place).replace("{d}", district)
                   .replace("{s}", street or "Hauptstraße"))


#: what encloses the project teasers of a listing page, per markup family
_TEASER_LIST = {
    "portal2012": ("", ""),
    "portal2008": ('<table class="teaserliste" width="100%" cellspacing="0" cellpadding="6" border="0">\n',
                   "</table>\n"),
    "gsb2019": ('<ul class="teaser-list">\n', "</ul>\n"),
    "dtm2023": ('<dtm-teaser-list id="projekte">\n<div slot="teasers">\n', "</div>\n</dtm-teaser-list>\n"),
}


def _heading(layout: str, kicker: str, title: str) -> str:
    if layout == "portal2012":
        return f'<p class="rubrik">{esc(kicker)}</p>\n<h1>{esc(title)}</h1>\n'
    if layout == "portal2008":
        return f'<div class="dachzeile">{esc(kicker)}</div>\n<h1>{esc(title)}</h1>\n'
    if layout == "gsb2019":
        return f'<p class="article__kicker">{esc(kicker)}</p>\n<h1 class="article__title">{esc(title)}</h1>\n'
    return ('<section class="dtm-default-layout__introduction">\n<div class="container heading" '
            'id="Einleitungstext">\n'
            f'<p class="heading__topline" >{esc(kicker)}</p>\n<h1 >{esc(title)}</h1>\n</div>\n</section>\n')


# -- project pages ----------------------------------------------------------------------------------------


class _ProjectPage:
    """One project page: facts, images with credits, sections; prose is added up to a target size."""

    def __init__(self, portal: Portal, area: Area, project: Project):
        self.portal, self.area, self.p = portal, area, project
        self.rng = random.Random(project.seed)
        self.street = project.title.split()[-1] if project.title.split()[-1][0].isupper() else area.place

    # values ----------------------------------------------------------------------------------------------

    def runtime(self) -> list[tuple[str, str]]:
        r = self.rng
        y1 = r.randint(2001, 2018)
        y2 = y1 + r.randint(1, 5)
        label = r.choice(("Laufzeit", "Laufzeit", "Laufzeit", "Projektlaufzeit", "Zeitraum"))
        v = r.randrange(11)
        if v == 0:
            return [(label, f"{y1}-{y2}")]
        if v == 1:
            return [(label, f"{y1} – {y2}")]
        if v == 2:
            y3 = y2 + r.randint(1, 4)
            return [(label, f"{y1}-{y2}, {y2}-{y3}")]
        if v == 3:
            return [(label, f"{r.randint(1, 12):02d}/{y1}")]
        if v == 4:
            return [(label, f"{r.randint(1, 12):02d}/{y1}-{r.randint(1, 12):02d}/{y2}")]
        if v == 5:
            return [(label, f"{r.choice(MONTHS)} {y1} bis {r.choice(MONTHS)} {y2}")]
        if v == 6:
            return [(label, f"{r.choice(SEASONS)} {y1} bis {r.choice(SEASONS)} {y2}")]
        if v == 7:
            return [(label, f"01.{r.randint(1, 12):02d}.{y1} bis 31.12.{y2}")]
        if v == 8:
            return [(label, f"Planung {y1}/{y1 + 1}; Umsetzung Jahreswechsel {y2}/{y2 + 1}")]
        if v == 9:
            return [(label, str(y1))]
        return [("Bewilligung", f"{r.choice(MONTHS_ABBR)} {y1}"), ("Abschluss", f"{r.choice(MONTHS)} {y2}")]

    def funding(self) -> list[tuple[str, str]]:
        r = self.rng
        amount = r.randint(20, 4000) * 1000
        mio = de_dec(r.randint(5, 60) / 10, 1)
        v = r.randrange(9)
        if v == 0:
            return [("Städtebaumittel", f"{de_int(amount)} Euro")]
        if v == 1:
            return [("Städtebaumittel", f"ca. {mio} Mio. €")]
        if v == 2:
            total = amount + r.randint(1, 900) * 1000
            return [("Gesamtkosten", f"{de_int(total)} €"), ("Städtebaumittel", f"{de_int(amount)},--")]
        if v == 3:
            total = r.randint(10, 200) * 1000
            land = total * 6 // 10
            return [("Finanzmittel", f"insgesamt {de_int(total)} Euro, davon Bund und Land: {de_int(land)} Euro, "
                                     f"davon Stadt: {de_int(total - land)} Euro")]
        if v == 4:
            return [("Städtebaumittel", f"{de_int(amount)} EUR"),
                    ("Zusätzliche private Mittel", f"ca. {de_int(r.randint(20, 900) * 1000)} EUR")]
        if v == 5:
            return [("Städtebaumittel", f"{de_int(amount)},00€")]
        if v == 6:
            return [("Gesamtkosten", f"{de_dec(r.randint(50, 400) / 100, 2)} Mio. Euro"),
                    ("Städtebaumittel", f"{de_int(amount)} Euro")]
        if v == 7:
            a, b = r.randint(10, 60) * 1000, r.randint(10, 60) * 1000
            y = r.randint(2005, 2018)
            return [("Städtebaumittel insgesamt", f"{de_int(a + b)} €"),
                    ("Fassadenerneuerung", f"{y}: {de_int(a)}€, {y + 1}: {de_int(b)}€")]
        return [("Städtebaumittel", f"rd. {mio} Mio. Euro")]

    def others(self) -> list[tuple[str, str]]:
        r = self.rng
        out = []
        if r.random() < 0.5:
            out.append(("Stadtbezirk", self.area.district))
        if r.random() < 0.6:
            out.append(("Auftragnehmer", r.choice(OFFICES)))
        if r.random() < 0.4:
            out.append(("Projektträger", r.choice(CARRIERS).format(p=self.area.place)))
        if r.random() < 0.3:
            out.append(("Fläche", f"{de_int(r.randint(5, 200) * 100)} m²"))
        if r.random() < 0.3:
            out.append(("Art der Finanzierung", r.choice(PROGRAMMES)))
        return out

    def credit(self) -> str:
        r = self.rng
        person = f"{r.choice(FIRST_NAMES)} {r.choice(LAST_NAMES)}"
        v = r.randrange(8)
        if v <= 2:
            who = r.choice((f"{r.choice(ORGS)} / {person}", person, r.choice(OFFICES)))
            return f"Bild (Bildlizenz/Fotograf/Grafiker): {who}"
        if v == 3:
            return f"Foto: {person}"
        if v == 4:
            return f"Fotos: Stadt Dortmund / {person}"
        if v == 5:
            return f"© {r.choice(OFFICES)} | {person}"
        if v == 6:
            return f"Foto: Stadt Dortmund/ {person}"
        return f"Bild: {person}"

    # markup ----------------------------------------------------------------------------------------------

    def facts_html(self, facts: list[tuple[str, str]]) -> str:
        r, lay = self.rng, self.area.layout
        rows = [(esc(k), esc(v)) for k, v in facts]
        if lay == "dtm2023":
            family = r.choice(("strong_br", "strong_p"))
        elif lay == "gsb2019":
            family = r.choice(("span", "ul", "lines", "br", "table_th"))
        elif lay == "portal2008":
            family = r.choice(("dl", "table_th", "lines", "br"))
        else:
            family = r.choice(("lines", "table", "dl", "strong_p", "br"))
        if family == "lines":
            return "".join(f"<p>{k}: {v}</p>\n" for k, v in rows)
        if family == "br":
            return "<p>" + "<br>\n".join(f"{k}: {v}" for k, v in rows) + "</p>\n"
        if family == "dl":
            colon = ":" if r.random() < 0.5 else ""
            return ('<dl class="eckdaten">\n' + "".join(f"<dt>{k}{colon}</dt><dd>{v}</dd>\n" for k, v in rows)
                    + "</dl>\n")
        if family == "table":
            return ('<table class="tabelle" summary="Daten zum Projekt">\n' + "".join(
                f'<tr>\n<td class="spalte1">{k}</td>\n<td>{v}</td>\n</tr>\n' for k, v in rows) + "</table>\n")
        if family == "table_th":
            return ('<table class="daten" cellspacing="0" cellpadding="4" border="0">\n' + "".join(
                f'<tr><th align="left">{k}</th><td>{v}</td></tr>\n' for k, v in rows) + "</table>\n")
        if family == "span":
            return '<div class="facts">\n' + "".join(
                f'<p><span class="facts__label">{k}:</span> {v}</p>\n' for k, v in rows) + "</div>\n"
        if family == "ul":
            return '<ul class="facts-list">\n' + "".join(f"<li>{k}: {v}</li>\n" for k, v in rows) + "</ul>\n"
        if family == "strong_p":
            return "".join(f"<p><strong>{k}:</strong> {v}</p>" for k, v in rows) + "\n"
        return "<p>" + "<br>".join(f"<strong>{k}:</strong> {v}" for k, v in rows) + "</p>\n"

    def figure(self, n: int) -> str:
        r, a, lay = self.rng, self.area, self.area.layout
        caption = esc(r.choice(CAPTIONS).format(o=self.p.title))
        credit = self.credit()
        src = f"/de/media/bilder/stadterneuerung/{a.slug}/{self.p.slug}_{n}.jpg"
        alt = attr(f"{self.p.title}, Ansicht {n}")
        side = r.choice(("rechts", "links"))
        if lay == "portal2012":
            return (f'<div class="bildelement bild_{side}">\n<img src="{src}" alt="{alt}" width="300" height="200" />\n'
                    f'<p class="bildunterschrift">{caption}</p>\n<p class="bildnachweis">{esc(credit)}</p>\n</div>\n')
        if lay == "portal2008":
            return (f'<p class="bild bild_{side}"><img src="{src}" alt="{alt}" width="280" height="187"><br>\n'
                    f'<span class="bu">{caption}</span><br>\n<span class="bildnachweis">{esc(credit)}</span></p>\n')
        if lay == "gsb2019":
            return (f'<figure class="figure figure--{"right" if side == "rechts" else "left"}">\n<img src="{src}" '
                    f'alt="{alt}" width="400" height="267">\n<figcaption>{caption}<br><small class="figure__credit">'
                    f'{esc(credit)}</small></figcaption>\n</figure>\n')
        person = f"{r.choice(FIRST_NAMES)} {r.choice(LAST_NAMES)}"
        lic = f"<strong>Bild:</strong> Stadt Dortmund / <span>{esc(person)}</span>"
        return (f'<figure slot="media">\n<picture>\n<source srcset="{src[:-4]}_w460h307.webp" type="image/webp">\n'
                f'<img src="{src}"\nalt="{alt}"\nwidth="460" height="307" loading="lazy"\n>\n</picture>\n'
                f'<div class="dtm-image__licence" aria-hidden="true">{lic}</div>\n<figcaption slot="figcaption" >\n'
                f'<dtm-caption>\n<div slot="text" >\n{caption}\n</div>\n<div slot="licence">\n{lic}\n</div>\n'
                f'</dtm-caption>\n</figcaption>\n</figure>\n')

    def section(self, heading: str, paragraphs: int = 0, figure: str = "", body: list[str] | None = None) -> str:
        """A headed section of ``paragraphs`` generated paragraphs (or the given ``body`` paragraphs)."""
        r, lay = self.rng, self.area.layout
        paras = body if body is not None else [f"<p>{self.para(r.randint(3, 7))}</p>" for _ in range(paragraphs)]
        if lay == "dtm2023":
            align = "full" if not figure else r.choice(("left", "right"))
            return (f'<dtm-text-image\nid="{r.getrandbits(128):032x}"\nimage-alignment="{align}"\n>\n{figure}'
                    f'<h2 slot="headline" >{heading}</h2>\n<div slot="content" >\n{"".join(paras)}\n</div>\n'
                    '</dtm-text-image>\n')
        if lay == "portal2008" and r.random() < 0.4:
            head = f"<p><b>{heading}</b></p>\n"
        else:
            level = 2 if r.random() < 0.6 else 3
            head = f"<h{level}>{heading}</h{level}>\n"
        return head + "\n".join(paras) + "\n" + figure

    def para(self, n: int) -> str:
        return self.portal._paragraph(self.rng, self.p.title, self.area.place, self.area.district, n, self.street)

    def milestones(self) -> str:
        r = self.rng
        y = r.randint(2005, 2018)
        rows = "".join(f"<tr><td>{m:02d}/{y + i}</td><td>{step}</td></tr>\n" for i, (m, step) in enumerate(
            ((r.randint(1, 12), "Baubeginn"), (r.randint(1, 12), "Baufertigstellung"))))
        return ('<h3>Projektverlauf</h3>\n<table class="table table--milestones">\n<thead><tr><th scope="col">Zeitpunkt'
                '</th><th scope="col">Schritt</th></tr></thead>\n<tbody>\n' + rows + "</tbody>\n</table>\n")

    def gallery(self) -> str:
        n = self.rng.randint(4, 24)
        if self.area.layout in ("portal2012", "portal2008"):
            return f"""<div class="bilderstrecke">
<a href="#" class="lightbox_start"><img src="/de/media/bilder/galerie/{self.p.slug}_vorschau.jpg" alt="" \
width="140" height="94" /></a>
<p class="bilderstrecke_titel"><a href="#" class="lightbox_start">Bilderstrecke: {esc(self.p.title)}</a></p>
<p class="bilderstrecke_anzahl">{n} Bilder</p>
</div>
"""
        return (f'<div class="gallery-teaser">\n<a class="gallery-teaser__link" href="#galerie" data-toggle="lightbox">'
                f'<span class="gallery-teaser__title">Bilderstrecke: {esc(self.p.title)}</span></a>\n'
                f'<span class="gallery-teaser__count">{n} Bilder</span>\n</div>\n')

    def render(self) -> str:
        r, a, p, lay = self.rng, self.area, self.p, self.area.layout
        facts = self.runtime() + self.funding() + self.others()
        if r.random() < 0.3:
            r.shuffle(facts)
        intro = esc(r.choice(INTROS).format(o=p.title, p=a.place))
        figs = [self.figure(i + 1) for i in range(r.randint(1, 3))]
        head = _heading(lay, "Beendete Projekte" if lay != "dtm2023" else a.name, p.title)
        if lay == "dtm2023":
            head = _jsonld(p) + head
            lead = (f'<dtm-text-image id="Text" image-alignment="full">\n<p slot="teaser" >{intro}</p>\n'
                    '</dtm-text-image>\n')
            facts_block = (f'<dtm-text-image\nid="{r.getrandbits(128):032x}"\nimage-alignment="full"\n>\n'
                           f'<h2 slot="headline" >{r.choice(("Daten zum Projekt", "Das Projekt in Kürze"))}</h2>\n'
                           f'<div slot="content" >\n{self.facts_html(facts)}</div>\n</dtm-text-image>\n')
        else:
            cls = {"portal2012": "einleitung", "portal2008": "intro", "gsb2019": "article__lead"}[lay]
            lead = f'<p class="{cls}">{intro}</p>\n'
            facts_block = self.facts_html(facts)
            if lay == "gsb2019" and r.random() < 0.3:
                facts_block += self.milestones()
        top = [head, lead]
        if lay != "dtm2023" and r.random() < 0.5:
            top.append(figs.pop(0))
        top.append(facts_block)
        tail = []
        if r.random() < 0.85:
            tail.append(self.section("Bewertung", r.randint(1, 2), figs.pop(0) if figs and lay == "dtm2023" else ""))
        if r.random() < 0.6:
            tail.append(self.section("Ergebnis", r.randint(1, 2)))
        if r.random() < 0.15:
            tail.append(self.section("Auftragnehmer", body=[f"<p>{esc(r.choice(OFFICES))}</p>"]))
        for f in figs:
            tail.append(f if lay != "dtm2023" else self.section(r.choice(SECTION_EXTRA), 1, f))
        if r.random() < 0.5:
            tail.append(self.gallery())
        # the description grows paragraph by paragraph until the page reaches its target size
        target = r.randint(MIN_PAGE_BYTES + 1024, MAX_PAGE_BYTES - 2048)
        budget = target - self.portal._chrome.size_estimate(lay) - 1.03 * sum(map(len, top + tail)) - 600
        desc = [f"<p>{self.para(r.randint(3, 7))}</p>" for _ in range(2)]
        extra_sections, extra_names = [], list(SECTION_EXTRA)
        size = 1.03 * sum(map(len, desc))
        while size < budget - 500:
            if extra_names and r.random() < 0.15:
                block = self.section(extra_names.pop(r.randrange(len(extra_names))), 1)
                extra_sections.append(block)
            else:
                block = f"<p>{self.para(r.randint(3, 7))}</p>"
                desc.append(block)
            size += 1.03 * len(block)
        main = "".join(top) + self.section("Projektbeschreibung", body=desc) + "".join(extra_sections + tail)
        crumbs = self.portal._crumbs(a, (a.index_path, a.name), (a.listing_path(1), "Beendete Projekte"),
                                     (None, p.title))
        return self.portal._chrome.page(lay, p.title, crumbs, a.subnav(), main, area=a, project=p)


def _jsonld(p: Project) -> str:
    return ('<script type="application/ld+json">\n' + json.dumps({
        "@context": "https://schema.org", "@type": "Article", "mainEntityOfPage": {"@type": "WebPage", "@id": p.path},
        "headline": p.title, "publisher": {"@type": "Organization", "name": "dortmund.de"},
        "datePublished": "2023-01-17"}, ensure_ascii=False, indent=1) + "\n</script>\n")


# -- page chrome -------------------------------------------------------------------------------------------

_SECTIONS = (
    ("Leben in Dortmund", "leben_in_dortmund", ("Planen, Bauen, Wohnen", "Familie und Soziales", "Bildung und "
                                                                                                 "Wissenschaft",
                                                "Umwelt", "Verkehr", "Gesundheit", "Stadtbezirke", "Senioren", "Jugend",
                                                "Integration", "Wohnen", "Ehrenamt", "Sicherheit und Ordnung")),
    ("Rathaus & Bürgerservice", "rathaus_und_buergerservice", ("Bürgerservice A-Z", "Politik und Verwaltung",
                                                               "Pressemitteilungen", "Stellenangebote", "Formulare",
                                                               "Wahlen", "Haushalt", "Ortsrecht", "Bürgerbeteiligung",
                                                               "Ämter und Fachbereiche", "Oberbürgermeister")),
    ("Freizeit & Kultur", "freizeit_und_kultur", ("Veranstaltungen", "Museen", "Sport", "Parks und Gärten", "Theater",
                                                  "Bibliotheken", "Musik", "Bäder", "Zoo", "Kinos", "Stadtgeschichte")),
    ("Wirtschaft", "wirtschaft", ("Wirtschaftsförderung", "Standort Dortmund", "Gründen in Dortmund", "Fachkräfte",
                                  "Flächen und Immobilien", "Innovation", "Einzelhandel", "Logistik",
                                  "Technologiezentrum")),
    ("Tourismus", "tourismus", ("Sehenswürdigkeiten", "Stadtführungen", "Übernachten", "Gastronomie", "Einkaufen",
                                "Anreise", "Fußball", "Industriekultur")),
    ("Umwelt & Klima", "umwelt_und_klima", ("Klimaschutz", "Klimafolgenanpassung", "Lärm", "Luft", "Grün in der Stadt",
                                             "Wasser", "Boden", "Abfall", "Naturschutz", "Energie")),
    ("Mobilität", "mobilitaet", ("Radverkehr", "Parken", "Baustellen", "ÖPNV", "Fußverkehr", "Carsharing",
                                 "Elektromobilität", "Verkehrsplanung")),
    ("Bildung", "bildung", ("FABIDO", "Schulen", "Volkshochschule", "Stadt- und Landesbibliothek", "Musikschule",
                            "Weiterbildung", "Hochschulen", "Kitas")),
)
_THIRD = ("Übersicht", "Angebote", "Beratung", "Anträge", "Projekte", "Ansprechpartner", "Termine", "Förderung")


_CSS_CLASSES = (
    "kopf", "claim", "logo", "suchfeld", "hauptmenue", "nav_ebene1", "nav_ebene2", "nav_ebene3", "brotkrumen",
    "spalten", "themenmenue", "inhalt", "rubrik", "einleitung", "bildelement", "bildunterschrift", "bildnachweis",
    "tabelle", "spalte1", "eckdaten", "bilderstrecke", "fuss", "sitemap", "sitemap__col", "cookiebar", "teaser",
    "teaser_titel", "mehr", "blaettern", "aktiv", "linkliste", "nachoben", "unsichtbar", "kasten", "werkzeuge", "stage",
    "article__title", "article__lead", "figure", "figure__credit", "facts", "facts__label", "gallery-teaser",
    "teaser-list", "pagination",
)
_TRACKING = """<script>
var _paq = window._paq = window._paq || [];
_paq.push(['disableCookies']);_paq.push(['trackPageView']);_paq.push(['enableLinkTracking']);
(function(){var u='https://statistik.dortmund.de/';_paq.push(['setTrackerUrl',u+'matomo.php']);\
_paq.push(['setSiteId','1']);var d=document,g=d.createElement('script'),s=d.getElementsByTagName('script')[0];\
g.async=true;g.src=u+'matomo.js';s.parentNode.insertBefore(g,s);})();
"""
_COOKIE_BANNER = """<div id="cookie-hinweis" class="cookiebar" role="dialog" aria-label="Cookie-Hinweis">
<p>Diese Website verwendet Cookies. Einige sind für den Betrieb der Seite notwendig, andere helfen uns, das Angebot \
zu verbessern. Weitere Informationen finden Sie in unserer \
<a href="/datenschutz/index.html">Datenschutzerklärung</a>.</p>
<button type="button" class="cookiebar_ok">Alle Cookies akzeptieren</button>
<button type="button" class="cookiebar_notwendig">Nur notwendige Cookies</button>
</div>
"""


def _flags(i: int) -> str:
    return ",".join(str(j) for j in range(i, i + 12))


class _Chrome:
    """Portal-wide page furniture, built once and shared by every page (same string objects)."""

    def __init__(self, rng: random.Random):
        self.tree = []
        for title, slug, subs in _SECTIONS:
            children = []
            for s in subs:
                sslug = slugify(s)
                grand = [] if rng.random() < 0.6 else \
                    [(t, f"/{slug}/{sslug}/{slugify(t)}/index.html") for t in rng.sample(_THIRD, rng.randint(2, 4))]
                children.append((s, f"/{slug}/{sslug}/index.html", grand))
            self.tree.append((title, f"/{slug}/index.html", children))
        self.megamenu = self._megamenu()
        self.sitemap = self._sitemap()
        self.nav_json = self._nav_json()
        self.style = "<style>\n" + "\n".join(
            f".{c}{{margin:{i % 7}px {i % 5}px;padding:{i % 3}px;color:#{(i * 2654435761) % 0xFFFFFF:06x};"
            f"font-size:{12 + i % 6}px;line-height:1.{4 + i % 5}}}" for i, c in enumerate(_CSS_CLASSES)
        ) + "\n</style>\n"
        self.tracking = _TRACKING + "".join(
            f"window.dtmConfig{i}={{lang:'de',region:'{i}',flags:[{_flags(i)}]}};\n" for i in range(24)) + "</script>\n"
        self.cookie = _COOKIE_BANNER
        self._size: dict[str, int] = {}

    def _megamenu(self) -> str:
        out = ['<nav id="hauptmenue" aria-label="Hauptmenü">\n<h2 class="unsichtbar">Hauptmenü</h2>\n'
               '<ul class="nav_ebene1">\n']
        for title, href, children in self.tree:
            out.append(f'<li><a href="{href}">{esc(title)}</a>\n<ul class="nav_ebene2">\n')
            for s, shref, grand in children:
                out.append(f'<li><a href="{shref}">{esc(s)}</a>')
                if grand:
                    out.append('\n<ul class="nav_ebene3">')
                    out.extend(f'<li><a href="{g}">{esc(t)}</a></li>' for t, g in grand)
                    out.append("</ul>")
                out.append("</li>\n")
            out.append("</ul></li>\n")
        out.append("</ul>\n</nav>\n")
        return "".join(out)

    def _sitemap(self) -> str:
        cols = "".join(
            f'<div class="sitemap__col"><h3><a href="{href}">{esc(title)}</a></h3><ul>' +
            "".join(f'<li><a href="{shref}">{esc(s)}</a></li>' for s, shref, _ in children) + "</ul></div>\n"
            for title, href, children in self.tree)
        return f'<div class="sitemap">{cols}</div>\n'

    def _nav_json(self) -> str:
        def node(title, url, children):
            return {"title": title, "url": url.replace("index.html", ""), "target": "_self", "isActive": False,
                    "children": children}
        data = [node(t, h, [node(s, sh, [node(g, gh, []) for g, gh in grand]) for s, sh, grand in ch])
                for t, h, ch in self.tree]
        return json.dumps(data, ensure_ascii=False, separators=(",", ":"))

    def size_estimate(self, layout: str) -> int:
        if layout not in self._size:
            self._size[layout] = len(self.page(layout, "x", [], [], "", None).encode("utf-8"))
        return self._size[layout]

    def page(self, layout: str, title: str, crumbs, subnav, main: str, area: Area | None,
             project: Project | None = None) -> str:
        if layout == "dtm2023":
            return self._dtm(esc(title), area, main, project)
        t = esc(title)
        sub = "".join(f'<li><a href="{h}">{esc(x)}</a></li>\n' for h, x in subnav)
        banner = ""
        if area is not None:
            banner = self._banner("kopfbild" if layout != "gsb2019" else "stage", area)
        head = f"""<!DOCTYPE html>
<html lang="de">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8" />
<title>{t} - Stadterneuerung - Planen, Bauen, Wohnen - Leben in Dortmund - Stadtportal dortmund.de</title>
<meta name="description" content="{attr(title)}" />
<meta name="robots" content="index, follow" />
<link rel="stylesheet" type="text/css" media="screen" href="/de/layout/css/screen_2012.css" />
<script type="text/javascript" src="/de/layout/js/jquery-1.7.2.min.js"></script>
{self.style}{self.tracking}</head>
"""
        if layout == "gsb2019":
            crumbs_html = "".join(f'<li><a href="{h}">{esc(x)}</a></li>\n' if h else
                                  f'<li aria-current="page">{esc(x)}</li>\n' for h, x in crumbs)
            cookie = self.cookie.replace("<div id", "<div hidden id", 1)
            return f"""{head}<body class="gsb">
<div class="skip"><a href="#main-content">zum Seiteninhalt</a></div>
<header class="page-header" role="banner">
<div class="page-header__logo"><a href="/index.html" title="Startseite"><img \
src="/de/SiteGlobals/Frontend/img/logo.svg" alt="dortmund.de - Das Stadtportal"></a></div>
<div class="page-header__claim">Dortmund überrascht. Dich.</div>
</header>
{self.megamenu}{banner}<nav class="breadcrumb" aria-label="Sie sind hier">
<ol>
{crumbs_html}</ol>
</nav>
<div class="wrapper">
<aside class="sidebar">
<nav id="subnav" class="subnav" aria-label="Themenmenü">
<ul>
{sub}</ul>
</nav>
</aside>
<main id="main-content" class="main">
<article class="article">
{main}<p class="to-top"><a href="#main-content">nach oben</a></p>
</article>
</main>
</div>
<footer class="page-footer">
{self.sitemap}<p class="page-footer__copy">&copy; Stadt Dortmund 2021</p>
</footer>
{cookie}</body>
</html>
"""
        crumb_links = " &rsaquo; ".join(f'<a href="{h}">{esc(x)}</a>' if h else f"<strong>{esc(x)}</strong>"
                                        for h, x in crumbs)
        content_id = "inhalt" if layout == "portal2012" else "content"
        readspeaker = f"//app-eu.readspeaker.com/cgi-bin/rsent?customerid=5961&amp;lang=de_de&amp;readid={content_id}"
        return f"""{head}<body class="unterseite">
<a name="seitenanfang" id="seitenanfang"></a>
{self.cookie}<ul id="sprungmarken" class="unsichtbar">
<li><a href="#inhalt">zum Seiteninhalt</a></li>
<li><a href="#themenmenue">zum Themenmenü</a></li>
</ul>
<div id="seite">
<div id="kopf">
<a href="/index.html" id="logo" title="Zur Startseite"><img src="/de/layout/img/logo_stadtportal.gif" \
alt="Stadtportal dortmund.de" width="214" height="62" /></a>
<p id="claim">Dortmund überrascht. Dich.</p>
</div>
{self.megamenu}{banner}<div id="brotkrumen"><span class="unsichtbar">Sie sind hier: </span>{crumb_links}</div>
<div id="spalten">
<nav id="themenmenue" aria-label="Themenmenü">
<ul>
{sub}</ul>
</nav>
<div id="{content_id}">
{main}<div id="readspeaker_button1" class="rs_skip rsbtn rs_preserve"><a class="rsbtn_play" href="{readspeaker}" \
rel="nofollow">Readspeaker</a></div>
<p class="nachoben"><a href="#seitenanfang">nach oben</a></p>
</div>
</div>
<div id="fuss" class="footer">
{self.sitemap}<ul>
<li><a href="/impressum/index.html">Impressum</a></li>
<li><a href="/datenschutz/index.html">Datenschutz</a></li>
<li><a href="/kontakt/index.html">Kontakt</a></li>
</ul>
<p>&copy; Stadt Dortmund</p>
</div>
</div>
<script type="text/javascript">
$(function(){{ if(document.cookie.indexOf('cookiehinweis=1')>-1){{$('#cookie-hinweis').hide();}} }});
</script>
</body>
</html>
"""

    @staticmethod
    def _banner(box: str, area: Area) -> str:
        """The programme area's header image with its office and credit (the snapshot's "kopfbild")."""
        return f"""<div id="{box}">
<img src="/de/media/bilder/stadterneuerung/kopfbilder/{area.slug}_kopf.jpg" \
alt="Blick in das Programmgebiet {attr(area.name)}" width="980" height="220" />
<div class="{box}_text"><p class="amt">Amt für Stadterneuerung</p>
<p class="{box}_copyright">Bild (Bildlizenz/Fotograf/Grafiker): {esc(area.banner_credit)}</p></div>
</div>
"""

    def _dtm(self, t: str, area: Area | None, main: str, project: Project | None) -> str:
        """The new portal (2023): web components, the navigation as JSON in a script."""
        back = area.index_path if area else "/"
        more = ""
        if project is not None:
            teasers = "".join(f"""<dtm-teaser teaser-size="small" teaser-color="news">
<a slot="link" href="/newsroom/nachrichten-dortmund.de/meldung-{i}.html" \
aria-label="Zur Detailseite von Meldung {i}"></a>
<span slot='headline'>Meldung aus dem Rathaus Nr. {i}</span>
<div slot="date">Fr 3. März 2023</div>
</dtm-teaser>
""" for i in range(1, 4))
            more = f"""<dtm-teaserslider id="more-news" prev-arrow-label="Vorherige Nachrichten" \
next-arrow-label="weitere Nachrichten">
<h2 slot='mainheadline'>Weitere Nachrichten</h2>
<div slot="slides">
{teasers}</div>
</dtm-teaserslider>
"""
        return f"""<!DOCTYPE html>
<html lang="de-DE">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=UTF-8">
<title>{t} | dortmund.de</title>
<meta name="robots" content="index,follow">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="/technisches/layout/css/main.css?v=2023-02-27">
<script defer src="/technisches/layout/js/components.bundle.js"></script>
{self.style}</head>
<body >
<dtm-app-wrapper>
<div class="dtm-default-layout" highlight-color="topics">
<div class="dtm-default-layout__header">
<dtm-header>
<a slot="logo" href="/" aria-label="Zur Startseite von dortmund.de"><img src="/technisches/layout/wappen_dtm.svg" \
alt="Stadt Dortmund" width="48" height="56"></a>
<script>window.NAVIGATION_STRUCTURE = {self.nav_json};</script>
<dtm-main-navigation navigation-structure-variable="NAVIGATION_STRUCTURE" menu-label="Menü"></dtm-main-navigation>
</dtm-header>
<dtm-sender-identifier>Stadterneuerung</dtm-sender-identifier>
<dtm-back-link label="zurück" fallback-url="{back}"></dtm-back-link>
</div>
<main>
{main}{more}</main>
<div class="dtm-default-layout__footer">
<dtm-footer>
<nav slot="navigation" aria-label="Fußzeile">
{self.sitemap}<ul>
<li><a href="/allgemeines/impressum/index.html">Impressum</a></li>
<li><a href="/allgemeines/datenschutz/index.html">Datenschutz</a></li>
</ul>
</nav>
<p slot="copyright">© Stadt Dortmund</p>
</dtm-footer>
</div>
</div>
</dtm-app-wrapper>
{self.tracking}</body>
</html>
"""
