"""A volunteer's own shifts as an iCalendar feed their calendar app subscribes to (core.ical)."""

from sovet.core.ical import Entry, ics


def where(shift) -> str:
    if shift.memorial_place_id:
        return shift.memorial_place.name
    if shift.event_id and shift.event.published and shift.event.approved:
        return shift.event.where[0]
    return shift.address


def shifts_ics(participations, *, name: str, url_for) -> bytes:
    entries = []
    for participation in participations:
        shift = participation.slot.shift
        entries.append(
            Entry(
                uid=f"shift-{shift.pk}-{participation.pk}",
                summary=f"{shift.project.title} — {participation.slot.get_role_display()}",
                start=shift.starts_at,
                end=shift.ends_at,
                url=url_for(shift),
                updated_at=shift.updated_at,
                location=where(shift),
                description=shift.notes,
                cancelled=shift.cancelled,
            )
        )
    return ics(entries, name=name, prodid="-//Sovet//KSORS volunteers//RU")
