"""The secretary imports a resolution in the admin; other roles cannot reach conferences."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from sovet.accounts.roles import Role
from sovet.conferences.models import Decision, Resolution
from sovet.core.testing import make_staff

from .test_importer import SEED


@pytest.fixture
def secretary_client(client, db):
    client.force_login(make_staff("secretary@example.org", Role.COUNCIL_SECRETARY))
    return client


@pytest.mark.django_db
def test_pasted_text_is_previewed_then_imported_with_corrections(secretary_client):
    text = SEED.read_text(encoding="utf-8")
    preview = secretary_client.post("/admin/conferences/import/", {"text": text, "check": "1"})
    assert preview.status_code == 200
    parsed = preview.context["parsed"]
    assert parsed.is_valid and len(parsed.decisions) == 18
    assert not Resolution.objects.exists()
    assert "Кыргызстан и Россия – новые форматы сотрудничества" in preview.content.decode()
    done = secretary_client.post(
        "/admin/conferences/import/", {"text": text, "confirm": "1", "kind-10": "support"}
    )
    assert done.status_code == 302
    assert Decision.objects.count() == 18
    assert Decision.objects.get(number=10).kind == "support"
    listing = secretary_client.get(done.url)
    assert listing.status_code == 200


@pytest.mark.django_db
def test_uploaded_file_gives_the_same_result(secretary_client):
    upload = SimpleUploadedFile("resolution.md", SEED.read_bytes(), "text/markdown")
    response = secretary_client.post("/admin/conferences/import/", {"file": upload, "confirm": "1"})
    assert response.status_code == 302
    assert Decision.objects.count() == 18


@pytest.mark.django_db
def test_bad_text_is_explained_kept_and_nothing_created(secretary_client):
    text = "Резолюция\nПОСТАНОВИЛИ:\n- Отметить работу.\n- Отметить работу.\n"
    response = secretary_client.post("/admin/conferences/import/", {"text": text, "confirm": "1"})
    assert response.status_code == 200
    assert response.context["parsed"].errors
    assert "Отметить работу." in response.content.decode()  # the text is still in the form
    assert not Resolution.objects.exists()
    empty = secretary_client.post("/admin/conferences/import/", {"text": "  "})
    assert empty.context["form"].errors


@pytest.mark.django_db
@pytest.mark.parametrize(
    "role", [Role.ORGANIZATION_EDITOR, Role.MEMORY_MODERATOR, Role.HELPDESK_STAFF]
)
def test_other_roles_cannot_import_or_edit_decisions(client, role):
    client.force_login(make_staff("someone@example.org", role))
    assert client.get("/admin/conferences/import/").status_code in (302, 403)
    client.post(
        "/admin/conferences/import/", {"text": SEED.read_text(encoding="utf-8"), "confirm": "1"}
    )
    assert not Resolution.objects.exists()
    assert client.get("/admin/conferences_decision/").status_code in (302, 403)


@pytest.mark.django_db
def test_resolution_listing_links_to_the_period_report(secretary_client):
    from sovet.conferences import services

    resolution = services.resolution_import(text=SEED.read_text(encoding="utf-8"), user=None)
    response = secretary_client.get("/admin/conferences_resolution/")
    assert response.status_code == 200
    assert (
        f"/admin/conferences/resolutions/{resolution.pk}/period-report/"
        in response.content.decode()
    )


@pytest.mark.django_db
def test_conference_form_has_agenda_quotas_documents_photos_and_news(secretary_client):
    from sovet.conferences.models import Conference

    conference = Conference.objects.create(number=20)
    response = secretary_client.get(f"/admin/conferences_conference/edit/{conference.pk}/")
    assert response.status_code == 200
    fields = response.context["form"].fields
    assert {"documents", "photos", "news", "delegate_quota"} <= set(fields)
    assert {"agenda", "quotas"} <= set(response.context["form"].formsets)
    assert secretary_client.get("/admin/conferences_resolution/new/").status_code in (302, 403)


@pytest.mark.django_db
def test_the_confirmed_text_is_parsed_once(secretary_client, monkeypatch):
    """The preview's parse is the one imported: the service does not read the text again."""
    from sovet.conferences import importer

    parse, calls = importer.parse, []
    monkeypatch.setattr(importer, "parse", lambda *a, **kw: calls.append(1) or parse(*a, **kw))
    text = SEED.read_text(encoding="utf-8")
    done = secretary_client.post("/admin/conferences/import/", {"text": text, "confirm": "1"})
    assert done.status_code == 302
    assert Decision.objects.count() == 18
    assert len(calls) == 1
