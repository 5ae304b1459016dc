"""The council page (organizations) links the decision that approved each composition and names
its conference, through the `council_term_approvals` hook conferences registers."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sovet.conferences.models import Decision
from sovet.core.testing import page_text
from sovet.organizations.models import CouncilTerm

from .factories import ConferenceFactory, DecisionFactory, ResolutionFactory


@pytest.mark.django_db
def test_the_current_composition_links_the_decision_that_approved_it(demo, client):
    approving = Decision.objects.get(approves_council_term__isnull=False)
    assert approving.number == 17
    html = page_text(client.get("/ru/council/"), "Состав Координационного совета 2021 года")
    link = '<a href="/ru/conferences/xii/?open=17#decision-17">Пункт 17 резолюции</a>'
    assert link in html
    # The link opens that decision, folded among the others, without JavaScript.
    decision_page = page_text(client.get("/ru/conferences/xii/?open=17"), 'id="decision-17"')
    assert decision_page.count("<details open>") == 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "text"),
    [("ru", "Пункт 17 резолюции"), ("ky", "Резолюциянын 17-пункту"), ("en", "Decision 17 of")],
)
def test_the_link_is_in_the_readers_language(demo, client, language, text):
    html = page_text(client.get(f"/{language}/council/"), text)
    assert f'href="/{language}/conferences/xii/?open=17#decision-17"' in html


@pytest.mark.django_db
def test_earlier_compositions_name_their_conference(demo, client):
    html = page_text(client.get("/ru/council/"), "Предыдущие составы")
    earlier = html.split("Предыдущие составы", 1)[1]
    summary = earlier.split("</summary>", 1)[0]
    assert "Состав Координационного совета 2019 года" in summary
    assert "XI страновая конференция российских соотечественников" in summary


@pytest.mark.django_db
def test_a_composition_named_by_no_text_takes_its_conference_from_the_decision(demo, client):
    term = CouncilTerm.objects.get(approved_on=date(2019, 3, 29))
    term.approved_by_ru = ""
    term.save()
    resolution = ResolutionFactory(
        conference=ConferenceFactory(number=11), adopted_on=term.approved_on
    )
    DecisionFactory(resolution=resolution, number=4, approves_council_term=term, kind="approve")
    html = page_text(client.get("/ru/council/"), "Предыдущие составы")
    earlier = html.split("Предыдущие составы", 1)[1]
    assert "XI страновая конференция" in earlier.split("</summary>", 1)[0]
    assert '<a href="/ru/conferences/xi/?open=4#decision-4">Пункт 4 резолюции</a>' in earlier


@pytest.mark.django_db
def test_a_composition_no_decision_approved_has_no_link(demo, client):
    Decision.objects.update(approves_council_term=None)
    html = page_text(client.get("/ru/council/"), "Состав Координационного совета 2021 года")
    assert "резолюции</a>" not in html
    assert "XII страновая конференция российских соотечественников" in html


@pytest.mark.django_db
def test_council_page_reads_the_approvals_in_one_query(demo, client):
    def count():
        with CaptureQueriesContext(connection) as captured:
            page_text(client.get("/ru/council/"), "Предыдущие составы")
        return len(captured)

    client.get("/ru/council/")
    before = count()
    term = CouncilTerm.objects.get(approved_on=date(2019, 3, 29))
    resolution = ResolutionFactory(
        conference=ConferenceFactory(number=11), adopted_on=term.approved_on
    )
    DecisionFactory(resolution=resolution, number=4, approves_council_term=term, kind="approve")
    assert count() == before
