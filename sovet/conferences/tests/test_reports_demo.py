"""The public progress page of the demo's conference shows the accepted reports at any
scale; their attachments stay out of the public library."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sovet.conferences.attachments import URL_NAME
from sovet.conferences.models import Decision, ProgressReport, Resolution
from sovet.core.private_files import private_file_url
from sovet.core.testing import page_text
from sovet.organizations.models import Organization

from .factories import add_decisions_at_scale


@pytest.mark.django_db
def test_public_page_shows_reports_with_bounded_queries_at_scale(demo, client):
    def count(path):
        client.get(path)
        with CaptureQueriesContext(connection) as captured:
            response = client.get(path)
        assert response.status_code == 200
        return len(captured), response

    before, _response = count("/ru/conferences/xii/")
    add_decisions_at_scale(Resolution.objects.get(), reports=10, report_status="accepted")
    assert Organization.objects.count() >= 60 and ProgressReport.objects.count() >= 500
    after, response = count("/ru/conferences/xii/")
    assert after == before
    assert "Отчёт 9" in response.content.decode()


@pytest.mark.django_db
def test_the_public_sees_only_accepted_reports(demo, client):
    from sovet.conferences.models import ProgressReport as Report

    accepted = Report.objects.filter(status="accepted").first()
    Report.objects.filter(pk=accepted.pk).update(status="submitted")
    html = page_text(
        client.get("/ru/conferences/xii/"), "Кыргызстан и Россия – новые форматы сотрудничества"
    )
    assert accepted.text not in html
    Report.objects.filter(pk=accepted.pk).update(status="accepted")
    assert accepted.text in client.get("/ru/conferences/xii/").content.decode()


@pytest.mark.django_db
def test_report_attachments_stay_out_of_the_public_library(demo, client):
    from django.core.files.uploadedfile import SimpleUploadedFile as Upload

    from sovet.organizations.models import OrganizationEditor

    decision = Decision.objects.get(number=9)
    editor_link = OrganizationEditor.objects.select_related("user").first()
    decision.organizations.add(editor_link.organization)
    client.force_login(editor_link.user)
    response = client.post(
        f"/admin/conferences/decisions/{decision.pk}/report/",
        {"organization": editor_link.organization.pk, "text": "Отчёт с приложением.",
         "document": Upload("report.pdf", b"%PDF-1.4\n%%EOF\n", "application/pdf")},
    )  # fmt: skip
    assert response.status_code == 302
    client.logout()
    library = client.get("/ru/documents/")
    assert all(doc.category != "report" for doc in library.context["documents"])
    document = ProgressReport.objects.get(text="Отчёт с приложением.").document
    # A private file (core.private_files): no public URL, and its view sends strangers away.
    response = client.get(private_file_url(URL_NAME, document))
    assert response.status_code in (302, 403)
    assert response.url.startswith(reverse("account_login"))
