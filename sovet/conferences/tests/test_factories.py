"""The conferences factories make valid objects that hang together."""

import pytest

from .factories import (
    ConferenceFactory,
    DecisionFactory,
    DelegateFactory,
    ProgressReportFactory,
    ResolutionFactory,
)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "factory",
    [ConferenceFactory, ResolutionFactory, DecisionFactory, ProgressReportFactory,
     DelegateFactory],
)  # fmt: skip
def test_each_factory_makes_a_valid_object(factory):
    factory().full_clean()


@pytest.mark.django_db
def test_a_report_is_on_a_decision_of_an_adopted_resolution():
    report = ProgressReportFactory()
    conference = report.decision.resolution.conference
    assert conference.status == "resolution_adopted" and report.status == "submitted"
    assert ConferenceFactory().number != ConferenceFactory().number
