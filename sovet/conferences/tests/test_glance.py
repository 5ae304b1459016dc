"""A conference at a glance: the decisions counted by state, overdue ones marked by the one
definition (Decision.is_overdue_on), folded to a line each, their kinds explained, and a planned
conference whose dates have passed flagged for the secretaries only."""

import re
from datetime import date, timedelta

import pytest
from django.utils import timezone, translation

from sovet.accounts.roles import Role
from sovet.conferences import queries
from sovet.conferences.models import Decision
from sovet.core.i18n import number
from sovet.core.partial_dates import PartialDate
from sovet.core.testing import make_staff, make_user, page_text

from .factories import ConferenceFactory, DecisionFactory, ResolutionFactory

TODAY = date(2024, 6, 15)


def decision(*, due="", **fields):
    """A decision not saved: the definition of overdue reads only its own fields."""
    due = PartialDate.parse(due) if due else None
    return Decision(**{"number": 1, "text_ru": "Провести.", "tracked": True, "due": due, **fields})


# --- The one definition of "overdue" -----------------------------------------------------


@pytest.mark.parametrize(
    ("fields", "overdue"),
    [
        ({"due": "2024-06-15", "status": "in_progress"}, False),  # due today: not yet
        ({"due": "2024-06-14", "status": "in_progress"}, True),  # due yesterday
        ({"due": "", "status": "not_started"}, False),  # no due date: never
        ({"due": "2020", "status": "done"}, False),  # done late is done
        ({"due": "2020", "status": "cancelled"}, False),
        ({"due": "2020", "status": "ongoing"}, True),
        ({"due": "2020", "status": "not_started", "tracked": False}, False),  # thanks, notes
        ({"due": "2024-06", "status": "in_progress"}, False),  # a month: its last day counts
        ({"due": "2024-05", "status": "in_progress"}, True),
        ({"due": "2024", "status": "in_progress"}, False),
        ({"due": "2024-03/2024-07", "status": "not_started"}, False),  # a period: its end
        ({"due": "2024-03/2024-05", "status": "not_started"}, True),
    ],
)
def test_overdue_is_a_tracked_open_decision_after_the_last_day_of_its_due_date(fields, overdue):
    assert decision(**fields).is_overdue_on(TODAY) is overdue
    state = queries.decision_state(decision(**fields), today=TODAY)
    assert (state == "overdue") is overdue


def test_the_property_is_the_same_definition_today():
    today = timezone.localdate()
    assert not decision(due=today.isoformat(), status="in_progress").is_overdue
    assert decision(due=(today - timedelta(days=1)).isoformat(), status="in_progress").is_overdue


# --- The summary on a written-down fixture ---------------------------------------------------

# (status, due relative to today in days or None, tracked) → the state it is counted in.
FIXTURE = [
    ("done", -1, True, "done"),  # done late
    ("in_progress", -1, True, "overdue"),
    ("in_progress", 0, True, "in_progress"),  # due today
    ("not_started", None, True, "not_started"),  # nobody reported: its default
    ("ongoing", -4000, True, "overdue"),
    ("not_started", None, False, "untracked"),  # a thank-you
    ("cancelled", -1, True, "cancelled"),
    ("in_progress", 1, True, "in_progress"),
]
EXPECTED = {
    "overdue": 2,
    "not_started": 1,
    "in_progress": 2,
    "done": 1,
    "cancelled": 1,
    "untracked": 1,
}


@pytest.fixture
def fixture_conference(demo):
    today = timezone.localdate()
    resolution = ResolutionFactory()
    for n, (status, days, tracked, _state) in enumerate(FIXTURE, start=1):
        DecisionFactory(
            resolution=resolution,
            number=n,
            status=status,
            tracked=tracked,
            kind="support" if tracked else "thank",
            due=(today + timedelta(days=days)).isoformat() if days is not None else "",
            text_ru=f"Решение номер {n} о важном деле.",
        )
    return resolution.conference


@pytest.mark.django_db
def test_summary_counts_each_decision_once_as_written_down(fixture_conference):
    decisions = queries.resolution_decisions(fixture_conference.resolution)
    summary = queries.decision_summary(decisions, today=timezone.localdate())
    assert {key: n for key, _label, n in summary.rows} == EXPECTED
    assert summary.total == len(FIXTURE) == sum(n for _k, _l, n in summary.rows)
    assert summary.tracked == 7
    assert [d.state for d in decisions] == [row[3] for row in FIXTURE]


@pytest.mark.django_db
def test_the_page_shows_the_summary_and_marks_overdue_decisions(fixture_conference, client):
    url = f"/ru/conferences/{fixture_conference.slug}/"
    html = page_text(client.get(url), "Как выполняются решения", "Всего 8 решений")
    counts = dict(re.findall(r'state--(\w+)"><span>[^<]+</span> <strong>(\d+)</strong>', html))
    assert {key: int(n) for key, n in counts.items()} == EXPECTED
    # Overdue decisions 2 and 5 are marked, with the text, not by colour alone.
    overdue = re.findall(r'class="decision decision--overdue" id="decision-(\d+)"', html)
    assert overdue == ["2", "5"]
    assert html.count("срок прошёл") == 2
    # Every decision says where it stands: its status, or that it needs no follow-up.
    assert len(re.findall(r'<span class="state state--\w+">', html)) == len(FIXTURE)
    assert "Не требует выполнения" in html
    assert "отчётов пока нет" in html  # tracked, and nobody has reported
    # The kind is explained where it is read.
    assert "Конференция поддерживает чью-либо политику или работу." in html


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["ru", "ky", "en"])
def test_the_summary_is_translated(fixture_conference, client, language):
    html = page_text(client.get(f"/{language}/conferences/{fixture_conference.slug}/"), "<details")
    with translation.override(language):
        assert str(queries.STATES["overdue"]) in html
        assert str(queries.STATES["untracked"]) in html


@pytest.mark.django_db
def test_decisions_are_folded_to_a_line_and_open_without_javascript(fixture_conference, client):
    url = f"/ru/conferences/{fixture_conference.slug}/"
    folded = page_text(client.get(url), "Развернуть все решения")
    assert folded.count("<details open>") == 0
    assert folded.count("<details>") == len(FIXTURE)
    one = page_text(client.get(url + "?open=3"), 'id="decision-3"')
    assert one.count("<details open>") == 1
    assert re.search(r'id="decision-3"[^>]*>\s*<details open>', one)
    every = page_text(client.get(url + "?open=all"), "Свернуть все решения")
    assert every.count("<details open>") == len(FIXTURE)
    junk = page_text(client.get(url + "?open=%27or1=1"), "Развернуть все решения")
    assert junk.count("<details open>") == 0


@pytest.mark.django_db
def test_summary_hidden_with_progress(fixture_conference, client):
    resolution = fixture_conference.resolution
    resolution.progress_public = False
    resolution.save()
    html = page_text(client.get(f"/ru/conferences/{fixture_conference.slug}/"), "decision-1")
    assert "Как выполняются решения" not in html
    assert "Просрочено" not in html


# --- A planned conference whose dates have passed --------------------------------------------

NOTICE = "Требует внимания"


@pytest.fixture
def stale_conference(demo):
    return ConferenceFactory(status="planned", dates="2020-03/2020-04")


def users():
    return {
        "visitor": None,
        "member": make_user("member@example.org"),
        "editor": make_staff("editor@example.org", Role.ORGANIZATION_EDITOR),
        "moderator": make_staff("moderator@example.org", Role.MEMORY_MODERATOR),
        "secretary": make_staff("secretary@example.org", Role.COUNCIL_SECRETARY),
        "administrator": make_staff("admin@example.org", Role.ADMINISTRATOR),
    }


@pytest.mark.django_db
def test_planned_conference_past_its_dates_is_flagged_for_secretaries_only(
    stale_conference, client
):
    url = f"/ru/conferences/{stale_conference.slug}/"
    for role, user in users().items():
        client.logout()
        if user:
            client.force_login(user)
        html = page_text(client.get(url), "Будут объявлены позже", stale_conference.roman_number)
        if role in ("secretary", "administrator"):
            assert NOTICE in html, role
            assert "март 2020 г. – апрель 2020 г." in html, role  # in the notice only
            assert f"/admin/conferences_conference/edit/{stale_conference.pk}/" in html, role
        else:
            assert NOTICE not in html, role
            assert "2020" not in html.split("<main", 1)[1], role  # no false "planned for 2020"


@pytest.mark.django_db
def test_the_list_of_conferences_says_dates_to_be_announced(stale_conference, client):
    html = page_text(client.get("/ru/conferences/"), stale_conference.roman_number)
    card = html.split(f"/{stale_conference.slug}/", 1)[1].split("</li>", 1)[0]
    assert "Сроки будут объявлены позже" in card
    assert "2020" not in card


@pytest.mark.django_db
def test_a_planned_conference_with_dates_to_come_shows_them(demo, client):
    future = ConferenceFactory(status="planned", dates=f"{timezone.localdate().year + 1}-03")
    secretary = make_staff("secretary@example.org", Role.COUNCIL_SECRETARY)
    client.force_login(secretary)
    html = page_text(client.get(f"/ru/conferences/{future.slug}/"), "Даты проведения")
    assert f"март {timezone.localdate().year + 1}" in html
    assert NOTICE not in html
    assert "Будут объявлены позже" not in html


# --- The staff's way to the period report ----------------------------------------------------


@pytest.mark.django_db
def test_only_secretaries_see_the_link_to_the_period_report(demo, client):
    resolution = Decision.objects.first().resolution
    link = f"/admin/conferences/resolutions/{resolution.pk}/period-report/"
    for role, user in users().items():
        client.logout()
        if user:
            client.force_login(user)
        html = page_text(client.get("/ru/conferences/xii/"), "Как выполняются решения")
        assert (link in html) is (role in ("secretary", "administrator")), role


def test_numbers_are_grouped_as_each_language_writes_them():
    expected = {
        "ru": ("16\u00a0630", "1\u00a0234\u00a0567"),
        "ky": ("16\u00a0630", "1\u00a0234\u00a0567"),
        "en": ("16,630", "1,234,567"),
    }
    for language, (thousands, millions) in expected.items():
        with translation.override(language):
            assert number(16630) == thousands, language
            assert number(1_234_567) == millions, language
            assert number(7) == "7"
            assert number("2 / 14") == "2 / 14"  # text is left as it is
            assert number(None) == ""
