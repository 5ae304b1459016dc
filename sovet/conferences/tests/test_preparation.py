"""Proposals to decisions, traceable: declined with a reason (the author is told), adopted as a
numbered decision assigned to the proposing organization, or not adopted with the vote; the
publish date defaults to the conference's day and is checked; the vote form returns to the
proposals screen; the desk counts new proposals. And the secretary's "Prepare" screen."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale, Page, Site

from sovet.accounts.roles import Role
from sovet.conferences import rules, services
from sovet.conferences.models import ConferenceIndexPage, DraftDecision, Proposal
from sovet.conferences.preparation import services as preparation
from sovet.core.testing import assert_role_matrix, make_staff, page_text
from sovet.organizations.tests.factories import editor_of, make_organization

from .factories import ConferenceFactory, ResolutionFactory


@pytest.fixture
def world(db, users):
    conference = ConferenceFactory(
        number=15, status="planned", dates="2025-04-01", proposals_open=True
    )
    conference.refresh_from_db()  # its dates read as a PartialDate
    mine = make_organization(name_ru="Моя", membership_status="member", email="moya@example.org")
    other = make_organization(name_ru="Чужая", membership_status="member")
    users["editor of mine"] = editor_of(mine, "mine@example.org")
    users["editor of other"] = editor_of(other, "other@example.org")
    users["secretary"] = make_staff("desk@example.org", Role.COUNCIL_SECRETARY)
    return users, conference, mine, other


def propose(world, text, organization=None, user=None):
    users, conference, mine, _other = world
    return services.proposal_submit(
        conference=conference,
        organization=organization or mine,
        user=user or users["editor of mine"],
        text=text,
    )


def vote(draft, **counts):
    for name, value in counts.items():
        setattr(draft, name, value)
    draft.save()


@pytest.mark.django_db
def test_who_declines_prepares_and_invites(world):
    users, conference, mine, _other = world
    managers = {str(Role.COUNCIL_SECRETARY), str(Role.ADMINISTRATOR), "secretary"}
    assert_role_matrix(
        users,
        {
            "decline": (rules.can_decide_proposals, managers),
            "prepare": (lambda u: rules.can_prepare(u, conference), managers),
        },
    )
    proposal = propose(world, "Провести форум.")
    conference.status = "held"
    assert not rules.can_prepare(users["secretary"], conference)
    for role in ("editor of mine", "editor of other", "visitor"):
        with pytest.raises(PermissionDenied):
            preparation.proposal_decline(proposal=proposal, user=users[role], reason="Нет.")
        with pytest.raises(PermissionDenied):
            preparation.invitation_send(
                conference=conference, organizations=[mine], user=users[role]
            )


@pytest.mark.django_db
def test_the_prepare_screen_is_the_secretarys(world, client):
    users, conference, _mine, _other = world
    url = f"/admin/conferences/{conference.pk}/prepare/"
    assert client.get(url).status_code == 302  # to the sign-in
    for role in ("editor of mine", "editor of other"):
        client.force_login(users[role])
        assert client.get(url).status_code == 403, role
        assert client.post(url, {"proposals": "1"}).status_code == 403, role
    client.force_login(users["secretary"])
    page_text(client.get(url), "Подготовка конференции", "Моя")
    conference.status = "held"
    conference.save()
    assert client.get(url).status_code == 403  # held: nothing to prepare


@pytest.mark.django_db
def test_a_proposal_is_declined_with_a_reason_and_its_author_is_told(
    world, mailoutbox, django_capture_on_commit_callbacks
):
    users, *_ = world
    proposal = propose(world, "Переименовать Совет.")
    with pytest.raises(ValidationError):
        preparation.proposal_decline(proposal=proposal, user=users["secretary"], reason="  ")
    assert Proposal.objects.get().status == "submitted"
    with django_capture_on_commit_callbacks(execute=True):
        preparation.proposal_decline(
            proposal=proposal, user=users["secretary"], reason="Не относится к работе Совета."
        )
    proposal.refresh_from_db()
    assert (proposal.status, proposal.decline_reason) == (
        "declined",
        "Не относится к работе Совета.",
    )
    assert proposal.decided_at is not None
    (letter,) = mailoutbox
    assert letter.to == ["mine@example.org"]
    assert "Не относится к работе Совета." in letter.body and "Переименовать Совет." in letter.body


@pytest.mark.django_db
def test_the_secretary_declines_in_the_proposals_screen_keeping_what_was_typed(world, client):
    users, conference, *_ = world
    proposal = propose(world, "Провести фестиваль.")
    client.force_login(users["secretary"])
    url = f"/admin/conferences/{conference.pk}/proposals/"
    html = page_text(
        client.post(url, {"decline": "1", "proposal": "", "reason": "Причина, набранная заранее"}),
        "Отклонить предложение",
    )
    assert "Причина, набранная заранее" in html
    html = page_text(
        client.post(url, {"decline": "1", "proposal": proposal.pk, "reason": ""}),
        "Напишите, почему предложение отклонено.",
    )
    assert Proposal.objects.get().status == "submitted"
    response = client.post(url, {"decline": "1", "proposal": proposal.pk, "reason": "Повтор."})
    assert response.status_code == 302
    page_text(client.get(url), "Отклонено: Повтор.")
    # An editor cannot decline.
    client.force_login(users["editor of mine"])
    other = propose(world, "Ещё одно.")
    client.post(url, {"decline": "1", "proposal": other.pk, "reason": "Сам себе."})
    assert Proposal.objects.get(pk=other.pk).status == "submitted"


@pytest.fixture
def conferences_page(db):
    Page.objects.filter(depth=2).delete()
    root = Page.get_first_root_node()
    home = root.add_child(
        instance=Page(title="Главная", slug="home", locale=Locale.objects.get(language_code="ru"))
    )
    Site.objects.update_or_create(
        is_default_site=True, defaults={"hostname": "localhost", "root_page": home}
    )
    return home.add_child(instance=ConferenceIndexPage(title="Конференции", slug="conferences"))


@pytest.mark.django_db
def test_publishing_gives_every_proposal_its_outcome(world, client, conferences_page):
    users, conference, mine, other = world
    secretary = users["secretary"]
    first = propose(world, "Провести фестиваль русской песни.")
    second = propose(world, "Фестиваль в Оше.", organization=other, user=secretary)
    lost = propose(world, "Отменить все встречи.")
    forgotten = propose(world, "Предложение, не вошедшее в проект.")
    merged = services.draft_add(
        conference=conference, user=secretary, text="Провести фестиваль.", proposals=[first, second]
    )
    rejected = services.draft_add(
        conference=conference, user=secretary, text="Отменить встречи.", proposals=[lost]
    )
    vote(merged, unanimous=True)
    vote(rejected, votes_for=3, votes_against=40, votes_abstained=1)
    # No date: the conference's own day (its dates name one day).
    resolution = services.draft_publish(conference=conference, user=secretary)
    assert resolution.adopted_on == date(2025, 4, 1)
    decision = resolution.decisions.get()
    merged.refresh_from_db()
    rejected.refresh_from_db()
    assert merged.decision == decision and rejected.decision is None
    assert set(decision.organizations.all()) == {mine, other}
    outcome = {p.pk: p.status for p in Proposal.objects.all()}
    assert outcome == {
        first.pk: "adopted",
        second.pk: "adopted",
        lost.pk: "not_adopted",
        forgotten.pk: "declined",
    }
    assert Proposal.objects.get(pk=forgotten.pk).decline_reason == ""
    assert DraftDecision.objects.count() == 2  # the item not adopted stays on record

    client.force_login(users["editor of mine"])
    html = page_text(
        client.get(f"/admin/conferences/{conference.pk}/proposals/"),
        "Принято как решение 1",
        f'href="/ru/conferences/{conference.slug}/1/"',
        "Не принято",
        "за — 3, против — 40, воздержались — 1",
        "не включено в проект резолюции",
    )
    assert "Чужая" not in html  # the editor sees their own organization's proposals only
    client.force_login(secretary)
    page_text(
        client.get(f"/admin/conferences/{conference.pk}/proposals/"),
        "Отменить встречи.",
        "не принято",
        "принято как решение 1",
    )


@pytest.mark.django_db
def test_the_publish_date_is_checked_against_the_conferences_dates(world):
    users, conference, *_ = world
    secretary = users["secretary"]
    vote(services.draft_add(conference=conference, user=secretary, text="Решение."), unanimous=True)
    for day in (date(2025, 3, 31), date(2025, 5, 2)):
        with pytest.raises(ValidationError) as error:
            services.draft_publish(conference=conference, user=secretary, adopted_on=day)
        assert error.value.code == "date_out_of_range"
    conference.dates = "2025-04"  # a month: no default day
    conference.save()
    conference.refresh_from_db()
    with pytest.raises(ValidationError) as error:
        services.draft_publish(conference=conference, user=secretary)
    assert error.value.code == "date_missing"
    resolution = services.draft_publish(
        conference=conference, user=secretary, adopted_on=date(2025, 5, 30)
    )
    assert resolution.adopted_on == date(2025, 5, 30)  # within 30 days after April


@pytest.mark.django_db
def test_the_publish_form_is_filled_with_the_conferences_day_and_says_what_is_wrong(world, client):
    users, conference, *_ = world
    draft = services.draft_add(conference=conference, user=users["secretary"], text="Решение.")
    vote(draft, unanimous=True)
    client.force_login(users["secretary"])
    url = f"/admin/conferences/{conference.pk}/proposals/"
    page_text(client.get(url), 'value="2025-04-01"')
    html = page_text(
        client.post(url, {"publish": "1", "adopted_on": "2024-01-01", "preamble": "Постановили:"}),
        "дата резолюции должна быть с",
    )
    assert "Постановили:" in html
    assert not hasattr(type(conference).objects.get(pk=conference.pk), "resolution")


@pytest.mark.django_db
def test_the_vote_form_returns_to_the_proposals_screen(world, client):
    users, conference, *_ = world
    draft = services.draft_add(conference=conference, user=users["secretary"], text="Решение.")
    client.force_login(users["secretary"])
    proposals = f"/admin/conferences/{conference.pk}/proposals/"
    html = page_text(client.get(proposals), f"/admin/conferences_draft/edit/{draft.pk}/?next=")
    edit = f"/admin/conferences_draft/edit/{draft.pk}/"
    data = {"text": "Решение.", "votes_for": "30", "votes_against": "2", "votes_abstained": "0"}
    response = client.post(f"{edit}?next={proposals}", data)
    assert response.status_code == 302 and response["Location"] == proposals
    # No next, or one to another site: the proposals screen all the same.
    assert client.post(edit, data)["Location"] == proposals
    response = client.post(f"{edit}?next=https://evil.example/", data)
    assert response["Location"] == proposals
    assert 'name="next"' in html or "?next=" in html


@pytest.mark.django_db
def test_the_desk_and_the_list_count_new_proposals(world, client):
    users, conference, *_ = world
    propose(world, "Первое.")
    propose(world, "Второе.")
    ConferenceFactory(number=14, status="held")  # nothing to prepare: no link
    client.force_login(users["secretary"])
    html = page_text(client.get("/admin/"), "Новые предложения: XV страновая конференция")
    assert f"/admin/conferences/{conference.pk}/proposals/" in html
    html = page_text(client.get("/admin/conferences_conference/"), "Новые предложения")
    row = html.split(f"/admin/conferences/{conference.pk}/proposals/", 1)[1][:200]
    assert ">2<" in row.replace(" ", "").replace("\n", "")
    assert ">XV<" not in row.replace(" ", "").replace("\n", "")


@pytest.mark.django_db
def test_the_secretary_opens_and_closes_proposals(world, client):
    users, conference, mine, _other = world
    client.force_login(users["secretary"])
    url = f"/admin/conferences/{conference.pk}/prepare/"
    html = page_text(client.post(url, {"proposals": "1", "open": "on", "close_on": "2020-01-01"}),
                     "Последний день приёма предложений уже прошёл")  # fmt: skip
    assert 'value="2020-01-01"' in html
    assert client.post(url, {"proposals": "1"}).status_code == 302
    conference.refresh_from_db()
    assert not conference.proposals_open
    assert not rules.can_propose(users["editor of mine"], mine, conference)
    with pytest.raises(PermissionDenied):
        propose(world, "Поздно.")


@pytest.mark.django_db
def test_the_prepare_screen_links_the_period_report_since_the_last_resolution(world, client):
    users, conference, *_ = world
    previous = ResolutionFactory(
        conference=ConferenceFactory(number=14), adopted_on=date(2022, 5, 1)
    )
    client.force_login(users["secretary"])
    html = page_text(
        client.get(f"/admin/conferences/{conference.pk}/prepare/"),
        f"/admin/conferences/resolutions/{previous.pk}/period-report/?start=2022-05-01",
    )
    assert "Проект отчёта за период с предыдущей конференции" in html


@pytest.mark.django_db
def test_the_list_counts_proposals_in_its_own_query(world, client):
    """The conference list's "new proposals" column costs no query per conference."""
    users, *_ = world
    propose(world, "Первое.")
    client.force_login(users["secretary"])

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            page_text(client.get("/admin/conferences_conference/"), "Новые предложения")
        return len(captured)

    before = queries()
    for number in (16, 17, 18):
        ConferenceFactory(number=number)
    assert queries() == before
