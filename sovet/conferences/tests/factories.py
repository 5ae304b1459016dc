"""Conferences the tests make: a conference, its resolution and decisions, the organizations'
progress reports on them, and the delegates organizations send."""

from datetime import date

import factory
from factory.django import DjangoModelFactory

from sovet.conferences.models import (
    Conference,
    Decision,
    Delegate,
    ProgressReport,
    Resolution,
)
from sovet.organizations.tests.factories import OrganizationFactory


class ConferenceFactory(DjangoModelFactory):
    """A planned country conference in Bishkek; numbers from XX up, clear of the demo's."""

    class Meta:
        model = Conference

    number = factory.Sequence(lambda n: 20 + n)
    city_ru = "Бишкек"
    status = "planned"


class ResolutionFactory(DjangoModelFactory):
    """The resolution a conference adopted, its progress public."""

    class Meta:
        model = Resolution

    conference = factory.SubFactory(ConferenceFactory, status="resolution_adopted")
    adopted_on = date(2021, 4, 2)
    adopted_in = "Бишкек"


class DecisionFactory(DjangoModelFactory):
    """A numbered, tracked decision of a resolution."""

    class Meta:
        model = Decision

    resolution = factory.SubFactory(ResolutionFactory)
    number = factory.Sequence(lambda n: n + 1)
    text_ru = factory.Sequence(lambda n: f"Провести мероприятие № {n + 1}.")


class ProgressReportFactory(DjangoModelFactory):
    """What an organization reports done on a decision, waiting for the secretary."""

    class Meta:
        model = ProgressReport

    decision = factory.SubFactory(DecisionFactory)
    organization = factory.SubFactory(OrganizationFactory)
    text = "Провели встречу."


class DelegateFactory(DjangoModelFactory):
    """A person an organization sends to a conference, with the contacts that stay private."""

    class Meta:
        model = Delegate

    conference = factory.SubFactory(ConferenceFactory, status="registration_open")
    organization = factory.SubFactory(OrganizationFactory)
    full_name = factory.Sequence(lambda n: f"Делегат {n + 1}")
    email = factory.Sequence(lambda n: f"delegate{n + 1}@example.org")
