"""Adoption: an organization's editor takes a place nobody looks after into the organization's
care, or hands it back; the first of two editors wins; nobody acts for an organization they do not
edit."""

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from django.utils.translation import gettext
from wagtail.models import ModelLogEntry

from sovet.accounts.roles import Role
from sovet.core.testing import assert_role_matrix, page_text
from sovet.places import adoption

from .factories import EDITOR_A, EDITOR_B, make_place
from .test_admin import opens

SECRETARY, ADMINISTRATOR = str(Role.COUNCIL_SECRETARY), str(Role.ADMINISTRATOR)
PAGE = "/admin/places/adopt/"


@pytest.fixture
def orphan(world):
    _users, _a, _b, place = world
    return make_place("Могила фронтовика", kind="grave", region=place.region.code)


def messages_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


@pytest.mark.django_db
def test_who_opens_the_adoption_page(world, client):
    users, *_ = world
    # Whoever edits an organization (the Council edits them all); memory moderators set
    # caretakers on the place's form instead.
    assert_role_matrix(
        users,
        {
            "adoption page": (
                lambda u: opens(client, u, PAGE),
                {SECRETARY, ADMINISTRATOR, EDITOR_A, EDITOR_B},
            )
        },
    )


@pytest.mark.django_db
def test_editor_takes_a_place_into_care_and_hands_it_back(world, orphan, client):
    users, _a, b, place = world
    client.force_login(users[EDITOR_B])
    page = page_text(client.get(PAGE), "Могила фронтовика")
    assert "Могила фронтовика" in page
    assert "Обелиск землякам" not in page  # already looked after by A
    with translation.override("ru"):
        response = client.post(
            PAGE, {"organization": b.pk, "adopt": orphan.pk}, follow=True, HTTP_ACCEPT_LANGUAGE="ru"
        )
    orphan.refresh_from_db()
    assert orphan.caretaker == b
    entry = ModelLogEntry.objects.get(action="places.adopt")
    assert entry.object_id == str(orphan.pk) and entry.user == users[EDITOR_B]
    assert response.status_code == 200 and messages_of(response)

    # Handing it back: only the caretaker's editors may.
    client.force_login(users[EDITOR_A])
    assert client.post(PAGE, {"release": orphan.pk}).status_code == 403
    orphan.refresh_from_db()
    assert orphan.caretaker == b
    client.force_login(users[EDITOR_B])
    client.post(PAGE, {"release": orphan.pk})
    orphan.refresh_from_db()
    assert orphan.caretaker is None
    assert ModelLogEntry.objects.filter(action="places.release").count() == 1


@pytest.mark.django_db
def test_a_place_already_looked_after_is_not_taken_over(world, client):
    users, a, b, place = world
    client.force_login(users[EDITOR_B])
    response = client.post(
        PAGE, {"organization": b.pk, "adopt": place.pk}, follow=True, HTTP_ACCEPT_LANGUAGE="ru"
    )
    place.refresh_from_db()
    assert place.caretaker == a
    with translation.override("ru"):
        expected = gettext("%(place)s is already in the care of %(organization)s.") % {
            "place": place.name_ru,
            "organization": a.name_ru,
        }
    assert expected in messages_of(response)


@pytest.mark.django_db
def test_nobody_adopts_for_an_organization_they_do_not_edit(world, orphan, client):
    users, a, _b, _place = world
    client.force_login(users[EDITOR_B])
    response = client.post(PAGE, {"organization": a.pk, "adopt": orphan.pk}, follow=True)
    orphan.refresh_from_db()
    assert orphan.caretaker is None
    assert messages_of(response)  # the choice is refused, with a message
    with pytest.raises(adoption.PermissionDenied):
        adoption.adopt(orphan, a, users[EDITOR_B])


@pytest.mark.django_db
def test_drafts_and_bad_values_are_refused(world, client):
    users, _a, b, place = world
    draft = make_place("Черновик", kind="stele", region=place.region.code, status="draft")
    client.force_login(users[EDITOR_B])
    for value in (draft.pk, "abc", 999999):
        response = client.post(PAGE, {"organization": b.pk, "adopt": value}, follow=True)
        assert response.status_code == 200 and messages_of(response)
    assert client.post(PAGE, {"release": "abc"}).status_code == 403
    draft.refresh_from_db()
    assert draft.caretaker is None
    page = page_text(client.get(PAGE), "Взять шефство над местом памяти")
    assert "Черновик" not in page


@pytest.mark.django_db
def test_the_page_finds_places_by_name_and_region(world, orphan, client):
    users, *_ = world
    other = make_place("Бюст героя", kind="bust", region="osh")
    client.force_login(users[EDITOR_B])
    page = client.get(PAGE, {"q": "МОГИЛА"}).content.decode()
    assert "Могила фронтовика" in page and "Бюст героя" not in page
    page = client.get(PAGE, {"region": other.region_id}).content.decode()
    assert "Бюст героя" in page and "Могила фронтовика" not in page
    page = client.get(PAGE, {"place": orphan.pk}).content.decode()
    assert "Могила фронтовика" in page and "Бюст героя" not in page


@pytest.mark.django_db
def test_the_page_reads_a_constant_number_of_queries(world, client):
    users, _a, b, place = world
    client.force_login(users[EDITOR_B])

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(PAGE).status_code == 200
        return len(queries)

    def add(n, start):
        for i in range(n):
            make_place(f"Камень {start + i}", kind="stone", region=place.region.code,
                       caretaker=b if i % 2 else None)  # fmt: skip

    add(2, 0)
    few = count()
    add(30, 100)
    assert count() == few
