"""Certificates of volunteer hours: issued frozen (the hours, the projects' titles in the
certificate's language, the holder and the signer as they were that day), revoked with a reason.
Both are logged; hours changed later never alter a certificate already issued."""

from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext, pgettext
from wagtail.log_actions import log

from .. import rules
from ..coordination.queries import hours_of, projects_of
from ..models import Certificate, CertificateKind, CommunitySettings

ISSUED, REVOKED = "community.certificate_issue", "community.certificate_revoke"


@dataclass(frozen=True)
class Statement:
    """What a certificate will state: its hours and the projects' titles as printed."""

    hours: Decimal
    projects: list[str]


def certificate_statement(*, volunteer, kind, project=None, year=None, language) -> Statement:
    """The hours and projects a certificate issued now would state; ValidationError (a
    translated sentence) when none could be issued."""
    if kind == CertificateKind.PROJECT:
        if project is None:
            raise ValidationError(pgettext("certificate", "Choose the project."), code="no_project")
        hours = hours_of(volunteer, project=project)
        if not hours:
            raise ValidationError(
                gettext(
                    "%(name)s has no credited hours on this project: confirm their attendance "
                    "first."
                )
                % {"name": volunteer.full_name},
                code="no_hours",
            )
        projects = [project]
    elif kind == CertificateKind.YEAR:
        if year is None:
            raise ValidationError(pgettext("certificate", "Choose the year."), code="no_year")
        if year > timezone.localdate().year:
            raise ValidationError(
                gettext("A certificate cannot be issued for a year that has not come yet."),
                code="future_year",
            )
        hours = hours_of(volunteer, year=year)
        if not hours:
            raise ValidationError(
                gettext("%(name)s has no credited hours in %(year)s.")
                % {"name": volunteer.full_name, "year": year},
                code="no_hours",
            )
        projects = list(projects_of(volunteer, year=year))
    else:
        raise ValidationError(gettext("Choose the kind of certificate."), code="kind")
    with translation.override(language):
        titles = [str(each.title) for each in projects]
    return Statement(hours=hours, projects=titles)


def _signer(signer_name, signer_title) -> tuple[str, str]:
    if not (signer_name and signer_title):
        defaults = CommunitySettings.load()
        signer_name = (signer_name or defaults.signer_name).strip()
        signer_title = (signer_title or defaults.signer_title).strip()
    if not (signer_name and signer_title):
        raise ValidationError(
            gettext(
                "Nobody is set to sign certificates: an administrator fills in the signer's "
                "name and position in Settings → Volunteers and initiatives."
            ),
            code="no_signer",
        )
    return signer_name, signer_title


def certificate_issue(
    *,
    volunteer,
    kind,
    project=None,
    year=None,
    language,
    signer_name=None,
    signer_title=None,
    by,
) -> Certificate:
    """A certificate of ``volunteer``'s credited hours on ``project`` or in ``year``, in
    ``language``, signed by the given signer or the one set in CommunitySettings; by a user who
    may issue it (PermissionDenied otherwise)."""
    if kind == CertificateKind.YEAR:
        project = None
    elif kind == CertificateKind.PROJECT:
        year = None
    if not rules.can_issue_certificate(by, project=project):
        raise PermissionDenied
    if language not in dict(settings.LANGUAGES):
        raise ValidationError(gettext("Choose the certificate's language."), code="language")
    signer_name, signer_title = _signer(signer_name, signer_title)
    with transaction.atomic():
        statement = certificate_statement(
            volunteer=volunteer, kind=kind, project=project, year=year, language=language
        )
        certificate = Certificate.objects.create(
            volunteer=volunteer,
            kind=kind,
            project=project,
            year=year,
            hours=statement.hours,
            projects=statement.projects,
            holder_name=volunteer.full_name,
            language=language,
            signer_name=signer_name,
            signer_title=signer_title,
            issued_by=by,
        )
        log(
            instance=certificate,
            action=ISSUED,
            user=by,
            data={"code": certificate.code, "hours": str(statement.hours)},
        )
    return certificate


def certificate_revoke(*, certificate: Certificate, reason: str, by) -> Certificate:
    """Revoke ``certificate`` (its verification page then says so); the reason is required and
    stays private. Revoking a revoked certificate changes nothing."""
    if not rules.can_revoke_certificate(by, certificate):
        raise PermissionDenied
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(gettext("Say why the certificate is revoked."), code="no_reason")
    with transaction.atomic():
        certificate = Certificate.objects.select_for_update().get(pk=certificate.pk)
        if certificate.revoked_at is not None:
            return certificate
        certificate.revoked_at = timezone.now()
        certificate.revoked_reason = reason[:300]
        certificate.save(update_fields=["revoked_at", "revoked_reason"])
        log(
            instance=certificate,
            action=REVOKED,
            user=by,
            data={"reason": certificate.revoked_reason},
        )
    return certificate
