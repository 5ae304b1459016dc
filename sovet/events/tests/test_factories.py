"""The events factories make valid objects that hang together."""

import pytest
from django.utils import timezone

from sovet.organizations.tests.factories import OrganizationFactory

from .factories import CampaignEditionFactory, EventFactory, RegistrationFactory


@pytest.mark.django_db
@pytest.mark.parametrize("factory", [EventFactory, CampaignEditionFactory, RegistrationFactory])
def test_each_factory_makes_a_valid_object(factory):
    factory().full_clean()


@pytest.mark.django_db
def test_an_event_is_ahead_open_and_organized():
    event = EventFactory()
    assert timezone.now() < event.starts_at < event.ends_at
    assert (event.registration, event.capacity, event.organizations.count()) == ("open", 3, 1)
    organization = OrganizationFactory()
    assert list(EventFactory(organizations=[organization]).organizations.all()) == [organization]
