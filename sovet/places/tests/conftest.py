"""Fixtures of the places tests: the public pages' site, and staff around one looked-after place."""

from pathlib import Path

import pytest
from wagtail.models import Locale, Page, Site

from sovet.memory.models import MemoryIndexPage
from sovet.organizations.models import OrganizationIndexPage
from sovet.places.models import PlacesIndexPage

from .factories import editors_of_two_organizations, make_place


@pytest.fixture
def site(db):
    """Home, the memory archive and its places page in Russian, aliased into Kyrgyz and English
    (as the site shows untranslated pages), and the organizations directory."""
    Page.objects.filter(depth=2).delete()  # Wagtail's own "Welcome" page
    root = Page.get_first_root_node()
    ru = Locale.objects.get(language_code="ru")
    home = root.add_child(instance=Page(title="Главная", slug="home", locale=ru))
    Site.objects.update_or_create(
        is_default_site=True, defaults={"hostname": "localhost", "root_page": home}
    )
    memory = home.add_child(instance=MemoryIndexPage(title="Память", slug="memory"))
    places = memory.add_child(instance=PlacesIndexPage(title="Места памяти", slug="places"))
    directory = home.add_child(
        instance=OrganizationIndexPage(title="Организации", slug="organizations")
    )
    for code in ("ky", "en"):
        locale = Locale.objects.create(language_code=code)
        for page in (home, memory, places, directory):
            page.copy_for_translation(locale, alias=True)
    return places


@pytest.fixture
def world(users):
    a, b = editors_of_two_organizations(users)
    return users, a, b, make_place(caretaker=a)


@pytest.fixture
def two_places(world):
    """The world's place, looked after by organization A, and one of organization B's."""
    users, _a, b, place = world
    return users, place, make_place("Чужой бюст", kind="bust", region="osh", caretaker=b)


@pytest.fixture
def media(settings, tmp_path) -> Path:
    """Uploads in a folder of the test's own, to see which files are left."""
    settings.MEDIA_ROOT = str(tmp_path)
    return tmp_path
