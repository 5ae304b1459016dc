"""Helpers for tests of any app: users in role groups, and the role × action matrix walk."""

from collections.abc import Callable, Iterable

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser, Group

VISITOR = "visitor"
MEMBER = "member"


def make_user(email: str, *, roles: Iterable[str] = (), superuser: bool = False, **fields):
    """An active account with a verified address in the given role groups."""
    from allauth.account.models import EmailAddress

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
    from allauth.mfa.totp.internal.auth import TOTP

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
