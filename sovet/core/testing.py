"""Helpers for tests of any app: users in role groups, and the role × action matrix walk."""

import importlib
from collections.abc import Callable, Iterable
from contextlib import contextmanager
from pathlib import Path

from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import TOTP
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser, Group
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.test import override_settings
from django.urls import clear_url_caches

from sovet.core.private_files import NoPublicURL

VISITOR = "visitor"
MEMBER = "member"


# Russian months as a date writes them («5 мая 2010»): the expected text, written down here
# rather than asked of the formats under test.
RU_MONTHS = (
    "января", "февраля", "марта", "апреля", "мая", "июня",
    "июля", "августа", "сентября", "октября", "ноября", "декабря",
)  # fmt: skip


def russian_date(day) -> str:
    """«5 мая 2010»: a date as a Russian page writes it (without the «г.» that follows)."""
    return f"{day.day} {RU_MONTHS[day.month - 1]} {day.year}"


def make_user(email: str, *, roles: Iterable[str] = (), superuser: bool = False, **fields):
    """An active account with a verified address in the given role groups."""

    user = get_user_model().objects.create_user(
        email, "pass-for-tests", is_superuser=superuser, **fields
    )
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    for role in roles:
        user.groups.add(Group.objects.get(name=str(role)))
    return user


# The authenticator secret of every staff user made by tests.
TEST_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"  # noqa: S105


def make_staff(email: str, role=None, **fields):
    """A user (in ``role``, if given) who has set up two-factor sign-in, so the admin opens."""

    user = make_user(email, roles=[role] if role else [], **fields)
    TOTP.activate(user, TEST_TOTP_SECRET)
    return user


def role_users(roles: Iterable) -> dict[str, object]:
    """One user per role (``accounts.roles.Role``), keyed by role name, plus the visitor and a
    member."""
    users = {VISITOR: AnonymousUser(), MEMBER: make_user("member@example.org")}
    for role in roles:
        users[str(role)] = make_user(f"{role.name.lower()}@example.org", roles=[role])
    return users


def opens(client, user, url) -> bool:
    """Whether ``user`` (anonymous too) gets the page at ``url``: for role matrices."""
    client.logout()
    if not isinstance(user, AnonymousUser):
        client.force_login(user)
    return client.get(url).status_code == 200


def admin_answer(client, user, method: str, url: str, data=None) -> str:
    """What ``user`` (anonymous too) gets at an admin address, as role matrices name it: "200",
    "403", "404", "sign in", "admin home", or "302 <where>" for another redirect."""
    client.logout()
    if user.is_authenticated:
        client.force_login(user)
    response = getattr(client, method)(url, data or {})
    location = response.get("Location", "")
    if response.status_code == 302 and location.startswith("/ru/admin/"):
        # The locale middleware sends an address the admin does not know to /ru/…: a 404.
        response = client.get(location)
        location = response.get("Location", "")
    if response.status_code == 302:
        if "/accounts/login/" in location or "/admin/login/" in location:
            return "sign in"
        if location == "/admin/":
            return "admin home"
        return f"302 {location}"
    return str(response.status_code)


def assert_role_matrix(
    users: dict[str, object],
    actions: dict[str, tuple[Callable[[object], bool], set[str]]],
) -> None:
    """Check every role against every action: allowed exactly where the matrix says.

    ``actions`` maps an action's name to (check(user) -> bool, the roles that may do it).
    All mismatches are reported at once, as a table a reviewer can read.
    """
    mismatches = []
    for action, (check, allowed) in actions.items():
        unknown = allowed - users.keys()
        assert not unknown, f"{action}: unknown roles {unknown}"
        for role, user in users.items():
            expected = role in allowed
            actual = bool(check(user))
            if actual != expected:
                verdict = "allowed" if actual else "denied"
                mismatches.append(f"{action:<32} {role:<24} {verdict}, expected the opposite")
    assert not mismatches, "Role × action matrix mismatches:\n" + "\n".join(mismatches)


@contextmanager
def embedded_site_urls():
    """The URLs of the embedded site (`make run`: DEBUG on), which serve MEDIA_URL as files."""
    # The project's URLconf, found through the settings: core lies below the apps it includes.
    urls = importlib.import_module(settings.ROOT_URLCONF)
    try:
        with override_settings(DEBUG=True):
            importlib.reload(urls)
            clear_url_caches()
            yield
    finally:
        importlib.reload(urls)
        clear_url_caches()


def assert_not_under_media(client, files, secret: bytes) -> None:
    """Private files are kept outside the media, and no /media/ address serves them, even on
    the embedded site, which serves the media folder as it is."""
    with embedded_site_urls():
        # The media route is live: a public file there is served…
        public = default_storage.save("public-check.txt", ContentFile(b"public file"))
        response = client.get(f"{settings.MEDIA_URL}{public}")
        default_storage.delete(public)
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == b"public file"
        # …but not a private file's name.
        for file in files:
            assert (Path(settings.PRIVATE_ROOT) / file.name).is_file()
            assert not (Path(settings.MEDIA_ROOT) / file.name).exists()
            response = client.get(f"{settings.MEDIA_URL}{file.name}")
            assert response.status_code == 404
            assert file.name in response.content.decode()  # Django's "…does not exist" page
            assert secret not in response.content
            try:
                file.url  # noqa: B018
            except NoPublicURL:
                continue
            raise AssertionError(f"{file.name} has a URL")


def page_text(response, *shows: str, status: int = 200) -> str:
    """The text of a page that answered ``status`` and shows each of ``shows``.

    Call it before asserting what a page must not show: an error page shows nothing, so a
    check for absence alone passes on a 404 or a 500.
    """
    assert response.status_code == status, f"answered {response.status_code}, not {status}"
    assert shows, "name a piece of the expected page: absence alone proves nothing"
    text = response.content.decode()
    for piece in shows:
        assert piece in text, f"the page does not show {piece!r}"
    return text
