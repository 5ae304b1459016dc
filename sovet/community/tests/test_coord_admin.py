"""Coordination's staff screens: who opens each one (the role × action matrix over every admin
address coordination adds), what an editor of another organization never sees, attendance,
hours outside shifts, guardians' forms and the desk."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from sovet.accounts.roles import Role
from sovet.core.private_files import file_key
from sovet.core.testing import (
    MEMBER,
    VISITOR,
    admin_answer,
    make_staff,
    make_user,
    page_text,
    russian_date,
)
from sovet.organizations.tests.factories import OrganizationFactory, editor_of

from ..admin import hooks as admin_hooks
from ..models import (
    Attendance,
    ConsentMethod,
    GuardianConsent,
    HoursEntry,
    HoursStatus,
    Participation,
    ParticipationStatus,
)
from .factories import make_project, make_shift, make_volunteer, make_youth_coordinator

EDITOR_A, EDITOR_B, YOUTH = "editor of A", "editor of B", "youth coordinator"
SECRETARY, ADMIN, MODERATOR, HELPDESK = "secretary", "administrator", "moderator", "help desk"
SIGNED_OUT = {VISITOR, MEMBER}
COORDINATORS = {EDITOR_A, EDITOR_B, YOUTH, SECRETARY, ADMIN}
MANAGERS = {YOUTH, SECRETARY, ADMIN}
SECRET_PHONE = "+996555000777"
SECRET_GUARDIAN = "Опекунова Мария"


@pytest.fixture
def world(db):
    a = OrganizationFactory(name_ru="Организация А")
    b = OrganizationFactory(name_ru="Организация Б")
    users = {
        VISITOR: AnonymousUser(),
        MEMBER: make_user("member@example.org"),
        EDITOR_A: editor_of(a, "editor.a@example.org"),
        EDITOR_B: editor_of(b, "editor.b@example.org"),
        YOUTH: make_youth_coordinator(),
        SECRETARY: make_staff("secretary@example.org", Role.COUNCIL_SECRETARY),
        ADMIN: make_staff("admin@example.org", Role.ADMINISTRATOR),
        MODERATOR: make_staff("moderator@example.org", Role.MEMORY_MODERATOR),
        HELPDESK: make_staff("helpdesk@example.org", Role.HELPDESK_STAFF),
    }
    project = make_project(a, title_ru="Субботники организации А")
    shift = make_shift(project, days=-1)
    volunteer = make_volunteer("anna@example.org", phone=SECRET_PHONE, full_name="Петрова Анна")
    participation = Participation.objects.create(
        slot=shift.slots.get(), volunteer=volunteer, status=ParticipationStatus.CONFIRMED
    )
    entry = HoursEntry.objects.create(
        volunteer=volunteer, organization=a, day=timezone.localdate(), hours=Decimal("2"),
        description="Архив",
    )  # fmt: skip
    minor = make_volunteer("minor@example.org", age=16, full_name="Иванов Пётр")
    consent = GuardianConsent.objects.create(
        volunteer=minor, guardian_name=SECRET_GUARDIAN, guardian_phone="+996555111222",
        method=ConsentMethod.FORM,
        form=SimpleUploadedFile("form.pdf", b"%PDF-1.4 signed form", "application/pdf"),
    )  # fmt: skip
    return {
        "users": users, "a": a, "b": b, "project": project, "shift": shift,
        "volunteer": volunteer, "participation": participation, "entry": entry,
        "несовершеннолетний": minor, "consent": consent,
    }  # fmt: skip


_status = admin_answer  # the matrix's names for what a role gets


def _screens(w) -> dict:
    """Admin address → (who gets the page, what the other staff get)."""
    shift, project = w["shift"], w["project"]
    return {
        # Coordinators outside the shift's reach: 404; staff who coordinate nothing: 403.
        reverse("community_attendance", args=[shift.pk]): ({EDITOR_A} | MANAGERS, "404/403"),
        reverse("community_hours"): (COORDINATORS, "403"),
        reverse("community_consents"): (MANAGERS, "403"),
        reverse("community_consents_confirmed"): (MANAGERS, "403"),
        reverse("community_consent_file", args=[file_key(w["consent"].form)]): (MANAGERS, "404"),
        reverse("community_volunteers"): (COORDINATORS, "403"),
        reverse("community_project:index"): (COORDINATORS, "admin home"),
        reverse("community_project:add"): (COORDINATORS, "admin home"),
        reverse("community_project:edit", args=[project.pk]): ({EDITOR_A} | MANAGERS,
                                                               "admin home"),
        reverse("community_project:delete", args=[project.pk]): (MANAGERS, "admin home"),
        reverse("community_project:history", args=[project.pk]): ({EDITOR_A} | MANAGERS,
                                                                  "admin home"),
        reverse("community_shift:index"): (COORDINATORS, "admin home"),
        # Editor of B has no project yet: nothing to add a shift to.
        reverse("community_shift:add"): ({EDITOR_A} | MANAGERS, "admin home"),
        reverse("community_shift:edit", args=[shift.pk]): ({EDITOR_A} | MANAGERS, "admin home"),
        reverse("community_shift:delete", args=[shift.pk]): (MANAGERS, "admin home"),
    }  # fmt: skip


def test_each_role_gets_the_answer_the_matrix_gives_at_every_screen(client, world):
    wrong = []
    for url, (allowed, refusal) in _screens(world).items():
        for role, user in world["users"].items():
            if refusal == "404/403":
                refusal_here = "404" if role in COORDINATORS else "403"
            else:
                refusal_here = refusal
            expected = (
                "200" if role in allowed else "sign in" if role in SIGNED_OUT else refusal_here
            )
            got = _status(client, user, "get", url)
            if got != expected:
                wrong.append(f"{url:<60} {role:<20} got {got}, expected {expected}")
    assert not wrong, "\n".join(wrong)


def test_each_role_gets_the_answer_the_matrix_gives_for_each_action(client, world):
    shift, participation = world["shift"], world["participation"]
    in_force = GuardianConsent.objects.create(
        volunteer=world["несовершеннолетний"], guardian_name="Мать", method=ConsentMethod.LINK,
        guardian_email="mother@example.org", confirmed_at=timezone.now(),
        expires_on=timezone.localdate() + timedelta(days=365),
    )  # fmt: skip
    attendance = reverse("community_attendance", args=[shift.pk])
    actions = {
        "mark": (reverse("community_attendance_mark", args=[shift.pk, participation.pk]),
                 {"came": "1"}, {EDITOR_A} | MANAGERS, "404", "302 " + attendance),
        "decide": (reverse("community_hours_decide", args=[world["entry"].pk]),
                   {"approve": "1"}, {EDITOR_A} | MANAGERS, "404",
                   "302 " + reverse("community_hours")),
        "correct": (reverse("community_attendance_correct", args=[shift.pk, participation.pk]),
                    {f"p{participation.pk}-hours": "2", f"p{participation.pk}-reason": "ушла"},
                    {EDITOR_A} | MANAGERS, "404", "302 " + attendance),
        # Editor of B reaches neither the volunteer nor organization A: the form refuses (400).
        "log": (reverse("community_hours_log"),
                {"log-volunteer": world["volunteer"].pk, "log-organization": world["a"].pk,
                 "log-day": timezone.localdate().isoformat(), "log-hours": "2",
                 "log-description": "Архив"},
                {EDITOR_A} | MANAGERS, "400", "302 " + reverse("community_hours")),
        "consent": (reverse("community_consent_decide", args=[world["consent"].pk]),
                    {"accept": "1"}, MANAGERS, "403", "302 " + reverse("community_consents")),
        "withdraw": (reverse("community_consent_withdraw", args=[in_force.pk]),
                     {f"w{in_force.pk}-reason": "Опекун попросил"}, MANAGERS, "403",
                     "302 " + reverse("community_consents_confirmed")),
    }  # fmt: skip
    wrong = []
    for name, (url, data, allowed, refusal, done) in actions.items():
        for role, user in world["users"].items():
            # Undo what an allowed role did, so the next role meets the same object (a volunteer
            # who came, for the correction).
            Participation.objects.filter(pk=participation.pk).update(
                attendance="came" if name == "correct" else "",
                hours=3 if name == "correct" else None,
            )
            HoursEntry.objects.filter(pk=world["entry"].pk).update(status=HoursStatus.PENDING)
            GuardianConsent.objects.filter(pk=world["consent"].pk).update(
                confirmed_at=None, expires_on=None
            )
            GuardianConsent.objects.filter(pk=in_force.pk).update(
                expires_on=timezone.localdate() + timedelta(days=365), refused_reason=""
            )
            if role in allowed:
                expected = done
            elif role in SIGNED_OUT:
                expected = "sign in"
            elif name in ("consent", "withdraw") or role in (MODERATOR, HELPDESK):
                expected = "403"
            else:
                expected = refusal
            got = _status(client, user, "post", url, data)
            if got != expected:
                wrong.append(f"{name:<10} {role:<20} got {got}, expected {expected}")
    assert not wrong, "\n".join(wrong)


def test_an_editor_of_another_organization_sees_nothing_of_a(client, world):
    editor_b = world["users"][EDITOR_B]
    client.force_login(editor_b)
    make_shift(make_project(world["b"], title_ru="Проект организации Б"))
    text = page_text(client.get(reverse("community_project:index")), "Проект организации Б")
    assert "Субботники организации А" not in text
    text = page_text(client.get(reverse("community_shift:index")), "Проект организации Б")
    assert "Субботники организации А" not in text
    text = page_text(client.get(reverse("community_volunteers")), "Волонтёров здесь пока нет.")
    assert "Петрова Анна" not in text
    text = page_text(client.get(reverse("community_hours")), "Часов, ждущих решения, нет.")
    assert "Архив" not in text
    response = client.get(reverse("community_attendance", args=[world["shift"].pk]), follow=True)
    assert response.status_code == 404
    assert SECRET_PHONE not in response.content.decode()


def test_editor_of_a_sees_a_volunteers_and_contacts(client, world):
    client.force_login(world["users"][EDITOR_A])
    text = page_text(client.get(reverse("community_volunteers")), "Петрова Анна", "25")
    assert "Иванов Пётр" not in text  # signed up for nothing of A's
    text = page_text(
        client.get(reverse("community_attendance", args=[world["shift"].pk])),
        "Петрова Анна",
        SECRET_PHONE,
    )
    # The birth date is never shown, only the age.
    assert world["volunteer"].birth_date.strftime("%d.%m.%Y") not in text
    born = world["volunteer"].birth_date  # nor written out («5 мая 2010 г.»)
    assert russian_date(born) not in text


def test_minors_are_marked_for_the_youth_council(client, world):
    client.force_login(world["users"][YOUTH])
    text = page_text(
        client.get(reverse("community_volunteers")), "Иванов Пётр", "несовершеннолетний"
    )
    assert world["несовершеннолетний"].birth_date.isoformat() not in text


def test_attendance_came_credits_the_shift_and_a_correction_needs_a_reason(client, world):
    shift, participation = world["shift"], world["participation"]
    client.force_login(world["users"][EDITOR_A])
    mark = reverse("community_attendance_mark", args=[shift.pk, participation.pk])
    client.post(mark, {"came": "1"})
    participation.refresh_from_db()
    assert participation.attendance == Attendance.CAME
    assert participation.hours == Decimal("3")
    correct = reverse("community_attendance_correct", args=[shift.pk, participation.pk])
    prefix = f"p{participation.pk}"
    response = client.post(correct, {f"{prefix}-hours": "2.5", f"{prefix}-reason": ""})
    page_text(response, 'value="2.5"', "error-message", status=400)
    response = client.post(correct, {f"{prefix}-hours": "30", f"{prefix}-reason": "ушла раньше"})
    page_text(response, "ушла раньше", status=400)  # what was typed is kept
    participation.refresh_from_db()
    assert participation.hours == Decimal("3")
    response = client.post(correct, {f"{prefix}-hours": "2.5", f"{prefix}-reason": "ушла раньше"})
    assert response.status_code == 302
    participation.refresh_from_db()
    assert participation.hours == Decimal("2.5")
    assert participation.hours_reason == "ушла раньше"
    client.post(mark, {"came": "0"})
    participation.refresh_from_db()
    assert participation.attendance == Attendance.ABSENT
    assert participation.hours is None


def test_attendance_is_refused_before_the_shift(client, world):
    shift = make_shift(world["project"], days=3)
    participation = Participation.objects.create(
        slot=shift.slots.get(), volunteer=world["volunteer"], status=ParticipationStatus.CONFIRMED
    )
    client.force_login(world["users"][EDITOR_A])
    response = client.post(
        reverse("community_attendance_mark", args=[shift.pk, participation.pk]),
        {"came": "1"},
        follow=True,
    )
    page_text(response, "Присутствие отмечают после начала смены.")
    participation.refresh_from_db()
    assert participation.attendance == ""


def test_hours_are_approved_or_rejected_with_a_reason(client, world):
    entry = world["entry"]
    client.force_login(world["users"][EDITOR_A])
    url = reverse("community_hours_decide", args=[entry.pk])
    response = client.post(url, {"approve": "0"}, follow=True)
    page_text(response, "Укажите, почему часы отклонены.")
    entry.refresh_from_db()
    assert entry.status == HoursStatus.PENDING
    client.post(url, {"approve": "1"})
    entry.refresh_from_db()
    assert entry.status == HoursStatus.APPROVED
    assert entry.decided_by == world["users"][EDITOR_A]


def test_a_consent_form_is_accepted_for_the_months_the_settings_say(
    client, world, mailoutbox, django_capture_on_commit_callbacks
):
    consent = world["consent"]
    client.force_login(world["users"][YOUTH])
    page_text(client.get(reverse("community_consents")), SECRET_GUARDIAN, "Открыть бланк")
    response = client.get(reverse("community_consent_file", args=[file_key(consent.form)]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 signed form"
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("community_consent_decide", args=[consent.pk]), {"accept": "1"})
    consent.refresh_from_db()
    (letter,) = mailoutbox
    assert letter.to == ["minor@example.org"]
    # The letter writes the date as Russian does («30 июня 2027 г.»): the months written out here.
    expires = consent.expires_on
    written = f"{russian_date(expires)} г."
    assert written in letter.body
    assert consent.confirmed_at is not None
    assert consent.checked_by == world["users"][YOUTH]
    assert consent.expires_on > timezone.localdate() + timedelta(days=360)


def test_a_consent_form_is_refused_with_a_reason(
    client, world, mailoutbox, django_capture_on_commit_callbacks
):
    consent = world["consent"]
    client.force_login(world["users"][SECRETARY])
    url = reverse("community_consent_decide", args=[consent.pk])
    page_text(client.post(url, {"accept": "0"}, follow=True), "Укажите, почему бланк отклонён.")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"accept": "0", f"c{consent.pk}-reason": "Нет подписи"})
    (letter,) = mailoutbox
    assert "Нет подписи" in letter.body and "/ru/volunteers/me/consent/" not in letter.body
    consent.refresh_from_db()
    assert consent.refused_reason == "Нет подписи"
    assert consent.confirmed_at is None


def test_the_desk_counts_what_waits_for_whom(world, django_assert_max_num_queries):
    factory = RequestFactory()

    def counts(role):
        request = factory.get("/admin/")
        request.user = world["users"][role]
        return {item.label: item.count for item in admin_hooks.community_on_the_desk(request)}

    with django_assert_max_num_queries(12):
        youth = counts(YOUTH)
    assert youth == {
        "Смены, где не отмечено присутствие": 1,
        "Часы волонтёров ждут одобрения": 1,
        "Бланки согласия представителей на проверку": 1,
    }
    assert counts(EDITOR_A) == {
        "Смены, где не отмечено присутствие": 1,
        "Часы волонтёров ждут одобрения": 1,
    }
    assert counts(EDITOR_B) == {}  # nothing waits: no lines
    assert counts(MODERATOR) == {}
    assert counts(MEMBER) == {}


def test_the_menu_shows_the_group_to_coordinators(client, world):
    client.force_login(world["users"][EDITOR_A])
    page_text(client.get("/admin/"), reverse("community_hours"))
    client.force_login(world["users"][HELPDESK])
    text = page_text(client.get("/admin/"), "<main")
    assert reverse("community_hours") not in text


def test_the_shift_form_offers_only_the_users_projects(client, world):
    make_project(world["b"], title_ru="Проект организации Б")
    client.force_login(world["users"][EDITOR_A])
    text = page_text(client.get(reverse("community_shift:add")), "Субботники организации А")
    assert "Проект организации Б" not in text
    text = page_text(client.get(reverse("community_project:add")), "Организация А")
    assert "Организация Б" not in text


def test_every_coordination_address_is_in_the_matrix(world):
    """A new screen fails here until it is given its row: who opens it."""
    names = {pattern.name for pattern in admin_hooks.community_admin_urls()}
    actions = {"community_attendance_mark", "community_attendance_correct", "community_hours_log",
               "community_hours_decide", "community_consent_decide",
               "community_consent_withdraw"}  # fmt: skip
    screens = {
        name
        for name in names - actions
        if any(url.startswith(reverse(name, kwargs=_kwargs(name, world)).rsplit("/", 2)[0])
               for url in _screens(world))
    }  # fmt: skip
    assert screens | actions == names


def _kwargs(name, world):
    if name == "community_consent_file":
        return {"key": file_key(world["consent"].form)}
    if name in ("community_attendance",):
        return {"pk": world["shift"].pk}
    return {}


def test_the_volunteers_list_keeps_its_queries(client, world, django_assert_max_num_queries):
    client.force_login(world["users"][YOUTH])
    with CaptureQueriesContext(connection) as few:
        page_text(client.get(reverse("community_volunteers")), "Петрова Анна")
    for n in range(5):
        make_volunteer(f"more{n}@example.org", full_name=f"Волонтёр {n}")
    with CaptureQueriesContext(connection) as more:
        page_text(client.get(reverse("community_volunteers")), "Волонтёр 4")
    assert len(more) == len(few)


def test_a_shift_is_added_with_its_slots_inline(client, world):
    client.force_login(world["users"][EDITOR_A])
    day = (timezone.localdate() + timedelta(days=10)).isoformat()
    data = {
        "project": world["project"].pk,
        "starts_at": f"{day} 10:00",
        "ends_at": f"{day} 13:00",
        "address": "Бишкек, Дубовый парк",
        "min_age": "14",
        "required_skills": ["first_aid"],
        "slots-TOTAL_FORMS": "1",
        "slots-INITIAL_FORMS": "0",
        "slots-MIN_NUM_FORMS": "1",
        "slots-MAX_NUM_FORMS": "1000",
        "slots-0-role": "steward",
        "slots-0-capacity": "20",
        "slots-0-ORDER": "1",
    }
    response = client.post(reverse("community_shift:add"), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    shift = world["project"].shifts.get(address="Бишкек, Дубовый парк")
    assert shift.required_skills == ["first_aid"]
    assert [(slot.role, slot.capacity) for slot in shift.slots.all()] == [("steward", 20)]
    # A shift that ends before it starts is refused on its field, nothing typed lost.
    response = client.post(reverse("community_shift:add"), {**data, "ends_at": f"{day} 09:00"})
    page_text(response, "Бишкек, Дубовый парк", "Смена должна заканчиваться позже")


def test_attendance_and_hours_screens_keep_their_queries(client, world):
    client.force_login(world["users"][YOUTH])
    shift = world["shift"]
    urls = (reverse("community_attendance", args=[shift.pk]), reverse("community_hours"),
            reverse("community_consents"))  # fmt: skip
    few = {}
    for url in urls:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        few[url] = len(queries)
    slot = shift.slots.get()
    for n in range(4):
        volunteer = make_volunteer(f"v{n}@example.org", full_name=f"Волонтёр {n}", age=16)
        Participation.objects.create(slot=slot, volunteer=volunteer,
                                     status=ParticipationStatus.CONFIRMED)  # fmt: skip
        HoursEntry.objects.create(volunteer=volunteer, organization=world["a"], hours=1,
                                  day=timezone.localdate(), description="Архив")  # fmt: skip
        GuardianConsent.objects.create(
            volunteer=volunteer, guardian_name="Опекун", guardian_phone="+996555111222",
            method=ConsentMethod.FORM,
            form=SimpleUploadedFile("form.pdf", b"%PDF-1.4 form", "application/pdf"),
        )  # fmt: skip
    for url in urls:
        with CaptureQueriesContext(connection) as queries:
            page_text(client.get(url), "Волонтёр 3")
        assert len(queries) == few[url], url


def test_a_coordinator_logs_hours_approved_at_once(client, world):
    client.force_login(world["users"][EDITOR_A])
    data = {"log-volunteer": world["volunteer"].pk, "log-organization": world["a"].pk,
            "log-day": timezone.localdate().isoformat(), "log-hours": "30",
            "log-description": "Перевод брошюры"}  # fmt: skip
    response = client.post(reverse("community_hours_log"), data)
    page_text(response, "Перевод брошюры", status=400)
    response = client.post(reverse("community_hours_log"), {**data, "log-hours": "4"})
    assert response.status_code == 302
    entry = HoursEntry.objects.get(description="Перевод брошюры")
    assert entry.status == HoursStatus.APPROVED and entry.decided_by == world["users"][EDITOR_A]
