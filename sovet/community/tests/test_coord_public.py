"""Coordination on the public side: a volunteer's hours outside shifts, the period report's
figures, a memorial place's clean-ups and an event's volunteer shifts."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from wagtail.models import Locale, Page, Site

from sovet.core.i18n_checks import untranslated_texts
from sovet.core.testing import make_user, page_text
from sovet.events.models import Event, EventIndexPage
from sovet.memory.models import MemoryIndexPage
from sovet.organizations.tests.factories import OrganizationFactory
from sovet.places.models import PlacesIndexPage

from ..coordination import queries, services
from ..models import (
    Attendance,
    HoursEntry,
    HoursStatus,
    Participation,
    ParticipationStatus,
    SlotRole,
    VolunteersPage,
)
from .factories import make_coordinator, make_project, make_shift, make_volunteer


def _came(shift, volunteer, hours=None):
    participation = Participation.objects.create(
        slot=shift.slots.first(), volunteer=volunteer, status=ParticipationStatus.CONFIRMED
    )
    Participation.objects.filter(pk=participation.pk).update(
        attendance=Attendance.CAME, hours=hours if hours is not None else shift.hours
    )
    return participation


# A volunteer's hours outside shifts


def test_hours_page_sends_visitors_to_sign_in_and_members_to_join(client, volunteers_page):
    response = client.get("/ru/volunteers/me/hours/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert "next=" in response["Location"]
    client.force_login(make_user("someone@example.org"))
    response = client.get("/ru/volunteers/me/hours/")
    assert response.status_code == 302 and response["Location"].endswith("/ru/volunteers/join/")


def test_a_volunteer_logs_hours_and_sees_them_waiting(client, volunteers_page):
    volunteer = make_volunteer()
    organization = OrganizationFactory(name_ru="Организация А")
    client.force_login(volunteer.user)
    page_text(client.get("/ru/volunteers/me/hours/"), "Организация А")
    data = {
        "organization": organization.pk,
        "day": timezone.localdate().isoformat(),
        "hours": "2.5",
        "description": "Перевод брошюры",
    }
    future = {**data, "day": (timezone.localdate() + timedelta(days=2)).isoformat()}
    response = client.post("/ru/volunteers/me/hours/", future)
    page_text(response, "Перевод брошюры", status=400)  # nothing typed is lost
    response = client.post("/ru/volunteers/me/hours/", {**data, "hours": "30"})
    page_text(response, "Перевод брошюры", status=400)
    assert not HoursEntry.objects.exists()
    response = client.post("/ru/volunteers/me/hours/", data)
    assert response.status_code == 302
    entry = HoursEntry.objects.get()
    assert entry.status == HoursStatus.PENDING and entry.hours == Decimal("2.5")
    response = client.get("/ru/volunteers/me/hours/")
    page_text(response, "Перевод брошюры")
    assert "no-store" in response["Cache-Control"]


# Services


def test_services_refuse_what_must_not_hold(db):
    volunteer = make_volunteer()
    shift = make_shift(days=2)
    participation = Participation.objects.create(
        slot=shift.slots.get(), volunteer=volunteer, status=ParticipationStatus.CONFIRMED
    )
    coordinator = make_coordinator(organization=shift.project.organization)
    with pytest.raises(ValidationError):  # before the shift
        services.attendance_confirm(participation=participation, came=True, by=coordinator)
    with pytest.raises(ValidationError):  # did not come: nothing to correct
        services.hours_correct(participation=participation, hours=2, reason="x", by=coordinator)
    with pytest.raises(ValidationError):
        services.hours_log(volunteer=volunteer, organization=shift.project.organization,
                           day=timezone.localdate(), hours="0.1", description="x",
                           by=volunteer.user)  # fmt: skip
    entry = services.hours_log(
        volunteer=volunteer, organization=shift.project.organization, day=timezone.localdate(),
        hours="3", description="Архив", by=coordinator, approve=True,
    )  # fmt: skip
    assert entry.status == HoursStatus.APPROVED
    with pytest.raises(ValidationError):  # decided already
        services.hours_decide(entry=entry, approve=False, reason="нет", by=coordinator)


# The period report


def test_period_figures_count_volunteers_hours_by_organization_and_shifts(db):
    a = OrganizationFactory(name_ru="Орг А")
    b = OrganizationFactory(name_ru="Орг Б")
    anna, petr = make_volunteer("anna@example.org"), make_volunteer("petr@example.org")
    held = make_shift(make_project(a, title_ru="Субботники"), days=-3, length=4)
    _came(held, anna)
    _came(held, petr, hours=Decimal("2.5"))
    make_shift(make_project(a), days=-2)  # nobody came: not held
    make_shift(make_project(b), days=5)  # planned
    HoursEntry.objects.create(
        volunteer=anna,
        organization=b,
        day=timezone.localdate(),
        hours=Decimal("3"),
        description="x",
        status=HoursStatus.APPROVED,
    )
    HoursEntry.objects.create(
        volunteer=petr,
        organization=b,
        day=timezone.localdate(),
        hours=Decimal("5"),
        description="x",
    )  # pending: not counted
    today = timezone.localdate()
    with translation.override("en"):
        figures = dict(queries.period_figures(today - timedelta(days=30), today))
    assert figures["Volunteers who gave hours"] == 2
    assert figures["Volunteer hours given"] == 9.5
    assert figures["Volunteer shifts held"] == 1
    assert figures["Volunteer hours: Орг А"] == 6.5
    assert figures["Volunteer hours: Орг Б"] == 3
    # By project: the shift's hours only (the approved 3 hours were logged to no project).
    assert figures["Volunteer hours, project: Субботники"] == 6.5
    assert not any(label.startswith("Volunteer hours, project: Субботники у") for label in figures)
    assert queries.hours_by_organization(today - timedelta(days=30), today)[0][0] == "Орг А"
    with translation.override("en"):
        earlier = dict(
            queries.period_figures(today - timedelta(days=300), today - timedelta(days=99))
        )
    assert earlier["Volunteer hours given"] == 0 and earlier["Volunteer shifts held"] == 0


# Other apps' pages


@pytest.fixture
def site(db):
    """Home, the places, the calendar and the volunteers page, in Russian."""
    Page.objects.filter(depth=2).delete()
    ru = Locale.objects.get(language_code="ru")
    home = Page.get_first_root_node().add_child(
        instance=Page(title="Главная", slug="home", locale=ru)
    )
    Site.objects.update_or_create(
        is_default_site=True, defaults={"hostname": "localhost", "root_page": home}
    )
    memory = home.add_child(instance=MemoryIndexPage(title="Память", slug="memory"))
    memory.add_child(instance=PlacesIndexPage(title="Места памяти", slug="places"))
    home.add_child(instance=EventIndexPage(title="События", slug="events"))
    home.add_child(instance=VolunteersPage(title="Волонтёры", slug="volunteers"))
    return home


def test_an_event_shows_its_shifts_with_places_left_in_constant_queries(client, site):
    start = timezone.now() + timedelta(days=7)
    event = Event.objects.create(title_ru="Бессмертный полк", starts_at=start,
                                 ends_at=start + timedelta(hours=3))  # fmt: skip
    project = make_project(title_ru="Распорядители полка")
    shift = make_shift(project, days=7, event=event, slots={SlotRole.STEWARD: 2,
                                                            SlotRole.FIRST_AID: 1})  # fmt: skip
    Participation.objects.create(slot=shift.slots.first(), volunteer=make_volunteer(),
                                 status=ParticipationStatus.CONFIRMED)  # fmt: skip
    text = page_text(client.get(f"/ru/events/{event.pk}/"), "Распорядители полка")
    assert f"/ru/volunteers/shifts/{shift.pk}/" in text
    with CaptureQueriesContext(connection) as few:
        queries.event_shifts(event)
    for n in range(3):
        make_shift(project, days=7, event=event, hour=12 + n)
    with CaptureQueriesContext(connection) as more:
        rows = queries.event_shifts(event)
    assert len(more) == len(few) == 1
    assert rows[0].places_left == 2


def test_a_volunteer_sees_only_their_own_hours(client, volunteers_page):
    mine, other = make_volunteer(), make_volunteer("other@example.org", full_name="Другой Иван")
    organization = OrganizationFactory()
    for volunteer, text in ((mine, "Мой архив"), (other, "Чужой архив")):
        HoursEntry.objects.create(volunteer=volunteer, organization=organization, hours=1,
                                  day=timezone.localdate(), description=text)  # fmt: skip
    client.force_login(mine.user)
    text = page_text(client.get("/ru/volunteers/me/hours/"), "Мой архив")
    assert "Чужой архив" not in text


@pytest.mark.parametrize("language", ["ru", "ky", "en"])
def test_the_hours_page_is_translated(client, volunteers_page, language):
    volunteer = make_volunteer()
    HoursEntry.objects.create(volunteer=volunteer, organization=OrganizationFactory(), hours=1,
                              day=timezone.localdate(), description="x")  # fmt: skip
    client.force_login(volunteer.user)
    html = page_text(client.get(f"/{language}/volunteers/me/hours/"), "<form")
    assert not untranslated_texts(html, language)
