"""Issuing and revoking certificates: the hours and titles are frozen, refusals say what to do,
both are logged."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from wagtail.models import ModelLogEntry

from sovet.community.certificates import services
from sovet.community.models import (
    Attendance,
    CertificateKind,
    CommunitySettings,
    Participation,
    ParticipationStatus,
)
from sovet.organizations.tests.factories import make_organization

from .factories import (
    make_coordinator,
    make_project,
    make_shift,
    make_volunteer,
    make_youth_coordinator,
)

pytestmark = pytest.mark.django_db


def credit(volunteer, shift, hours=None) -> Participation:
    """A confirmed participation the coordinator marked as attended."""
    return Participation.objects.create(
        slot=shift.slots.first(),
        volunteer=volunteer,
        status=ParticipationStatus.CONFIRMED,
        attendance=Attendance.CAME,
        hours=shift.hours if hours is None else hours,
    )


@pytest.fixture
def signer(db):
    settings = CommunitySettings.load()
    settings.signer_name = "Иванов Иван Иванович"
    settings.signer_title = "Председатель молодёжного совета"
    settings.save()
    return settings


@pytest.fixture
def world(signer):
    organization = make_organization()
    coordinator = make_coordinator(organization=organization)
    project = make_project(
        organization,
        title_ru="Субботники у мест памяти",
        title_ky="Эстелик жайларындагы ишембиликтер",
        title_en="Clean-ups at memorial places",
    )
    volunteer = make_volunteer()
    shift = make_shift(project, days=-10, length=3)
    credit(volunteer, shift)
    return {"project": project, "volunteer": volunteer, "shift": shift, "coordinator": coordinator}


def test_a_project_certificate_freezes_hours_titles_holder_and_signer(world):
    youth = make_youth_coordinator()
    certificate = services.certificate_issue(
        volunteer=world["volunteer"],
        kind=CertificateKind.PROJECT,
        project=world["project"],
        language="ky",
        by=youth,
    )
    assert certificate.hours == Decimal("3")
    assert certificate.projects == ["Эстелик жайларындагы ишембиликтер"]
    assert certificate.holder_name == "Петрова Анна Сергеевна"
    assert certificate.signer_name == "Иванов Иван Иванович"
    assert certificate.issued_by == youth
    assert certificate.valid
    # Hours confirmed later, or a title changed, do not alter the certificate issued.
    credit(world["volunteer"], make_shift(world["project"], days=-3, length=5))
    world["project"].title_ky = "Башка аталыш"
    world["project"].save()
    certificate.refresh_from_db()
    assert certificate.hours == Decimal("3")
    assert certificate.projects == ["Эстелик жайларындагы ишембиликтер"]
    assert ModelLogEntry.objects.filter(
        object_id=str(certificate.pk), action=services.ISSUED
    ).exists()


def test_a_year_certificate_lists_the_years_projects_in_its_language(world):
    other = make_project(title_ru="Бессмертный полк", title_en="Immortal Regiment")
    credit(world["volunteer"], make_shift(other, days=-5, length=2))
    year = (timezone.localdate() - timedelta(days=10)).year
    five_days_ago = (timezone.localdate() - timedelta(days=5)).year
    certificate = services.certificate_issue(
        volunteer=world["volunteer"],
        kind=CertificateKind.YEAR,
        year=year,
        language="en",
        signer_name="Сидоров С. С.",
        signer_title="Secretary",
        by=make_youth_coordinator(),
    )
    assert certificate.signer_name == "Сидоров С. С."
    if five_days_ago == year:
        assert certificate.hours == Decimal("5")
        assert sorted(certificate.projects) == ["Clean-ups at memorial places", "Immortal Regiment"]


def test_refusals_are_translated_sentences(world):
    youth = make_youth_coordinator()
    idle = make_volunteer("idle@example.org", full_name="Иванов Пётр")
    with pytest.raises(ValidationError) as zero:
        services.certificate_issue(
            volunteer=idle, kind=CertificateKind.YEAR, year=timezone.localdate().year,
            language="ru", by=youth,
        )  # fmt: skip
    assert zero.value.code == "no_hours"
    with pytest.raises(ValidationError) as no_project_hours:
        services.certificate_issue(
            volunteer=idle, kind=CertificateKind.PROJECT, project=world["project"],
            language="ru", by=youth,
        )  # fmt: skip
    assert no_project_hours.value.code == "no_hours"
    with pytest.raises(ValidationError) as future:
        services.certificate_issue(
            volunteer=world["volunteer"], kind=CertificateKind.YEAR,
            year=timezone.localdate().year + 1, language="ru", by=youth,
        )  # fmt: skip
    assert future.value.code == "future_year"


def test_without_a_signer_the_refusal_says_where_to_set_one(world, signer):
    signer.signer_name = ""
    signer.save()
    with pytest.raises(ValidationError) as refused:
        services.certificate_issue(
            volunteer=world["volunteer"], kind=CertificateKind.PROJECT,
            project=world["project"], language="ru", by=make_youth_coordinator(),
        )  # fmt: skip
    assert refused.value.code == "no_signer"
    assert "Настройки → Волонтёры и инициативы" in refused.value.messages[0]


def test_who_may_issue(world):
    volunteer, project = world["volunteer"], world["project"]
    # The project's coordinator: its certificates, not a year's.
    services.certificate_issue(
        volunteer=volunteer, kind=CertificateKind.PROJECT, project=project, language="ru",
        by=world["coordinator"],
    )  # fmt: skip
    with pytest.raises(PermissionDenied):
        services.certificate_issue(
            volunteer=volunteer, kind=CertificateKind.YEAR, year=timezone.localdate().year,
            language="ru", by=world["coordinator"],
        )  # fmt: skip
    with pytest.raises(PermissionDenied):
        services.certificate_issue(
            volunteer=volunteer, kind=CertificateKind.PROJECT, project=project, language="ru",
            by=make_coordinator("other@example.org"),
        )  # fmt: skip
    with pytest.raises(PermissionDenied):
        services.certificate_issue(
            volunteer=volunteer, kind=CertificateKind.PROJECT, project=project, language="ru",
            by=volunteer.user,
        )  # fmt: skip


def test_revoking_needs_a_reason_and_is_idempotent(world):
    youth = make_youth_coordinator()
    certificate = services.certificate_issue(
        volunteer=world["volunteer"], kind=CertificateKind.PROJECT, project=world["project"],
        language="ru", by=youth,
    )  # fmt: skip
    with pytest.raises(ValidationError) as no_reason:
        services.certificate_revoke(certificate=certificate, reason="  ", by=youth)
    assert no_reason.value.code == "no_reason"
    certificate.refresh_from_db()
    assert certificate.valid
    revoked = services.certificate_revoke(
        certificate=certificate, reason="Ошибка в часах", by=youth
    )
    assert not revoked.valid and revoked.revoked_reason == "Ошибка в часах"
    again = services.certificate_revoke(certificate=certificate, reason="Другое", by=youth)
    assert again.revoked_at == revoked.revoked_at and again.revoked_reason == "Ошибка в часах"
    assert (
        ModelLogEntry.objects.filter(object_id=str(certificate.pk), action=services.REVOKED).count()
        == 1
    )
    with pytest.raises(PermissionDenied):
        services.certificate_revoke(
            certificate=certificate, reason="x", by=make_coordinator("other@example.org")
        )
