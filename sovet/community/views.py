"""The volunteers' public pages (routes of `VolunteersPage`): projects and their shifts, signing
up, taking and giving up a place, a volunteer's own page and calendar, a guardian's consent.

Public pages show counts of places, never who took them; a volunteer's page, the consent pages
and the calendar feed are private (never cached or indexed)."""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sovet.conferences.queries import decision_url
from sovet.core import printing
from sovet.core.lookups import index_page
from sovet.core.pages import page_section, paginate
from sovet.core.public import RateLimit, private, render_page
from sovet.events import queries as events_queries

from . import queries, services
from .calendar import shifts_ics, where
from .forms import ConsentUploadForm, JoinForm, ShiftFilterForm, SignupForm
from .models import (
    GuardianConsent,
    Participation,
    ParticipationStatus,
    Skill,
    Volunteer,
    VolunteersPage,
)
from .notifications import first_name

JOIN_LIMIT = RateLimit(
    "community-join",
    "10/h",
    gettext_lazy("Too many sign-ups from your address. Please try again in an hour."),
)
CONSENT_LIMIT = RateLimit(
    "community-consent-upload",
    "10/h",
    gettext_lazy("Too many uploads from your address. Please try again in an hour."),
)
SIGNUP_LIMIT = RateLimit(
    "community-shift-signup",
    "30/10m",
    gettext_lazy("Too many requests from your address. Please wait a few minutes."),
)


def _volunteer(request) -> Volunteer | None:
    if not request.user.is_authenticated:
        return None
    return (
        Volunteer.objects.select_related("organization", "region").filter(user=request.user).first()
    )


def _safe_next(request, fallback: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback


def index_view(page, request):
    """Projects with shifts still to come, filtered by region, role, skill and date."""
    form = ShiftFilterForm(request.GET or None)
    shifts = paginate(request, queries.upcoming_shifts(**form.filters()), per_page=30)
    query_string = request.GET.copy()
    query_string.pop("page", None)
    context = {
        "form": form,
        "shifts": shifts,
        "projects": queries.projects_with_shifts(shifts),
        "extra_query": query_string.urlencode(),
        "volunteer": _volunteer(request),
    }
    return render_page(page, request, "community/index.html", context)


def project_view(page, request, slug):
    project = queries.published_project(slug)
    if project is None:
        raise Http404
    # Paged like the list: a long project (a season of clean-ups) stays light on a phone.
    shifts = paginate(request, queries.upcoming_shifts(project=project), per_page=30)
    context = {
        "project": project,
        "shifts": shifts,
        "decision_url": decision_url(project.decision, request) if project.decision else "",
    }
    return render_page(page, request, "community/project.html", context)


def join_view(page, request):
    """Sign up as a volunteer: an account first (allauth's sign-up or sign-in, back here)."""
    if not request.user.is_authenticated:
        query = urlencode({"next": request.get_full_path()})
        context = {
            "signup_url": f"{reverse('account_signup')}?{query}",
            "login_url": f"{reverse('account_login')}?{query}",
        }
        return private(render_page(page, request, "community/join_account.html", context))
    if Volunteer.objects.filter(user=request.user).exists():
        return private(redirect(_safe_next(request, f"{page.url}me/")))
    limited = request.method == "POST" and JOIN_LIMIT.exceeded(request)
    form = JoinForm(request.POST or None, account_email=request.user.email)
    status = 200
    if limited:
        status = JOIN_LIMIT.refuse(form)
    elif request.method == "POST" and form.is_valid():
        try:
            volunteer = services.volunteer_register(
                user=request.user,
                guardian=form.guardian() if form.guardian()["name"] else None,
                **form.profile(),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if volunteer.is_minor():
                messages.success(
                    request,
                    _(
                        "Welcome! We have written to your parent or guardian: once they confirm, "
                        "you can take shifts."
                    )
                    if volunteer.pending_consent.guardian_email
                    else _(
                        "Welcome! Upload the form signed by your parent or guardian: once a "
                        "coordinator checks it, you can take shifts."
                    ),
                )
            else:
                messages.success(request, _("Welcome! You can now take shifts."))
            return private(redirect(_safe_next(request, f"{page.url}me/")))
    if request.method == "POST" and status == 200 and form.errors:
        status = 400
    context = {"form": form, "next": _safe_next(request, "")}
    return private(render_page(page, request, "community/join.html", context, status=status))


def me_view(page, request):
    """A volunteer's own page: their shifts, hours, certificates, organization, consent."""
    if not request.user.is_authenticated:
        return private(redirect_to_login(request.get_full_path()))
    volunteer = _volunteer(request)
    if volunteer is None:
        return private(redirect(f"{page.url}join/"))
    data = queries.volunteer_page(volunteer)
    minor = volunteer.is_minor()
    consent = services.current_consent(volunteer, data["consents"]) if minor else None
    context = {
        **data,
        "volunteer": volunteer,
        "is_minor": minor,
        "consent": consent,
        "consent_valid": consent is not None and consent.valid_on(timezone.localdate()),
        "certificate_base": f"{page.url}certificates/",
        "calendar_url": request.build_absolute_uri(
            f"{page.url}calendar/{volunteer.calendar_token}/"
        ),
        "now": timezone.now(),
    }
    return private(render_page(page, request, "community/me.html", context))


def consent_view(page, request):
    """A minor uploads the form their parent or guardian signed; a coordinator checks it."""
    if not request.user.is_authenticated:
        return private(redirect_to_login(request.get_full_path()))
    volunteer = _volunteer(request)
    if volunteer is None:
        return private(redirect(f"{page.url}join/"))
    if not volunteer.is_minor():
        return private(redirect(f"{page.url}me/"))
    # Counted before the form is bound: a refused upload costs nothing (its file unread).
    limited = request.method == "POST" and CONSENT_LIMIT.exceeded(request)
    form = ConsentUploadForm(request.POST or None, request.FILES or None)
    status = 200
    if limited:
        status = CONSENT_LIMIT.refuse(form)
    elif request.method == "POST":
        if form.is_valid():
            try:
                services.consent_form_upload(volunteer=volunteer, file=form.cleaned_data["form"])
            except ValidationError as error:
                form.add_error("form", error)
            else:
                messages.success(
                    request, _("Thank you: a coordinator will check the form and confirm it.")
                )
                return private(redirect(f"{page.url}me/"))
        status = 400
    consents = list(volunteer.guardian_consents.all())
    context = {
        "form": form,
        "volunteer": volunteer,
        "consent": services.current_consent(volunteer, consents),
    }
    return private(render_page(page, request, "community/consent.html", context, status=status))


def consent_form_view(page, request):
    """The consent form to print for a minor's parent or guardian, with the volunteer's name
    filled in (a PDF on the Council's letterhead): signed, it is uploaded on me/consent/."""
    if not request.user.is_authenticated:
        return private(redirect_to_login(request.get_full_path()))
    volunteer = _volunteer(request)
    if volunteer is None:
        return private(redirect(f"{page.url}join/"))
    if not volunteer.is_minor():
        return private(redirect(f"{page.url}me/"))
    consent = services.current_consent(volunteer, list(volunteer.guardian_consents.all()))
    html = render_to_string(
        "community/consent_form_print.html",
        {"volunteer": volunteer, "consent": consent},
        request=request,
    )
    response = printing.pdf_response(
        request, html, filename="consent.pdf", title=_("Parent's or guardian's consent")
    )
    return private(response)


def calendar_view(page, request, token):
    """The volunteer's own confirmed shifts, for their calendar app (the secret address)."""
    volunteer = Volunteer.objects.filter(calendar_token=token).first()
    if volunteer is None or not token:
        raise Http404
    body = shifts_ics(
        queries.calendar_participations(volunteer),
        name=_("My volunteer shifts"),
        url_for=lambda shift: request.build_absolute_uri(f"{page.url}shifts/{shift.pk}/"),
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    return private(response)


def guardian_view(page, request, token):
    """What a parent or guardian confirms; a GET never confirms (mail scanners follow links)."""
    consent = GuardianConsent.objects.select_related("volunteer").filter(token=token).first()
    if consent is None:
        raise Http404
    if request.method == "POST":
        services.guardian_confirm(token=token)  # the page it returns to says so
        return private(redirect(f"{page.url}guardian/{token}/"))
    if request.method != "GET":
        return HttpResponseNotAllowed(["GET", "POST"])
    context = {
        "consent": consent,
        "first_name": first_name(consent.volunteer),
        "confirmed": consent.confirmed_at is not None,
        # Withdrawn: confirmed once, then ended early with a reason (coordination's service).
        "withdrawn": consent.confirmed_at is not None and bool(consent.refused_reason),
    }
    return private(render_page(page, request, "community/guardian.html", context))


def shift_view(page, request, pk):
    """A shift: when, where, who may take it, the places left by role; a volunteer takes one."""
    shift = queries.shift_page(pk)
    if shift is None:
        raise Http404
    slots = list(shift.slots.all())
    path = f"{page.url}shifts/{shift.pk}/"
    status = 200
    form = None
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect_to_login(path)
        limited = SIGNUP_LIMIT.exceeded(request)
        volunteer = _volunteer(request)
        if volunteer is None:
            return redirect(f"{page.url}join/?{urlencode({'next': path})}")
        form = SignupForm(request.POST, slots=slots)
        if limited:
            status = SIGNUP_LIMIT.refuse(form)
        elif form.is_valid():
            slot = next(slot for slot in slots if slot.pk == form.cleaned_data["slot"])
            try:
                participation = services.shift_signup(slot=slot, volunteer=volunteer)
            except ValidationError as error:
                form.add_error(None, error)
                status = 400
            else:
                if participation.status == ParticipationStatus.CONFIRMED:
                    messages.success(request, _("Your place is confirmed. See you there!"))
                else:
                    messages.info(
                        request,
                        _(
                            "All places are taken: you are on the waiting list. We will write "
                            "to you as soon as a place is free."
                        ),
                    )
                return redirect(path)
        else:
            status = 400
    volunteer = _volunteer(request)
    mine, refusal = None, ""
    if volunteer is not None:
        mine = (
            Participation.objects.filter(
                volunteer=volunteer, slot__shift=shift, status__in=queries.LIVE
            )
            .select_related("slot")
            .first()
        )
        if mine is None:
            try:
                services.check_eligible(volunteer, shift)
            except ValidationError as error:
                refusal = " ".join(error.messages)
        if form is None:
            form = SignupForm(slots=slots)
    now = timezone.now()
    event_url = ""
    if shift.event is not None and shift.event.published and shift.event.approved:
        calendar = events_queries.calendar_page()
        event_url = calendar.event_url(shift.event, request) if calendar else ""
    context = {
        "shift": shift,
        "skills": [Skill(skill).label for skill in shift.required_skills if skill in Skill.values],
        "event_url": event_url,
        "slots": slots,
        "where": where(shift),
        "form": form,
        "volunteer": volunteer,
        "mine": mine,
        "refusal": refusal,
        "is_open": not shift.cancelled and shift.starts_at > now,
        "login_url": f"{reverse(settings.LOGIN_URL)}?{urlencode({'next': path})}",
        "join_url": f"{page.url}join/?{urlencode({'next': path})}",
    }
    response = render_page(page, request, "community/shift.html", context, status=status)
    return private(response) if volunteer is not None else response


def cancel_view(page, request, pk):
    """The volunteer gives up their own place on this shift (a POST)."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if not request.user.is_authenticated:
        return redirect_to_login(f"{page.url}shifts/{pk}/")
    volunteer = _volunteer(request)
    participation = (
        Participation.objects.filter(
            volunteer=volunteer, slot__shift_id=pk, status__in=queries.LIVE
        ).first()
        if volunteer
        else None
    )
    if participation is None:
        raise Http404
    try:
        services.participation_cancel(participation=participation, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Your place is cancelled. Thank you for telling us."))
    return private(redirect(_safe_next(request, f"{page.url}shifts/{pk}/")))


def decision_page_section(request, decision):
    """A decision's accountability page: the volunteer projects that served it and their shifts
    (None without any, or without the volunteers' page)."""
    page = index_page(VolunteersPage)
    projects = queries.serving(decision) if page else []
    if not projects:
        return None
    return page_section(
        request,
        _("Volunteers who served this decision"),
        "community/decision_section.html",
        {"projects": projects, "page": page},
    )


def place_page_section(request, place):
    """A memorial place's page: the shifts planned there and how many were held (None without
    any, or without the volunteers' page)."""
    page = index_page(VolunteersPage)
    if page is None:
        return None
    planned, held = queries.shifts_at_place(place)
    if not planned and not held:
        return None
    return page_section(
        request,
        _("Volunteers at this place"),
        "community/place_section.html",
        {"planned": planned, "held": held, "page": page},
    )
