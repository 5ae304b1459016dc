"""Before a conference: proposals from organizations, a draft merged by the secretary, the vote
on each item, and the adopted resolution published from it."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from sovet.accounts.roles import Role
from sovet.conferences import rules, services
from sovet.conferences.models import Conference, DraftDecision, Proposal
from sovet.core.testing import MEMBER, VISITOR, assert_role_matrix, make_staff
from sovet.organizations.tests.factories import editor_of, make_organization

from .factories import ConferenceFactory


@pytest.fixture
def world(db, users):
    conference = ConferenceFactory(
        number=15, status="planned", city_ru="Бишкек", proposals_open=True
    )
    mine, other = make_organization(name_ru="Моя"), make_organization(name_ru="Чужая")
    users["editor of mine"] = editor_of(mine, "mine@example.org")
    return users, conference, mine, other


@pytest.mark.django_db
def test_proposal_matrix(world):
    users, conference, mine, other = world
    managers = {str(Role.COUNCIL_SECRETARY), str(Role.ADMINISTRATOR)}
    assert_role_matrix(
        users,
        {
            "propose for mine": (
                lambda u: rules.can_propose(u, mine, conference),
                managers | {"editor of mine"},
            ),
            "propose for another": (lambda u: rules.can_propose(u, other, conference), managers),
        },
    )
    assert {VISITOR, MEMBER} <= users.keys()
    conference.status = "held"
    assert not rules.can_propose(users["editor of mine"], mine, conference)
    # Planned, but the secretary has not opened proposals, or their last day has passed.
    conference.status, conference.proposals_open = "planned", False
    assert not rules.can_propose(users["editor of mine"], mine, conference)
    conference.proposals_open, conference.proposals_close_on = True, date(2020, 1, 1)
    assert not rules.can_propose(users[str(Role.COUNCIL_SECRETARY)], mine, conference)
    conference.proposals_close_on = date(2099, 1, 1)
    assert rules.can_propose(users["editor of mine"], mine, conference)


@pytest.mark.django_db
def test_from_proposals_to_the_published_resolution(world):
    users, conference, mine, other = world
    secretary = users[str(Role.COUNCIL_SECRETARY)]
    first = services.proposal_submit(conference=conference, organization=mine, user=users["editor of mine"],
                                     text="Провести фестиваль русской песни.")  # fmt: skip
    second = services.proposal_submit(conference=conference, organization=other, user=secretary,
                                      text="Провести фестиваль песни в Оше.")  # fmt: skip
    merged = services.draft_add(conference=conference, user=secretary,
                                text="Провести фестиваль русской песни в Бишкеке и Оше.", proposals=[first, second])  # fmt: skip
    thanks = services.draft_add(
        conference=conference, user=secretary, text="Выразить благодарность партнёрам."
    )
    rejected = services.draft_add(
        conference=conference, user=secretary, text="Отметить спорное предложение."
    )
    assert set(Proposal.objects.values_list("status", flat=True)) == {"in_draft"}

    with pytest.raises(ValidationError) as error:
        services.draft_publish(conference=conference, user=secretary, adopted_on=date(2025, 4, 1))
    assert error.value.code == "vote_missing"
    merged.unanimous = True
    merged.save()
    thanks.votes_for, thanks.votes_against, thanks.votes_abstained = 40, 2, 3
    thanks.save()
    rejected.votes_for, rejected.votes_against = 10, 30
    rejected.save()

    resolution = services.draft_publish(
        conference=conference, user=secretary, adopted_on=date(2025, 4, 1)
    )
    decisions = list(resolution.decisions.order_by("number"))
    assert [(d.number, d.kind) for d in decisions] == [(1, "schedule"), (2, "thank")]
    assert (decisions[0].vote_result, decisions[1].vote_result) == ("unanimous", "40/2/3")
    from django.utils import translation

    with translation.override("en"):
        assert decisions[0].vote_display == "adopted unanimously"
        assert decisions[1].vote_display == "for: 40, against: 2, abstained: 3"
    with translation.override("ru"):
        assert decisions[0].vote_display == "принято единогласно"
    conference.refresh_from_db()
    assert conference.status == "resolution_adopted"
    with pytest.raises(ValidationError):
        services.draft_publish(conference=conference, user=secretary, adopted_on=date(2025, 4, 1))


@pytest.mark.django_db
def test_unanimous_and_counts_together_are_refused():
    conference = Conference.objects.create(number=16)
    draft = DraftDecision(
        conference=conference, text="Отметить работу.", unanimous=True, votes_for=3
    )
    with pytest.raises(ValidationError):
        draft.full_clean()


@pytest.mark.django_db
def test_editors_cannot_draft_or_publish(world, client):
    users, conference, mine, other = world
    editor = users["editor of mine"]
    with pytest.raises(PermissionDenied):
        services.proposal_submit(
            conference=conference, organization=other, user=editor, text="Чужое."
        )
    with pytest.raises(PermissionDenied):
        services.draft_add(conference=conference, user=editor, text="Черновик.")
    with pytest.raises(PermissionDenied):
        services.draft_publish(conference=conference, user=editor, adopted_on=date(2025, 1, 1))
    client.force_login(editor)
    response = client.post(
        f"/admin/conferences/{conference.pk}/proposals/",
        {"propose": "1", "organization": mine.pk, "text": "Открыть клуб русского языка."},
    )
    assert response.status_code == 302
    page = client.get(f"/admin/conferences/{conference.pk}/proposals/").content.decode()
    assert "Открыть клуб русского языка." in page and "Draft resolution" not in page
    client.post(
        f"/admin/conferences/{conference.pk}/proposals/", {"merge": "1", "draft_text": "Взлом"}
    )
    assert not DraftDecision.objects.exists()


@pytest.mark.django_db
def test_secretary_merges_and_publishes_in_the_admin(world, client):
    users, conference, mine, _other = world
    proposal = services.proposal_submit(
        conference=conference,
        organization=mine,
        user=users["editor of mine"],
        text="Продолжить акцию «Бессмертный полк».",
    )
    client.force_login(make_staff("desk@example.org", Role.COUNCIL_SECRETARY))
    url = f"/admin/conferences/{conference.pk}/proposals/"
    assert client.post(url, {"merge": "1", "proposal": [proposal.pk]}).status_code == 302
    draft = DraftDecision.objects.get()
    assert draft.text == "Продолжить акцию «Бессмертный полк»."
    response = client.post(
        f"/admin/conferences_draft/edit/{draft.pk}/", {"text": draft.text, "unanimous": "on"}
    )
    assert response.status_code == 302
    response = client.post(
        url, {"publish": "1", "adopted_on": "2025-04-01", "preamble": "Делегаты постановили:"}
    )
    assert response.status_code == 302
    assert conference.resolution.decisions.get().kind == "continue"
