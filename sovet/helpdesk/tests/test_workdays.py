# ruff: noqa: F811  (the fixtures of staff_world.py, imported, are the tests' arguments)
"""The service level on the Kyrgyz working calendar: weekends and public holidays (from the
``holidays`` library) are skipped; a request is overdue the day after its due day."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import holidays
import pytest
from django.urls import reverse
from django.utils import timezone

from sovet.core.testing import page_text
from sovet.helpdesk import queries, services
from sovet.helpdesk.models import HelpdeskSettings, HelpRequest
from sovet.helpdesk.workdays import add_working_days, is_working_day, working_days_between

from .staff_world import BISHKEK, centres, desk  # noqa: F401  (fixtures)

BISHKEK_TZ = ZoneInfo("Asia/Bishkek")


def test_the_library_knows_the_days_we_count_on():
    kg = holidays.country_holidays("KG", years=2026)
    assert date(2026, 8, 31) in kg  # Independence Day, a Monday
    assert date(2026, 5, 1) in kg and date(2026, 5, 5) in kg and date(2026, 5, 9) in kg
    assert date(2026, 9, 1) not in kg


@pytest.mark.parametrize(
    ("received", "days", "due"),
    [
        (date(2026, 12, 7), 2, date(2026, 12, 9)),  # Monday: Wednesday
        (date(2026, 12, 4), 2, date(2026, 12, 8)),  # Friday: over the weekend, Tuesday
        (date(2026, 12, 5), 2, date(2026, 12, 8)),  # Saturday counts from Monday
        # Friday 28 August: Monday 31 August is Independence Day, so Tuesday 1 September.
        (date(2026, 8, 28), 1, date(2026, 9, 1)),
        (date(2026, 8, 28), 2, date(2026, 9, 2)),
        # Thursday 30 April: 1–9 May are holidays and weekends in 2026: Monday 11 May.
        (date(2026, 4, 30), 1, date(2026, 5, 11)),
        (date(2026, 5, 1), 2, date(2026, 5, 12)),
    ],
)
def test_due_days_skip_weekends_and_holidays(received, days, due):
    assert add_working_days(received, days) == due
    assert working_days_between(received, due) == days
    assert is_working_day(due)


def test_the_brief_s_example_in_working_days():
    """Friday 28 August 2026 with 2 working days: Monday 31 August (Independence Day) is not
    one, so the second working day after Friday is Wednesday 2 September — and one working day
    after it is Tuesday 1 September. (The brief's "due Tuesday" holds for one working day, or
    counting the day of receipt when it is a working day.)"""
    assert not is_working_day(date(2026, 8, 31))
    assert [d for d in (date(2026, 8, 29), date(2026, 8, 30), date(2026, 8, 31))
            if is_working_day(d)] == []  # fmt: skip
    assert add_working_days(date(2026, 8, 28), 2) == date(2026, 9, 2)


def _received_at(centre, when, monkeypatch):
    monkeypatch.setattr(timezone, "now", lambda: when)
    help_request = services.request_submit(
        centre=centre, topic="labour", description="x", language="ru", phone="+996555000444"
    )
    monkeypatch.undo()
    return help_request


@pytest.mark.django_db
def test_a_request_over_a_holiday_weekend_is_overdue_only_after_it(centres, monkeypatch):
    bishkek, _osh = centres
    friday = datetime(2026, 8, 28, 17, 30, tzinfo=BISHKEK_TZ)
    help_request = _received_at(bishkek, friday, monkeypatch)
    assert help_request.first_answer_due == date(2026, 9, 2)  # the setting's 2 working days
    assert not queries.is_overdue(help_request, date(2026, 8, 31))
    assert not queries.is_overdue(help_request, date(2026, 9, 2))
    assert queries.is_overdue(help_request, date(2026, 9, 3))
    settings = HelpdeskSettings.load()
    settings.first_answer_days = 1
    settings.save()
    sooner = _received_at(bishkek, friday, monkeypatch)
    assert sooner.first_answer_due == date(2026, 9, 1)  # Tuesday: 31 August is a holiday
    # An answer given in time stops the clock.
    assert HelpRequest.objects.filter(queries.overdue_q(date(2026, 9, 3))).count() == 2


@pytest.mark.django_db
def test_may_holidays_and_the_queue_highlight(client, desk, centres, monkeypatch):
    bishkek, _osh = centres
    help_request = _received_at(bishkek, datetime(2026, 5, 1, 10, tzinfo=BISHKEK_TZ), monkeypatch)
    assert help_request.first_answer_due == date(2026, 5, 12)
    client.force_login(desk[BISHKEK])
    # Today (after 12 May 2026) it is overdue: highlighted, in the overdue tab.
    text = page_text(
        client.get(reverse("helpdesk_queue") + "?tab=overdue"),
        help_request.reference,
        'class="helpdesk-overdue"',
        "просрочено",
    )
    assert "12.05.2026" in text
    services.answer_send(help_request=help_request, text="Ответ", by=desk[BISHKEK])
    text = page_text(client.get(reverse("helpdesk_queue") + "?tab=overdue"), "Здесь нет обращений")
    assert help_request.reference not in text
