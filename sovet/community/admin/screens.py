"""The coordinators' screens that are not registries: a shift's attendance, the hours outside
shifts waiting for a decision, guardians' signed forms to check, the volunteers list.

Each screen answers 403 to whoever coordinates nothing (core.admin.only_for), and 404 for an
object outside the user's reach, as for one that does not exist.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import DecimalField, OuterRef, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from sovet.core.admin import only_for
from sovet.core.pages import paginate
from sovet.core.private_files import PrivateFileView, private_file_url

from .. import rules
from ..coordination import queries, services
from ..coordination.forms import CorrectionForm, DecisionForm, StaffHoursForm
from ..models import (
    ConsentMethod,
    GuardianConsent,
    HoursEntry,
    HoursStatus,
    Participation,
    ParticipationStatus,
    Project,
    Shift,
)
from .registries import coordinated_shifts, organizations_for

PAGE_SIZE = 50


def _errors(error: ValidationError) -> str:
    return " ".join(error.messages)


# A shift's attendance


def _shift(user, pk) -> Shift:
    shift = (
        coordinated_shifts(user, Shift.objects.select_related("project__organization"))
        .filter(pk=pk)
        .first()
    )
    if shift is None:
        raise Http404
    return shift


def _participation(shift, participation_pk) -> Participation:
    found = Participation.objects.filter(
        pk=participation_pk, slot__shift=shift, status=ParticipationStatus.CONFIRMED
    ).first()
    if found is None:
        raise Http404
    return found


def _attendance_page(request, shift, bound=None, status=200):
    participations = list(
        Participation.objects.filter(slot__shift=shift, status=ParticipationStatus.CONFIRMED)
        .select_related("volunteer__user", "slot")
        .order_by("volunteer__full_name", "pk")
    )
    for participation in participations:
        if bound and bound[0] == participation.pk:
            participation.form = bound[1]
        else:
            participation.form = CorrectionForm(
                initial={"hours": participation.hours if participation.hours is not None
                         else shift.hours},
                prefix=f"p{participation.pk}",
            )  # fmt: skip
    context = {
        "title": _("Attendance"),
        "shift": shift,
        "participations": participations,
        "started": shift.starts_at <= timezone.now(),
        "waiting": sum(1 for p in participations if not p.attendance),
    }
    return render(request, "community/admin/attendance.html", context, status=status)


@only_for(rules.coordinates)
def attendance_view(request, pk):
    return _attendance_page(request, _shift(request.user, pk))


@only_for(rules.coordinates)
@require_POST
def attendance_mark_view(request, pk, participation_pk):
    shift = _shift(request.user, pk)
    participation = _participation(shift, participation_pk)
    came = request.POST.get("came") == "1"
    try:
        services.attendance_confirm(participation=participation, came=came, by=request.user)
    except ValidationError as error:
        messages.error(request, _errors(error))
    else:
        messages.success(
            request,
            _("%(name)s: came.") % {"name": participation.volunteer.full_name}
            if came
            else _("%(name)s: did not come.") % {"name": participation.volunteer.full_name},
        )
    return redirect("community_attendance", pk=shift.pk)


@only_for(rules.coordinates)
@require_POST
def attendance_correct_view(request, pk, participation_pk):
    shift = _shift(request.user, pk)
    participation = _participation(shift, participation_pk)
    form = CorrectionForm(request.POST, prefix=f"p{participation.pk}")
    if form.is_valid():
        try:
            services.hours_correct(participation=participation, by=request.user,
                                   **form.cleaned_data)  # fmt: skip
        except ValidationError as error:
            for name, errors in error.update_error_dict({}).items():
                form.add_error(name if name in form.fields else None, errors)
        else:
            messages.success(request, _("The hours are corrected."))
            return redirect("community_attendance", pk=shift.pk)
    messages.error(request, _("The hours were not corrected: see the form below."))
    return _attendance_page(request, shift, bound=(participation.pk, form), status=400)


# Hours outside shifts


def _pending(user):
    return rules.hours_to_decide(user, HoursEntry.objects.filter(status=HoursStatus.PENDING))


def _staff_hours_form(request, data=None):
    user = request.user
    return StaffHoursForm(
        data,
        volunteers=rules.visible_volunteers(user),
        organizations=organizations_for(user),
        projects=rules.coordinated_projects(user, Project.objects.order_by("title_ru")),
        prefix="log",
    )


@only_for(rules.coordinates)
def hours_queue_view(request, log_form=None, status=200):
    entries = paginate(
        request,
        _pending(request.user)
        .select_related("volunteer", "organization", "project")
        .order_by("created_at", "pk"),
        PAGE_SIZE,
    )
    for entry in entries:
        entry.form = DecisionForm(prefix=f"h{entry.pk}")
    context = {
        "title": _("Hours outside shifts"),
        "entries": entries,
        "items": entries,
        "log_form": log_form or _staff_hours_form(request),
    }
    return render(request, "community/admin/hours.html", context, status=status)


@only_for(rules.coordinates)
@require_POST
def hours_log_view(request):
    """A coordinator logs hours for a volunteer: approved at once (they decide for the
    organizations the form offers them)."""
    form = _staff_hours_form(request, request.POST)
    if form.is_valid():
        try:
            services.hours_log(by=request.user, approve=True, **form.cleaned_data)
        except ValidationError as error:
            for name, errors in error.update_error_dict({}).items():
                form.add_error(name if name in form.fields else None, errors)
        else:
            messages.success(request, _("The hours are logged and approved."))
            return redirect("community_hours")
    messages.error(request, _("The hours were not logged: see the form below."))
    return hours_queue_view(request, log_form=form, status=400)


@only_for(rules.coordinates)
@require_POST
def hours_decide_view(request, pk):
    entry = _pending(request.user).filter(pk=pk).first()
    if entry is None:
        raise Http404
    form = DecisionForm(request.POST, prefix=f"h{entry.pk}")
    form.is_valid()
    approve = request.POST.get("approve") == "1"
    try:
        services.hours_decide(entry=entry, approve=approve, by=request.user,
                              reason=form.cleaned_data.get("reason", ""))  # fmt: skip
    except ValidationError as error:
        messages.error(request, _errors(error))
    else:
        messages.success(request, _("The hours are approved.") if approve
                         else _("The hours are rejected."))  # fmt: skip
    return redirect("community_hours")


# Guardians' signed forms


def forms_waiting():
    return GuardianConsent.objects.filter(
        method=ConsentMethod.FORM, confirmed_at__isnull=True, refused_reason=""
    ).exclude(form="")


@only_for(rules.can_check_consents)
def consents_view(request):
    consents = paginate(
        request, forms_waiting().select_related("volunteer").order_by("created_at", "pk"),
        PAGE_SIZE,
    )  # fmt: skip
    for consent in consents:
        consent.file_url = private_file_url("community_consent_file", consent.form)
        consent.decision = DecisionForm(prefix=f"c{consent.pk}")
    context = {"title": _("Guardians' consents to check"), "consents": consents,
               "items": consents}  # fmt: skip
    return render(request, "community/admin/consents.html", context)


@only_for(rules.can_check_consents)
@require_POST
def consent_decide_view(request, pk):
    consent = forms_waiting().filter(pk=pk).first()
    if consent is None:
        raise Http404
    form = DecisionForm(request.POST, prefix=f"c{consent.pk}")
    form.is_valid()
    accept = request.POST.get("accept") == "1"
    try:
        services.consent_form_decide(consent=consent, accept=accept, by=request.user,
                                     reason=form.cleaned_data.get("reason", ""))  # fmt: skip
    except ValidationError as error:
        messages.error(request, _errors(error))
    else:
        messages.success(request, _("The consent is accepted.") if accept
                         else _("The consent is refused."))  # fmt: skip
    return redirect("community_consents")


def consents_in_force():
    """Guardians' consents confirmed and valid today: those a coordinator may withdraw."""
    return GuardianConsent.objects.filter(
        confirmed_at__isnull=False, expires_on__gte=timezone.localdate()
    )


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Why is the consent withdrawn?"), max_length=300, required=True
    )


@only_for(rules.can_check_consents)
def consents_confirmed_view(request):
    """The confirmed consents, each with a form to withdraw it (the guardian asked)."""
    consents = paginate(
        request,
        consents_in_force().select_related("volunteer").order_by("volunteer__full_name", "pk"),
        PAGE_SIZE,
    )
    for consent in consents:
        consent.withdraw_form = WithdrawForm(prefix=f"w{consent.pk}")
    context = {"title": _("Confirmed guardians' consents"), "consents": consents,
               "items": consents}  # fmt: skip
    return render(request, "community/admin/consents_confirmed.html", context)


@only_for(rules.can_check_consents)
@require_POST
def consent_withdraw_view(request, pk):
    consent = consents_in_force().select_related("volunteer").filter(pk=pk).first()
    if consent is None:
        raise Http404
    form = WithdrawForm(request.POST, prefix=f"w{consent.pk}")
    if not form.is_valid():
        messages.error(request, _("Say why the consent is withdrawn."))
        return redirect("community_consents_confirmed")
    try:
        services.consent_withdraw(consent=consent, reason=form.cleaned_data["reason"],
                                  by=request.user)  # fmt: skip
    except ValidationError as error:
        messages.error(request, _errors(error))
    else:
        messages.success(
            request,
            _("The consent for %(name)s is withdrawn; their places ahead are cancelled.")
            % {"name": consent.volunteer.full_name},
        )
    return redirect("community_consents_confirmed")


class ConsentFileView(PrivateFileView):
    """A guardian's signed form, to those who check consents; a 404 to anyone else."""

    model = GuardianConsent
    fields = ("form",)

    def allowed(self, user, consent) -> bool:
        return rules.can_check_consents(user)


# Volunteers


def _hours_this_year(year: int):
    credited = (
        queries.credited_participations()
        .filter(volunteer=OuterRef("pk"), slot__shift__starts_at__year=year)
        .values("volunteer")
        .annotate(total=Sum("hours"))
        .values("total")
    )
    outside = (
        queries.approved_hours()
        .filter(volunteer=OuterRef("pk"), day__year=year)
        .values("volunteer")
        .annotate(total=Sum("hours"))
        .values("total")
    )
    zero = Value(0, output_field=DecimalField(max_digits=7, decimal_places=2))
    return Coalesce(Subquery(credited), zero) + Coalesce(Subquery(outside), zero)


@only_for(rules.coordinates)
def volunteers_view(request):
    today = timezone.localdate()
    volunteers = paginate(
        request,
        rules.visible_volunteers(request.user)
        .select_related("region", "organization")
        .annotate(hours_year=_hours_this_year(today.year))
        .order_by("full_name", "pk"),
        PAGE_SIZE,
    )
    for volunteer in volunteers:
        volunteer.age_now = volunteer.age(today)
        volunteer.minor = volunteer.is_minor(today)
    context = {"title": _("Volunteers"), "volunteers": volunteers, "items": volunteers,
               "year": today.year}  # fmt: skip
    return render(request, "community/admin/volunteers.html", context)
