"""Who gets what at the volunteers' public addresses: a role × action matrix over every route of
VolunteersPage that depends on who asks (the others are in PUBLIC, the same for everyone), and
what each private page shows and never shows.

Roles: a visitor, a member (an account without a volunteer's profile), an adult volunteer, a
minor volunteer with their guardian's consent, an editor of another organization and a youth
coordinator (neither of them a volunteer). Each request runs in a transaction rolled back after
it, so every role meets the same world."""

from decimal import Decimal

import pytest
from django.db import transaction

from sovet.core.testing import make_user, page_text, russian_date

from ..certificates import services as certificate_services
from ..initiatives import services as initiative_services
from ..models import (
    Attendance,
    CertificateKind,
    CommunitySettings,
    Participation,
    ParticipationStatus,
    Support,
    VolunteersPage,
)
from .factories import (
    make_coordinator,
    make_project,
    make_shift,
    make_volunteer,
    make_youth_coordinator,
)
from .test_shifts_pages import join_data
from .test_shifts_services import confirmed_minor

pytestmark = pytest.mark.django_db

VISITOR, MEMBER, ADULT, MINOR = "visitor", "member", "adult volunteer", "minor volunteer"
EDITOR, YOUTH = "editor of another organization", "youth coordinator"
ROLES = (VISITOR, MEMBER, ADULT, MINOR, EDITOR, YOUTH)
VOLUNTEERS = {ADULT, MINOR}
NOT_VOLUNTEERS = {MEMBER, EDITOR, YOUTH}

# Routes whose answer is the same for everyone (public pages; no personal data on them; their
# own tests cover them): the list, a project, a certificate's verification, the initiatives.
PUBLIC = {"index_view", "project_view", "verify_view", "list_view", "detail_view"}

ADULT_NAME, MINOR_NAME = "Петрова Анна Сергеевна", "Иванов Пётр Алексеевич"
ADULT_PHONE = "+996555000333"


@pytest.fixture
def world(volunteers_page):
    settings = CommunitySettings.load()
    settings.signer_name, settings.signer_title = "Иванов Иван Иванович", "Председатель"
    settings.save()
    youth = make_youth_coordinator()
    adult = make_volunteer("adult@example.org", full_name=ADULT_NAME, phone=ADULT_PHONE)
    minor = confirmed_minor("teen@example.org", full_name=MINOR_NAME)
    project = make_project(title_ru="Субботники у мест памяти")
    adults_shift = make_shift(make_project(title_ru="Смена Анны"), days=5)
    minors_shift = make_shift(make_project(title_ru="Смена Петра"), days=6)
    open_shift = make_shift(project, days=8)
    for volunteer, shift in ((adult, adults_shift), (minor, minors_shift)):
        Participation.objects.create(slot=shift.slots.get(), volunteer=volunteer,
                                     status=ParticipationStatus.CONFIRMED)  # fmt: skip
    Participation.objects.create(
        slot=make_shift(project, days=-10).slots.get(), volunteer=adult,
        status=ParticipationStatus.CONFIRMED, attendance=Attendance.CAME, hours=Decimal("3"),
    )  # fmt: skip
    certificate = certificate_services.certificate_issue(
        volunteer=adult, kind=CertificateKind.PROJECT, project=project, language="ru", by=youth
    )
    author = make_volunteer("author@example.org", age=20, full_name="Автор Инициативы").user
    initiative = initiative_services.initiative_propose(
        author=author, title="Субботник у памятника", summary="Убрать территорию.",
        needs="Перчатки", organization=None, notify_author=False,
    )  # fmt: skip
    initiative = initiative_services.initiative_check(
        initiative=initiative, admit=True, note="", by=None
    )
    users = {
        VISITOR: None,
        MEMBER: make_user("member@example.org"),
        ADULT: adult.user,
        MINOR: minor.user,
        EDITOR: make_coordinator("editor.b@example.org"),
        YOUTH: youth,
    }
    return {
        "page": volunteers_page, "users": users, "adult": adult, "minor": minor,
        "adults_shift": adults_shift, "minors_shift": minors_shift, "open_shift": open_shift,
        "certificate": certificate, "initiative": initiative,
        "consent": minor.guardian_consents.get(),
    }  # fmt: skip


def _answer(client, page, user, method, path, data=None):
    """(what the role got, the response), in a transaction rolled back afterwards."""
    client.logout()
    if user is not None:
        client.force_login(user)
    with transaction.atomic():
        response = getattr(client, method)(page.url + path, data or {})
        transaction.set_rollback(True)
    if response.status_code == 302:
        location = response["Location"]
        if "/accounts/login/" in location:
            return "sign in", response
        return "→ " + location.removeprefix(page.url), response
    return str(response.status_code), response


def _matrix(w) -> dict:
    """Route name → [(action, method, path, data, {role: expected answer})]."""
    adults_shift, minors_shift, open_shift = w["adults_shift"], w["minors_shift"], w["open_shift"]
    initiative, code = w["initiative"], w["certificate"].code
    to_join = {role: "→ join/" for role in NOT_VOLUNTEERS}
    signup_next = f"→ join/?next=%2Fru%2Fvolunteers%2Fshifts%2F{open_shift.pk}%2F"
    return {
        "join_view": [
            ("join (GET)", "get", "join/", None,
             {VISITOR: "200", **{r: "200" for r in NOT_VOLUNTEERS},
              ADULT: "→ me/", MINOR: "→ me/"}),
            ("join (POST)", "post", "join/", join_data(),
             # A visitor reads how to get an account first (nothing is saved).
             {VISITOR: "200", **{r: "→ me/" for r in (MEMBER, ADULT, MINOR, EDITOR, YOUTH)}}),
        ],
        "me_view": [
            ("me", "get", "me/", None,
             {VISITOR: "sign in", ADULT: "200", MINOR: "200", **to_join}),
        ],
        "hours_view": [
            ("me/hours", "get", "me/hours/", None,
             {VISITOR: "sign in", ADULT: "200", MINOR: "200", **to_join}),
        ],
        "consent_view": [
            ("me/consent", "get", "me/consent/", None,
             {VISITOR: "sign in", ADULT: "→ me/", MINOR: "200", **to_join}),
        ],
        "consent_form_view": [
            ("me/consent/form (the PDF)", "get", "me/consent/form/", None,
             {VISITOR: "sign in", ADULT: "→ me/", MINOR: "200", **to_join}),
        ],
        "calendar_view": [
            # The secret address is the key: whoever has it reads that volunteer's shifts.
            ("calendar (the adult's token)", "get", f"calendar/{w['adult'].calendar_token}/",
             None, dict.fromkeys(ROLES, "200")),
            ("calendar (a wrong token)", "get", "calendar/not-a-token/", None,
             dict.fromkeys(ROLES, "404")),
        ],
        "guardian_view": [
            ("guardian (the consent's token)", "get", f"guardian/{w['consent'].token}/", None,
             dict.fromkeys(ROLES, "200")),
            ("guardian (a wrong token)", "get", "guardian/not-a-token/", None,
             dict.fromkeys(ROLES, "404")),
        ],
        "shift_view": [
            ("shift (GET)", "get", f"shifts/{open_shift.pk}/", None, dict.fromkeys(ROLES, "200")),
            ("shift sign-up (POST)", "post", f"shifts/{open_shift.pk}/",
             {"slot": open_shift.slots.get().pk},
             {VISITOR: "sign in", ADULT: f"→ shifts/{open_shift.pk}/",
              MINOR: f"→ shifts/{open_shift.pk}/",
              **{r: signup_next for r in NOT_VOLUNTEERS}}),
        ],
        "cancel_view": [
            ("cancel the adult's place", "post", f"shifts/{adults_shift.pk}/cancel/", None,
             {VISITOR: "sign in", ADULT: f"→ shifts/{adults_shift.pk}/", MINOR: "404",
              **dict.fromkeys(NOT_VOLUNTEERS, "404")}),
            ("cancel the minor's place", "post", f"shifts/{minors_shift.pk}/cancel/", None,
             {VISITOR: "sign in", ADULT: "404", MINOR: f"→ shifts/{minors_shift.pk}/",
              **dict.fromkeys(NOT_VOLUNTEERS, "404")}),
            ("cancel (GET)", "get", f"shifts/{adults_shift.pk}/cancel/", None,
             dict.fromkeys(ROLES, "405")),
        ],
        "propose_view": [
            # Everyone gets a page; only young volunteers (14–35) get the form (below).
            ("initiatives/new", "get", "initiatives/new/", None, dict.fromkeys(ROLES, "200")),
        ],
        "support_view": [
            ("support (POST)", "post", f"initiatives/{initiative.pk}/support/", None,
             {VISITOR: "sign in",
              **{r: f"→ initiatives/{initiative.pk}/" for r in ROLES if r != VISITOR}}),
            ("support (GET)", "get", f"initiatives/{initiative.pk}/support/", None,
             dict.fromkeys(ROLES, "405")),
        ],
        "download_view": [
            # The holder and those who may issue it; a 404 for anyone else, as for no such code.
            ("the adult's certificate", "get", f"certificates/{code}/pdf/?format=html", None,
             {ADULT: "200", YOUTH: "200",
              **dict.fromkeys((VISITOR, MEMBER, MINOR, EDITOR), "404")}),
        ],
    }  # fmt: skip


def test_each_role_gets_the_answer_the_matrix_gives_at_each_public_route(client, world):
    wrong = []
    for rows in _matrix(world).values():
        for action, method, path, data, expected in rows:
            assert set(expected) == set(ROLES), action
            for role, user in world["users"].items():
                got, _response = _answer(client, world["page"], user, method, path, data)
                if got != expected[role]:
                    wrong.append(f"{action:<32} {role:<32} got {got}, expected {expected[role]}")
    assert not wrong, "\n".join(wrong)


def test_every_route_is_in_the_matrix_or_public():
    """A new route fails here until it is given its row (or documented as public)."""
    names = {pattern.name for pattern in VolunteersPage.routes}
    matrix = set(_matrix_route_names())
    assert not matrix & PUBLIC
    assert matrix | PUBLIC == names, names ^ (matrix | PUBLIC)


def _matrix_route_names():
    return ("join_view", "me_view", "hours_view", "consent_view", "consent_form_view",
            "calendar_view",
            "guardian_view", "shift_view", "cancel_view", "propose_view", "support_view",
            "download_view")  # fmt: skip


def test_the_matrix_names_the_routes_it_checks(world):
    assert set(_matrix(world)) == set(_matrix_route_names())


# What the private pages show, and never show


def _get(client, world, role, path):
    return _answer(client, world["page"], world["users"][role], "get", path)[1]


def test_my_page_shows_my_shifts_never_another_volunteers(client, world):
    text = page_text(_get(client, world, ADULT, "me/"), ADULT_NAME, "Смена Анны")
    assert "Смена Петра" not in text and MINOR_NAME not in text
    text = page_text(_get(client, world, MINOR, "me/"), MINOR_NAME, "Смена Петра",
                     "Согласие родителя или опекуна подтверждено")  # fmt: skip
    assert "Смена Анны" not in text and ADULT_NAME not in text and ADULT_PHONE not in text


def test_a_calendar_token_shows_its_volunteers_shifts_only(client, world):
    for role in (ADULT, MINOR, VISITOR):
        path = f"calendar/{world['adult'].calendar_token}/"
        response = _get(client, world, role, path)
        assert response.status_code == 200
        text = response.content.decode()
        assert "BEGIN:VCALENDAR" in text and "Смена Анны" in text
        assert "Смена Петра" not in text and ADULT_NAME not in text


def test_the_guardians_page_shows_the_first_name_only(client, world):
    for role in (VISITOR, ADULT, EDITOR):
        text = page_text(_get(client, world, role, f"guardian/{world['consent'].token}/"),
                         "Ваше согласие подтверждено")  # fmt: skip
        assert "Иванов" not in text and "teen@example.org" not in text
        assert world["minor"].birth_date.strftime("%d.%m.%Y") not in text
        born = world["minor"].birth_date  # nor written out («5 мая 2010 г.»)
        assert russian_date(born) not in text


def test_the_consent_upload_page_is_the_minors_own(client, world):
    text = page_text(_get(client, world, MINOR, "me/consent/"), "Петрова Мария")
    assert ADULT_NAME not in text


def test_only_young_volunteers_get_the_proposal_form(client, world):
    for role in ROLES:
        response = _get(client, world, role, "initiatives/new/")
        if role in VOLUNTEERS:
            page_text(response, 'name="title"')
        else:
            text = page_text(response, "Предложить инициативу")
            assert 'name="title"' not in text


def test_the_certificate_page_is_its_holders(client, world):
    code = world["certificate"].code
    for role in (ADULT, YOUTH):
        page_text(_get(client, world, role, f"certificates/{code}/pdf/?format=html"), code)
    response = _get(client, world, EDITOR, f"certificates/{code}/pdf/?format=html")
    assert response.status_code == 404
    assert ADULT_NAME not in response.content.decode()


def test_taking_and_supporting_really_do_it_for_the_role_that_may(client, world):
    """The redirects above are the work done: the place taken, the support counted."""
    page, shift = world["page"], world["open_shift"]
    client.force_login(world["users"][MINOR])
    client.post(page.url + f"shifts/{shift.pk}/", {"slot": shift.slots.get().pk})
    assert Participation.objects.filter(volunteer=world["minor"], slot__shift=shift).exists()
    client.force_login(world["users"][EDITOR])
    client.post(page.url + f"initiatives/{world['initiative'].pk}/support/")
    assert Support.objects.filter(initiative=world["initiative"],
                                  user=world["users"][EDITOR]).exists()  # fmt: skip
    client.force_login(world["users"][MINOR])
    client.post(page.url + f"shifts/{world['adults_shift'].pk}/cancel/")
    adults = Participation.objects.get(volunteer=world["adult"], slot__shift=world["adults_shift"])
    assert adults.status == ParticipationStatus.CONFIRMED


def test_the_consent_form_to_print_names_the_minor_and_her_guardian(client, world):
    from django.template.loader import render_to_string

    from ..services import current_consent

    response = _get(client, world, MINOR, "me/consent/form/")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    minor = world["minor"]
    html = render_to_string(
        "community/consent_form_print.html",
        {"volunteer": minor, "consent": current_consent(minor)},
    )
    assert minor.full_name in html and "Согласие родителя или опекуна" in html
    assert ADULT_NAME not in html
