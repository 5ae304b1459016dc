"""The coordinators' writes: attendance after a shift, hours corrected with a reason, hours given
outside shifts (logged, approved or rejected), guardians' signed forms checked, a guardian's
consent withdrawn.

Services do not check permissions (the views and admin screens do, with rules.py); they check
what must hold whoever asks, and refuse with a translated ValidationError naming the field.
"""

from datetime import timedelta
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from .. import services as community_services
from ..models import (
    Attendance,
    CommunitySettings,
    ConsentMethod,
    GuardianConsent,
    HoursEntry,
    HoursStatus,
    Participation,
    ParticipationStatus,
)
from . import notifications

MAX_HOURS = Decimal("24")
MIN_LOGGED_HOURS = Decimal("0.25")


def _hours(value, *, minimum: Decimal, field: str = "hours") -> Decimal:
    try:
        hours = Decimal(str(value))
    except (InvalidOperation, ValueError, TypeError):
        raise ValidationError({field: _("Enter the hours as a number.")}) from None
    if not hours.is_finite() or hours < minimum or hours > MAX_HOURS:
        raise ValidationError(
            {field: _("Hours must be between %(low)s and %(high)s.") % {
                "low": minimum.normalize(), "high": MAX_HOURS.normalize()}}
        )  # fmt: skip
    return hours.quantize(Decimal("0.01"))


def _locked(participation) -> Participation:
    return (
        Participation.objects.select_for_update()
        .select_related("slot__shift")
        .get(pk=participation.pk)
    )


def attendance_confirm(*, participation, came: bool, by) -> Participation:
    """After the shift started: the volunteer came (credited the shift's length) or not (none)."""
    with transaction.atomic():
        participation = _locked(participation)
        shift = participation.slot.shift
        if participation.status != ParticipationStatus.CONFIRMED:
            raise ValidationError(_("Only a confirmed place can be marked."))
        if shift.starts_at > timezone.now():
            raise ValidationError(_("Attendance is confirmed once the shift has started."))
        participation.attendance = Attendance.CAME if came else Attendance.ABSENT
        participation.hours = shift.hours if came else None
        participation.hours_reason = ""
        participation.confirmed_by = by
        participation.confirmed_at = timezone.now()
        participation.save(
            update_fields=["attendance", "hours", "hours_reason", "confirmed_by", "confirmed_at"]
        )
        log(
            instance=participation,
            action="community.attendance",
            user=by,
            data={"attendance": participation.attendance},
        )
    return participation


def hours_correct(*, participation, hours, reason: str, by) -> Participation:
    """Other hours than the shift's length, for a volunteer who came, with the reason why."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the hours are corrected.")})
    hours = _hours(hours, minimum=Decimal("0"))
    with transaction.atomic():
        participation = _locked(participation)
        if participation.attendance != Attendance.CAME:
            raise ValidationError(_("Hours are corrected only for a volunteer who came."))
        before = participation.hours
        participation.hours = hours
        participation.hours_reason = reason[:300]
        participation.confirmed_by = by
        participation.confirmed_at = timezone.now()
        participation.save(update_fields=["hours", "hours_reason", "confirmed_by", "confirmed_at"])
        log(
            instance=participation,
            action="community.hours_correct",
            user=by,
            data={"from": str(before), "to": str(hours), "reason": participation.hours_reason},
        )
    return participation


def hours_log(
    *, volunteer, organization, project=None, day, hours, description: str, by, approve=False
) -> HoursEntry:
    """Hours given outside shifts, waiting for approval; a coordinator logging them for a
    volunteer (``approve=True``, their rule checked by the caller) approves them at once."""
    hours = _hours(hours, minimum=MIN_LOGGED_HOURS)
    if day > timezone.localdate():
        raise ValidationError({"day": _("The date cannot be in the future.")})
    description = (description or "").strip()
    if not description:
        raise ValidationError({"description": _("Say what was done.")})
    if project is not None and project.organization_id != organization.pk:
        raise ValidationError({"project": _("The project belongs to another organization.")})
    entry = HoursEntry(
        volunteer=volunteer,
        organization=organization,
        project=project,
        day=day,
        hours=hours,
        description=description[:500],
    )
    if approve:
        entry.status = HoursStatus.APPROVED
        entry.decided_by = by
        entry.decided_at = timezone.now()
    entry.save()
    log(instance=entry, action="community.hours_log", user=by)
    return entry


def hours_decide(*, entry, approve: bool, reason: str = "", by) -> HoursEntry:
    """Approve the hours (they count from now on) or reject them, with a reason."""
    reason = (reason or "").strip()
    if not approve and not reason:
        raise ValidationError({"reason": _("Say why the hours are rejected.")})
    with transaction.atomic():
        entry = HoursEntry.objects.select_for_update().get(pk=entry.pk)
        if entry.status != HoursStatus.PENDING:
            raise ValidationError(_("These hours have already been decided."))
        entry.status = HoursStatus.APPROVED if approve else HoursStatus.REJECTED
        entry.reason = reason[:300]
        entry.decided_by = by
        entry.decided_at = timezone.now()
        entry.save(update_fields=["status", "reason", "decided_by", "decided_at"])
        log(instance=entry, action=f"community.hours_{entry.status}", user=by)
    return entry


def consent_form_decide(*, consent, accept: bool, reason: str = "", by) -> GuardianConsent:
    """A signed form checked: valid for the months the settings say, or refused with a reason."""
    reason = (reason or "").strip()
    if not accept and not reason:
        raise ValidationError({"reason": _("Say why the form is refused.")})
    with transaction.atomic():
        consent = GuardianConsent.objects.select_for_update().get(pk=consent.pk)
        if consent.method != ConsentMethod.FORM or not consent.form:
            raise ValidationError(_("This consent has no signed form to check."))
        if consent.confirmed_at is not None or consent.refused_reason:
            raise ValidationError(_("This form has already been checked."))
        consent.checked_by = by
        if accept:
            today = timezone.localdate()
            consent.confirmed_at = timezone.now()
            consent.expires_on = _add_months(today, CommunitySettings.load().consent_months)
        else:
            consent.refused_reason = reason[:300]
        consent.save(update_fields=["checked_by", "confirmed_at", "expires_on", "refused_reason"])
        log(
            instance=consent,
            action="community.consent_accept" if accept else "community.consent_refuse",
            user=by,
        )
        transaction.on_commit(lambda: notifications.consent_decided(consent.pk))
    return consent


def consent_withdraw(*, consent, reason: str, by) -> GuardianConsent:
    """A guardian withdraws their consent (they told a coordinator): it stops being valid today
    (the row stays, with the reason: valid until yesterday), the minor's places on shifts still
    to come that no other valid consent covers are cancelled (each with its letter, the next in
    line promoted), and the volunteer gets a letter in their language."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the consent is withdrawn.")})
    today = timezone.localdate()
    with transaction.atomic():
        consent = (
            GuardianConsent.objects.select_for_update()
            .select_related("volunteer")
            .get(pk=consent.pk)
        )
        if not consent.valid_on(today):
            raise ValidationError(_("This consent is not valid now: there is nothing to withdraw."))
        consent.expires_on = today - timedelta(days=1)
        consent.refused_reason = reason[:300]
        consent.checked_by = by
        consent.save(update_fields=["expires_on", "refused_reason", "checked_by"])
        log(instance=consent, action="community.consent_withdraw", user=by,
            data={"reason": consent.refused_reason})  # fmt: skip
        others = list(consent.volunteer.guardian_consents.exclude(pk=consent.pk))
        live = (
            Participation.objects.filter(
                volunteer=consent.volunteer,
                status__in=(ParticipationStatus.CONFIRMED, ParticipationStatus.WAITING),
                slot__shift__starts_at__gt=timezone.now(),
            )
            .select_related("slot__shift")
            .order_by("slot__shift__starts_at", "pk")
        )
        for participation in live:
            day = timezone.localtime(participation.slot.shift.starts_at).date()
            if consent.volunteer.is_minor(day) and not any(o.valid_on(day) for o in others):
                community_services.participation_cancel(participation=participation, by=by)
        transaction.on_commit(lambda: notifications.consent_withdrawn(consent.pk))
    return consent


def _add_months(day, months: int):
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return day.replace(year=year, month=month, day=min(day.day, last))
        except ValueError:
            continue
    return day + timedelta(days=30 * months)  # pragma: no cover
