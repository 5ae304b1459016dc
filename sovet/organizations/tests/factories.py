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
