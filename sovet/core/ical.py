"""iCalendar files, written one way (the events calendar, a volunteer's own shifts).

Calendar apps update a copy they already have when SEQUENCE grows: it is the time of the
entry's last edit, in seconds since 2020 (so it only ever increases)."""

from dataclasses import dataclass
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar
from icalendar import Event as CalendarEvent

BISHKEK = ZoneInfo("Asia/Bishkek")
SEQUENCE_EPOCH = datetime(2020, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class Entry:
    """One VEVENT. ``start``/``end`` are datetimes, or dates for a whole-day entry (``end``
    exclusive, as iCalendar wants)."""

    uid: str  # unique within the site: the host is appended
    summary: str
    start: datetime | date
    end: datetime | date
    url: str
    updated_at: datetime | None = None
    location: str = ""
    description: str = ""
    cancelled: bool = False


def _local(moment):
    return moment.astimezone(BISHKEK) if isinstance(moment, datetime) else moment


def ics(entries, *, name: str, prodid: str = "-//Sovet//KSORS//RU") -> bytes:
    now = timezone.now()
    host = settings.SITE_URL.split("://")[-1]
    calendar = Calendar()
    calendar.add("prodid", prodid)
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Asia/Bishkek")
    for entry in entries:
        item = CalendarEvent()
        item.add("uid", f"{entry.uid}@{host}")
        item.add("summary", entry.summary)
        item.add("dtstart", _local(entry.start))
        item.add("dtend", _local(entry.end))
        item.add("dtstamp", now)
        if entry.updated_at:
            item.add("last-modified", entry.updated_at)
            item.add("sequence", int((entry.updated_at - SEQUENCE_EPOCH).total_seconds()))
        if entry.location:
            item.add("location", entry.location)
        if entry.description:
            item.add("description", entry.description)
        item.add("url", entry.url)
        item.add("status", "CANCELLED" if entry.cancelled else "CONFIRMED")
        calendar.add_component(item)
    calendar.add_missing_timezones()
    return calendar.to_ical()
