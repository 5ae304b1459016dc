"""Helpers for tests of any app: users in each role, and the role × action matrix walk."""

from collections.abc import Callable, Iterable

from django.contrib.auth.models import AnonymousUser, Group

VISITOR = "visitor"
MEMBER = "member"


def make_user(email: str, *, roles: Iterable[str] = (), superuser: bool = False, **fields):
    """An active account with a verified address in the given role groups."""
    from allauth.account.models import EmailAddress

    from sovet.accounts.models import User

    user = User.objects.create_user(email, "pass-for-tests", is_superuser=superuser, **fields)
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    for role in roles:
        user.groups.add(Group.objects.get(name=str(role)))
    return user


# The authenticator secret of every staff user made by tests.
TEST_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"  # noqa: S105


def make_staff(email: str, role=None, **fields):
    """A user (in ``role``, if given) who has set up two-factor sign-in, so the admin opens."""
    from allauth.mfa.totp.internal.auth import TOTP

    user = make_user(email, roles=[role] if role else [], **fields)
    TOTP.activate(user, TEST_TOTP_SECRET)
    return user


def role_users() -> dict[str, object]:
    """One user per role of DESIGN.md, keyed by role name, plus the visitor and a member."""
    from sovet.accounts.roles import Role

    users = {VISITOR: AnonymousUser(), MEMBER: make_user("member@example.org")}
    for role in Role:
        users[str(role)] = make_user(f"{role.name.lower()}@example.org", roles=[role])
    return users


def opens(client, user, url) -> bool:
    """Whether ``user`` (anonymous too) gets the page at ``url``: for role matrices."""
    client.logout()
    if not isinstance(user, AnonymousUser):
        client.force_login(user)
    return client.get(url).status_code == 200


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
