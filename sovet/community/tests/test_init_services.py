"""Youth initiatives' services: who may propose, the check, supports, the sweep, the answer and
the letters."""

from concurrent.futures import ThreadPoolExecutor
from contextlib import suppress
from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import connection, connections
from django.utils import timezone, translation

from sovet.community.initiatives import queries, services
from sovet.community.models import CommunitySettings, Initiative, InitiativeStatus, Support
from sovet.core.testing import make_user
from sovet.organizations.tests.factories import OrganizationFactory

from .factories import make_volunteer, make_youth_coordinator

pytestmark = pytest.mark.django_db


def propose(author, **fields):
    data = {
        "author": author,
        "title": "Субботник у памятника",
        "summary": "Убрать территорию у памятника воинам-освободителям.",
        "needs": "Перчатки, мешки",
        "organization": None,
        "notify_author": True,
    }
    data.update(fields)
    return services.initiative_propose(**data)


def collecting(author=None, **fields):
    author = author or make_volunteer("author@example.org", age=20).user
    initiative = propose(author, **fields)
    return services.initiative_check(initiative=initiative, admit=True, note="", by=None)


def set_threshold(n):
    settings = CommunitySettings.load()
    settings.support_threshold = n
    settings.save()


@pytest.mark.parametrize(("age", "allowed"), [(13, False), (14, True), (35, True), (36, False)])
def test_only_volunteers_aged_14_to_35_propose(age, allowed):
    author = make_volunteer(f"v{age}@example.org", age=age).user
    if allowed:
        initiative = propose(author)
        assert initiative.status == InitiativeStatus.CHECKING
    else:
        with pytest.raises(ValidationError):
            propose(author)
        assert not Initiative.objects.exists()


def test_an_account_without_a_volunteer_profile_cannot_propose():
    with pytest.raises(ValidationError):
        propose(make_user("nobody@example.org"))


def test_the_proposal_keeps_the_active_language():
    author = make_volunteer(age=20).user
    with translation.override("ky"):
        initiative = propose(author)
    assert initiative.language == "ky"


def test_admitted_it_collects_supports_for_the_settings_days():
    initiative = collecting()
    days = CommunitySettings.load().support_days
    assert initiative.status == InitiativeStatus.COLLECTING
    assert initiative.collecting_until == timezone.localdate() + timedelta(days=days)


def test_refused_needs_a_reason_and_keeps_it():
    initiative = propose(make_volunteer(age=20).user)
    with pytest.raises(ValidationError):
        services.initiative_check(initiative=initiative, admit=False, note=" ", by=None)
    initiative.refresh_from_db()
    assert initiative.status == InitiativeStatus.CHECKING
    services.initiative_check(initiative=initiative, admit=False, note="Дубликат №3", by=None)
    initiative.refresh_from_db()
    assert initiative.status == InitiativeStatus.REFUSED
    assert initiative.check_note == "Дубликат №3"


def test_a_checked_initiative_is_not_checked_again():
    initiative = collecting()
    with pytest.raises(ValidationError):
        services.initiative_check(initiative=initiative, admit=False, note="Нет", by=None)


def test_one_support_per_account_and_a_second_is_harmless():
    initiative = collecting()
    supporter = make_user("fan@example.org")
    first = services.initiative_support(initiative=initiative, user=supporter, notify=True)
    again = services.initiative_support(initiative=initiative, user=supporter, notify=False)
    assert again.pk == first.pk
    initiative.refresh_from_db()
    assert initiative.supports_count == 1
    assert Support.objects.get().notify is True


def test_the_author_cannot_support_their_own():
    initiative = collecting()
    with pytest.raises(ValidationError):
        services.initiative_support(initiative=initiative, user=initiative.author)
    assert not Support.objects.exists()


def test_no_support_before_the_check_or_after_the_period():
    initiative = propose(make_volunteer(age=20).user)
    with pytest.raises(ValidationError):
        services.initiative_support(initiative=initiative, user=make_user("a@example.org"))
    initiative = collecting(make_volunteer("b@example.org", age=22).user)
    Initiative.objects.filter(pk=initiative.pk).update(
        collecting_until=timezone.localdate() - timedelta(days=1)
    )
    with pytest.raises(ValidationError):
        services.initiative_support(initiative=initiative, user=make_user("c@example.org"))
    assert not Support.objects.exists()


def test_the_threshold_sends_it_to_the_youth_council_at_once():
    set_threshold(2)
    initiative = collecting()
    services.initiative_support(initiative=initiative, user=make_user("one@example.org"))
    initiative.refresh_from_db()
    assert initiative.status == InitiativeStatus.COLLECTING
    services.initiative_support(initiative=initiative, user=make_user("two@example.org"))
    initiative.refresh_from_db()
    assert initiative.status == InitiativeStatus.ANSWERING
    assert initiative.supports_count == 2


def test_the_sweep_closes_periods_that_ended():
    ended = collecting()
    running = collecting(make_volunteer("other@example.org", age=30).user)
    today = timezone.localdate()
    Initiative.objects.filter(pk=ended.pk).update(collecting_until=today - timedelta(days=1))
    Initiative.objects.filter(pk=running.pk).update(collecting_until=today)
    assert services.initiatives_close_due(today) == 1
    ended.refresh_from_db()
    running.refresh_from_db()
    assert ended.status == InitiativeStatus.ANSWERING
    assert running.status == InitiativeStatus.COLLECTING
    assert services.initiatives_close_due(today + timedelta(days=1)) == 1


def test_accepted_it_becomes_an_unpublished_project_of_the_organization():
    named = OrganizationFactory()
    initiative = collecting(organization=named)
    services.initiative_answer(
        initiative=initiative, accept=True, answer="Поддерживаем!", by=make_youth_coordinator()
    )
    initiative.refresh_from_db()
    project = initiative.project
    assert initiative.status == InitiativeStatus.ACCEPTED
    assert initiative.answered_at is not None
    assert project.organization == named
    assert project.published is False
    assert project.title_ru == "Субботник у памятника"
    assert project.slug == "subbotnik-u-pamyatnika"


def test_the_chosen_organization_owns_the_project_and_slugs_stay_unique():
    chosen = OrganizationFactory()
    first = collecting()
    second = collecting(make_volunteer("second@example.org", age=19).user)
    for initiative in (first, second):
        services.initiative_answer(
            initiative=initiative, accept=True, answer="Да", by=None, organization=chosen
        )
        initiative.refresh_from_db()
    assert first.project.organization == chosen
    assert {first.project.slug, second.project.slug} == {
        "subbotnik-u-pamyatnika",
        "subbotnik-u-pamyatnika-2",
    }


def test_accepting_without_any_organization_asks_for_one():
    initiative = collecting()
    with pytest.raises(ValidationError) as error:
        services.initiative_answer(initiative=initiative, accept=True, answer="Да", by=None)
    assert "organization" in error.value.message_dict


def test_declined_needs_the_reasons():
    initiative = collecting()
    with pytest.raises(ValidationError):
        services.initiative_answer(initiative=initiative, accept=False, answer="  ", by=None)
    services.initiative_answer(
        initiative=initiative, accept=False, answer="Нет средств в этом году", by=None
    )
    initiative.refresh_from_db()
    assert initiative.status == InitiativeStatus.DECLINED
    assert initiative.answer == "Нет средств в этом году"
    assert initiative.project is None


def test_only_a_collecting_or_waiting_initiative_is_answered():
    initiative = propose(make_volunteer(age=20).user)
    with pytest.raises(ValidationError):
        services.initiative_answer(initiative=initiative, accept=False, answer="Нет", by=None)


def test_letters_go_to_the_author_and_the_supporters_who_asked_each_in_their_language(
    django_capture_on_commit_callbacks, volunteers_page
):
    author = make_volunteer("author@example.org", age=20, language="ky").user
    with translation.override("ru"):
        initiative = propose(author)
    with django_capture_on_commit_callbacks(execute=True):
        services.initiative_check(initiative=initiative, admit=True, note="", by=None)
    assert [m.to for m in mail.outbox] == [["author@example.org"]]
    assert "Демилге" in mail.outbox[0].subject or "демилге" in mail.outbox[0].subject
    mail.outbox.clear()
    asked_en = make_volunteer("en@example.org", age=40, language="en").user
    asked_plain = make_user("plain@example.org")  # no volunteer profile: the initiative's language
    silent = make_user("silent@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        services.initiative_support(initiative=initiative, user=asked_en, notify=True)
        services.initiative_support(initiative=initiative, user=asked_plain, notify=True)
        services.initiative_support(initiative=initiative, user=silent, notify=False)
    assert not mail.outbox  # supports below the threshold change no status
    with django_capture_on_commit_callbacks(execute=True):
        services.initiative_answer(initiative=initiative, accept=False, answer="Нет", by=None)
    letters = {m.to[0]: m for m in mail.outbox}
    assert set(letters) == {"author@example.org", "en@example.org", "plain@example.org"}
    assert letters["en@example.org"].subject.startswith("The initiative is declined")
    assert letters["plain@example.org"].subject.startswith("Инициатива отклонена")
    assert "Нет" in letters["plain@example.org"].body
    assert f"/en/volunteers/initiatives/{initiative.pk}/" in letters["en@example.org"].body
    assert f"/ru/volunteers/initiatives/{initiative.pk}/" in letters["plain@example.org"].body


def test_an_author_who_did_not_ask_gets_no_letter(django_capture_on_commit_callbacks):
    initiative = propose(make_volunteer(age=20).user, notify_author=False)
    with django_capture_on_commit_callbacks(execute=True):
        services.initiative_check(initiative=initiative, admit=False, note="Неясно", by=None)
    assert not mail.outbox


def test_period_figures_count_proposed_and_accepted():
    today = timezone.localdate()
    accepted = collecting(organization=OrganizationFactory())
    services.initiative_answer(initiative=accepted, accept=True, answer="Да", by=None)
    propose(make_volunteer("x@example.org", age=18).user)
    old = propose(make_volunteer("y@example.org", age=18).user)
    Initiative.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=400))
    figures = dict(queries.period_figures(today - timedelta(days=30), today))
    assert list(figures.values()) == [2, 1]
    figures = dict(queries.period_figures(today - timedelta(days=500), today - timedelta(days=300)))
    assert list(figures.values()) == [1, 0]


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="needs concurrent connections (PostgreSQL)"
)
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_simultaneous_supports_count_each_account_once_and_stop_at_the_threshold():
    set_threshold(30)
    initiative = collecting()
    fans = [make_user(f"fan{n}@example.org") for n in range(40)]

    def one(user):
        try:
            for _twice in range(2):  # the same account twice: still one support
                # Past the threshold: no longer collecting, a ValidationError.
                with suppress(ValidationError):
                    services.initiative_support(initiative=initiative, user=user)
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=20) as pool:
        list(pool.map(one, fans))
    initiative.refresh_from_db()
    assert initiative.status == InitiativeStatus.ANSWERING
    assert initiative.supports_count == Support.objects.count() == 30
