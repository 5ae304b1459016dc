"""The staff registries: export of organizations, Council compositions with their seats."""

import io

import pytest
from openpyxl import load_workbook

from sovet.accounts.roles import Role
from sovet.core.testing import make_staff as staff
from sovet.organizations.models import CouncilTerm

from .factories import editor_of, make_organization


@pytest.mark.django_db
@pytest.mark.parametrize("export_format", ["csv", "xlsx"])
def test_secretary_exports_the_registry(client, export_format):
    make_organization(name_ru="Общество «Родник»", city="Нарын")
    client.force_login(staff("secretary@example.org", Role.COUNCIL_SECRETARY))
    response = client.get(f"/admin/snippets/organizations/organization/?export={export_format}")
    assert response.status_code == 200
    body = b"".join(response.streaming_content) if response.streaming else response.content
    if export_format == "csv":
        assert "Общество «Родник»" in body.decode("utf-8-sig")
    else:
        sheet = load_workbook(io.BytesIO(body)).active
        assert "Общество «Родник»" in [cell.value for cell in sheet[2]]


@pytest.mark.django_db
def test_editor_export_contains_only_their_organization(client):
    mine, _other = make_organization(name_ru="Моя"), make_organization(name_ru="Чужая")
    editor = editor_of(mine, "editor@example.org")
    client.force_login(editor)
    response = client.get("/admin/snippets/organizations/organization/?export=csv")
    assert response.status_code == 200
    body = b"".join(response.streaming_content) if response.streaming else response.content
    assert "Моя" in body.decode("utf-8-sig") and "Чужая" not in body.decode("utf-8-sig")


@pytest.mark.django_db
def test_secretary_adds_a_council_composition_with_seats(client):
    organization = make_organization()
    client.force_login(staff("secretary@example.org", Role.COUNCIL_SECRETARY))
    assert client.get("/admin/councilterm/").status_code == 200
    response = client.post(
        "/admin/councilterm/new/",
        {
            "title_ru": "Состав 2022 года", "title_ky": "", "title_en": "", "approved_on": "2022-04-01",
            "ended_on": "", "approved_by_ru": "XIII конференция", "approved_by_ky": "", "approved_by_en": "",
            "seats-TOTAL_FORMS": "1", "seats-INITIAL_FORMS": "0", "seats-MIN_NUM_FORMS": "0",
            "seats-MAX_NUM_FORMS": "1000", "seats-0-person_name": "Петрова Анна Викторовна",
            "seats-0-role": "chair", "seats-0-organization": organization.pk, "seats-0-photo": "",
            "seats-0-biography_ru": "", "seats-0-biography_ky": "", "seats-0-biography_en": "",
            "seats-0-email": "", "seats-0-phone": "", "seats-0-ORDER": "1", "seats-0-id": "",
            "seats-0-DELETE": "",
        },
    )  # fmt: skip
    assert response.status_code == 302, response.context["form"].errors
    term = CouncilTerm.objects.get()
    assert [seat.person_name for seat in term.seats.all()] == ["Петрова Анна Викторовна"]


@pytest.mark.django_db
def test_term_cannot_end_before_it_starts(client):
    client.force_login(staff("secretary@example.org", Role.COUNCIL_SECRETARY))
    response = client.post(
        "/admin/councilterm/new/",
        {"title_ru": "Состав", "approved_on": "2022-04-01", "ended_on": "2021-01-01",
         "seats-TOTAL_FORMS": "0", "seats-INITIAL_FORMS": "0", "seats-MIN_NUM_FORMS": "0",
         "seats-MAX_NUM_FORMS": "1000"},
    )  # fmt: skip
    assert response.status_code == 200
    assert not CouncilTerm.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "role", [Role.ORGANIZATION_EDITOR, Role.MEMORY_MODERATOR, Role.HELPDESK_STAFF]
)
def test_other_roles_cannot_manage_the_council(client, role):
    client.force_login(staff("someone@example.org", role))
    assert client.get("/admin/councilterm/").status_code in (302, 403)
    assert client.get("/admin/organizationeditor/").status_code in (302, 403)
