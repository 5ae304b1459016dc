"""The demo's XII decisions: three languages, one overdue, a report waiting for review, a report
asked for more and answered, each seen on the decisions' pages. (The events and the volunteer
project serving decisions: events/tests and community/tests test_decision_section.py.)"""

import pytest
from django.utils import timezone

from sovet.conferences import demo as conferences_demo
from sovet.conferences.models import (
    Conference,
    Decision,
    ProgressReport,
    ReportEvent,
    ReportEventKind,
    ReportStatus,
)
from sovet.core.testing import page_text


@pytest.mark.django_db
def test_every_decision_is_written_in_three_languages(demo):
    decisions = Decision.objects.filter(resolution__conference__number=12)
    assert decisions.count() == 18
    assert not decisions.filter(text_ky="") and not decisions.filter(text_en="")
    assert decisions.get(number=9).text_en.startswith("To find the funds")


@pytest.mark.django_db
def test_an_assigned_decision_is_overdue(demo, client):
    today = timezone.localdate()
    overdue = [
        d
        for d in Decision.objects.filter(organizations__isnull=False).distinct()
        if d.is_overdue_on(today)
    ]
    assert overdue
    page_text(client.get(f"/ru/conferences/xii/{overdue[0].number}/"), "Просрочено")


@pytest.mark.django_db
def test_a_report_waits_for_review_and_one_was_asked_for_more(demo, client):
    assert ProgressReport.objects.filter(status=ReportStatus.SUBMITTED).exists()
    asked = ProgressReport.objects.get(events__kind=ReportEventKind.ASKED_MORE)
    kinds = list(asked.events.values_list("kind", flat=True))
    assert kinds == ["submitted", "asked_more", "answered", "accepted"]
    question = asked.events.get(kind=ReportEventKind.ASKED_MORE).text
    html = page_text(
        client.get(f"/ru/conferences/xii/{asked.decision.number}/"),
        "Запрошены дополнительные сведения",
        "Дан ответ",
        "История отчёта:",
    )
    assert question not in html  # the secretary's question is not the public's
    # Every demo report has its history, starting when it was reported.
    assert not ProgressReport.objects.exclude(events__kind=ReportEventKind.SUBMITTED).exists()
    assert ReportEvent.objects.filter(kind=ReportEventKind.ACCEPTED).count() == (
        ProgressReport.objects.filter(status=ReportStatus.ACCEPTED).count()
    )


@pytest.mark.django_db
def test_loading_again_changes_nothing(demo):
    before = (ProgressReport.objects.count(), ReportEvent.objects.count())
    conferences_demo.load()
    assert (ProgressReport.objects.count(), ReportEvent.objects.count()) == before


@pytest.mark.django_db
def test_the_planned_conference_takes_proposals(demo):
    """The demo's editors can try the proposals: the XIII conference is open for them."""
    planned = Conference.objects.get(number=13)
    assert planned.status == "planned" and planned.proposals_open
