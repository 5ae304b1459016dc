"""Organizations the tests make, and the staff who edit them."""

import factory
from factory.django import DjangoModelFactory

from sovet.accounts.tests.factories import StaffFactory, with_two_factor
from sovet.core.models import Region
from sovet.organizations.models import Organization, OrganizationEditor


class OrganizationFactory(DjangoModelFactory):
    """A public association in Bishkek, numbered: «Организация 1», organization-1."""

    class Meta:
        model = Organization

    name_ru = factory.Sequence(lambda n: f"Организация {n + 1}")
    slug = factory.Sequence(lambda n: f"organization-{n + 1}")
    type = "public_association"
    region = factory.LazyFunction(lambda: Region.objects.get(code="bishkek"))
    city = "Бишкек"


class EditorFactory(DjangoModelFactory):
    """A staff member made an organization's editor as the Council does it (the service gives
    them the editor's role)."""

    class Meta:
        model = OrganizationEditor

    organization = factory.SubFactory(OrganizationFactory)
    user = factory.SubFactory(StaffFactory)
    is_admin = False

    @classmethod
    def _create(cls, model_class, organization, user, is_admin=False):
        from sovet.organizations.services import organization_editor_add

        return organization_editor_add(organization=organization, user=user, is_admin=is_admin)


# The names the tests have long used.
make_organization = OrganizationFactory


def make_editor(organization, user, *, is_admin=False) -> OrganizationEditor:
    return EditorFactory(organization=organization, user=user, is_admin=is_admin)


def editor_of(organization, email: str, **fields):
    """A staff member with two-factor sign-in who edits ``organization``, as read afresh (with
    the role the service gave them)."""
    user = EditorFactory(organization=organization, user__email=email, **fields).user
    user.refresh_from_db()
    return user


def editors_of_two_organizations(users: dict, names: tuple[str, str]) -> tuple:
    """Two organizations, A and B, with an editor each (added to ``users`` under ``names``);
    every staff member gets two-factor sign-in set up, so the admin opens."""
    with_two_factor(users)
    a, b = make_organization(name_ru="Организация А"), make_organization(name_ru="Организация Б")
    for name, organization in zip(names, (a, b), strict=True):
        users[name] = editor_of(organization, f"{name.replace(' ', '-')}@example.org")
    return a, b
