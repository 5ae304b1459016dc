import io

import pytest


@pytest.fixture(autouse=True)
def _clear_cache():
    """Rate limits and cached pages live in the cache: every test starts clean."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def demo(db):
    """The demo content of every app, as `make run` loads it."""
    from django.core.management import call_command

    call_command("load_demo", force=True, stdout=io.StringIO())


@pytest.fixture
def users(db):
    from sovet.core.testing import role_users

    return role_users()
