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


def add_decisions_at_scale(resolution, *, reports=0, report_status="submitted", spread=False):
    """50 more decisions of ``resolution``, each assigned to all of 60 new organizations (or,
    ``spread``, to every first to fifth of them by its number), with ``reports`` progress
    reports each: what pages that must not run more queries at scale are tried with."""
    organizations = [OrganizationFactory() for _ in range(60)]
    start = resolution.decisions.count() + 1
    decisions = Decision.objects.bulk_create(
        [
            Decision(resolution=resolution, number=n, text_ru=f"Решение {n}", kind="support")
            for n in range(start, start + 50)
        ]
    )
    through = Decision.organizations.through
    through.objects.bulk_create(
        [
            through(decision=d, organization=o)
            for d in decisions
            for o in (organizations[:: 1 + d.number % 5] if spread else organizations)
        ]
    )
    ProgressReport.objects.bulk_create(
        [
            ProgressReport(
                decision=d, organization=organizations[i], text=f"Отчёт {i}", status=report_status
            )
            for d in decisions
            for i in range(reports)
        ]
    )
    return decisions
