"""The registrant's private page holds a secret link: never cached, indexed or passed on; and the
registration form counts its rate limit before any work."""

import pytest

from sovet.events.models import Registration

from .factories import EventFactory
from .test_registration import register


@pytest.mark.django_db
def test_the_private_page_is_not_cached_indexed_or_referred(client):
    registration = register(EventFactory(), "a@example.org")
    url = f"/ru/registrations/{registration.token}/"
    for response in (client.get(url), client.post(url)):
        assert response.status_code in (200, 302)
        assert response["Cache-Control"] == "private, no-store"
        assert response["X-Robots-Tag"] == "noindex"
        assert response["Referrer-Policy"] == "same-origin"
    page = client.get(url)
    assert page.status_code == 200 and "Вечер памяти" in page.content.decode()
    assert Registration.objects.get().status == "cancelled"
