import pytest

from scraper.ids import canonical_url, project_id

SAME = [
    ("https://www.dortmund.de/de/a/beendete_projekte/qm/index.html", "https://www.dortmund.de/de/a/beendete_projekte/qm/"),
    ("http://www.dortmund.de/de/a/qm.html", "https://www.dortmund.de/de/a/qm.html"),
    ("https://WWW.Dortmund.DE/de/a/qm.html", "https://www.dortmund.de/de/a/qm.html"),
    ("https://www.dortmund.de:443/de/a/qm.html", "https://www.dortmund.de/de/a/qm.html"),
    ("https://www.dortmund.de/de/a/qm.html#bilder", "https://www.dortmund.de/de/a/qm.html"),
    ("https://x.de/list.html?seite=2&sort=a", "https://x.de/list.html?sort=a&seite=2"),
    ("https://x.de/p.html?PHPSESSID=abc123&id=7", "https://x.de/p.html?id=7"),
    ("https://x.de/p.html?id=7&jsessionid=AB12&gclid=xyz&msclkid=1", "https://x.de/p.html?id=7"),
    ("https://x.de/p.html;jsessionid=0AB12?id=7", "https://x.de/p.html?id=7"),
    ("https://x.de/p.html?utm_source=newsletter&id=7", "https://x.de/p.html?id=7"),
    ("https://x.de/a//b/p.html", "https://x.de/a/b/p.html"),
    ("https://x.de/stra%C3%9Fe.html", "https://x.de/straße.html"),
]
DIFFERENT = [
    ("https://x.de/suche.html?s=projekt", "https://x.de/suche.html?s=spielplatz"),
    ("https://x.de/p.html?session=2", "https://x.de/p.html?session=3"),
    ("https://x.de/p.html?sid=12", "https://x.de/p.html?sid=13"),
    ("https://x.de/p.html?id=7", "https://x.de/p.html?id=8"),
    ("https://x.de/a/p.html", "https://x.de/b/p.html"),
    ("https://x.de/p.html", "https://y.de/p.html"),
    ("http://127.0.0.1:8719/p.html", "http://127.0.0.1:8720/p.html"),
]


@pytest.mark.parametrize("a,b", SAME)
def test_same_project_same_id(a, b):
    assert canonical_url(a) == canonical_url(b)
    assert project_id(a) == project_id(b)


@pytest.mark.parametrize("a,b", DIFFERENT)
def test_different_pages_different_ids(a, b):
    assert project_id(a) != project_id(b)


def test_id_shape_and_stability():
    # the ID of a fixed URL must never change between releases: users join datasets on it
    assert project_id("https://www.dortmund.de/de/qm/index.html") == project_id("https://www.dortmund.de/de/qm/")
    pid = project_id("https://www.dortmund.de/de/qm/")
    assert len(pid) == 16 and int(pid, 16) >= 0
    import hashlib
    assert pid == hashlib.sha256(b"https://www.dortmund.de/de/qm/").hexdigest()[:16]


def test_a_section_of_a_page_has_its_own_id():
    page = "https://www.dortmund.de/themen/a/bauprojekte/"
    assert project_id(page, "spielplatz") != project_id(page, "stadtteilpark") != project_id(page)
    assert project_id(page + "index.html", "spielplatz") == project_id(page, "spielplatz")
