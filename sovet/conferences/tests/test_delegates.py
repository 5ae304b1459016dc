"""Organizations register delegates within their quota until registration closes; the secretary
confirms and checks them in; contacts never reach the public."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from sovet.accounts.roles import Role
from sovet.conferences import queries, rules, services
from sovet.conferences.models import Delegate, DelegateQuota
from sovet.core.testing import MEMBER, VISITOR, assert_role_matrix, make_staff, page_text
from sovet.organizations.tests.factories import editor_of, make_organization

from .factories import ConferenceFactory


@pytest.fixture
def world(db, users):
    conference = ConferenceFactory(number=13, status="registration_open", delegate_quota=2)
    mine, other = make_organization(name_ru="Моя"), make_organization(name_ru="Чужая")
    users["editor of mine"] = editor_of(mine, "mine@example.org")
    return users, conference, mine, other


def register(conference, organization, user, name):
    return services.delegate_register(
        conference=conference, organization=organization, user=user, full_name=name
    )


@pytest.mark.django_db
def test_delegate_matrix(world):
    users, _conference, mine, other = world
    managers = {str(Role.COUNCIL_SECRETARY), str(Role.ADMINISTRATOR)}
    assert_role_matrix(
        users,
        {
            "register delegates of mine": (
                lambda u: rules.can_register_delegates(u, mine),
                managers | {"editor of mine"},
            ),
            "register delegates of another": (
                lambda u: rules.can_register_delegates(u, other),
                managers,
            ),
            "confirm and check in": (rules.can_confirm_delegates, managers),
        },
    )
    assert {VISITOR, MEMBER} <= users.keys()


@pytest.mark.django_db
def test_quota_is_enforced_and_can_be_overridden(world):
    users, conference, mine, _other = world
    editor = users["editor of mine"]
    register(conference, mine, editor, "Иванов Иван")
    register(conference, mine, editor, "Петрова Анна")
    with pytest.raises(ValidationError) as error:
        register(conference, mine, editor, "Сидоров Пётр")
    assert error.value.code == "quota_full"
    DelegateQuota.objects.create(conference=conference, organization=mine, quota=3)
    register(conference, mine, editor, "Сидоров Пётр")
    assert conference.delegates.count() == 3


@pytest.mark.django_db
def test_registration_closes_for_editors_but_not_for_the_secretary(world):
    users, conference, mine, _other = world
    conference.registration_closes_on = timezone.localdate() - timedelta(days=1)
    conference.save()
    with pytest.raises(ValidationError) as error:
        register(conference, mine, users["editor of mine"], "Опоздавший")
    assert error.value.code == "registration_closed"
    register(conference, mine, users[str(Role.COUNCIL_SECRETARY)], "Опоздавший")


@pytest.mark.django_db
def test_editors_register_only_their_own_and_cannot_confirm(world):
    users, conference, mine, other = world
    with pytest.raises(PermissionDenied):
        register(conference, other, users["editor of mine"], "Чужой делегат")
    delegate = register(conference, mine, users["editor of mine"], "Иванов Иван")
    with pytest.raises(PermissionDenied):
        services.delegate_confirm(delegate=delegate, user=users["editor of mine"])
    services.delegate_confirm(delegate=delegate, user=users[str(Role.COUNCIL_SECRETARY)])
    services.delegate_check_in(delegate=delegate, user=users[str(Role.COUNCIL_SECRETARY)])
    delegate.refresh_from_db()
    assert delegate.confirmed and delegate.checked_in_at is not None


@pytest.mark.django_db
def test_bad_delegate_input(world, client):
    users, conference, mine, _other = world
    client.force_login(users["editor of mine"])
    response = client.post(
        f"/admin/conferences/{conference.pk}/delegates/",
        {
            "register": "1",
            "organization": mine.pk,
            "full_name": "Иванов Иван",
            "email": "bad@",
            "phone": "12",
        },
    )
    assert response.status_code == 200
    assert "email" in response.context["form"].errors
    assert "Иванов Иван" in response.content.decode()
    assert not Delegate.objects.exists()


@pytest.mark.django_db
def test_editor_registers_in_the_admin_and_sees_only_their_delegates(world, client):
    users, conference, mine, other = world
    register(conference, other, users[str(Role.COUNCIL_SECRETARY)], "Делегат другой организации")
    client.force_login(users["editor of mine"])
    response = client.post(
        f"/admin/conferences/{conference.pk}/delegates/",
        {"register": "1", "organization": mine.pk, "full_name": "Иванов Иван", "position": "председатель",
         "email": "ivanov@example.org", "phone": "0555 123 456"},
    )  # fmt: skip
    assert response.status_code == 302
    page = page_text(client.get(f"/admin/conferences/{conference.pk}/delegates/"), "Иванов Иван")
    assert "Иванов Иван" in page and "Делегат другой организации" not in page
    assert client.get(f"/admin/conferences/{conference.pk}/delegates/print/").status_code in (
        302,
        403,
    )


@pytest.mark.django_db
def test_secretary_counts_and_prints_without_contacts(world, client):
    users, conference, mine, other = world
    secretary = users[str(Role.COUNCIL_SECRETARY)]
    services.delegate_register(
        conference=conference, organization=mine, user=secretary, full_name="Иванов Иван",
        email="private@example.org", phone="0555 123 456",
    )  # fmt: skip
    register(conference, other, secretary, "Петрова Анна")
    counts = queries.delegate_counts(conference)
    assert counts["total"] == 2 and len(counts["by_organization"]) == 2
    client.force_login(make_staff("desk@example.org", Role.COUNCIL_SECRETARY))
    printed = page_text(
        client.get(f"/admin/conferences/{conference.pk}/delegates/print/"), "Петрова Анна"
    )
    assert (
        "Иванов Иван" in printed and "private@example.org" not in printed and "555" not in printed
    )
