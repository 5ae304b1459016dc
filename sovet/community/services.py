"""Volunteers and their shifts: signing up (with a guardian's consent for a minor), who may take
a shift, places that never overfill (every change locks the slot's row, then counts), the
waiting list, cancellations and reminders."""

from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from sovet.core.reach import phone_e164
from sovet.core.uploads import check_document

from . import notifications, queries
from .models import (
    ADULT_AGE,
    Availability,
    CommunitySettings,
    ConsentMethod,
    GuardianConsent,
    Language,
    Participation,
    ParticipationStatus,
    Shift,
    Skill,
    Slot,
    Volunteer,
    age_on,
)

MIN_AGE, MAX_AGE = 14, 100
LIVE = (ParticipationStatus.CONFIRMED, ParticipationStatus.WAITING)
# What a signed consent form may be: a PDF or a photo of the paper.
CONSENT_FORM_TYPES = ("pdf", "jpg", "png")


def check_birth_date(birth_date: date) -> None:
    """Between 14 and 100 years old today; a ValidationError says what is wrong."""
    today = timezone.localdate()
    if birth_date > today:
        raise ValidationError(_("The date of birth is in the future."), code="future")
    age = age_on(birth_date, today)
    if age < MIN_AGE:
        raise ValidationError(
            _("Volunteers must be at least %(age)s years old.") % {"age": MIN_AGE},
            code="too_young",
        )
    if age > MAX_AGE:
        raise ValidationError(_("Please check the date of birth."), code="too_old")


def _self_as_guardian(volunteer: Volunteer | None, email: str, phone: str) -> dict:
    """Field errors when a volunteer names themselves as their own guardian: the account's
    e-mail (any case) or their own phone (compared in E.164)."""
    errors = {}
    if volunteer is None:
        return errors
    own_email = (getattr(volunteer.user, "email", "") or "").strip().lower()
    if email and own_email and email == own_email:
        errors["guardian_email"] = ValidationError(
            _("This is your own e-mail: give your parent's or guardian's."), code="own_email"
        )
    if phone and volunteer.phone and phone == _e164_or_blank(volunteer.phone):
        errors["guardian_phone"] = ValidationError(
            _("This is your own phone: give your parent's or guardian's."), code="own_phone"
        )
    return errors


def _e164_or_blank(phone: str) -> str:
    try:
        return phone_e164(phone)
    except ValidationError:
        return ""


def _clean_guardian(guardian: dict | None, volunteer: Volunteer | None = None) -> dict:
    guardian = guardian or {}
    name = (guardian.get("name") or "").strip()
    email = (guardian.get("email") or "").strip().lower()
    phone = phone_e164(guardian.get("phone") or "")
    if not name or not (email or phone):
        raise ValidationError(
            _(
                "You are under 18: give the name of a parent or guardian and their e-mail or "
                "phone, so that they can give their consent."
            ),
            code="guardian_required",
        )
    errors = _self_as_guardian(volunteer, email, phone)
    if errors:
        raise ValidationError(errors)
    return {"guardian_name": name, "guardian_email": email, "guardian_phone": phone}


def _consent_request(volunteer: Volunteer, guardian: dict | None) -> GuardianConsent:
    data = _clean_guardian(guardian, volunteer)
    consent = GuardianConsent.objects.create(
        volunteer=volunteer,
        method=ConsentMethod.LINK if data["guardian_email"] else ConsentMethod.FORM,
        **data,
    )
    if consent.method == ConsentMethod.LINK:
        transaction.on_commit(lambda: notifications.send_later("guardian", consent.pk))
    return consent


def _clean_choices(values, choices) -> list[str]:
    allowed = {value for value, _label in choices}
    return [value for value in dict.fromkeys(values or ()) if value in allowed]


def _already_volunteer(user) -> bool:
    return Volunteer.objects.filter(user=user).exists()


def volunteer_register(
    *,
    user,
    full_name: str,
    birth_date: date,
    region,
    city: str = "",
    phone: str = "",
    languages=(),
    skills=(),
    availability=(),
    organization=None,
    consent: bool,
    guardian: dict | None = None,
) -> Volunteer:
    """Make `user` a volunteer. Under 18, `guardian` ({"name", "email", "phone"}) is required: with
    an e-mail the guardian gets a confirmation link, else the volunteer uploads a signed form."""
    if not consent:
        raise ValidationError(
            _("Signing up needs your consent to the processing of personal data."),
            code="consent",
        )
    check_birth_date(birth_date)
    if _already_volunteer(user):
        raise ValidationError(_("You have already signed up as a volunteer."), code="exists")
    try:
        with transaction.atomic():
            volunteer = Volunteer(
                user=user,
                full_name=" ".join(full_name.split()),
                birth_date=birth_date,
                region=region,
                city=city.strip(),
                phone=phone_e164(phone),
                languages=_clean_choices(languages, Language.choices),
                skills=_clean_choices(skills, Skill.choices),
                availability=_clean_choices(availability, Availability.choices),
                organization=organization,
                language=translation.get_language() or settings.LANGUAGE_CODE,
                consent_at=timezone.now(),
            )
            volunteer.full_clean(exclude=["user"])
            volunteer.save()
            if volunteer.is_minor():
                volunteer.pending_consent = _consent_request(volunteer, guardian)
    except IntegrityError:
        # A second submit of the same form, a moment after the first: the account is one
        # volunteer (the one-to-one refuses the second row).
        if not Volunteer.objects.filter(user=user).exists():
            raise
        raise ValidationError(
            _("You have already signed up as a volunteer."), code="exists"
        ) from None
    return volunteer


CHOICES = {
    "languages": Language.choices,
    "skills": Skill.choices,
    "availability": Availability.choices,
}
PROFILE_FIELDS = (
    "full_name", "region", "city", "phone", "languages", "skills", "availability", "organization",
)  # fmt: skip


def volunteer_update(*, volunteer: Volunteer, guardian: dict | None = None, **fields) -> Volunteer:
    """Edit one's profile (not the date of birth: it decides consents). A minor may name a
    guardian again: a new consent is asked for."""
    for name, value in fields.items():
        if name not in PROFILE_FIELDS:
            raise TypeError(name)
        if name == "phone":
            value = phone_e164(value)
        elif name in CHOICES:
            value = _clean_choices(value, CHOICES[name])
        elif name in ("full_name", "city"):
            value = " ".join(value.split())
        setattr(volunteer, name, value)
    with transaction.atomic():
        volunteer.full_clean(exclude=["user"])
        volunteer.save()
        if guardian and volunteer.is_minor():
            _consent_request(volunteer, guardian)
    return volunteer


def current_consent(volunteer: Volunteer, consents=None) -> GuardianConsent | None:
    """The consent that matters now: a confirmed one still valid, else the latest asked for."""
    consents = list(volunteer.guardian_consents.all()) if consents is None else consents
    today = timezone.localdate()
    valid = [consent for consent in consents if consent.valid_on(today)]
    if valid:
        return max(valid, key=lambda consent: consent.expires_on)
    return consents[0] if consents else None


def guardian_confirm(*, token: str) -> GuardianConsent:
    """The guardian confirms through their link: valid for the configured months. Twice is
    harmless (the first confirmation stays)."""
    with transaction.atomic():
        consent = GuardianConsent.objects.select_for_update().get(token=token)
        if consent.confirmed_at is None:
            consent.confirmed_at = timezone.now()
            consent.expires_on = _months_later(
                timezone.localdate(), CommunitySettings.load().consent_months
            )
            consent.save(update_fields=["confirmed_at", "expires_on"])
    return consent


def _months_later(day: date, months: int) -> date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return day.replace(year=year, month=month, day=min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")


def consent_form_upload(*, volunteer: Volunteer, file, guardian: dict | None = None):
    """The volunteer uploads the signed form (a PDF or a photo); a coordinator checks it. The
    latest consent not yet confirmed takes it, or a new one with the guardian given."""
    if not volunteer.is_minor():
        raise ValidationError(_("You are 18 or older: no consent is needed."), code="adult")
    file = check_document(file, allowed_types=CONSENT_FORM_TYPES)
    with transaction.atomic():
        consent = (
            volunteer.guardian_consents.select_for_update()
            .filter(confirmed_at__isnull=True)
            .order_by("-created_at", "-pk")
            .first()
        )
        if consent is None:
            last = volunteer.guardian_consents.order_by("-created_at", "-pk").first()
            data = (
                _clean_guardian(guardian, volunteer)
                if guardian
                else {
                    "guardian_name": last.guardian_name,
                    "guardian_email": last.guardian_email,
                    "guardian_phone": last.guardian_phone,
                }
                if last
                else _clean_guardian(None)
            )
            consent = GuardianConsent(volunteer=volunteer, **data)
        consent.method = ConsentMethod.FORM
        consent.refused_reason = ""
        consent.form.save(f"consent-{volunteer.pk}.{_extension(file)}", file, save=False)
        consent.save()
    return consent


def _extension(file) -> str:
    name = getattr(file, "name", "") or ""
    return name.rsplit(".", 1)[-1].lower() if "." in name else "pdf"


# -- Shifts ---------------------------------------------------------------------------------------


def check_eligible(volunteer: Volunteer, shift: Shift, slot: Slot | None = None) -> None:
    """Raise a ValidationError (with a code) if this volunteer may not take this shift."""
    if shift.cancelled:
        raise ValidationError(_("This shift is cancelled."), code="cancelled")
    if shift.starts_at <= timezone.now():
        raise ValidationError(_("This shift has already started."), code="past")
    if slot is not None and slot.shift_id != shift.pk:
        raise ValidationError(_("Choose a role of this shift."), code="wrong_slot")
    check_fits(volunteer, shift)


def check_fits(volunteer: Volunteer, shift: Shift) -> None:
    """The volunteer's own side of `check_eligible` (age on the shift's day, adults only, a
    guardian's consent, skills), whatever the shift's state: what a waiting volunteer must still
    meet to be promoted, and what an edit of the shift must keep true for those with a place."""
    day = timezone.localtime(shift.starts_at).date()
    age = volunteer.age(day)
    if age < ADULT_AGE and shift.for_adults_only:
        if shift.is_night:
            message = _(
                "This shift runs at night (22:00–06:00): volunteers under 18 cannot take it."
            )
        else:
            message = _("This shift is for volunteers aged 18 and over.")
        raise ValidationError(message, code="adults_only")
    if age < shift.min_age:
        raise ValidationError(
            _("This shift is for volunteers aged %(age)s and over.") % {"age": shift.min_age},
            code="too_young",
        )
    consents = volunteer.guardian_consents.all() if age < ADULT_AGE else ()
    if age < ADULT_AGE and not any(consent.valid_on(day) for consent in consents):
        raise ValidationError(
            _(
                "You are under 18: a parent's or guardian's consent valid on the day of the "
                "shift is needed. See your volunteer page for what to do."
            ),
            code="no_consent",
        )
    missing = [skill for skill in shift.required_skills if skill not in volunteer.skills]
    if missing:
        labels = ", ".join(str(Skill(skill).label) for skill in missing if skill in Skill.values)
        raise ValidationError(
            ngettext(
                "This shift needs a skill you have not listed: %(skills)s.",
                "This shift needs skills you have not listed: %(skills)s.",
                len(missing),
            )
            % {"skills": labels or ", ".join(missing)},
            code="skills",
        )


def fits(volunteer: Volunteer, shift: Shift) -> bool:
    try:
        check_fits(volunteer, shift)
    except ValidationError:
        return False
    return True


def confirmed_count(slot: Slot) -> int:
    return slot.participations.filter(status=ParticipationStatus.CONFIRMED).count()


def shift_signup(*, slot: Slot, volunteer: Volunteer) -> Participation:
    """Take a place in a slot: confirmed while places last and nobody waits, else on the waiting
    list in order. Signing up twice returns the live participation (`just_created` False). One
    live place per shift: another role of the same shift is refused."""
    with transaction.atomic():
        slot = (
            Slot.objects.select_for_update(of=("self",))
            .select_related("shift__project")
            .get(pk=slot.pk)
        )
        shift = slot.shift
        # The volunteer's row too: two roles of one shift asked for at once are one at a time.
        Volunteer.objects.select_for_update().filter(pk=volunteer.pk).first()
        existing = (
            Participation.objects.filter(volunteer=volunteer, slot__shift=shift, status__in=LIVE)
            .select_related("slot")
            .first()
        )
        if existing is not None:
            if existing.slot_id == slot.pk:
                existing.just_created = False
                return existing
            raise ValidationError(
                _(
                    "You already have a place on this shift as “%(role)s”. Cancel it first to "
                    "take another role."
                )
                % {"role": existing.slot.get_role_display()},
                code="one_role",
            )
        check_eligible(volunteer, shift, slot)
        # Those waiting first, in order, into any place free (a raised capacity, a place nobody
        # took yet): whoever still waits then either has no place or may not take the shift any
        # more, and holds nobody back.
        promote_waiting(slot)
        free = confirmed_count(slot) < slot.capacity
        participation = Participation.objects.create(
            slot=slot,
            volunteer=volunteer,
            status=ParticipationStatus.CONFIRMED if free else ParticipationStatus.WAITING,
        )
        participation.just_created = True
        kind = "confirmed" if free else "waiting"
        transaction.on_commit(lambda: notifications.send_later(kind, participation.pk))
        transaction.on_commit(
            lambda: queries.forget_shift_pages(shift.pk, shift.project.slug, shift.event)
        )
    return participation


def participation_cancel(*, participation: Participation, by=None) -> Participation:
    """Give up a place (the volunteer, or a coordinator: `by`); the next in line gets it."""
    with transaction.atomic():
        slot = (
            Slot.objects.select_for_update(of=("self",))
            .select_related("shift__project")
            .get(pk=participation.slot_id)
        )
        participation.refresh_from_db()
        if participation.status == ParticipationStatus.CANCELLED:
            return participation
        if slot.shift.starts_at <= timezone.now():
            raise ValidationError(
                _("The shift has already started: it cannot be cancelled any more."), code="past"
            )
        participation.status = ParticipationStatus.CANCELLED
        participation.save(update_fields=["status"])
        pk = participation.pk
        transaction.on_commit(lambda: notifications.send_later("cancelled", pk))
        promote_waiting(slot)
        shift = slot.shift
        transaction.on_commit(
            lambda: queries.forget_shift_pages(shift.pk, shift.project.slug, shift.event)
        )
    return participation


def promote_waiting(slot: Slot) -> list[Participation]:
    """Confirm those waiting, in order, while places last (call with the slot's row locked).
    Only for a shift still to come. A volunteer who may no longer take the shift (a consent
    expired, the shift moved or changed) is passed over and stays waiting: they see it on their
    page, and are promoted at a later free place once they fit again (a renewed consent)."""
    shift = slot.shift
    if shift.cancelled or shift.starts_at <= timezone.now():
        return []
    free = slot.capacity - confirmed_count(slot)
    if free <= 0:
        return []
    waiting = (
        slot.participations.filter(status=ParticipationStatus.WAITING)
        .select_related("volunteer")
        .prefetch_related("volunteer__guardian_consents")
        .order_by("created_at", "pk")
    )
    promoted = []
    for participation in waiting:
        if len(promoted) >= free:
            break
        if not fits(participation.volunteer, shift):
            continue
        participation.status = ParticipationStatus.CONFIRMED
        participation.save(update_fields=["status"])
        promoted.append(participation)
        transaction.on_commit(lambda pk=participation.pk: notifications.send_later("promoted", pk))
    return promoted


def shift_snapshot(shift: Shift) -> dict | None:
    """What those with a place care about, taken before an edit (None for a new shift)."""
    if shift.pk is None:
        return None
    return {"starts_at": shift.starts_at, "ends_at": shift.ends_at, "cancelled": shift.cancelled}


def shift_saved(*, shift: Shift, before: dict | None, by=None) -> list[Participation]:
    """After a shift is saved in the admin (`before` is its `shift_snapshot`): places a raised
    capacity freed go to those waiting; a new time resets the reminder and is written to those
    with a place or waiting; a cancellation is written to them. Returns those promoted."""
    promoted = []
    with transaction.atomic():
        shift = Shift.objects.select_related("project", "event").get(pk=shift.pk)
        slots = Slot.objects.select_for_update(of=("self",)).filter(shift=shift).order_by("pk")
        for slot in slots:
            slot.shift = shift
            promoted += promote_waiting(slot)
        if before is not None:
            live = list(
                Participation.objects.filter(slot__shift=shift, status__in=LIVE)
                .exclude(pk__in=[participation.pk for participation in promoted])
                .values_list("pk", flat=True)
            )
            kind = ""
            if shift.cancelled and not before["cancelled"]:
                kind = "shift_cancelled"
            elif shift.starts_at != before["starts_at"] or shift.ends_at != before["ends_at"]:
                kind = "moved" if not shift.cancelled else ""
            if shift.starts_at != before["starts_at"]:
                # A new date deserves a new reminder the day before it.
                Shift.objects.filter(pk=shift.pk).update(reminded_at=None)
            for pk in live if kind else ():
                transaction.on_commit(lambda pk=pk: notifications.send_later(kind, pk))
        transaction.on_commit(
            lambda: queries.forget_shift_pages(shift.pk, shift.project.slug, shift.event)
        )
    return promoted


def send_due_reminders(now=None) -> int:
    """The day before: every confirmed volunteer of each shift starting within the next 24 hours
    gets one reminder, in their language. A shift is claimed (`reminded_at`) before its letters
    are queued, so two workers never send them twice; each letter is its own task, so one mail
    failure loses no other."""
    now = now or timezone.now()
    due = Shift.objects.filter(
        reminded_at__isnull=True,
        cancelled=False,
        starts_at__gt=now,
        starts_at__lte=now + timedelta(hours=24),
    ).values_list("pk", flat=True)
    count = 0
    for pk in list(due):
        if not Shift.objects.filter(pk=pk, reminded_at__isnull=True).update(reminded_at=now):
            continue
        participations = Participation.objects.filter(
            slot__shift_id=pk, status=ParticipationStatus.CONFIRMED
        ).values_list("pk", flat=True)
        for participation in participations:
            notifications.send_later("reminder", participation)
            count += 1
    return count
