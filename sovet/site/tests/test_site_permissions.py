"""The roles that manage the public site may change the Council's contacts (site's own migration
grants it: accounts, below site, no longer names site's models)."""

import pytest
from allauth.mfa.totp.internal.auth import TOTP

from sovet.accounts.roles import Role
from sovet.core.testing import TEST_TOTP_SECRET, VISITOR, assert_role_matrix, opens
from sovet.site.models import CouncilContacts


@pytest.mark.django_db
def test_only_secretaries_and_administrators_change_the_council_contacts(client, users):
    # The generic setting's one row; its id is not always 1 (tests before may have used 1).
    contacts = f"/admin/settings/site/councilcontacts/{CouncilContacts.load().pk}/"
    for user in users.values():
        if getattr(user, "pk", None) and user.groups.exists():
            TOTP.activate(user, TEST_TOTP_SECRET)
    managers = {str(Role.COUNCIL_SECRETARY), str(Role.ADMINISTRATOR)}
    assert_role_matrix(
        users,
        {
            "has the permission": (
                lambda user: user.has_perm("site.change_councilcontacts"),
                managers,
            ),
            "opens the contacts' form": (lambda user: opens(client, user, contacts), managers),
        },
    )
    assert VISITOR in users
