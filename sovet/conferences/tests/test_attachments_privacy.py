"""A progress report's photo and document are private files (core.private_files): the secretary,
administrators and the reporting organization's editors open them; nobody else, not a signed-in
visitor nor another organization's editor; no /media/ address and no sequential id reaches them.

Before they were Wagtail library files: /documents/<id>/<name> answered any signed-in account,
and on the embedded site /media/documents/<name> and /media/original_images/<name> anyone."""

import re
from pathlib import Path

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile as Upload
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from sovet.accounts.roles import Role
from sovet.conferences import rules, services
from sovet.conferences.attachments import URL_NAME
from sovet.conferences.models import ProgressReport
from sovet.core.private_files import file_key, private_file_url
from sovet.core.testing import (
    MEMBER,
    TEST_TOTP_SECRET,
    VISITOR,
    assert_not_under_media,
    assert_role_matrix,
)

from .test_reports import png_bytes, world  # noqa: F401 (a fixture)

PDF = b"%PDF-1.4\n% what the organization did\n%%EOF\n"
MANAGERS = {str(Role.COUNCIL_SECRETARY), str(Role.ADMINISTRATOR)}
ALLOWED = MANAGERS | {"editor of the assigned"}


@pytest.fixture
def report(world, client):  # noqa: F811
    """A report with a photo and a document, sent through the editor's form."""
    users, decision, assigned, _other = world
    for role in Role:  # staff sign in with two factors, or the admin sends them to set it up
        TOTP.activate(users[str(role)], TEST_TOTP_SECRET)
    client.force_login(users["editor of the assigned"])
    response = client.post(
        f"/admin/conferences/decisions/{decision.pk}/report/",
        {"organization": assigned.pk, "text": "Провели встречу.",
         "photo": Upload("meeting.png", png_bytes(), "image/png"),
         "document": Upload("act of the meeting.pdf", PDF, "application/pdf")},
    )  # fmt: skip
    assert response.status_code == 302
    client.logout()
    return users, ProgressReport.objects.get()


def get_as(client, user, url, **options):
    client.logout()
    if user.is_authenticated:
        client.force_login(user)
    return client.get(url, **options)


def not_found_text() -> str:
    with translation.override("ru"):  # the admin answers in the default language
        return gettext("Page not found")


@pytest.mark.django_db
def test_the_rule_matrix(report):
    users, report = report
    assert {VISITOR, MEMBER, "editor of another", str(Role.ORGANIZATION_EDITOR)} <= users.keys()
    assert_role_matrix(
        users,
        {"open a report's files": (lambda u: rules.can_open_report_files(u, report), ALLOWED)},
    )


@pytest.mark.django_db
def test_the_document_opens_only_for_the_secretary_administrators_and_the_reporters(report, client):
    users, report = report
    url = private_file_url(URL_NAME, report.document)
    for name, user in users.items():
        response = get_as(client, user, url)
        if name in ALLOWED:
            assert response.status_code == 200, name
            assert b"".join(response.streaming_content) == PDF, name
            assert response["Content-Disposition"] == (
                'attachment; filename="act of the meeting.pdf"'
            )
            assert response["X-Content-Type-Options"] == "nosniff"
            assert {"private", "no-store"} <= set(response["Cache-Control"].split(", "))
        elif not user.is_authenticated or name == MEMBER:
            # No admin access at all (anonymous, a self-registered visitor): the sign-in page,
            # the same for any address, so nothing is revealed.
            assert response.status_code == 302, name
            assert response.url.startswith(reverse("account_login")), name
            assert not getattr(response, "streaming", False), name
        else:
            # Staff of other roles, another organization's editor: as if there were no file.
            assert response.status_code == 404, name
            assert not_found_text() in response.content.decode(), name
            assert b"what the organization did" not in response.content, name


@pytest.mark.django_db
def test_the_photo_shows_inline_to_the_reporters_and_to_no_other_organization(report, client):
    users, report = report
    url = private_file_url(URL_NAME, report.photo)
    response = get_as(client, users["editor of the assigned"], url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"\x89PNG")
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"].startswith("inline")
    assert "sandbox" in response["Content-Security-Policy"]

    response = get_as(client, users["editor of another"], url)
    assert response.status_code == 404
    assert not_found_text() in response.content.decode()
    assert b"PNG" not in response.content


@pytest.mark.django_db
def test_unknown_and_malformed_keys_answer_as_a_forbidden_file_does(report, client):
    users, report = report
    secretary = users[str(Role.COUNCIL_SECRETARY)]
    key = file_key(report.document)
    for address in (
        reverse(URL_NAME, args=["0" * 32 + ".pdf"]),
        reverse(URL_NAME, args=[key.upper()]),
        reverse(URL_NAME, args=["..%2F..%2Fsettings.py"]),
        reverse(URL_NAME, args=[str(report.pk)]),  # Django's locale middleware redirects it
    ):
        response = get_as(client, secretary, address, follow=True)
        assert response.status_code == 404, address
        assert not_found_text() in response.content.decode(), address


@pytest.mark.django_db
def test_no_sequential_id_or_uploaded_name_leads_to_the_files(report, client):
    users, report = report
    # Nothing went into Wagtail's library, whose addresses carry sequential ids.
    assert not get_document_model().objects.exists()
    assert not get_image_model().objects.exists()
    for file, extension in ((report.photo, "png"), (report.document, "pdf")):
        assert re.fullmatch(rf"conferences/reports/[0-9a-f]{{32}}\.{extension}", file.name)
        assert "meeting" not in file.name
        url = private_file_url(URL_NAME, file)
        assert url.endswith(file_key(file))
        assert f"/{report.pk}/" not in url and not url.endswith(f"/{report.pk}")
    member = users[MEMBER]
    response = get_as(client, member, "/documents/1/act%20of%20the%20meeting.pdf")
    assert response.status_code == 404
    assert not_found_text() in response.content.decode()


@pytest.mark.django_db
def test_on_the_embedded_site_no_media_address_serves_them(report, client):
    users, report = report
    assert_not_under_media(client, [report.photo, report.document], b"what the organization did")


@pytest.mark.django_db
def test_the_secretary_finds_the_files_in_the_list_of_reports(report, client):
    users, report = report
    client.force_login(users[str(Role.COUNCIL_SECRETARY)])
    response = client.get(reverse("conferences_report_admin:index"))
    page = response.content.decode()
    assert response.status_code == 200
    document_url = private_file_url(URL_NAME, report.document)
    assert f'href="{document_url}"' in page
    assert f'href="{private_file_url(URL_NAME, report.photo)}"' in page
    assert b"".join(client.get(document_url).streaming_content) == PDF


@pytest.mark.django_db
def test_a_failed_report_leaves_no_file(world, monkeypatch):  # noqa: F811
    users, decision, assigned, _other = world

    def fail(**kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr(services.Decision.objects, "filter", lambda **kw: fail())
    before = private_files()
    with pytest.raises(RuntimeError):
        services.progress_report_add(
            decision=decision,
            organization=assigned,
            user=users["editor of the assigned"],
            text="Отчёт.",
            progress=50,
            document=Upload("act.pdf", PDF, "application/pdf"),
        )
    assert not ProgressReport.objects.exists()
    assert private_files() == before


def private_files() -> set[Path]:
    return {path for path in Path(settings.PRIVATE_ROOT).rglob("*") if path.is_file()}
