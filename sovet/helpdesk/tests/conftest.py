import pytest

from .factories import make_site


@pytest.fixture
def desk(db):
    return make_site()
