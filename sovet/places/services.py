"""Every change to memorial places goes through here."""

import math
import uuid
from decimal import Decimal
from difflib import SequenceMatcher
from typing import TYPE_CHECKING

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry

from sovet.core import reach
from sovet.core.images import check_image, set_image_from_upload
from sovet.core.text import fold_name

from . import queries, rules, tasks
from .models import (
    Condition,
    Inspection,
    MemorialPlace,
    PlacePhoto,
    PlaceReport,
    PlaceStatus,
    ReportStatus,
)

if TYPE_CHECKING:
    from .importer import ImportReport

# Kyrgyzstan's bounding box, with a margin of about a kilometre.
SOUTH, NORTH, WEST, EAST = 39.15, 43.30, 69.20, 80.30
DUPLICATE_METRES = 50
SIMILAR_NAMES = 0.6  # difflib ratio of the folded names
INSPECTION_IN_FUTURE = _("The date of the inspection is in the future.")
PHOTO_IN_FUTURE = _("The date the photo was taken is in the future.")
REPORT_CLOSED = (ReportStatus.RESOLVED, ReportStatus.REJECTED)


def check_location(latitude, longitude) -> None:
    """A place in the country, in WGS84 degrees; swapped latitude and longitude are told as such."""
    if latitude is None and longitude is None:
        return
    if latitude is None or longitude is None:
        raise ValidationError(
            _("Give both the latitude and the longitude, or neither."), code="half_location"
        )
    lat, lon = float(latitude), float(longitude)
    if _inside(lat, lon):
        return
    if _inside(lon, lat):
        raise ValidationError(
            _(
                "The latitude and the longitude seem swapped: in Kyrgyzstan the latitude is "
                "about 39–43 and the longitude about 69–80."
            ),
            code="swapped",
        )
    raise ValidationError(
        _("These coordinates are outside Kyrgyzstan (latitude 39–43, longitude 69–80)."),
        code="outside",
    )


def _inside(lat: float, lon: float) -> bool:
    return SOUTH <= lat <= NORTH and WEST <= lon <= EAST


def place_save(place: MemorialPlace, *, by=None) -> MemorialPlace:
    """Check and save a place (ValidationError with the field when its location is wrong).

    A new place from someone who may not publish (an organization's editor) starts as a draft:
    what appears on the public map waits for a moderator.
    """
    if by is not None and place.pk is None and not rules.can_publish_place(by):
        place.status = PlaceStatus.DRAFT
    try:
        check_location(place.latitude, place.longitude)
    except ValidationError as error:
        raise ValidationError({"latitude": error}) from None
    place.save()
    return place


def places_import(report: "ImportReport", *, by=None) -> list[MemorialPlace]:
    """Save every place of an import's report (importer.check_file) without errors, in one
    transaction: all or nothing. Each place's history starts with its creation by ``by``, the
    entries of one import sharing a uuid, as Wagtail groups the entries of one action."""
    if not report.can_import:
        raise ValidationError(
            gettext("The file has errors: nothing was imported."), code="has_errors"
        )
    through = MemorialPlace.participants.through
    links, entries = [], []
    action_uuid, now = uuid.uuid4(), timezone.now()
    content_type = ContentType.objects.get_for_model(MemorialPlace)
    with transaction.atomic():
        for row in report.rows:
            place = place_save(row.place)
            links.extend(
                through(memorialplace_id=place.pk, warparticipant_id=number)
                for number in row.participants
            )
            # The entry wagtail.log_actions.log would write; it validates and saves each one
            # alone, which took two thirds of the time of an import.
            entries.append(
                ModelLogEntry(
                    content_type=content_type, object_id=str(place.pk), label=str(place),
                    action="wagtail.create", timestamp=now, user=by, uuid=action_uuid,
                    content_changed=True, data={},
                )
            )  # fmt: skip
        through.objects.bulk_create(links, batch_size=1000)
        ModelLogEntry.objects.bulk_create(entries, batch_size=1000)
    return [row.place for row in report.rows]


def distance_metres(lat1, lon1, lat2, lon2) -> float:
    """Great-circle distance (haversine), good to a metre at these distances."""
    lat1, lon1, lat2, lon2 = map(math.radians, map(float, (lat1, lon1, lat2, lon2)))
    a = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * 6_371_000 * math.asin(math.sqrt(a))


def possible_duplicates(place: MemorialPlace) -> list[MemorialPlace]:
    """Other places within DUPLICATE_METRES with a similar name: shown as a warning, with links."""
    if place.latitude is None or place.longitude is None:
        return []
    # A box of ±DUPLICATE_METRES around the place (indexed), then the exact distance.
    dlat = Decimal(DUPLICATE_METRES / 111_000)
    dlon = Decimal(DUPLICATE_METRES / (111_000 * math.cos(math.radians(float(place.latitude)))))
    near = MemorialPlace.objects.filter(
        latitude__range=(place.latitude - dlat, place.latitude + dlat),
        longitude__range=(place.longitude - dlon, place.longitude + dlon),
    ).exclude(pk=place.pk)
    name = fold_name(place.name_ru)
    return [
        other
        for other in near
        if distance_metres(place.latitude, place.longitude, other.latitude, other.longitude)
        <= DUPLICATE_METRES
        and SequenceMatcher(None, name, fold_name(other.name_ru)).ratio() >= SIMILAR_NAMES
    ]


def inspection_record(
    place: MemorialPlace, *, inspected_on, condition: str, notes: str = "", by=None
) -> Inspection:
    """Record a visit; the latest inspection (by date) sets the place's condition."""
    _check_not_future(inspected_on, "inspected_on", INSPECTION_IN_FUTURE)
    with transaction.atomic():
        place = MemorialPlace.objects.select_for_update().get(pk=place.pk)
        inspection = Inspection(
            place=place, inspected_on=inspected_on, condition=condition, notes=notes, by=by
        )
        inspection.full_clean(exclude=["place", "by"])
        inspection.save()
        place_condition_recompute(place)
    return inspection


def inspection_update(
    inspection: Inspection, *, inspected_on, condition: str, notes: str, by
) -> Inspection:
    """Correct an inspection (a wrong date, a mistyped condition). ``by`` must be allowed to edit
    the place; who recorded the visit stays as it was."""
    if not rules.can_edit_place(by, inspection.place):
        raise PermissionDenied
    _check_not_future(inspected_on, "inspected_on", INSPECTION_IN_FUTURE)
    with transaction.atomic():
        place = MemorialPlace.objects.select_for_update().get(pk=inspection.place_id)
        inspection.inspected_on, inspection.condition = inspected_on, condition
        inspection.notes = notes
        inspection.full_clean(exclude=["place", "by"])
        inspection.save(update_fields=["inspected_on", "condition", "notes"])
        place_condition_recompute(place)
    return inspection


def inspection_delete(inspection: Inspection, by) -> None:
    """Delete an inspection recorded by mistake; its photos stay with the place."""
    if not rules.can_edit_place(by, inspection.place):
        raise PermissionDenied
    with transaction.atomic():
        place = MemorialPlace.objects.select_for_update().get(pk=inspection.place_id)
        inspection.delete()
        place_condition_recompute(place)


def place_condition_recompute(place: MemorialPlace) -> None:
    """The place's condition and date from its latest inspection (by date, then the last
    recorded); "not inspected yet" when none is left. Call it with the place's row locked.
    ``updated_at`` moves too: the map's cached feed is keyed on it."""
    latest = Inspection.objects.filter(place_id=place.pk).order_by("-inspected_on", "-pk").first()
    MemorialPlace.objects.filter(pk=place.pk).update(
        condition=latest.condition if latest else Condition.UNKNOWN,
        inspected_on=latest.inspected_on if latest else None,
        updated_at=timezone.now(),
    )


def _check_not_future(day, field: str, message) -> None:
    if day is not None and day > timezone.localdate():
        raise ValidationError({field: ValidationError(message, code="future")})


# Photos


def place_photo_add(
    place: MemorialPlace, upload, *, taken_on, caption: str = "", inspection=None
) -> PlacePhoto:
    """Add a photo of the place, checked by core.images.check_image (type from the content,
    size, decoding; no EXIF, no GPS) and stored as in the memory archive: a clean JPEG of at
    most 2000 px and a 400 px copy, under random names. ``inspection`` must be of this place.
    Errors are on the fields ``image``, ``taken_on``, ``inspection``."""
    _check_not_future(taken_on, "taken_on", PHOTO_IN_FUTURE)
    if inspection is not None and inspection.place_id != place.pk:
        raise ValidationError(
            {"inspection": ValidationError(_("This inspection is of another place."), code="place")}
        )
    try:
        clean = check_image(upload)
    except ValidationError as error:
        raise ValidationError({"image": error.error_list}) from None
    photo = PlacePhoto(
        place=place, inspection=inspection, taken_on=taken_on, caption=caption.strip()
    )
    photo.full_clean(exclude=["place", "inspection", "image", "thumbnail"])
    try:
        set_image_from_upload(photo, clean)
        photo.save()
    except BaseException:
        _delete_files(photo.image.name, photo.thumbnail.name)
        raise
    return photo


def inspection_photos_add(inspection: Inspection, photos) -> list[PlacePhoto]:
    """The photos taken at an inspection, dated by it: ``photos`` are (upload, caption) pairs.
    All or none: on an error the files already written are removed (call it inside the
    transaction that records the inspection, so that is undone too)."""
    added: list[PlacePhoto] = []
    try:
        with transaction.atomic():
            for upload, caption in photos:
                added.append(
                    place_photo_add(
                        inspection.place,
                        upload,
                        taken_on=inspection.inspected_on,
                        caption=caption,
                        inspection=inspection,
                    )
                )
    except BaseException:
        for photo in added:
            _delete_files(photo.image.name, photo.thumbnail.name)
        raise
    return added


def place_photo_update(photo: PlacePhoto, *, taken_on, caption: str) -> PlacePhoto:
    """Change a photo's date or caption (the picture itself is replaced by a new photo)."""
    _check_not_future(taken_on, "taken_on", PHOTO_IN_FUTURE)
    photo.taken_on, photo.caption = taken_on, caption.strip()
    photo.full_clean(exclude=["place", "inspection", "image", "thumbnail"])
    photo.save(update_fields=["taken_on", "caption"])
    return photo


def place_photo_delete(photo: PlacePhoto) -> None:
    """Delete the photo and, once that is committed, its files."""
    names = (photo.image.name, photo.thumbnail.name)
    with transaction.atomic():
        photo.delete()
        transaction.on_commit(lambda: _delete_files(*names))


def place_delete(place: MemorialPlace) -> None:
    """Delete a place with what belongs to it (inspections, photos, visitors' reports) and, once
    that is committed, the files of its photos and reports: the database alone would leave them."""
    names = [
        name
        for model in (PlacePhoto, PlaceReport)
        for pair in model.objects.filter(place=place).values_list("image", "thumbnail")
        for name in pair
    ]
    with transaction.atomic():
        place.delete()
        transaction.on_commit(lambda: _delete_files(*names))


def _delete_files(*names: str) -> None:
    storage = PlacePhoto._meta.get_field("image").storage
    for name in names:
        if name:
            storage.delete(name)


# Visitors' reports


def report_submit(
    *,
    place: MemorialPlace | None,
    kind: str,
    description: str,
    reporter_email: str = "",
    reporter_phone: str = "",
    reporter_name: str = "",
    photo=None,
    latitude=None,
    longitude=None,
    language: str = "",
) -> PlaceReport:
    """Record a visitor's report (``photo``: what core.images.check_image returned). Nothing is
    kept when anything is wrong; the staff and the reporter (if they gave an e-mail) are e-mailed
    once it is saved. A report about a listed place takes the place's coordinates; a phone-only
    reporter is on the staff's list to be called back (core.reach)."""
    if place is not None and place.status != PlaceStatus.PUBLISHED:
        raise ValidationError(
            gettext("Only places on the site can be reported."), code="not_published"
        )
    if kind not in rules.kinds_for(place):
        raise ValidationError(
            {"kind": ValidationError(gettext("Choose what the report is about."), code="kind")}
        )
    description = description.strip()
    if not description:
        raise ValidationError(
            {"description": ValidationError(gettext("Please describe what you saw."), code="empty")}
        )
    email, phone = (reporter_email or "").strip(), reach.phone_e164(reporter_phone)
    if not email and not phone:
        raise ValidationError({"reporter_email": ValidationError(reach.NEITHER, code="no_contact")})
    if place is not None:
        latitude, longitude = place.latitude, place.longitude
    else:
        try:
            check_location(latitude, longitude)
        except ValidationError as error:
            raise ValidationError({"latitude": error}) from None
    languages = {code for code, _name in settings.LANGUAGES}
    report = PlaceReport(
        place=place,
        kind=kind,
        description=description,
        latitude=latitude,
        longitude=longitude,
        reporter_name=reporter_name.strip(),
        reporter_email=email,
        reporter_phone=phone,
        language=language if language in languages else settings.LANGUAGE_CODE,
    )
    report.full_clean(exclude=["place", "image", "thumbnail"])
    try:
        with transaction.atomic():
            if photo is not None:
                set_image_from_upload(report, photo)  # a clean JPEG and its small copy
            report.save()
            transaction.on_commit(lambda: tasks.notify_staff.enqueue(report.pk))
            if email:
                transaction.on_commit(lambda: tasks.notify_reporter.enqueue(report.pk, "received"))
    except Exception:
        _delete_files(report.image.name, report.thumbnail.name)
        raise
    return report


def report_set_status(report: PlaceReport, *, by, status: str, note: str = "") -> PlaceReport:
    """Move the report on (``by``: who may handle it); the note is shown to the reporter, who is
    e-mailed."""
    if not rules.can_handle_report(by, report):
        raise PermissionDenied
    if status not in ReportStatus.values:
        raise ValidationError(
            {"status": ValidationError(gettext("Choose the report's status."), code="status")}
        )
    note = note.strip()
    if status == ReportStatus.REJECTED and not note:
        raise ValidationError(
            {
                "note": ValidationError(
                    gettext("Tell the reporter why the report is rejected."), code="no_reason"
                )
            }
        )
    with transaction.atomic():
        report = PlaceReport.objects.select_for_update().get(pk=report.pk)
        if report.status == status and report.staff_note == note:
            raise ValidationError(
                gettext("Nothing has changed: choose another status or change the note."),
                code="unchanged",
            )
        report.status, report.staff_note = status, note
        closed = status in REPORT_CLOSED
        report.resolved_at = timezone.now() if closed else None
        report.resolved_by = by if closed else None
        report.save(
            update_fields=["status", "staff_note", "resolved_at", "resolved_by", "updated_at"]
        )
        log(instance=report, action="wagtail.edit", user=by, content_changed=True)
        if report.reporter_email:
            transaction.on_commit(lambda: tasks.notify_reporter.enqueue(report.pk, "status"))
    return report


def report_called_back(*, report: PlaceReport, by) -> bool:
    """A staff member called the reporter back (``by``: who may handle the report); logged.
    False when somebody already had."""
    if not rules.can_handle_report(by, report):
        raise PermissionDenied
    with transaction.atomic():
        done = reach.mark_called_back(report, by=by)
        if done:
            log(instance=report, action="places.called_back", user=by)
    return done


def period_figures(start, end) -> list[tuple[str, object]]:
    """The Council's period report: places added, inspected and restored in [start, end]."""
    added = queries.public_places().filter(created_at__date__range=(start, end)).count()
    inspections = Inspection.objects.filter(inspected_on__range=(start, end))
    inspected = inspections.values("place").distinct().count()
    restored = 0
    # A place is restored when a good inspection in the period follows a bad one.
    for inspection in inspections.filter(condition=Condition.GOOD).order_by(
        "place", "inspected_on"
    ):
        before = (
            Inspection.objects.filter(place_id=inspection.place_id)
            .filter(
                models.Q(inspected_on__lt=inspection.inspected_on)
                | models.Q(inspected_on=inspection.inspected_on, pk__lt=inspection.pk)
            )
            .order_by("-inspected_on", "-pk")
            .values_list("condition", flat=True)
            .first()
        )
        if before in (Condition.NEEDS_REPAIR, Condition.CRITICAL):
            restored += 1
    return [
        (_("Memorial places added"), added),
        (_("Memorial places inspected"), inspected),
        (_("Memorial places restored"), restored),
    ]
