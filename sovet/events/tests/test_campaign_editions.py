"""Campaigns shown by their current or next edition, past editions marked as past, the calendar's
campaign filter without ?past=1, and the secretary opening next year's edition from the last one
(services.edition_copy). The demo's pages: test_campaign_editions_demo.py."""

from datetime import datetime, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from wagtail.models import ModelLogEntry

from sovet.accounts.roles import Role
from sovet.core.testing import assert_role_matrix, opens, page_text
from sovet.events import queries, rules, services
from sovet.events.models import BISHKEK, Campaign, CampaignEdition, Event, EventTag
from sovet.organizations.tests.factories import with_two_factor

from .factories import CampaignEditionFactory, EventFactory

SECRETARY, ADMINISTRATOR = str(Role.COUNCIL_SECRETARY), str(Role.ADMINISTRATOR)
MANAGERS = {SECRETARY, ADMINISTRATOR}


# The edition a campaign is shown by


def _dated(year, *, last_end=None):
    edition = CampaignEdition(year=year)
    edition.first_start = edition.last_end = last_end
    return edition


def test_an_edition_is_past_by_its_year_or_by_its_last_event():
    now = datetime(2026, 12, 7, 12, tzinfo=BISHKEK)
    assert queries.edition_is_past(_dated(2021), now)
    assert not queries.edition_is_past(_dated(2027), now)
    # This year's: past once its last event is over; current while one is ahead or none is set.
    assert queries.edition_is_past(_dated(2026, last_end=now - timedelta(days=200)), now)
    assert not queries.edition_is_past(_dated(2026, last_end=now + timedelta(days=1)), now)
    assert not queries.edition_is_past(_dated(2026), now)


def test_a_campaign_leads_with_its_current_or_next_edition_else_its_latest():
    now = datetime(2026, 12, 7, 12, tzinfo=BISHKEK)
    over = _dated(2026, last_end=now - timedelta(days=200))
    old, ahead, later = _dated(2021), _dated(2027), _dated(2028)
    assert queries.lead_edition([later, old, ahead, over], now) is ahead
    assert queries.lead_edition([old, over], now) is over
    assert queries.lead_edition([], now) is None


# Opening next year's edition (services.edition_copy)


@pytest.mark.django_db
def test_edition_copy_takes_cities_organizers_and_venues_as_drafts(users):
    edition = CampaignEditionFactory(year=2021)
    tag = EventTag.objects.create(name_ru="Память", slug="memory")
    start = datetime(2021, 5, 9, 10, tzinfo=BISHKEK)
    march = EventFactory(
        title_ru="Шествие — Ош", starts_at=start, ends_at=start + timedelta(hours=3), city="Ош",
        venue="У Вечного огня", address="пр. Ленина", latitude="40.5283", longitude="72.7985",
        edition=edition, attendance=1500, press_links="https://vb.kg/", capacity=None,
    )  # fmt: skip
    march.tags.set([tag])
    organizers = set(march.organizations.all())
    leap = datetime(2020, 2, 29, 9, tzinfo=BISHKEK)
    EventFactory(title_ru="29 февраля", starts_at=leap, ends_at=leap, edition=edition)
    other = EventFactory(title_ru="Чужое")  # of no edition: stays as it is

    copy = services.edition_copy(edition=edition, year=2022, by=users[SECRETARY])

    assert (copy.campaign_id, copy.year, copy.copied_events) == (edition.campaign_id, 2022, 2)
    new = Event.objects.get(edition=copy, title_ru="Шествие — Ош")
    assert (new.city, new.venue, new.address) == ("Ош", "У Вечного огня", "пр. Ленина")
    assert (str(new.latitude), str(new.longitude)) == ("40.528300", "72.798500")
    assert set(new.organizations.all()) == organizers and list(new.tags.all()) == [tag]
    assert new.starts_at.astimezone(BISHKEK) == datetime(2022, 5, 9, 10, tzinfo=BISHKEK)
    assert new.ends_at - new.starts_at == timedelta(hours=3)
    # A draft nobody sees until the secretary sets its date and publishes it; nothing of the
    # last year's outcome.
    assert not new.published and new.approved
    assert new.attendance is None and new.press_links == ""
    assert not new.registrations.exists()
    leap_copy = Event.objects.get(edition=copy, title_ru="29 февраля")
    assert leap_copy.starts_at.astimezone(BISHKEK).date().isoformat() == "2022-02-28"
    assert Event.objects.filter(edition=edition).count() == 2
    assert Event.objects.get(pk=other.pk).edition is None
    assert not queries.published_events().filter(edition=copy).exists()
    assert ModelLogEntry.objects.filter(action="events.edition_copy").count() == 1


@pytest.mark.django_db
def test_edition_copy_refuses_a_year_already_held_or_out_of_range(users):
    edition = CampaignEditionFactory(year=2021)
    EventFactory(edition=edition)
    CampaignEditionFactory(campaign=edition.campaign, year=2022)
    for year, code in ((2022, "edition_exists"), (2021, "edition_exists"), (3000, "year_range")):
        with pytest.raises(ValidationError) as refused:
            services.edition_copy(edition=edition, year=year, by=users[SECRETARY])
        assert refused.value.code == code
    assert CampaignEdition.objects.count() == 2 and Event.objects.count() == 1


@pytest.mark.django_db
def test_only_those_who_manage_campaigns_copy_an_edition(users, client):
    with_two_factor(users)
    edition = CampaignEditionFactory(year=2021)
    EventFactory(edition=edition, city="Ош")
    url = f"/admin/events/editions/{edition.pk}/copy/"

    def copies(user):
        try:
            copy = services.edition_copy(edition=edition, year=2030, by=user)
        except PermissionDenied:
            return False
        copy.events.all().delete()
        copy.delete()
        return True

    assert_role_matrix(
        users,
        {
            "may manage campaigns": (rules.can_manage_campaigns, MANAGERS),
            "edition_copy": (copies, MANAGERS),
            "the copy screen": (lambda u: opens(client, u, url), MANAGERS),
        },
    )
    # A refused post copies nothing.
    client.force_login(users[str(Role.ORGANIZATION_EDITOR)])
    assert client.post(url, {"year": "2022"}).status_code in (302, 403)
    assert CampaignEdition.objects.count() == 1


@pytest.mark.django_db
def test_the_secretary_opens_the_next_edition_in_the_admin(users, client):
    with_two_factor(users)
    edition = CampaignEditionFactory(year=2021, campaign__title_ru="Бессмертный полк")
    EventFactory(edition=edition, city="Ош")
    EventFactory(edition=edition, city="Бишкек")
    client.force_login(users[SECRETARY])
    listing = page_text(client.get("/admin/events_edition/"), "Бессмертный полк 2021")
    assert f"/admin/events/editions/{edition.pk}/copy/" in listing
    url = f"/admin/events/editions/{edition.pk}/copy/"
    form = page_text(client.get(url), 'value="2022"', "Открыть следующий выпуск")
    assert "2" in form
    # A year already held: said on the field, the typed year kept.
    CampaignEditionFactory(campaign=edition.campaign, year=2023)
    refused = client.post(url, {"year": "2023"})
    page_text(refused, "У этой акции уже есть выпуск 2023 года.", 'value="2023"')
    page_text(client.post(url, {"year": "abc"}), 'value="abc"')
    response = client.post(url, {"year": "2022"})
    copy = CampaignEdition.objects.get(campaign=edition.campaign, year=2022)
    assert response.status_code == 302
    assert response["Location"] == f"/admin/events_event/?edition={copy.pk}"
    assert copy.events.count() == 2
    assert Campaign.objects.count() == 1
