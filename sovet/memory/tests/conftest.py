"""Fixtures of the memory archive's tests."""

import pytest

from sovet.accounts.roles import Role
from sovet.accounts.tests.factories import StaffFactory


@pytest.fixture
def moderator(db):
    """A memory moderator who has set up two-factor sign-in."""
    return StaffFactory(email="mod@example.org", roles=[Role.MEMORY_MODERATOR])
