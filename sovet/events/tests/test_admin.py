"""The staff admin for events: editors keep their organizations' events, the Council approves;
edits tell registrants; the registrants page checks people in and exports them."""

import csv
import io
from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from django.utils.translation import gettext
from openpyxl import load_workbook
from wagtail.models import ModelLogEntry

from sovet.accounts.roles import Role
from sovet.core.testing import assert_role_matrix, opens, page_text
from sovet.events import rules
from sovet.events.models import Event, EventSettings, Registration
from sovet.events.notifications import SUBJECTS
from sovet.events.wagtail_hooks import WAITS_FOR_APPROVAL
from sovet.organizations.tests.factories import (
    editors_of_two_organizations,
)

from .factories import EventFactory
from .test_registration import register

SECRETARY, ADMINISTRATOR = str(Role.COUNCIL_SECRETARY), str(Role.ADMINISTRATOR)
MANAGERS = {SECRETARY, ADMINISTRATOR}
EDITOR_A, EDITOR_B = "editor of A", "editor of B"
LIST = "/admin/events_event/"
ADD = "/admin/events_event/new/"


def edit_url(event):
    return f"/admin/events_event/edit/{event.pk}/"


def registrants_url(event):
    return f"/admin/events/{event.pk}/registrants/"


@pytest.fixture
def world(users):
    a, b = editors_of_two_organizations(users, (EDITOR_A, EDITOR_B))
    return users, a, b, EventFactory(title_ru="Вечер памяти", organizations=[a])


def local(moment):
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M")


def form_data(event=None, **changes):
    """Every field of the event form, as a browser posts it."""
    start = event.starts_at if event else timezone.now() + timedelta(days=10)
    end = event.ends_at if event else start + timedelta(hours=2)
    data = {
        "title_ru": event.title_ru if event else "Новое мероприятие", "title_ky": "",
        "title_en": "", "description_ru": "", "description_ky": "", "description_en": "",
        "starts_at": local(start), "ends_at": local(end), "status": "scheduled",
        "status_note": "", "series": "", "edition": "", "decision": "", "audience": "everyone",
        "image": "", "published": "on", "venue": "", "address": "", "city": "Бишкек",
        "region": "", "latitude": "", "longitude": "", "online_url": "",
        "registration": event.registration if event else "off",
        "capacity": "" if not event or event.capacity is None else event.capacity,
        "registration_closes_at": "", "attendance": "", "press_links": "",
    }  # fmt: skip
    if event:
        data["organizations"] = [o.pk for o in event.organizations.all()]
    data.update(changes)
    return data


def subject(kind, event):
    with translation.override("ru"):
        return str(SUBJECTS[kind]) % {"event": event.title}


@pytest.mark.django_db
def test_events_rules_matrix(world):
    users, _a, _b, event = world
    assert_role_matrix(
        users,
        {
            "manage events": (rules.can_manage_events, MANAGERS),
            "add an event": (rules.can_add_event, MANAGERS | {EDITOR_A, EDITOR_B}),
            "edit A's event": (lambda u: rules.can_edit_event(u, event), MANAGERS | {EDITOR_A}),
            "see A's registrants": (
                lambda u: rules.can_see_registrants(u, event),
                MANAGERS | {EDITOR_A},
            ),
            "approve events": (rules.can_approve_events, MANAGERS),
            "A's event is editable": (
                lambda u: (
                    rules.editable_events(u, Event.objects.all()).filter(pk=event.pk).exists()
                ),
                MANAGERS | {EDITOR_A},
            ),
        },
    )


@pytest.mark.django_db
def test_admin_role_matrix(world, client):
    users, _a, _b, event = world
    editors = {EDITOR_A, EDITOR_B, str(Role.ORGANIZATION_EDITOR)}
    assert_role_matrix(
        users,
        {
            "events list": (lambda u: opens(client, u, LIST), MANAGERS | editors),
            "add an event": (lambda u: opens(client, u, ADD), MANAGERS | {EDITOR_A, EDITOR_B}),
            "edit A's event": (lambda u: opens(client, u, edit_url(event)), MANAGERS | {EDITOR_A}),
            "A's event history": (
                lambda u: opens(client, u, f"/admin/events_event/history/{event.pk}/"),
                MANAGERS | {EDITOR_A},
            ),
            "registrants of A's event": (
                lambda u: opens(client, u, registrants_url(event)),
                MANAGERS | {EDITOR_A},
            ),
            "series": (lambda u: opens(client, u, "/admin/events_series/"), MANAGERS),
            "tags": (lambda u: opens(client, u, "/admin/events_tag/new/"), MANAGERS),
            "campaigns": (lambda u: opens(client, u, "/admin/events_campaign/"), MANAGERS),
            "campaign editions": (lambda u: opens(client, u, "/admin/events_edition/"), MANAGERS),
            "approve": (lambda u: opens(client, u, f"/admin/events/{event.pk}/approve/"), MANAGERS),
        },
    )


@pytest.mark.django_db
def test_editor_lists_only_their_events_with_a_registrants_link(world, client):
    users, _a, b, event = world
    other = EventFactory(title_ru="Чужой концерт")
    other.organizations.set([b])
    client.force_login(users[EDITOR_A])
    page = page_text(client.get(LIST), "Вечер памяти")
    assert "Вечер памяти" in page and "Чужой концерт" not in page
    assert registrants_url(event) in page and registrants_url(other) not in page


@pytest.mark.django_db
def test_another_organizations_editor_cannot_change_or_delete_the_event(world, client):
    users, _a, _b, event = world
    client.force_login(users[EDITOR_B])
    client.post(edit_url(event), form_data(event, title_ru="Захвачено"))
    client.post(f"/admin/events_event/delete/{event.pk}/")
    event.refresh_from_db()
    assert event.title_ru == "Вечер памяти"
    for url in (f"/admin/events_event/usage/{event.pk}/", registrants_url(event) + "?format=csv"):
        response = client.get(url)
        assert response.status_code == 302 and b"@" not in response.content


@pytest.mark.django_db
def test_editor_adds_an_event_for_their_organization_only(world, client):
    users, a, b, _event = world
    client.force_login(users[EDITOR_A])
    form = client.get(ADD).context["form"]
    assert list(form.fields["organizations"].queryset) == [a]
    assert "approved" not in form.fields
    response = client.post(ADD, form_data(title_ru="Чужими руками", organizations=[b.pk]))
    assert response.status_code == 200 and "organizations" in response.context["form"].errors
    assert not Event.objects.filter(title_ru="Чужими руками").exists()
    response = client.post(ADD, form_data(title_ru="Своё", organizations=[a.pk]))
    assert response.status_code == 302
    assert list(Event.objects.get(title_ru="Своё").organizations.all()) == [a]


@pytest.mark.django_db
def test_editing_keeps_co_organizers_the_editor_does_not_edit(world, client):
    users, a, b, event = world
    event.organizations.add(b)
    client.force_login(users[EDITOR_A])
    response = client.post(edit_url(event), form_data(event, organizations=[a.pk], city="Ош"))
    assert response.status_code == 302
    assert set(event.organizations.all()) == {a, b}


@pytest.mark.django_db
def test_with_approval_required_an_editors_event_waits_for_the_secretary(world, client):
    users, a, _b, _event = world
    settings = EventSettings.load()
    settings.require_approval = True
    settings.save()
    client.force_login(users[EDITOR_A])
    response = client.post(
        ADD, form_data(title_ru="Ждёт одобрения", organizations=[a.pk], approved="on"), follow=True
    )
    event = Event.objects.get(title_ru="Ждёт одобрения")
    assert not event.approved  # "approved" in the POST is ignored for an editor
    with translation.override("ru"):
        waits = gettext(WAITS_FOR_APPROVAL) % {"event": event}
    assert any(str(message).startswith(waits) for message in response.context["messages"])
    # The editor's later edit cannot approve it either.
    client.post(edit_url(event), form_data(event, approved="on", city="Ош"))
    event.refresh_from_db()
    assert event.city == "Ош" and not event.approved

    client.force_login(users[SECRETARY])
    queue = client.get(LIST + "?approved=false").content.decode()
    assert "Ждёт одобрения" in queue and "Вечер памяти" not in queue
    assert f"/admin/events/{event.pk}/approve/" in queue
    response = client.post(f"/admin/events/{event.pk}/approve/")
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.approved
    assert ModelLogEntry.objects.filter(object_id=str(event.pk), action="events.approve").exists()


@pytest.mark.django_db
def test_edits_of_an_approved_event_keep_the_approval(world, client):
    users, _a, _b, event = world
    settings = EventSettings.load()
    settings.require_approval = True
    settings.save()
    client.force_login(users[EDITOR_A])
    assert client.post(edit_url(event), form_data(event, city="Каракол")).status_code == 302
    event.refresh_from_db()
    assert event.city == "Каракол" and event.approved


@pytest.mark.django_db
def test_editor_cannot_approve(world, client):
    users, _a, _b, event = world
    Event.objects.filter(pk=event.pk).update(approved=False)
    client.force_login(users[EDITOR_A])
    client.post(f"/admin/events/{event.pk}/approve/")
    event.refresh_from_db()
    assert not event.approved


@pytest.mark.django_db
def test_capacity_below_seats_taken_is_refused_and_the_typing_kept(world, client):
    users, _a, _b, event = world
    register(event, "x@example.org", seats=2)
    client.force_login(users[EDITOR_A])
    response = client.post(edit_url(event), form_data(event, capacity=1, title_ru="Новое имя"))
    assert response.status_code == 200
    form = response.context["form"]
    assert "capacity" in form.errors and form["title_ru"].value() == "Новое имя"
    event.refresh_from_db()
    assert (event.capacity, event.title_ru) == (3, "Вечер памяти")


@pytest.mark.django_db
def test_registration_cannot_open_on_a_past_event(world, client):
    users, a, _b, _event = world
    past = EventFactory(
        registration="off",
        starts_at=timezone.now() - timedelta(days=2),
        ends_at=timezone.now() - timedelta(days=2) + timedelta(hours=2),
    )
    past.organizations.set([a])
    client.force_login(users[EDITOR_A])
    response = client.post(edit_url(past), form_data(past, registration="open", venue="Дом дружбы"))
    assert response.status_code == 200
    form = response.context["form"]
    assert "registration" in form.errors and form["venue"].value() == "Дом дружбы"
    past.refresh_from_db()
    assert past.registration == "off"


@pytest.mark.django_db
def test_new_date_and_cancellation_are_sent_to_registrants(
    world, client, django_capture_on_commit_callbacks
):
    users, _a, _b, event = world
    register(event, "x@example.org")
    register(event, "y@example.org")
    mail.outbox.clear()
    client.force_login(users[EDITOR_A])
    later = event.starts_at + timedelta(days=1)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            edit_url(event),
            form_data(event, starts_at=local(later), ends_at=local(later + timedelta(hours=2))),
        )
    assert response.status_code == 302
    assert sorted(m.to[0] for m in mail.outbox) == ["x@example.org", "y@example.org"]
    assert {m.subject for m in mail.outbox} == {subject("changed", event)}
    mail.outbox.clear()
    event.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(edit_url(event), form_data(event, status="cancelled", status_note="Карантин"))
    event.refresh_from_db()
    assert event.status == "cancelled"
    assert len(mail.outbox) == 2
    assert {m.subject for m in mail.outbox} == {subject("cancelled", event)}


@pytest.mark.django_db
def test_an_event_with_registrants_is_cancelled_not_deleted(world, client):
    users, _a, _b, event = world
    register(event, "x@example.org")
    client.force_login(users[SECRETARY])
    response = client.post(f"/admin/events_event/delete/{event.pk}/")
    assert response.status_code == 302 and Event.objects.filter(pk=event.pk).exists()
    empty = EventFactory()
    client.post(f"/admin/events_event/delete/{empty.pk}/")
    assert not Event.objects.filter(pk=empty.pk).exists()


@pytest.mark.django_db
def test_check_in_and_undo(world, client):
    users, _a, _b, event = world
    registration = register(event, "x@example.org")
    client.force_login(users[EDITOR_A])
    page = client.get(registrants_url(event)).content.decode()
    assert "x@example.org" in page and 'name="csrfmiddlewaretoken"' in page
    client.post(registrants_url(event), {"registration": registration.pk, "arrived": "1"})
    registration.refresh_from_db()
    assert registration.checked_in_at is not None
    assert client.get(registrants_url(event)).context["attendance"] == 1
    client.post(registrants_url(event), {"registration": registration.pk})
    registration.refresh_from_db()
    assert registration.checked_in_at is None


@pytest.mark.django_db
def test_erased_registrations_show_no_personal_data(world, client):
    users, _a, _b, event = world
    registration = register(event, "x@example.org")
    Registration.objects.filter(pk=registration.pk).update(
        name="Анна Секретная", phone="+996 555 000", erased_at=timezone.now()
    )
    client.force_login(users[EDITOR_A])
    page = page_text(client.get(registrants_url(event)), "Вечер памяти")
    assert "Анна Секретная" not in page and "+996 555 000" not in page


def read_export(response, export_format):
    if export_format == "csv":
        return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    sheet = load_workbook(io.BytesIO(response.content)).active
    return [[cell.value for cell in row] for row in sheet.iter_rows()]


@pytest.mark.django_db
@pytest.mark.parametrize("export_format", ["csv", "xlsx"])
def test_exports_list_the_registrants(world, client, export_format):
    users, _a, _b, event = world
    services_register = register(event, "x@example.org", seats=2)
    Registration.objects.filter(pk=services_register.pk).update(
        name='=HYPERLINK("http://evil")', phone="+996 555 123"
    )
    client.force_login(users[EDITOR_A])
    response = client.get(registrants_url(event) + f"?format={export_format}")
    assert response.status_code == 200
    assert f'filename="registrants-{event.pk}.{export_format}"' in response["Content-Disposition"]
    header, row = read_export(response, export_format)
    assert len(header) == 7 and row[1] == "x@example.org" and int(row[3]) == 2
    if export_format == "csv":
        assert row[0] == '\'=HYPERLINK("http://evil")' and row[2] == "'+996 555 123"
    else:
        # Stored as text, not as a formula.
        sheet = load_workbook(io.BytesIO(response.content)).active
        assert sheet["A2"].value == '=HYPERLINK("http://evil")' and sheet["A2"].data_type == "s"

    client.force_login(users[EDITOR_B])
    response = client.get(registrants_url(event) + f"?format={export_format}")
    assert response.status_code == 302 and b"x@example.org" not in response.content


@pytest.mark.django_db
def test_invitation_link_is_shown_for_invitation_events(world, client):
    from wagtail.models import Site

    from sovet.events.models import EventIndexPage

    users, _a, _b, event = world
    root = Site.objects.get(is_default_site=True).root_page
    root.add_child(instance=EventIndexPage(title="Мероприятия", slug="events"))
    Event.objects.filter(pk=event.pk).update(registration="invitation")
    client.force_login(users[EDITOR_A])
    page = client.get(registrants_url(event)).content.decode()
    event.refresh_from_db()
    assert f"/events/{event.pk}/?invite={event.invitation_code}" in page


@pytest.mark.django_db
def test_registrants_page_queries_do_not_grow_with_registrations(world, client):
    users, _a, _b, event = world
    Event.objects.filter(pk=event.pk).update(capacity=None)
    client.force_login(users[EDITOR_A])
    client.get(registrants_url(event))  # warm caches (site, settings)

    def add(count):
        Registration.objects.bulk_create(
            Registration(event=event, name=f"Человек {n}", email=f"p{n}-{count}@example.org",
                         consent=True, status="confirmed", checked_in_at=timezone.now())
            for n in range(count)
        )  # fmt: skip

    counts = []
    for count in (5, 45):
        add(count)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(registrants_url(event))
        assert response.status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1], counts
    assert counts[0] <= 20


@pytest.mark.django_db
def test_events_list_queries_do_not_grow_with_events(world, client):
    users, a, _b, _event = world
    client.force_login(users[EDITOR_A])
    client.get(LIST)
    counts = []
    for count in (3, 27):
        for _n in range(count):
            EventFactory(approved=False).organizations.set([a])
        with CaptureQueriesContext(connection) as queries:
            response = client.get(LIST)
        assert response.status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1], counts
