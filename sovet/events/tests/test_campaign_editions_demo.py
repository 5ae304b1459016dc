"""Campaign pages, the home page and the calendar on the demo content (only 2021 editions, both
past today): past editions marked, the next one leading once the secretary opens it, the
calendar's campaign filter without ?past=1."""

import pytest
from django.utils import timezone

from sovet.accounts.roles import Role
from sovet.core.testing import make_user, page_text
from sovet.events import services
from sovet.events.models import CampaignEdition, Event

REGIMENT = "/ru/events/campaigns/immortal-regiment/"


def _next_year_edition(*, published=True):
    """The Immortal Regiment's edition of next year, opened from 2021's, with Bishkek's march
    announced (published) on 9 May."""
    regiment = CampaignEdition.objects.get(campaign__slug="immortal-regiment", year=2021)
    secretary = make_user("secretary-of-tests@example.org", roles=[Role.COUNCIL_SECRETARY])
    edition = services.edition_copy(
        edition=regiment, year=timezone.localdate().year + 1, by=secretary
    )
    Event.objects.filter(edition=edition, city="Бишкек").update(published=published)
    return edition


@pytest.mark.django_db
def test_a_past_edition_is_marked_past_with_its_gathering_points(demo, client):
    text = page_text(
        client.get(REGIMENT),
        "Бессмертный полк</span> 2021",
        "Этот выпуск прошёл в 2021 году: он завершён.",
        "Следующий выпуск ещё не объявлен",
        "Где собирались в 2021 году",
        "Места сбора 2021 года сохранены для истории",
        "Сбор у Вечного огня",
    )
    assert "Где присоединиться в каждом городе" not in text


@pytest.mark.django_db
def test_the_campaign_page_leads_with_the_next_edition_and_marks_the_past_one(demo, client):
    edition = _next_year_edition()
    year = edition.year
    text = page_text(
        client.get(REGIMENT),
        f"Бессмертный полк</span> {year}",
        "Где присоединиться в каждом городе",
        "Бессмертный полк — Бишкек",
        # The years: this one, and 2021 marked past.
        '2021 <span class="view-switch__note">(прошёл)</span>',
    )
    assert "Этот выпуск прошёл" not in text
    assert "Бессмертный полк — Ош" not in text  # Osh's copy is still a draft
    # 2021's page says it is over and leads to the next one.
    page_text(
        client.get(f"{REGIMENT}2021/"),
        "Этот выпуск прошёл в 2021 году",
        f'href="{REGIMENT}{year}/">Выпуск {year} года',
    )


@pytest.mark.django_db
def test_home_and_events_pages_link_campaigns_by_their_current_edition(demo, client):
    edition = _next_year_edition()
    home = page_text(client.get("/ru/"), "Акции", f'href="{REGIMENT}"')
    assert f"Бессмертный полк</span> {edition.year}</span></a>" in home
    assert "Георгиевская ленточка</span> 2021</span></a>" in home
    assert "прошедший выпуск; следующий ещё не объявлен" in home  # the ribbon's
    events = page_text(client.get("/ru/events/"), 'id="campaigns-title"', f'href="{REGIMENT}"')
    assert f"Бессмертный полк</span> {edition.year}</span></a>" in events
    english = page_text(client.get("/en/"), "Campaigns", 'href="/en/events/campaigns/')
    assert f"Immortal Regiment</span> {edition.year}</span></a>" in english


@pytest.mark.django_db
def test_the_campaign_filter_shows_upcoming_events_without_past(demo, client):
    # Only 2021's: nothing upcoming, said so, with the way to the past ones.
    response = client.get("/ru/events/", {"campaign": "immortal-regiment"})
    page_text(
        response,
        "Ближайшие мероприятия этой акции ещё не объявлены.",
        "?past=1&amp;campaign=immortal-regiment",
        f'href="{REGIMENT}"',
    )
    assert response.context["events"].paginator.count == 0
    past = client.get("/ru/events/", {"campaign": "immortal-regiment", "past": "1"})
    assert past.context["events"].paginator.count == 7
    # Next year's march announced: the filter shows it, without ?past=1.
    _next_year_edition()
    upcoming = client.get("/ru/events/", {"campaign": "immortal-regiment"})
    assert [event.title_ru for event in upcoming.context["events"]] == ["Бессмертный полк — Бишкек"]
    page_text(upcoming, "Бессмертный полк — Бишкек")
