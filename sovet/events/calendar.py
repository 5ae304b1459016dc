"""Calendars: the month grid of the calendar page, and iCalendar files for one event and for the
feeds that calendar apps subscribe to."""

import calendar as stdlib_calendar
import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar
from icalendar import Event as CalendarEvent

from .models import BISHKEK, EventStatus

# A day's cell lists this many events; "N more" links to that day in the list.
DAY_LIMIT = 4
FIRST_YEAR, LAST_YEAR = 1990, 2100
SEQUENCE_EPOCH = datetime(2020, 1, 1, tzinfo=UTC)


@dataclass
class Day:
    date: date
    in_month: bool
    is_today: bool
    events: list = field(default_factory=list)
    more: int = 0


def parse_month(value: str | None, today: date) -> date:
    """The first day of the month asked for as "2021-06"; this month when absent or wrong."""
    found = re.fullmatch(r"(\d{4})-(\d{1,2})", (value or "").strip())
    if found:
        year, number = int(found[1]), int(found[2])
        if FIRST_YEAR <= year <= LAST_YEAR and 1 <= number <= 12:
            return date(year, number, 1)
    return today.replace(day=1)


def previous_month(first: date) -> date | None:
    earlier = (first - timedelta(days=1)).replace(day=1)
    return earlier if earlier.year >= FIRST_YEAR else None


def next_month(first: date) -> date | None:
    later = (first + timedelta(days=31)).replace(day=1)
    return later if later.year <= LAST_YEAR else None


def month_grid(first: date, events, today: date) -> list[list[Day]]:
    """Weeks from Monday to Sunday; each day lists the events taking place on it, soonest first."""
    weeks = [
        [Day(day, day.month == first.month, day == today) for day in week]
        for week in stdlib_calendar.Calendar(firstweekday=0).monthdatescalendar(
            first.year, first.month
        )
    ]
    days = {day.date: day for week in weeks for day in week if day.in_month}
    last = max(days)
    for event in events:
        start = event.starts_at.astimezone(BISHKEK).date()
        end = min(event.last_day, last)
        day = max(start, first)
        while day <= end:
            cell = days[day]
            if len(cell.events) < DAY_LIMIT:
                cell.events.append(event)
            else:
                cell.more += 1
            day += timedelta(days=1)
    return weeks


def ics(events, *, name: str, url_for) -> bytes:
    """An iCalendar file. Calendar apps update a copy they already have when SEQUENCE grows:
    it is the time of the event's last edit, in seconds since 2020 (only ever increases)."""
    now = timezone.now()
    calendar = Calendar()
    calendar.add("prodid", "-//Sovet//KSORS//RU")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Asia/Bishkek")
    for event in events:
        entry = CalendarEvent()
        entry.add("uid", f"event-{event.pk}@{settings.SITE_URL.split('://')[-1]}")
        entry.add("summary", event.title)
        if event.all_day:
            entry.add("dtstart", event.starts_at.astimezone(BISHKEK).date())
            entry.add("dtend", event.last_day + timedelta(days=1))  # DTEND is exclusive
        else:
            entry.add("dtstart", event.starts_at.astimezone(BISHKEK))
            entry.add("dtend", event.ends_at.astimezone(BISHKEK))
        entry.add("dtstamp", now)
        if event.updated_at:
            entry.add("last-modified", event.updated_at)
            entry.add("sequence", int((event.updated_at - SEQUENCE_EPOCH).total_seconds()))
        location = ", ".join(part for part in (event.venue, event.address) if part)
        if location:
            entry.add("location", location)
        if event.description:
            entry.add("description", event.description)
        entry.add("url", url_for(event))
        entry.add("status", "CANCELLED" if event.status == EventStatus.CANCELLED else "CONFIRMED")
        calendar.add_component(entry)
    calendar.add_missing_timezones()
    return calendar.to_ical()
