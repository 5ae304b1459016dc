"""Accounts the tests make: people in role groups, and staff who have set up two-factor sign-in.

The roles are those of `sovet.accounts.roles.Role`: ``UserFactory(roles=[Role.COUNCIL_SECRETARY])``.
"""

import factory
from allauth.mfa.totp.internal.auth import TOTP
from factory.django import DjangoModelFactory

from sovet.accounts.models import User
from sovet.core.testing import TEST_TOTP_SECRET, make_user


class UserFactory(DjangoModelFactory):
    """An active account with a verified address, in the role groups given as ``roles``."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.org")

    @classmethod
    def _create(cls, model_class, email, roles=(), **fields):
        return make_user(email, roles=roles, **fields)


class StaffFactory(UserFactory):
    """A user who has set up two-factor sign-in, so the staff admin opens for their roles."""

    email = factory.Sequence(lambda n: f"staff{n}@example.org")

    @factory.post_generation
    def two_factor(user, create, extracted, **kwargs):
        if create:
            TOTP.activate(user, TEST_TOTP_SECRET)


def with_two_factor(users: dict) -> dict:
    """Two-factor sign-in set up for each signed-in user of a role matrix (core.testing's
    `role_users`) who has not set it up yet, so that the admin opens for every staff role."""
    for user in users.values():
        if user.is_authenticated and not user.authenticator_set.filter(type="totp").exists():
            TOTP.activate(user, TEST_TOTP_SECRET)
    return users
