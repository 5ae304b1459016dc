"""What the desks need from conferences: which decisions are overdue, the decisions list that
shows them, and the report form with the organization chosen."""

import re

import pytest
from django.utils import timezone

from sovet.accounts.roles import Role
from sovet.conferences import queries
from sovet.core.testing import make_staff, page_text
from sovet.organizations.tests.factories import editor_of, make_editor, make_organization

from .factories import DecisionFactory


@pytest.mark.django_db
def test_overdue_is_a_due_date_passed_on_a_decision_not_done():
    last_year = str(timezone.localdate().year - 1)
    overdue = DecisionFactory(due=last_year, status="in_progress")
    DecisionFactory(due="2099")  # not yet
    DecisionFactory(due=last_year, status="done")
    DecisionFactory(due=last_year, status="cancelled")
    DecisionFactory(due=last_year, tracked=False)  # thanks need no follow-up
    DecisionFactory()  # no due date
    # A period is due at its end: this year is not over yet.
    DecisionFactory(due=str(timezone.localdate().year))
    assert queries.overdue_decisions() == [overdue]


@pytest.mark.django_db
def test_the_decisions_list_filters_the_overdue(client):
    client.force_login(make_staff("secretary@example.org", Role.COUNCIL_SECRETARY))
    overdue = DecisionFactory(due="2020", text_ru="Просроченное поручение.")
    ahead = DecisionFactory(resolution=overdue.resolution, due="2099", text_ru="Будущее поручение.")
    text = page_text(client.get("/admin/conferences_decision/?overdue=true"), overdue.summary)
    assert ahead.summary not in text
    text = page_text(client.get("/admin/conferences_decision/?overdue=false"), ahead.summary)
    assert overdue.summary not in text


def _selected(html) -> list[str]:
    select = html.split('name="organization"', 1)[1].split("</select>", 1)[0]
    return re.findall(r'<option value="(\d*)"[^>]*selected', select)


@pytest.mark.django_db
def test_the_report_form_chooses_the_editors_only_organization(client):
    rodnik = make_organization(name_ru="Родник")
    decision = DecisionFactory()
    decision.organizations.set([rodnik, make_organization(name_ru="Другая")])
    client.force_login(editor_of(rodnik, "rodnik@example.org"))
    html = page_text(client.get(f"/admin/conferences/decisions/{decision.pk}/report/"), "Родник")
    assert _selected(html) == [str(rodnik.pk)]
    assert 'value=""' not in html.split('name="organization"', 1)[1].split("</select>", 1)[0]


@pytest.mark.django_db
def test_the_desks_link_chooses_one_of_several_organizations(client):
    first, second = make_organization(name_ru="Первая"), make_organization(name_ru="Вторая")
    decision = DecisionFactory()
    decision.organizations.set([first, second])
    editor = editor_of(first, "both@example.org")
    make_editor(second, editor)
    client.force_login(editor)
    url = f"/admin/conferences/decisions/{decision.pk}/report/"
    assert _selected(page_text(client.get(f"{url}?organization={second.pk}"), "Вторая")) == [
        str(second.pk)
    ]
    # Nothing chosen without the link, or with an organization the editor does not act for.
    stranger = make_organization(name_ru="Чужая")
    for query in ("", f"?organization={stranger.pk}", "?organization=abc"):
        html = page_text(client.get(url + query), "Первая", "Вторая")
        assert _selected(html) == [""], query  # the empty choice: "---------"
        assert "Чужая" not in html
