"""Fixtures of the places tests: the public pages' site, and staff around one looked-after place."""

import pytest
from wagtail.models import Locale, Page, Site

from sovet.core.models import Region
from sovet.core.testing import TEST_TOTP_SECRET, make_staff
from sovet.memory.models import MemoryIndexPage
from sovet.organizations.models import OrganizationIndexPage
from sovet.organizations.tests.factories import make_editor, make_organization
from sovet.places.models import MemorialPlace, PlacesIndexPage
from sovet.site.models import HomePage

from .factories import EDITOR_A, EDITOR_B


@pytest.fixture
def site(db):
    """Home, the memory archive and its places page in Russian, aliased into Kyrgyz and English
    (as the site shows untranslated pages), and the organizations directory."""
    Page.objects.filter(depth=2).delete()  # Wagtail's own "Welcome" page
    root = Page.get_first_root_node()
    ru = Locale.objects.get(language_code="ru")
    home = root.add_child(
        instance=HomePage(title="Главная", slug="home", hero_title="Совет", locale=ru)
    )
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
    from allauth.mfa.totp.internal.auth import TOTP

    for user in users.values():
        if user.is_authenticated:
            TOTP.activate(user, TEST_TOTP_SECRET)
    a, b = make_organization(name_ru="Организация А"), make_organization(name_ru="Организация Б")
    for name, organization in ((EDITOR_A, a), (EDITOR_B, b)):
        users[name] = make_staff(f"{name.replace(' ', '-')}@example.org")
        make_editor(organization, users[name])
        users[name].refresh_from_db()
    place = MemorialPlace.objects.create(
        kind="obelisk", name_ru="Обелиск землякам", region=Region.objects.get(code="chui"),
        caretaker=a, status="published",
    )  # fmt: skip
    return users, a, b, place
