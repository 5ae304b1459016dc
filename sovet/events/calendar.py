"""Calendars: the month grid of the calendar page, and iCalendar files for one event and for the
feeds that calendar apps subscribe to."""

import calendar as stdlib_calendar
import re
from dataclasses import dataclass, field
from datetime import date, timedelta

from sovet.core.ical import Entry
from sovet.core.ical import ics as core_ics

from .models import BISHKEK, EventStatus

# A day's cell lists this many events; "N more" links to that day in the list.
DAY_LIMIT = 4
FIRST_YEAR, LAST_YEAR = 1990, 2100


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
    """The events as an iCalendar file (core.ical): an all-day event as whole days."""
    return core_ics(
        (
            Entry(
                uid=f"event-{event.pk}",
                summary=event.title,
                start=(
                    event.starts_at.astimezone(BISHKEK).date() if event.all_day else event.starts_at
                ),
                end=event.last_day + timedelta(days=1) if event.all_day else event.ends_at,
                url=url_for(event),
                updated_at=event.updated_at,
                location=event.where[0],
                description=event.description,
                cancelled=event.status == EventStatus.CANCELLED,
            )
            for event in events
        ),
        name=name,
    )
