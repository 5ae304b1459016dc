"""iCalendar entries of all-day events, and updates that replace the old copy. The calendar, event
pages and feeds of the demo: test_calendar_demo.py."""

from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone
from icalendar import Calendar

from sovet.events.models import Event

BISHKEK = ZoneInfo("Asia/Bishkek")


@pytest.mark.django_db
def test_an_all_day_event_has_an_exclusive_end_and_updates_replace_the_old_copy(client):
    from datetime import date, datetime

    from sovet.events.calendar import ics

    start = datetime(2026, 12, 8, tzinfo=BISHKEK)
    one_day = Event.objects.create(
        title_ru="Субботник", starts_at=start, ends_at=start + timedelta(hours=23), all_day=True
    )
    until_midnight = Event.objects.create(
        title_ru="Выставка", starts_at=start, ends_at=start + timedelta(days=2), all_day=True
    )
    assert one_day.last_day == date(2026, 12, 8) and until_midnight.last_day == date(2026, 12, 9)
    entries = Calendar.from_ical(ics([one_day, until_midnight], name="x", url_for=str)).walk(
        "VEVENT"
    )
    assert [(e.decoded("dtstart"), e.decoded("dtend")) for e in entries] == [
        (date(2026, 12, 8), date(2026, 12, 9)),
        (date(2026, 12, 8), date(2026, 12, 10)),
    ]
    first_sequence = entries[0]["sequence"]
    # An edit a few seconds later (updated_at is set by save()).
    Event.objects.filter(pk=one_day.pk).update(updated_at=one_day.updated_at + timedelta(seconds=5))
    one_day.refresh_from_db()
    again = Calendar.from_ical(ics([one_day], name="x", url_for=str)).walk("VEVENT")[0]
    assert again["sequence"] > first_sequence
    assert abs(again.decoded("dtstamp") - timezone.now()) < timedelta(minutes=1)
