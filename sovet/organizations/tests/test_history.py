"""Every change to a card is recorded with who and when; the secretary can compare and revert."""

import pytest
from wagtail.models import ModelLogEntry

from sovet.accounts.roles import Role
from sovet.core.testing import make_staff as staff
from sovet.organizations.models import Organization

from .factories import editor_of, make_organization


def form_data(organization, **changes):
    data = {
        "name_ru": organization.name_ru, "name_ky": "", "name_en": "", "short_name_ru": "",
        "short_name_ky": "", "short_name_en": "", "type": organization.type,
        "region": organization.region_id, "city": organization.city, "address": "",
        "latitude": "", "longitude": "", "founded_year": "", "leader_name": "",
        "leader_title_ru": "", "leader_title_ky": "", "leader_title_en": "", "phone": "",
        "email": "", "website": "", "telegram": "", "vk": "", "other_links": "",
        "description_ru": "", "description_ky": "", "description_en": "",
        "slug": organization.slug, "is_partner": "", "parent": "", "membership_status": "",
        "member_since": "",
    }  # fmt: skip
    data.update(changes)
    return data


@pytest.mark.django_db
def test_editor_change_is_recorded_and_secretary_reverts_it(client):
    organization = make_organization(name_ru="Общество «Родник»")
    organization.save_revision(user=None)
    editor = editor_of(organization, "editor@example.org")
    client.force_login(editor)
    url = f"/admin/snippets/organizations/organization/edit/{organization.pk}/"
    response = client.post(
        url, form_data(organization, city="Нарын", description_ru="Новое описание")
    )
    assert response.status_code == 302, response.context["form"].errors
    organization.refresh_from_db()
    assert organization.city == "Нарын"
    entry = ModelLogEntry.objects.filter(
        object_id=str(organization.pk), action="wagtail.edit"
    ).latest("timestamp")
    assert entry.user == editor

    secretary = staff("secretary@example.org", Role.COUNCIL_SECRETARY)
    client.force_login(secretary)
    history = client.get(f"/admin/snippets/organizations/organization/history/{organization.pk}/")
    assert history.status_code == 200
    assert "editor@example.org" in history.content.decode()
    first_revision = organization.revisions.order_by("created_at", "pk").first()
    revert_url = f"/admin/snippets/organizations/organization/history/{organization.pk}/revisions/{first_revision.pk}/revert/"
    response = client.get(revert_url)
    assert response.status_code == 200
    response = client.post(
        revert_url, form_data(Organization.objects.get(pk=organization.pk), city="Бишкек")
    )
    assert response.status_code == 302
    organization.refresh_from_db()
    assert organization.city == "Бишкек"
    assert ModelLogEntry.objects.filter(
        object_id=str(organization.pk), action="wagtail.revert"
    ).exists()


@pytest.mark.django_db
def test_editor_cannot_read_another_organizations_history(client):
    mine, other = make_organization(), make_organization()
    editor = editor_of(mine, "editor@example.org")
    client.force_login(editor)
    assert (
        client.get(f"/admin/snippets/organizations/organization/history/{mine.pk}/").status_code
        == 200
    )
    assert client.get(
        f"/admin/snippets/organizations/organization/history/{other.pk}/"
    ).status_code in (302, 403)


@pytest.mark.django_db
def test_bad_input_in_the_card_names_the_field_and_keeps_the_rest(client):
    organization = make_organization()
    secretary = staff("secretary@example.org", Role.COUNCIL_SECRETARY)
    client.force_login(secretary)
    url = f"/admin/snippets/organizations/organization/edit/{organization.pk}/"
    response = client.post(
        url,
        form_data(organization, latitude="95", longitude="74", email="bad@", website="ftp//x",
                  phone="abc", leader_name="Иванов И. И."),
    )  # fmt: skip
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert {"latitude", "email", "website", "phone"} <= set(errors)
    assert "Иванов И. И." in response.content.decode()
    organization.refresh_from_db()
    assert organization.leader_name == ""


@pytest.mark.django_db
def test_duplicate_name_of_the_same_type_is_explained(client):
    make_organization(name_ru="Союз «Вера»", type="union")
    other = make_organization(name_ru="Другой", type="union")
    client.force_login(staff("secretary@example.org", Role.COUNCIL_SECRETARY))
    response = client.post(
        f"/admin/snippets/organizations/organization/edit/{other.pk}/",
        form_data(other, name_ru="союз вера"),
    )
    assert response.status_code == 200
    assert "name_ru" in response.context["form"].errors


@pytest.mark.django_db
def test_editors_cannot_revert_a_revision(client):
    organization = make_organization(membership_status="member")
    revision = organization.save_revision(user=None)
    editor = editor_of(organization, "editor@example.org")
    client.force_login(editor)
    url = f"/admin/snippets/organizations/organization/history/{organization.pk}/revisions/{revision.pk}/revert/"
    assert client.get(url).status_code in (302, 403)
    client.post(url, form_data(organization, city="Откат"))
    organization.refresh_from_db()
    assert organization.city != "Откат"
