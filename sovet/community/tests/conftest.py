import pytest

from .factories import make_site


@pytest.fixture
def volunteers_page(db):
    return make_site()
