"""Visitors' reports about published cards: the public form, the service behind it, the e-mail to
the moderators, and what moderators do with a report (close it, or hide the card and close it)."""

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_tasks import task

from sovet.accounts.roles import Role
from sovet.core.public import RateLimit, render_page

from . import services
from .models import CardReport, CardStatus, ModerationAction, ReportReason, WarParticipant

# Each report e-mails every moderator: a flood from one address must not flood their inboxes.
REPORT_LIMIT = RateLimit(
    "memory-report",
    "5/h",
    gettext_lazy("Too many reports from your address. Please try again in an hour."),
)


class ReportForm(forms.Form):
    reason = forms.ChoiceField(
        label=gettext_lazy("What is wrong?"), choices=ReportReason.choices, widget=forms.RadioSelect
    )
    message = forms.CharField(
        label=gettext_lazy("Details"),
        help_text=gettext_lazy("What exactly is wrong, and how do you know? Links help."),
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    email = forms.EmailField(
        label=gettext_lazy("Your e-mail (optional)"),
        help_text=gettext_lazy("Only the moderators see it, to answer you. It is never published."),
        required=False,
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("reason") == ReportReason.OTHER and not cleaned.get("message", "").strip():
            self.add_error("message", _("Please tell us what is wrong with the card."))
        return cleaned


def report_view(page, request, pk):
    """/<lang>/memory/<pk>/report/: the form, and after it (?sent=1) the thanks."""
    card = WarParticipant.objects.filter(pk=pk, status=CardStatus.PUBLISHED).first()
    if card is None:
        raise Http404
    here = page.person_path(card, "report")
    limited = request.method == "POST" and REPORT_LIMIT.exceeded(request)
    form = ReportForm(request.POST or None)
    status = 200
    if limited:
        status = REPORT_LIMIT.refuse(form)
    elif request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        report_card(card, data["reason"], data["message"], data["email"])
        return redirect(here + "?sent=1")
    context = {
        "card": card,
        "form": form,
        "sent": request.method == "GET" and request.GET.get("sent") == "1",
        "card_path": page.person_path(card),
        "action": here,
    }
    return render_page(page, request, "memory/report.html", context, status=status)


def report_card(
    card: WarParticipant, reason: str, message: str = "", email: str = ""
) -> CardReport:
    """Record a visitor's report; the card goes back into the moderators' queue (the queue lists
    open reports) and the moderators are e-mailed once the report is saved."""
    if card.status != CardStatus.PUBLISHED:
        raise ValidationError(_("Only published cards can be reported."), code="not_published")
    if reason not in ReportReason.values:
        raise ValidationError(_("Choose what is wrong with the card."), code="reason")
    with transaction.atomic():
        report = CardReport.objects.create(
            participant=card, reason=reason, message=message.strip(), email=email.strip()
        )
        transaction.on_commit(lambda: send_report_email.enqueue(report.pk))
    return report


def moderator_emails() -> list[str]:
    """Active memory moderators; the Council's address when there are none."""
    emails = (
        get_user_model()
        .objects.filter(is_active=True, groups__name=str(Role.MEMORY_MODERATOR))
        .exclude(email="")
        .order_by("email")
        .values_list("email", flat=True)
        .distinct()
    )
    return list(emails) or [settings.COUNCIL_EMAIL]


def admin_card_url(card: WarParticipant, user=None) -> str:
    """The card's page in the staff admin, or "" while no admin edits cards."""
    from wagtail.admin.admin_url_finder import AdminURLFinder

    return AdminURLFinder(user).get_edit_url(card) or ""


def report_email(report: CardReport) -> None:
    card = report.participant
    with translation.override(settings.LANGUAGE_CODE):
        report_url = settings.SITE_URL + reverse("memory_report", args=[report.pk])
        card_url = admin_card_url(card)
        lines = [
            _("A visitor reported a card in the memory archive: %(card)s (no. %(pk)s).")
            % {"card": card.full_name, "pk": card.pk},
            "",
            _("What is wrong: %(reason)s") % {"reason": report.get_reason_display()},
        ]
        if report.message:
            lines += [_("Details:"), report.message]
        lines += ["", _("The report:"), report_url]
        if card_url:
            lines += [_("The card:"), settings.SITE_URL + card_url]
        EmailMessage(
            subject=_("Report about the card “%(card)s”") % {"card": card.full_name},
            body="\n".join(lines) + "\n",
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=moderator_emails(),
        ).send()


@task()
def send_report_email(report_id: int) -> bool:
    report = CardReport.objects.select_related("participant").filter(pk=report_id).first()
    if report is None:
        return False
    report_email(report)
    return True


def _open_report(report: CardReport) -> CardReport:
    """The report's row, locked; refused when another moderator closed it meanwhile."""
    report = CardReport.objects.select_for_update().select_related("participant").get(pk=report.pk)
    if report.resolved_at is not None:
        raise ValidationError(_("This report is already closed."), code="closed")
    return report


def _close(report: CardReport, user) -> None:
    report.resolved_at = timezone.now()
    report.resolved_by = user
    report.save(update_fields=["resolved_at", "resolved_by"])
    services.log_action(
        user,
        ModerationAction.RESOLVE_REPORT,
        participant=report.participant,
        note=f"{report.get_reason_display()} (№{report.pk})",
    )


def report_close(report: CardReport, user) -> CardReport:
    """The card is fine, or was corrected: the report leaves the queue."""
    with transaction.atomic():
        report = _open_report(report)
        _close(report, user)
    return report


def report_hide_card(report: CardReport, user) -> CardReport:
    """Take the card off the site (status HIDDEN) and close the report."""
    with transaction.atomic():
        report = _open_report(report)
        card = WarParticipant.objects.select_for_update().get(pk=report.participant_id)
        if card.status == CardStatus.MERGED:
            raise ValidationError(
                _("The card has been merged into another card: look at that card instead."),
                code="merged",
            )
        if card.status != CardStatus.HIDDEN:
            card.status = CardStatus.HIDDEN
            services.participant_save(card)
            services.log_action(
                user, ModerationAction.HIDE_CARD, participant=card, note=f"№{report.pk}"
            )
        report.participant = card
        _close(report, user)
    return report
