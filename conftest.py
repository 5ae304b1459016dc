import io

import pytest

# How a test uses the database, in the order pytest-django runs them: in a transaction rolled
# back after the test, committing (transactional), not at all.
ROLLED_BACK, TRANSACTIONAL, NO_DATABASE = 0, 1, 2
DEMO_DATABASE = pytest.StashKey["DemoDatabase"]()


@pytest.fixture(autouse=True)
def _clear_cache():
    """Rate limits and cached pages live in the cache: every test starts clean."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def kept():
    """The pieces of pages kept per content version (core/fragments.py), on as in production
    (the tests' settings turn them off), from an empty store."""
    from django.test import override_settings

    from sovet.core import fragments

    fragments.forget_local()
    with override_settings(FRAGMENT_CACHE=True):
        yield
    fragments.forget_local()


# Loading the demo takes seconds, so it is loaded once for all the tests that use it, in a
# transaction left open: each of them runs in a savepoint inside it (pytest-django's own atomic
# block), rolled back after the test, and so starts from the demo as loaded. It is rolled back
# before any test that uses the database without it (such tests run first). It is loaded by a
# module-scoped fixture, before the test's own transaction begins: so a module uses it in all
# its database tests or in none (checked at collection).


class DemoDatabase:
    """The demo content in a transaction of the default database, until dropped."""

    def __init__(self, django_db_blocker):
        self.blocker = django_db_blocker
        self.atomic = None

    def load(self):
        from django.core.management import call_command
        from django.db import transaction

        if self.atomic:
            return
        with self.blocker.unblock():
            self.atomic = transaction.atomic()
            self.atomic.__enter__()
            try:
                call_command("load_demo", force=True, stdout=io.StringIO())
            except BaseException:
                self.drop()
                raise

    def drop(self):
        from django.db import transaction

        if not self.atomic:
            return
        with self.blocker.unblock():  # as django.test.TestCase rolls back its atomic blocks
            transaction.set_rollback(True)
            self.atomic.__exit__(None, None, None)
        self.atomic = None


@pytest.fixture(scope="session")
def _demo_database(request, django_db_setup, django_db_blocker):
    database = request.config.stash[DEMO_DATABASE] = DemoDatabase(django_db_blocker)
    yield database
    database.drop()


@pytest.fixture(scope="module")
def _demo_loaded(_demo_database):
    _demo_database.load()  # nothing to do if the previous module left it loaded


@pytest.fixture
def demo(_demo_loaded, db, _demo_database):
    """The demo content of every app, as `make run` loads it."""
    assert _demo_database.atomic, "the demo was rolled back after this module loaded it"


def _database_use(item):
    from django.test import TestCase, TransactionTestCase
    from pytest_django.fixtures import validate_django_db

    test_case = getattr(item, "cls", None)
    if test_case and issubclass(test_case, TransactionTestCase):
        return ROLLED_BACK if issubclass(test_case, TestCase) else TRANSACTIONAL
    fixtures = set(getattr(item, "fixturenames", ()))
    marker = item.get_closest_marker("django_db")
    transaction, reset_sequences, *_ = validate_django_db(marker) if marker else (False, False)
    if transaction or reset_sequences or fixtures & {"transactional_db", "live_server"}:
        return TRANSACTIONAL
    return ROLLED_BACK if marker or "db" in fixtures else NO_DATABASE


def _uses_demo(item):
    return "demo" in getattr(item, "fixturenames", ())


def pytest_collection_modifyitems(items):
    modules = {}  # module → whether its database tests use the demo
    for item in items:
        use, uses_demo = _database_use(item), _uses_demo(item)
        if use == TRANSACTIONAL and uses_demo:
            raise pytest.UsageError(f"{item.nodeid}: a transactional test cannot use `demo`.")
        if use != NO_DATABASE and modules.setdefault(item.path, uses_demo) != uses_demo:
            raise pytest.UsageError(
                f"{item.path}: some database tests use `demo` and some do not; move those that "
                "use it to a module of their own (test_…_demo.py)."
            )
    # pytest-django's order, with the tests that use the demo after the other rolled-back ones.
    items.sort(key=lambda item: (_database_use(item), _uses_demo(item)))


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    """A test that uses the database without the demo does not see it."""
    database = item.config.stash.get(DEMO_DATABASE, None)
    if database and _database_use(item) != NO_DATABASE and not _uses_demo(item):
        database.drop()


@pytest.fixture
def users(db):
    """One user per role of DESIGN.md, keyed by role name, plus the visitor and a member."""
    from sovet.accounts.roles import Role
    from sovet.core.testing import role_users

    return role_users(Role)
