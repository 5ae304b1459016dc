import pytest

from .factories import make_site


@pytest.fixture
def help_page(db):
    return make_site()
