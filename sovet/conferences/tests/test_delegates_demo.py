"""Delegates never reach the public page of the demo's conference."""

import pytest

from sovet.accounts.roles import Role
from sovet.conferences import services
from sovet.conferences.models import Conference
from sovet.core.testing import make_staff, page_text
from sovet.organizations.tests.factories import make_organization


@pytest.mark.django_db
def test_public_conference_page_never_shows_delegates(demo, client):
    conference = Conference.objects.get(number=12)
    secretary = make_staff("secretary@example.org", Role.COUNCIL_SECRETARY)
    services.delegate_register(
        conference=conference, organization=make_organization(), user=secretary,
        full_name="Скрытый Делегат", email="hidden@example.org",
    )  # fmt: skip
    html = page_text(
        client.get("/ru/conferences/xii/"), "Кыргызстан и Россия – новые форматы сотрудничества"
    )
    assert "Скрытый Делегат" not in html and "hidden@example.org" not in html
