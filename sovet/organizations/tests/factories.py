"""Small builders for organization tests."""

from itertools import count

from sovet.core.models import Region
from sovet.organizations.models import Organization, OrganizationEditor

_numbers = count(1)


def make_organization(**fields) -> Organization:
    number = next(_numbers)
    values = {
        "name_ru": f"Организация {number}",
        "slug": f"organization-{number}",
        "type": "public_association",
        "region": Region.objects.get(code="bishkek"),
        "city": "Бишкек",
    }
    values.update(fields)
    return Organization.objects.create(**values)


def make_editor(organization, user, *, is_admin=False) -> OrganizationEditor:
    from sovet.organizations.services import organization_editor_add

    return organization_editor_add(organization=organization, user=user, is_admin=is_admin)


def editors_of_two_organizations(users: dict, names: tuple[str, str]) -> tuple:
    """Two organizations, A and B, with an editor each (added to ``users`` under ``names``);
    every staff member gets two-factor sign-in set up, so the admin opens."""
    from allauth.mfa.totp.internal.auth import TOTP

    from sovet.core.testing import TEST_TOTP_SECRET, make_staff

    for user in users.values():
        if user.is_authenticated:
            TOTP.activate(user, TEST_TOTP_SECRET)
    a, b = make_organization(name_ru="Организация А"), make_organization(name_ru="Организация Б")
    for name, organization in zip(names, (a, b), strict=True):
        users[name] = make_staff(f"{name.replace(' ', '-')}@example.org")
        make_editor(organization, users[name])
        users[name].refresh_from_db()
    return a, b
