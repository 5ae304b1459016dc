"""E-mails about visitors' reports: to the caretaking organization's editors and the
moderators when a report arrives, and to the reporter when it is received and on each change of
its status, in the language they wrote in.

Services enqueue `tasks.notify_staff(report_id)` and `tasks.notify_reporter(report_id, kind)`;
the tasks call `staff_email` and `reporter_email` here.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage, get_connection
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from sovet.accounts.roles import Role
from sovet.core.lookups import index_page
from sovet.memory.queries import moderator_emails
from sovet.organizations.models import OrganizationEditor

from .models import PlaceReport, PlacesIndexPage


def status_url(report: PlaceReport) -> str:
    """The absolute address of the reporter's private page, in their language."""
    page = index_page(PlacesIndexPage, report.language)
    if page is None:
        return settings.SITE_URL
    return settings.SITE_URL + page.report_status_path(report)


def osm_url(latitude, longitude) -> str:
    return (
        f"https://www.openstreetmap.org/?mlat={latitude}&mlon={longitude}"
        f"#map=18/{latitude}/{longitude}"
    )


def staff_emails(report: PlaceReport) -> list[str]:
    """The active editors of the place's caretaker, and the memory moderators (the Council's
    address when there are none)."""

    emails = []
    if report.place is not None and report.place.caretaker_id:
        emails = list(
            get_user_model()
            .objects.filter(
                is_active=True,
                groups__name=str(Role.ORGANIZATION_EDITOR),
                pk__in=OrganizationEditor.objects.filter(
                    organization_id=report.place.caretaker_id
                ).values("user_id"),
            )
            .exclude(email="")
            .order_by("email")
            .values_list("email", flat=True)
            .distinct()
        )
    return list(dict.fromkeys(emails + moderator_emails()))


def staff_email(report: PlaceReport) -> None:
    """One letter to each of the staff: they do not see each other's addresses."""
    with translation.override(settings.LANGUAGE_CODE):
        place = report.place
        about = place.name_ru if place is not None else _("a place that is not in the list")
        lines = [
            _("A visitor reported a problem with a memorial place: %(place)s.") % {"place": about},
            "",
            _("What it is about: %(kind)s") % {"kind": report.get_kind_display()},
            _("What they saw:"),
            report.description,
        ]
        if report.latitude is not None:
            lines += [_("Where:"), osm_url(report.latitude, report.longitude)]
        if report.image:
            lines.append(_("A photo is attached to the report."))
        if report.phone_only:
            lines += [
                "",
                _("Phone only: call the reporter back (the number is on the report's page)."),
            ]
        lines += [
            "",
            _("The report:"),
            settings.SITE_URL + reverse("places_report", args=[report.pk]),
        ]
        subject = _("Report about the memorial place “%(place)s”") % {"place": about}
        body = "\n".join(lines) + "\n"
        connection = get_connection()
        for address in staff_emails(report):
            EmailMessage(
                subject=subject,
                body=body,
                from_email=settings.DEFAULT_FROM_EMAIL,
                to=[address],
                connection=connection,
            ).send()


def reporter_email(report: PlaceReport, kind: str) -> None:
    """The reporter's letter: the report is "received", or its new "status" and the staff's
    note. Nothing for a reporter who gave only a phone."""
    if not report.reporter_email:
        return
    with translation.override(report.language or settings.LANGUAGE_CODE):
        received = kind == "received"
        place = report.place
        context = {
            "report": report,
            "received": received,
            "place_name": place.name if place is not None else "",
            "status": report.get_status_display(),
            "status_url": status_url(report),
        }
        if received:
            subject = _("Your report about a memorial place has been received")
        else:
            subject = _("Your report about a memorial place: %(status)s") % {
                "status": report.get_status_display()
            }
        EmailMessage(
            subject=subject,
            body=render_to_string("places/report_email.txt", context),
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[report.reporter_email],
        ).send()
