"""The review screens: the secretary accepts a report or asks for more; the organization's
editor reads the question on the report screen and answers it."""

import pytest
from django.core import mail

from sovet.accounts.roles import Role
from sovet.accounts.tests.factories import with_two_factor
from sovet.conferences import services
from sovet.conferences.models import ProgressReport
from sovet.core.testing import VISITOR, admin_answer, page_text
from sovet.organizations.tests.factories import editor_of, make_organization

from .factories import DecisionFactory

SECRETARY = str(Role.COUNCIL_SECRETARY)


@pytest.fixture
def reported(db, users, django_capture_on_commit_callbacks):
    assigned, other = make_organization(name_ru="Назначенная"), make_organization(name_ru="Другая")
    decision = DecisionFactory(text_ru="Провести форум молодёжи.")
    decision.organizations.set([assigned, other])
    users["editor"] = editor_of(assigned, "editor@example.org")
    users["editor of another"] = editor_of(other, "another@example.org")
    with_two_factor(users)
    with django_capture_on_commit_callbacks(execute=True):
        report = services.progress_report_add(
            decision=decision, organization=assigned, user=users["editor"], text="Провели форум."
        )
    return users, decision, report


def review_url(report):
    return f"/admin/conferences/reports/{report.pk}/review/"


def report_url(decision):
    return f"/admin/conferences/decisions/{decision.pk}/report/"


@pytest.mark.django_db
def test_only_the_secretary_opens_the_review(reported, client):
    users, _decision, report = reported
    answers = {name: admin_answer(client, users[name], "get", review_url(report))
               for name in (SECRETARY, "editor", "editor of another", VISITOR)}  # fmt: skip
    assert answers == {
        SECRETARY: "200",
        "editor": "admin home",  # the admin's answer to PermissionDenied
        "editor of another": "admin home",
        VISITOR: "sign in",
    }
    client.force_login(users[SECRETARY])
    page_text(client.get(review_url(report)), "Провели форум.", "Провести форум молодёжи.")


@pytest.mark.django_db
def test_asking_for_more_without_a_comment_is_explained(reported, client):
    users, _decision, report = reported
    client.force_login(users[SECRETARY])
    response = client.post(review_url(report), {"ask_more": "1", "comment": ""})
    page_text(response, "Напишите, что ещё должна сообщить организация")
    report.refresh_from_db()
    assert report.status == "submitted"


@pytest.mark.django_db
def test_question_and_answer_through_the_screens(
    reported, client, django_capture_on_commit_callbacks
):
    users, decision, report = reported
    client.force_login(users[SECRETARY])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            review_url(report), {"ask_more": "1", "comment": "Сколько было участников?"}
        )
    assert response.status_code == 302
    assert [m.to for m in mail.outbox] == [["editor@example.org"]]

    # The editor of another assigned organization sees no question, and cannot answer it.
    client.force_login(users["editor of another"])
    text = page_text(client.get(report_url(decision)), "Провести форум молодёжи.")
    assert "Сколько было участников?" not in text
    response = client.post(
        report_url(decision), {"answer": "1", "report": report.pk, f"report-{report.pk}-text": "Х"}
    )
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert list(report.events.values_list("kind", flat=True)) == ["submitted", "asked_more"]

    client.force_login(users["editor"])
    page_text(client.get(report_url(decision)), "Сколько было участников?", "Отправить ответ")
    response = client.post(
        report_url(decision), {"answer": "1", "report": report.pk, f"report-{report.pk}-text": ""}
    )
    page_text(response, "Сколько было участников?")  # the empty answer is refused, the form stays
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            report_url(decision),
            {"answer": "1", "report": report.pk, f"report-{report.pk}-text": "Сто двадцать."},
        )
    assert response.status_code == 302
    assert [m.to for m in mail.outbox] == [["council_secretary@example.org"]]
    report.refresh_from_db()
    assert report.status == "submitted" and report.text == "Провели форум."
    assert ProgressReport.objects.count() == 1  # an answer is not a new report

    client.force_login(users[SECRETARY])
    page_text(client.get(review_url(report)), "Сто двадцать.", "Сколько было участников?")
    response = client.post(review_url(report), {"accept": "1", "comment": ""})
    assert response.status_code == 302
    assert list(report.events.values_list("kind", flat=True)) == [
        "submitted",
        "asked_more",
        "answered",
        "accepted",
    ]


@pytest.mark.django_db
def test_the_secretary_finds_the_review_from_the_report_screen(reported, client):
    users, decision, report = reported
    client.force_login(users[SECRETARY])
    page_text(client.get(report_url(decision)), review_url(report), "Отчёты, ожидающие проверки")


@pytest.mark.django_db
def test_an_answer_to_a_question_no_longer_asked_is_explained_and_kept(reported, client):
    users, decision, report = reported
    client.force_login(users["editor"])
    data = {"answer": "1", "report": report.pk, f"report-{report.pk}-text": "Сто двадцать."}
    page_text(
        client.post(report_url(decision), data),
        "Секретарь не запрашивал дополнительных сведений",
        "Сто двадцать.",
    )
    assert list(report.events.values_list("kind", flat=True)) == ["submitted"]
    missing = {"answer": "1", "report": "nonsense", "report-0-text": "Х"}
    assert admin_answer(client, users["editor"], "post", report_url(decision), missing) == "404"


@pytest.mark.django_db
def test_the_list_of_reports_waiting_for_review(reported, client):
    users, _decision, report = reported
    url = "/admin/conferences/reports/waiting/"
    assert admin_answer(client, users["editor"], "get", url) == "admin home"
    assert admin_answer(client, users[VISITOR], "get", url) == "sign in"
    client.force_login(users[SECRETARY])
    page_text(client.get(url), "Назначенная", review_url(report))
    report.status = "accepted"
    report.save()
    text = page_text(client.get(url), "Отчётов, ожидающих проверки, нет.")
    assert review_url(report) not in text
