"""The registration form counts its rate limit before the form is validated: refused posts
count too, and over the limit what was typed comes back with the message alone."""

import pytest

from sovet.events.models import Event, Registration


@pytest.mark.django_db
def test_refused_posts_count_and_the_typed_values_come_back(demo, client):
    event = Event.objects.get(title_ru="Вечер русского романса")
    url = f"/ru/events/{event.pk}/"
    for number in range(10):
        refused = client.post(url, {"name": "Бот", "email": f"bot{number}@example.org"})
        assert refused.status_code == 200 and refused.context["form"].errors["consent"]
    data = {"name": "Анна", "email": "anna@example.org", "seats": "1", "consent": "on"}
    response = client.post(url, data)
    assert response.status_code == 429
    form = response.context["form"]
    assert list(form.errors) == ["__all__"] and "Слишком много" in form.non_field_errors()[0]
    assert 'value="anna@example.org"' in response.content.decode()
    assert not Registration.objects.filter(email="anna@example.org").exists()
