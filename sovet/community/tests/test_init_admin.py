"""The youth council's admin screens for initiatives: who opens them (the URL matrix), the check
and the answer through them, the desk's lines and the hooks."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from wagtail import hooks
from wagtail.models import ModelLogEntry

from sovet.accounts.roles import Role
from sovet.community.initiatives import services, tasks
from sovet.community.models import Initiative, InitiativeStatus, Project
from sovet.core.testing import MEMBER, VISITOR, make_staff, make_user, page_text
from sovet.organizations.tests.factories import OrganizationFactory

from .factories import make_coordinator, make_volunteer, make_youth_coordinator

pytestmark = pytest.mark.django_db

EDITOR, YOUTH, SECRETARY, ADMIN = "organization editor", "youth coordinator", "secretary", "admin"
MEMORY, HELPDESK = "memory moderator", "help-desk staff"
MODERATORS = {YOUTH, SECRETARY, ADMIN}
SIGNED_OUT = {VISITOR, MEMBER}  # no way into the admin: sent to sign in

# Every admin address of the initiatives, and how it is reached (GET, or a POST's data).
SCREENS = {
    "community_initiatives": ("get", None),
    "community_initiative": ("get", None),
    "community_initiative_check": ("post", {"decision": "admit", "note": ""}),
    "community_initiative_answer": ("post", {"decision": "decline", "answer": "Нет"}),
}


@pytest.fixture
def users():
    return {
        VISITOR: AnonymousUser(),
        MEMBER: make_user("member@example.org"),
        EDITOR: make_coordinator("editor@example.org"),
        YOUTH: make_youth_coordinator(),
        SECRETARY: make_staff("secretary@example.org", Role.COUNCIL_SECRETARY),
        ADMIN: make_staff("admin@example.org", Role.ADMINISTRATOR),
        MEMORY: make_staff("memory@example.org", Role.MEMORY_MODERATOR),
        HELPDESK: make_staff("lawyer@example.org", Role.HELPDESK_STAFF),
    }


def proposed(title="Субботник", n=0):
    author = make_volunteer(f"author{n}@example.org", age=20).user
    return services.initiative_propose(
        author=author, title=title, summary="Суть", needs="", organization=None,
        notify_author=True,
    )  # fmt: skip


def _names(resolver, prefix=""):
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            namespace = f"{pattern.namespace}:" if pattern.namespace else ""
            yield from _names(pattern, prefix + namespace)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield prefix + pattern.name


def test_every_initiatives_admin_address_is_in_the_matrix():
    names = {n for n in _names(get_resolver()) if n.startswith("community_initiative")}
    assert names == set(SCREENS)


def _answer(client, user, method, url, data) -> str:
    client.logout()
    if user.is_authenticated:
        client.force_login(user)
    response = getattr(client, method)(url, data or {})
    location = response.get("Location", "")
    if response.status_code == 302:
        if "/accounts/login/" in location or "/admin/login/" in location:
            return "sign in"
        return "302"
    return str(response.status_code)


def test_each_role_gets_what_the_matrix_gives(client, users):
    wrong = []
    for name, (method, data) in SCREENS.items():
        for n, (role, user) in enumerate(users.items()):
            initiative = proposed(n=f"{name}{n}")
            if name == "community_initiative_answer":
                services.initiative_check(initiative=initiative, admit=True, note="", by=None)
            args = [] if name == "community_initiatives" else [initiative.pk]
            got = _answer(client, user, method, reverse(name, args=args), data)
            expected = "sign in" if role in SIGNED_OUT else "403"
            if role in MODERATORS:
                expected = "302" if method == "post" else "200"
            if got != expected:
                wrong.append(f"{name:<30} {role:<20} got {got}, expected {expected}")
            initiative.refresh_from_db()
            moved = initiative.status not in (
                InitiativeStatus.CHECKING,
                InitiativeStatus.COLLECTING,
            )
            moved = moved or (name.endswith("check") and initiative.status != "checking")
            if role not in MODERATORS and moved:
                wrong.append(f"{name:<30} {role:<20} changed the initiative")
    assert not wrong, "\n".join(wrong)


def test_the_queue_has_tabs_with_counts_and_filters_by_status(client):
    proposed("Ждёт проверки", 1)
    admitted = proposed("Собирает", 2)
    services.initiative_check(initiative=admitted, admit=True, note="", by=None)
    client.force_login(make_youth_coordinator())
    text = page_text(
        client.get(reverse("community_initiatives") + "?status=checking"),
        "Ждёт проверки",
        "Техническая проверка (1)",
        "Собирает подписи (1)",
    )
    assert "Собирает</a>" not in text
    page_text(client.get(reverse("community_initiatives") + "?status=nonsense"), "Собирает")


def test_the_check_refused_without_a_note_keeps_the_form(client):
    initiative = proposed()
    client.force_login(make_youth_coordinator())
    url = reverse("community_initiative_check", args=[initiative.pk])
    response = client.post(url, {"decision": "refuse", "note": ""})
    page_text(response, "Напишите, почему инициатива не допущена", status=400)
    initiative.refresh_from_db()
    assert initiative.status == InitiativeStatus.CHECKING
    client.post(url, {"decision": "refuse", "note": "Дубликат"})
    initiative.refresh_from_db()
    assert initiative.status == InitiativeStatus.REFUSED


def test_the_answer_accepts_into_a_project_of_the_chosen_organization(client):
    initiative = proposed("Уход за мемориалом")
    services.initiative_check(initiative=initiative, admit=True, note="", by=None)
    organization = OrganizationFactory()
    youth = make_youth_coordinator()
    client.force_login(youth)
    page_text(
        client.get(reverse("community_initiative", args=[initiative.pk])), "Официальный ответ"
    )
    response = client.post(
        reverse("community_initiative_answer", args=[initiative.pk]),
        {"decision": "accept", "answer": "Принимаем", "organization": organization.pk},
    )
    assert response.status_code == 302
    initiative.refresh_from_db()
    assert initiative.status == InitiativeStatus.ACCEPTED
    project = Project.objects.get()
    assert initiative.project == project
    assert (project.organization, project.published) == (organization, False)
    entry = ModelLogEntry.objects.get(action="community.initiative_answered")
    assert (entry.object_id, entry.user_id) == (str(initiative.pk), youth.pk)
    page_text(
        client.get(reverse("community_initiative", args=[initiative.pk])), "ukhod-za-memorialom"
    )


def test_an_answer_without_text_is_refused(client):
    initiative = proposed()
    services.initiative_check(initiative=initiative, admit=True, note="", by=None)
    client.force_login(make_youth_coordinator())
    response = client.post(
        reverse("community_initiative_answer", args=[initiative.pk]), {"decision": "decline"}
    )
    assert response.status_code == 400
    initiative.refresh_from_db()
    assert initiative.status == InitiativeStatus.COLLECTING


def _desk(user):
    request = RequestFactory().get("/admin/")
    request.user = user
    # This part's lines alone (other parts of the app have theirs, counted in their tests).
    return [
        item
        for fn in hooks.get_hooks("desk_items")
        if fn.__module__.endswith("initiatives.hooks")
        for item in (fn(request) or [])
    ]


def test_the_desk_shows_what_waits_to_moderators_only(django_assert_max_num_queries):
    proposed("Первая", 1)
    proposed("Вторая", 2)
    waiting = proposed("Третья", 3)
    services.initiative_check(initiative=waiting, admit=True, note="", by=None)
    Initiative.objects.filter(pk=waiting.pk).update(status=InitiativeStatus.ANSWERING)
    youth = make_youth_coordinator()
    with django_assert_max_num_queries(4):
        items = _desk(youth)
    assert [item.count for item in items] == [2, 1]
    assert items[0].url.endswith("?status=checking")
    assert _desk(make_coordinator("editor@example.org")) == []
    assert _desk(make_user("member@example.org")) == []


def test_the_menu_item_is_shown_to_moderators_only(users):
    (item,) = [i for fn in hooks.get_hooks("community_menu_items") for i in fn()
               if i.name == "youth-initiatives"]  # fmt: skip
    request = RequestFactory().get("/admin/")
    shown = set()
    for role, user in users.items():
        request.user = user
        if item.is_shown(request):
            shown.add(role)
    assert shown == MODERATORS
    assert item.url == reverse("community_initiatives")


def test_the_sweep_is_a_periodic_task():
    found = [task for fn in hooks.get_hooks("periodic_tasks") for task in fn()]
    assert tasks.close_due_initiatives in found


def test_the_period_report_has_the_initiatives_lines():
    from django.utils import timezone

    proposed()
    today = timezone.localdate()
    lines = dict(line for fn in hooks.get_hooks("period_figures") for line in fn(today, today))
    assert lines["Предложено инициатив молодёжи"] == 1
    assert lines["Принято инициатив молодёжи"] == 0
