"""The organizations factories make what they promise."""

import pytest

from sovet.accounts.roles import Role

from .factories import EditorFactory, OrganizationFactory, editor_of


@pytest.mark.django_db
def test_organizations_are_valid_and_numbered_apart():
    first, second = OrganizationFactory(), OrganizationFactory()
    for organization in (first, second):
        organization.full_clean()
    assert first.slug != second.slug and first.name_ru != second.name_ru


@pytest.mark.django_db
def test_an_editor_edits_the_organization_in_the_editors_role():
    editor = EditorFactory()
    assert editor.user.has_role(Role.ORGANIZATION_EDITOR)
    assert list(editor.organization.editors.all()) == [editor.user]
    organization = OrganizationFactory()
    user = editor_of(organization, "editor@example.org", is_admin=True)
    assert user.email == "editor@example.org" and user.has_role(Role.ORGANIZATION_EDITOR)
    assert user.authenticator_set.filter(type="totp").exists()
