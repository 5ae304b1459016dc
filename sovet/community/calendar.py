"""A volunteer's own shifts as an iCalendar feed their calendar app subscribes to."""

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar
from icalendar import Event as CalendarEvent

from sovet.events.calendar import SEQUENCE_EPOCH
from sovet.events.models import BISHKEK


def where(shift) -> str:
    if shift.memorial_place_id:
        return shift.memorial_place.name
    if shift.event_id and shift.event.published and shift.event.approved:
        return ", ".join(part for part in (shift.event.venue, shift.event.address) if part)
    return shift.address


def shifts_ics(participations, *, name: str, url_for) -> bytes:
    now = timezone.now()
    calendar = Calendar()
    calendar.add("prodid", "-//Sovet//KSORS volunteers//RU")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Asia/Bishkek")
    host = settings.SITE_URL.split("://")[-1]
    for participation in participations:
        shift = participation.slot.shift
        entry = CalendarEvent()
        entry.add("uid", f"shift-{shift.pk}-{participation.pk}@{host}")
        entry.add("summary", f"{shift.project.title} — {participation.slot.get_role_display()}")
        entry.add("dtstart", shift.starts_at.astimezone(BISHKEK))
        entry.add("dtend", shift.ends_at.astimezone(BISHKEK))
        entry.add("dtstamp", now)
        if shift.updated_at:
            entry.add("last-modified", shift.updated_at)
            entry.add("sequence", int((shift.updated_at - SEQUENCE_EPOCH).total_seconds()))
        location = where(shift)
        if location:
            entry.add("location", location)
        if shift.notes:
            entry.add("description", shift.notes)
        entry.add("url", url_for(shift))
        entry.add("status", "CANCELLED" if shift.cancelled else "CONFIRMED")
        calendar.add_component(entry)
    calendar.add_missing_timezones()
    return calendar.to_ical()
