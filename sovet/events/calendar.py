"""iCalendar files for one event and feeds that calendar apps subscribe to."""

from zoneinfo import ZoneInfo

from django.conf import settings
from icalendar import Calendar
from icalendar import Event as CalendarEvent

from .models import EventStatus

BISHKEK = ZoneInfo("Asia/Bishkek")


def ics(events, *, name: str, url_for) -> bytes:
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
            entry.add("dtend", event.ends_at.astimezone(BISHKEK).date())
        else:
            entry.add("dtstart", event.starts_at.astimezone(BISHKEK))
            entry.add("dtend", event.ends_at.astimezone(BISHKEK))
        entry.add("dtstamp", event.starts_at)
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
