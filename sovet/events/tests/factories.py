"""Events the tests make: an event a week ahead with open registration, campaigns and their
yearly editions, and people's registrations."""

from datetime import timedelta

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from sovet.events.models import Campaign, CampaignEdition, Event, Registration
from sovet.organizations.tests.factories import OrganizationFactory


class EventFactory(DjangoModelFactory):
    """«Вечер памяти» in a week, two hours long, three seats by open registration, organized by
    a new organization (or by ``organizations=[…]``)."""

    class Meta:
        model = Event
        skip_postgeneration_save = True

    title_ru = "Вечер памяти"
    starts_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=7))
    ends_at = factory.LazyAttribute(lambda event: event.starts_at + timedelta(hours=2))
    registration = "open"
    capacity = 3

    @factory.post_generation
    def organizations(event, create, extracted, **kwargs):
        if create:
            event.organizations.set(extracted or [OrganizationFactory()])


class CampaignFactory(DjangoModelFactory):
    """A campaign held every year."""

    class Meta:
        model = Campaign

    title_ru = factory.Sequence(lambda n: f"Акция {n + 1}")
    slug = factory.Sequence(lambda n: f"campaign-{n + 1}")


class CampaignEditionFactory(DjangoModelFactory):
    """One year of a campaign."""

    class Meta:
        model = CampaignEdition

    campaign = factory.SubFactory(CampaignFactory)
    year = 2021


class RegistrationFactory(DjangoModelFactory):
    """A person's confirmed seat at an event, with their consent; made directly, so that tests of
    the registration rules go through `services.registration_create` instead."""

    class Meta:
        model = Registration

    event = factory.SubFactory(EventFactory)
    name = "Анна"
    email = factory.Sequence(lambda n: f"guest{n + 1}@example.org")
    seats = 1
    consent = True
    status = "confirmed"
