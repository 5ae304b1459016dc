"""The report on the period: a page, a PDF and a DOCX with every decision, at bounded cost."""

import io
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from django.utils.formats import date_format
from docx import Document
from pypdf import PdfReader

from sovet.accounts.roles import Role
from sovet.conferences.models import Decision, Resolution
from sovet.core.testing import make_staff
from sovet.core.text import typeset

from .factories import add_decisions_at_scale


@pytest.fixture
def secretary_client(client, demo):
    client.force_login(make_staff("secretary@example.org", Role.COUNCIL_SECRETARY))
    return client


def url():
    return f"/admin/conferences/resolutions/{Resolution.objects.get().pk}/period-report/"


def words(text):
    """Text as it reads, whatever the line breaks, hyphenation (U+2010 at a line's end) and
    non-breaking spaces of the layout."""
    return " ".join(text.replace("\u2010\n", "").replace("\u00a0", " ").split())


def expected(decision):
    return words(typeset(decision.text_ru))


@pytest.mark.django_db
def test_page_lists_every_decision_reports_and_figures(secretary_client):
    response = secretary_client.get(url())
    assert response.status_code == 200
    html = response.content.decode()
    assert "Итоги работы за период" in html
    for decision in Decision.objects.all():
        # As printed: Russian typography (core.text.typeset), the same on the page.
        assert expected(decision)[:60] in words(html)
    assert "Союз соотечественниц зарегистрирован" in html
    assert "Решений выполнено" in html or "Decisions done" in html


@pytest.mark.django_db
def test_docx_contains_every_decision(secretary_client):
    response = secretary_client.get(url() + "?format=docx")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    text = words("\n".join(p.text for p in Document(io.BytesIO(response.content)).paragraphs))
    for decision in Decision.objects.all():
        assert expected(decision) in text, decision.number


@pytest.mark.django_db
def test_pdf_contains_every_decision(secretary_client):
    response = secretary_client.get(url() + "?format=pdf")
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    text = words(" ".join(page.extract_text() for page in reader.pages))
    for decision in Decision.objects.all():
        assert expected(decision) in text, decision.number


@pytest.mark.django_db
@pytest.mark.parametrize(
    "role", [Role.ORGANIZATION_EDITOR, Role.MEMORY_MODERATOR, Role.HELPDESK_STAFF]
)
def test_only_managers_get_the_report(demo, client, role):
    client.force_login(make_staff("someone@example.org", role))
    assert client.get(url()).status_code in (302, 403)


@pytest.mark.django_db
def test_report_queries_do_not_grow_with_60_organizations_50_decisions_10_reports(secretary_client):
    def count():
        with CaptureQueriesContext(connection) as captured:
            assert secretary_client.get(url()).status_code == 200
        return len(captured)

    secretary_client.get(url())
    before = count()
    add_decisions_at_scale(Resolution.objects.get(), reports=10)
    assert count() == before


@pytest.mark.django_db
def test_the_pdf_is_a_document_with_letterhead_date_and_page_numbers(secretary_client):
    response = secretary_client.get(url() + "?format=pdf")
    pages = [words(page.extract_text()) for page in PdfReader(io.BytesIO(response.content)).pages]
    assert len(pages) > 1
    with translation.override("ru"):
        today = date_format(timezone.localdate(), "DATE_FORMAT").replace("\u00a0", " ")
    for number, text in enumerate(pages, start=1):
        assert "Координационный совет организаций российских соотечественников Кыргызстана" in text
        assert f"Дата печати: {today}" in text
        assert f"стр. {number} из {len(pages)}" in text
    # The figures are tables: a label and its number on one row.
    assert re.search(r"Решений выполнено \d+ / \d+", pages[0])


@pytest.mark.django_db
def test_the_pdf_is_set_left_aligned_with_russian_hyphenation(secretary_client):
    response = secretary_client.get(url() + "?format=pdf")
    raw = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    # A long word split at a line's end, with the hyphen WeasyPrint sets (U+2010).
    assert re.search(r"[а-яё]{2}\u2010\n[а-яё]{2}", raw)
    html = secretary_client.get(url()).content.decode()
    assert '<html lang="ru">' in html
