# ruff: noqa: F811  (the fixtures of staff_world.py, imported, are the tests' arguments)
"""Every address of the help desk, generated from the URL configuration and the help desk
page's routes, against every role, with the answer each role must get.

A new address fails ``test_every_help_desk_address_is_in_the_matrix`` until it is given its
row here: nobody adds a screen without saying who opens it."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from sovet.core.private_files import file_key
from sovet.core.testing import MEMBER, VISITOR, admin_answer
from sovet.helpdesk import services
from sovet.helpdesk.models import CannedAnswer, CentreMember, HelpDeskPage
from sovet.helpdesk.views import attachment_key

from .staff_world import (  # noqa: F401  (fixtures)
    ADMIN,
    ADMIN_MEMBER,
    BISHKEK,
    EDITOR,
    HEAD,
    MODERATOR,
    OSH,
    SECRET_TEXT,
    SECRETARY,
    centres,
    desk,
    osh_request,
    secret,
    upload,
)

MEMBERS = {BISHKEK, OSH, HEAD, ADMIN_MEMBER}
IN_BISHKEK = {BISHKEK, HEAD, ADMIN_MEMBER}
ADMINISTRATORS = {ADMIN, ADMIN_MEMBER}
SIGNED_OUT = {VISITOR, MEMBER}  # no way into the admin: sent to sign in

# name → (who gets the page, what the others get: "denied" (403) for a screen of the help desk,
# "home" (Wagtail's registries: back to the admin's home page with a message), "missing" (404)
# for one request's address, where another centre's request and no request answer alike).
# Whoever cannot enter the admin at all is sent to sign in.
ADMIN_SCREENS = {
    "helpdesk_queue": (MEMBERS, "denied"),
    "helpdesk_transfers": (MEMBERS, "denied"),
    "helpdesk_access_log": ({HEAD}, "denied"),
    "helpdesk_figures": (MEMBERS | {ADMIN, SECRETARY}, "denied"),
    "helpdesk_request": (IN_BISHKEK, "missing"),
    "helpdesk_export": (IN_BISHKEK, "missing"),
    "helpdesk_file": (IN_BISHKEK, "missing"),
    **{
        f"helpdesk_canned:{view}": ({HEAD}, "home")
        for view in ("index", "index_results", "add", "edit", "delete", "history",
                     "history_results", "usage")
    },
    **{
        f"helpdesk_{registry}:{view}": (ADMINISTRATORS, "home")
        for registry in ("centre", "member")
        for view in ("index", "index_results", "add", "edit", "delete", "history",
                     "history_results", "usage")
    },
    "helpdesk_centre:delete": (set(), "home"),  # a centre with requests is never deleted
}  # fmt: skip
# One request's actions (POST): done by its centre's staff, "missing" for everyone else.
ACTIONS = {
    "helpdesk_answer": {"text": "Ответ центра"},
    "helpdesk_note": {"text": "Заметка"},
    "helpdesk_status": {"status": "in_progress"},
    "helpdesk_assign": {"take": "1"},
    "helpdesk_transfer": {"to_centre": "", "confirm": "on"},  # the other centre, filled below
    "helpdesk_called_back": {},
}
# The help desk page's routes: the token is the key, whoever holds it; a wrong one finds nothing.
PAGE_ROUTES = {
    "": "public",
    "request/": "public",
    "suggest/": "public",
    "r/<str:token>/": "token",
    "r/<str:token>/data/": "token",
    "r/<str:token>/erase/": "token",
    "r/<str:token>/files/<str:key>/": "token",
}


def _walk(resolver, prefix=""):
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            namespace = f"{pattern.namespace}:" if pattern.namespace else ""
            yield from _walk(pattern, prefix + namespace)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield prefix + pattern.name


def help_desk_url_names() -> set[str]:
    return {name for name in _walk(get_resolver()) if name.startswith("helpdesk_")}


def test_every_help_desk_address_is_in_the_matrix():
    assert help_desk_url_names() == set(ADMIN_SCREENS) | set(ACTIONS)
    routes = {str(route.pattern) for route in HelpDeskPage.get_subpage_urls()}
    assert routes == set(PAGE_ROUTES)


def _expected(role: str, allowed: set, refusal: str) -> str:
    if role in allowed:
        return "200"
    if role in SIGNED_OUT:
        return "sign in"
    return {"denied": "403", "missing": "404", "home": "admin home"}[refusal]


def _address(name: str, secret, canned, member) -> str:
    if name == "helpdesk_file":
        return reverse(name, args=[file_key(secret.attachments.get().file)])
    if name in ("helpdesk_request", "helpdesk_export"):
        return reverse(name, args=[secret.pk])
    if ":" in name and name.split(":")[1] in (
        "edit",
        "delete",
        "history",
        "history_results",
        "usage",
    ):
        obj = {
            "helpdesk_canned": canned,
            "helpdesk_centre": secret.centre,
            "helpdesk_member": member,
        }[name.split(":")[0]]
        return reverse(name, args=[obj.pk])
    return reverse(name)  # fmt: skip


_status = admin_answer  # the matrix's names for what a role gets


def test_each_role_gets_the_answer_the_matrix_gives_at_every_admin_screen(client, desk, secret):
    canned = CannedAnswer.objects.create(
        centre=secret.centre, topic="labour", title="Трудовой договор", text_ru="Ответ"
    )
    member = CentreMember.objects.filter(centre=secret.centre).first()
    wrong = []
    for name, (allowed, refusal) in ADMIN_SCREENS.items():
        url = _address(name, secret, canned, member)
        for role, user in desk.items():
            expected = _expected(role, allowed, refusal)
            got = _status(client, user, "get", url)
            if got != expected:
                wrong.append(f"{name:<34} {role:<26} got {got}, expected {expected}")
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("action", sorted(ACTIONS))
def test_each_role_gets_the_answer_the_matrix_gives_for_each_action(client, desk, centres, action):
    bishkek, osh = centres
    wrong = []
    for role, user in desk.items():
        # A request of its own for each role: an action done must not hide the next refusal.
        help_request = services.request_submit(
            centre=bishkek, topic="labour", description=SECRET_TEXT, language="ru",
            phone="+996555123456", attachments=[upload()],
        )  # fmt: skip
        data = dict(
            ACTIONS[action], **({"to_centre": osh.pk} if "to_centre" in ACTIONS[action] else {})
        )
        got = _status(client, user, "post", reverse(action, args=[help_request.pk]), data)
        expected = "sign in" if role in SIGNED_OUT else "404"
        if role in IN_BISHKEK:
            expected = "302 " + reverse("helpdesk_request", args=[help_request.pk])
            if action == "helpdesk_transfer":  # the request has left the centre: back to the queue
                expected = "302 " + reverse("helpdesk_queue")
        if got != expected:
            wrong.append(f"{action:<22} {role:<26} got {got}, expected {expected}")
        done = help_request.messages.exists() or help_request.transfers.exists()
        help_request.refresh_from_db()
        done = done or help_request.called_back_at is not None or help_request.status != "new"
        if role not in IN_BISHKEK and (done or help_request.messages.exists()):
            wrong.append(f"{action:<22} {role:<26} changed the request")
    assert not wrong, "\n".join(wrong)


def test_the_token_routes_answer_the_token_alone(client, help_page, desk, secret):
    page = help_page
    key = attachment_key(secret.attachments.get())
    good = page.status_path(secret)
    changed = good[:-2] + ("A" if good[-2] != "A" else "B") + "/"
    for role, user in desk.items():
        client.logout()
        if user.is_authenticated:
            client.force_login(user)
        for suffix in ("", "data/", "erase/", f"files/{key}/"):
            assert client.get(good + suffix).status_code == 200, (role, suffix)
            assert client.get(changed + suffix).status_code == 404, (role, suffix)
    for route in ("", "request/"):
        assert client.get(page.url + route).status_code == 200, route
    assert client.post(page.url + "suggest/", {"q": "паспорт"}).status_code == 200
