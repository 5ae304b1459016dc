"""The public calendar: filters, the month, campaign pages and their map, event pages with
registration and the participation report, organization cards and the home page block."""

import json
import re
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from icalendar import Calendar
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

from sovet.core.i18n_checks import untranslated_texts
from sovet.core.testing import page_text
from sovet.events import views
from sovet.events.models import Campaign, CampaignEdition, Event, EventTag, Registration
from sovet.organizations.models import Organization

BISHKEK = ZoneInfo("Asia/Bishkek")
WOMEN = "Союз соотечественниц Кыргызстана"
TILES = "https://tiles.example.org/{z}/{x}/{y}.png"
REGIMENT_CITIES = ["Бишкек", "Джалал-Абад", "Кант", "Каракол", "Ош", "Талас", "Токмок"]


def titles(response, name="events"):
    return [event.title_ru for event in response.context[name]]


def event(title) -> Event:
    return Event.objects.get(title_ru=title)


def soon(days=30, hour=12) -> datetime:
    return datetime.combine(timezone.localdate() + timedelta(days=days), time(hour), BISHKEK)


# Filters


@pytest.mark.django_db
def test_city_filter_ignores_case_and_spacing(demo, client):
    for typed in ("Бишкек", "бишкек", "  БИШКЕК "):
        found = client.get("/ru/events/", {"city": typed}).context["events"]
        assert {e.city for e in found} == {"Бишкек"} and found.paginator.count == 3, typed
    found = client.get("/ru/events/", {"past": "1", "city": "джалал абад"}).context["events"]
    assert [e.title_ru for e in found] == ["Бессмертный полк — Джалал-Абад"]
    assert client.get("/ru/events/", {"city": "Атлантида"}).context["events"].paginator.count == 0


@pytest.mark.django_db
def test_tag_audience_and_campaign_filters(demo, client):
    education = client.get("/ru/events/?past=1&tag=education")
    assert titles(education) == ["Урок мужества «22 июня 1941 года»"]
    children = client.get("/ru/events/?audience=children")
    assert titles(children) == ["Открытый урок истории для школьников"]
    regiment = client.get("/ru/events/?past=1&campaign=immortal-regiment").context["events"]
    assert regiment.paginator.count == 7
    assert {e.edition.campaign.slug for e in regiment} == {"immortal-regiment"}
    both = client.get("/ru/events/?past=1&campaign=st-george-ribbon&city=Ош")
    assert titles(both) == ["Георгиевская ленточка — Ош"]
    assert titles(client.get("/ru/events/?tag=youth&audience=youth")) == [
        "Турнир по мини-футболу «Кубок дружбы»"
    ]


@pytest.mark.django_db
def test_bad_filter_values_are_ignored_and_shown_as_errors(demo, client):
    response = client.get(
        "/ru/events/?region=atlantis&tag=nope&audience=pirates&campaign=nope"
        "&organization=nobody&series=x&date_from=yesterday&date_to=2021-02-30&page=zz"
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert set(form.errors) == {
        "region", "tag", "audience", "campaign", "organization", "series", "date_from", "date_to"
    }  # fmt: skip
    assert response.context["events"].paginator.count == 5  # nothing was filtered out
    assert 'class="errors"' in response.content.decode()
    assert response.context["filter_query"] == ""
    month = client.get("/ru/events/?view=month&month=2021-13&tag=nope&date_from=x")
    assert month.status_code == 200 and month.context["month"] == timezone.localdate().replace(
        day=1
    )
    for extreme in ("date_from=0001-01-01&date_to=9999-12-31", "view=month&date_to=9999-12-31",
                    "city=%00", "view=month&month=2100-12"):  # fmt: skip
        assert client.get(f"/ru/events/?{extreme}").status_code == 200, extreme
    # A feed is a subscription: a filter that matches nothing known is an error, not everything.
    assert client.get("/ru/events/feed/?campaign=nope&audience=1").status_code == 404


@pytest.mark.django_db
def test_date_range_keeps_the_events_taking_place_in_it(demo, client):
    found = client.get("/ru/events/?past=1&date_from=2021-05-09&date_to=2021-05-09")
    assert len(titles(found)) == 7 and all("Бессмертный полк" in t for t in titles(found))
    found = client.get("/ru/events/?past=1&date_from=2021-06-22")
    assert found.context["events"].paginator.count == 3
    assert 'value="2021-06-22"' in found.content.decode()  # a date input keeps its ISO value


# The month


@pytest.mark.django_db
def test_month_grid_starts_on_monday_and_lists_the_days_events(demo, client):
    response = client.get("/ru/events/?view=month&month=2021-05")
    weeks = response.context["weeks"]
    assert [week[0].date.weekday() for week in weeks] == [0] * len(weeks)
    days = {day.date: day for week in weeks for day in week if day.in_month}
    assert len(days) == 31
    victory = days[date(2021, 5, 9)]
    assert len(victory.events) == 4 and victory.more == 3  # seven cities: four shown, "3 more"
    assert [e.title_ru for e in days[date(2021, 5, 7)].events] == ["Концерт «Песни Победы»"]
    html = response.content.decode()
    assert "<table" in html and "<caption>" in html and 'scope="col"' in html
    assert 'href="/ru/events/?view=month&amp;month=2021-04"' in html
    assert 'href="/ru/events/?view=month&amp;month=2021-06"' in html
    assert "date_from=2021-05-09&amp;date_to=2021-05-09&amp;past=1" in html
    assert "<script" not in html.split("<main")[1]  # the month works without JavaScript
    head = html[html.index("<thead>") : html.index("</thead>")]
    assert re.findall(r"<abbr [^>]*>(\w+)</abbr>", head) == [
        "Пн",
        "Вт",
        "Ср",
        "Чт",
        "Пт",
        "Сб",
        "Вс",
    ]


@pytest.mark.django_db
def test_month_honours_the_filters_and_marks_today(demo, client):
    response = client.get("/ru/events/?view=month&month=2021-05&city=ош")
    listed = {e.title_ru for week in response.context["weeks"] for d in week for e in d.events}
    assert listed == {"Бессмертный полк — Ош", "Георгиевская ленточка — Ош"}
    html = response.content.decode()
    assert "month=2021-06&amp;city=%D0%BE%D1%88" in html  # next month keeps the filter
    assert 'name="view" value="month"' in html  # the filter form stays in the month view
    assert 'aria-current="date"' not in html
    now = client.get("/ru/events/?view=month").content.decode()
    assert now.count('aria-current="date"') == 1
    today = timezone.localdate()
    assert f'<time datetime="{today:%Y-%m-%d}">{today.day}</time>' in now
    # Upcoming demo events are 20 to 48 days away: some fall in the next months.
    ahead = [client.get(f"/ru/events/?view=month&month={m:%Y-%m}").context for m in (
        (today.replace(day=1) + timedelta(days=31 * n)).replace(day=1) for n in range(3))]  # fmt: skip
    shown = {e.title_ru for c in ahead for w in c["weeks"] for d in w for e in d.events}
    assert "Вечер русского романса" in shown and len(shown) == 5


@pytest.mark.django_db
def test_list_and_month_link_to_each_other_with_the_filters(demo, client):
    html = client.get("/ru/events/?tag=culture").content.decode()
    assert 'href="/ru/events/?view=month&amp;tag=culture"' in html
    assert 'href="/ru/events/feed/?tag=culture"' in html
    html = client.get("/ru/events/?view=month&tag=culture").content.decode()
    assert 'href="/ru/events/?tag=culture"' in html
    assert 'href="/ru/events/?past=1&amp;tag=culture"' in html


# Campaigns


@pytest.mark.django_db
def test_campaign_page_groups_the_edition_by_city(demo, client, settings):
    settings.MAP_TILE_URL = ""
    response = client.get("/ru/events/campaigns/immortal-regiment/")
    assert response.status_code == 200
    assert response.context["edition"].year == 2021
    groups = response.context["cities"]
    assert [city for city, _events in groups] == REGIMENT_CITIES
    assert all(len(events) == 1 for _city, events in groups)
    html = response.content.decode()
    assert "Всенародная акция 9 Мая" in html and "в семи городах" in html
    assert "Сбор у Вечного огня" in html
    union = Organization.objects.get(name_ru="Движение «Наша Победа – Биздин Жениш»")
    assert f'href="/ru/organizations/{union.slug}/"' in html
    assert 'id="events-map"' not in html and "leaflet" not in html
    same = client.get("/ru/events/campaigns/immortal-regiment/2021/")
    assert [c for c, _e in same.context["cities"]] == REGIMENT_CITIES
    assert 'href="/ru/events/feed/?campaign=immortal-regiment"' in html


@pytest.mark.django_db
def test_campaign_map_and_other_years(demo, client, settings):
    settings.MAP_TILE_URL = TILES
    regiment = Campaign.objects.get(slug="immortal-regiment")
    CampaignEdition.objects.create(campaign=regiment, year=2020, intro_ru="Шествие онлайн.")
    html = client.get("/ru/events/campaigns/immortal-regiment/").content.decode()
    assert 'data-geojson="/ru/events/campaigns/immortal-regiment/2021/map/"' in html
    assert f'data-tiles="{TILES}"' in html and "/static/events/js/map.js" in html
    assert 'href="/ru/events/campaigns/immortal-regiment/2020/"' in html
    older = client.get("/ru/events/campaigns/immortal-regiment/2020/")
    assert older.context["cities"] == [] and "Шествие онлайн." in older.content.decode()
    assert 'id="events-map"' not in older.content.decode()  # nothing to put on the map


@pytest.mark.django_db
def test_campaign_geojson_is_lon_lat(demo, client):
    response = client.get("/en/events/campaigns/immortal-regiment/2021/map/")
    assert response["Content-Type"] == "application/geo+json"
    data = json.loads(response.content)
    assert data["type"] == "FeatureCollection" and len(data["features"]) == 7
    for feature in data["features"]:
        lon, lat = feature["geometry"]["coordinates"]
        assert 69 < lon < 81 and 39 < lat < 44  # Kyrgyzstan, longitude first
        assert feature["properties"]["url"].startswith("/en/events/")
    # The city and the date as the English site writes them; the start stays ISO for machines.
    bishkek = next(f for f in data["features"] if f["properties"]["city"] == "Bishkek")
    assert bishkek["geometry"]["coordinates"] == [74.569762, 42.874621]
    assert bishkek["properties"]["starts_at"] == "2021-05-09T10:00:00+06:00"
    assert bishkek["properties"]["when"] == "9 May 2021, 10:00"


@pytest.mark.django_db
def test_unknown_campaign_or_year_is_404(demo, client):
    Campaign.objects.create(slug="no-editions", title_ru="Без выпусков")
    for path in ("campaigns/nothing/", "campaigns/immortal-regiment/2019/",
                 "campaigns/immortal-regiment/99999/", "campaigns/no-editions/",
                 "campaigns/nothing/2021/map/", "campaigns/immortal-regiment/1999/map/"):  # fmt: skip
        assert client.get(f"/ru/events/{path}").status_code == 404, path


@pytest.mark.django_db
def test_campaign_feed_parses_in_bishkek_time(demo, client):
    edition = CampaignEdition.objects.create(
        campaign=Campaign.objects.get(slug="immortal-regiment"), year=timezone.now().year + 1
    )
    Event.objects.create(
        title_ru="Бессмертный полк — Кант",
        starts_at=soon(40, 10),
        ends_at=soon(40, 13),
        edition=edition,
        city="Кант",
    )
    response = client.get("/ru/events/feed/?campaign=immortal-regiment")
    calendar = Calendar.from_ical(response.content)
    [entry] = calendar.walk("VEVENT")
    assert str(entry["summary"]) == "Бессмертный полк — Кант"
    start = entry.decoded("dtstart")
    assert start.utcoffset() == timedelta(hours=6) and start.hour == 10
    assert entry["dtstart"].params["TZID"] == "Asia/Bishkek"
    other = client.get("/ru/events/feed/?campaign=st-george-ribbon")
    assert Calendar.from_ical(other.content).walk("VEVENT") == []


# Public means published and approved


@pytest.mark.django_db
def test_unapproved_and_unpublished_events_are_nowhere(demo, client):
    hidden = {"Вечер русского романса": "approved", "Бессмертный полк — Ош": "published"}
    for title, field in hidden.items():
        Event.objects.filter(title_ru=title).update(**{field: False})
    for title in hidden:
        pk = event(title).pk
        assert client.get(f"/ru/events/{pk}/").status_code == 404
        assert client.get(f"/ru/events/{pk}/ics/").status_code == 404
    regiment = "Бессмертный полк — Бишкек"
    pages = {  # each page, and an event it shows still
        "/ru/events/": "Открытый урок истории для школьников",
        "/ru/events/?past=1": regiment, "/ru/events/feed/": "BEGIN:VEVENT",
        "/ru/events/?view=month&month=2021-05": regiment,
        "/ru/events/campaigns/immortal-regiment/": regiment,
        "/ru/events/campaigns/immortal-regiment/2021/map/": regiment,
        "/ru/": "Открытый урок истории для школьников",
        f"/ru/events/?view=month&month={soon(20):%Y-%m}": "<caption>",  # the month's grid
        "/ru/organizations/" + Organization.objects.get(name_ru=WOMEN).slug + "/":
            "Концерт «Песни Победы»",
    }  # fmt: skip
    for path, shown in pages.items():
        body = page_text(client.get(path), shown)
        for title in hidden:
            assert title not in body, (path, title)


# The event page


@pytest.mark.django_db
def test_cancelled_event_shows_the_reason_and_no_form(demo, client):
    romance = event("Вечер русского романса")
    romance.status, romance.status_note = "cancelled", "Артистка заболела."
    romance.save()
    html = client.get(f"/ru/events/{romance.pk}/").content.decode()
    assert "event-notice--cancelled" in html and "Артистка заболела." in html
    assert html.index("Артистка заболела.") < html.index("<dl")  # prominent: before the facts
    assert 'name="email"' not in html and 'id="register-title"' in html
    response = client.post(
        f"/ru/events/{romance.pk}/",
        {"name": "Анна", "email": "a@example.org", "seats": "1", "consent": "on"},
    )
    assert response.status_code == 200 and not Registration.objects.filter(email="a@example.org")


@pytest.mark.django_db
def test_postponed_event_says_so(demo, client):
    html = client.get(f"/ru/events/{event('Турнир по мини-футболу «Кубок дружбы»').pk}/")
    assert "Перенесён из-за ремонта стадиона." in html.content.decode()
    assert "event-notice--postponed" in html.content.decode()


@pytest.mark.django_db
def test_invitation_only_registration_needs_the_code(demo, client):
    meeting = event("Встреча актива организаций соотечественников")
    url = f"/ru/events/{meeting.pk}/"
    data = {"name": "Анна", "email": "anna@example.org", "seats": "1", "consent": "on"}
    response = client.get(url)
    assert response.context["registration_state"] == "invitation"
    assert 'name="email"' not in response.content.decode()
    refused = client.post(url, data)
    assert refused.context["form"].non_field_errors()  # the service said no
    assert not Registration.objects.filter(event=meeting).exists()
    for guess in ("guess", "жж"):
        wrong = client.get(url, {"invite": guess})
        assert wrong.context["registration_state"] == "invitation"
    invited = client.get(f"{url}?invite={meeting.invitation_code}")
    html = invited.content.decode()
    assert f'action="{url}?invite={meeting.invitation_code}#registration"' in html
    assert invited.context["seats_left"] == 60
    registered = client.post(f"{url}?invite={meeting.invitation_code}", data)
    assert registered.context["registration"].status == "confirmed"
    assert Registration.objects.filter(event=meeting, email="anna@example.org").exists()
    assert "anna@example.org" in registered.content.decode()  # where the letter went


@pytest.mark.django_db
def test_seats_left_waiting_list_and_closed_registration(demo, client):
    lesson = event("Открытый урок истории для школьников")  # 2 seats, 3 people registered
    url = f"/ru/events/{lesson.pk}/"
    assert client.get(url).context["seats_left"] == 0
    response = client.post(
        url, {"name": "Олег", "email": "oleg@example.org", "seats": "1", "consent": "on"}
    )
    assert response.context["registration"].status == "waitlisted"
    romance = event("Вечер русского романса")
    assert client.get(f"/ru/events/{romance.pk}/").context["seats_left"] == 40
    romance.registration_closes_at = timezone.now() - timedelta(hours=1)
    romance.save()
    closed = client.get(f"/ru/events/{romance.pk}/")
    assert closed.context["registration_state"] == "closed"
    assert 'name="email"' not in closed.content.decode()
    past = client.get(f"/ru/events/{event('Концерт «Песни Победы»').pk}/")
    assert past.context["registration_state"] == "off"  # no registration section at all
    assert 'id="register-title"' not in past.content.decode()


@pytest.mark.django_db
def test_event_page_shows_place_organizers_links_and_the_report(demo, client, settings):
    settings.MAP_TILE_URL = TILES
    regiment = event("Бессмертный полк — Бишкек")
    Image = get_image_model()
    photo = Image.objects.create(title="Колонна на площади", file=get_test_image_file())
    regiment.photos.add(photo)
    regiment.image = Image.objects.create(title="Афиша", file=get_test_image_file("a.png"))
    regiment.save()
    response = client.get(f"/ru/events/{regiment.pk}/")
    html = response.content.decode()
    assert "2021 г. 10:00" in html and "13:00" in html  # Bishkek time
    assert 'id="event-map"' in html and 'data-lat="42.874621"' in html
    assert 'data-lon="74.569762"' in html
    assert "https://www.openstreetmap.org/?mlat=42.874621&amp;mlon=74.569762" in html
    for organization in regiment.organizations.all():
        assert f'href="/ru/organizations/{organization.slug}/"' in html
    assert 'href="/ru/events/campaigns/immortal-regiment/2021/"' in html
    assert (
        'href="/ru/events/?tag=memory"' in html and 'href="/ru/events/?audience=everyone"' in html
    )
    assert (
        response.context["attendance"] == 12000 and "12\xa0000" in html
    )  # grouped, as Russian writes it
    assert '<a href="https://www.vb.kg/" rel="noopener nofollow">' in html
    assert re.search(r'<img src="[^"]+\.fill-320x240\.format-webp[^"]*" [^>]*alt="Колонна', html)
    assert re.search(r'<img [^>]*class="event__image"', html)
    assert 'name="email"' not in html


@pytest.mark.django_db
def test_event_page_without_a_tile_server_has_no_map(demo, client, settings):
    settings.MAP_TILE_URL = ""
    html = client.get(f"/ru/events/{event('Вечер русского романса').pk}/").content.decode()
    assert 'id="event-map"' not in html and "leaflet" not in html
    assert "openstreetmap.org" in html and "ул. Пушкина, 78" in html


# Organization cards and the home page


@pytest.mark.django_db
def test_organization_card_lists_upcoming_and_past_events(demo, client, rf):
    union = Organization.objects.get(name_ru=WOMEN)
    html = client.get(f"/ru/organizations/{union.slug}/").content.decode()
    assert "Вечер русского романса" in html and "Концерт «Песни Победы»" in html
    assert html.index("Вечер русского романса") < html.index("Концерт «Песни Победы»")
    assert f'href="/ru/events/?organization={union.slug}"' in html
    assert f'href="/ru/events/feed/?organization={union.slug}"' in html
    ksors = Organization.objects.get(name_ru__startswith="Координационный совет")
    section = views.organization_card_section(rf.get("/ru/"), ksors)
    assert section["html"].count("/ru/events/") >= 5
    nobody = Organization.objects.exclude(events__isnull=False).first()
    assert views.organization_card_section(rf.get("/ru/"), nobody) is None


@pytest.mark.django_db
def test_home_page_shows_the_next_events(demo, client):
    response = client.get("/ru/")
    html = response.content.decode()
    assert "Вечер русского романса" in html and "Открытый урок истории" in html
    assert "Турнир по мини-футболу" not in html  # the fifth is left for the calendar
    assert 'href="/ru/events/"' in html
    en = client.get("/en/").content.decode()
    assert "Upcoming events" in en and 'href="/en/events/' in en
    Event.objects.update(published=False)
    home = page_text(client.get("/ru/"), "Календарь мероприятий организаций соотечественников.")
    assert "Вечер русского романса" not in home


# Every page is translated, and stays light on queries however many events there are


def pages(language):
    union = Organization.objects.get(name_ru=WOMEN).slug
    meeting = event("Встреча актива организаций соотечественников")
    return [
        f"/{language}/",
        f"/{language}/events/?city=Бишкек&tag=nope",
        f"/{language}/events/?view=month&month=2021-05",
        f"/{language}/events/?view=month",
        f"/{language}/events/campaigns/immortal-regiment/",
        f"/{language}/events/{event('Бессмертный полк — Бишкек').pk}/",
        f"/{language}/events/{event('Турнир по мини-футболу «Кубок дружбы»').pk}/",
        f"/{language}/events/{meeting.pk}/",
        f"/{language}/events/{meeting.pk}/?invite={meeting.invitation_code}",
        f"/{language}/events/{event('Открытый урок истории для школьников').pk}/",
        f"/{language}/organizations/{union}/",
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["ru", "ky", "en"])
def test_public_pages_are_translated(demo, client, settings, language):
    settings.MAP_TILE_URL = TILES
    for path in pages(language):
        response = client.get(path)
        assert response.status_code == 200, path
        assert not untranslated_texts(response.content.decode(), language), path


@pytest.mark.django_db
def test_queries_are_bounded_with_5000_events(demo, client, settings):
    settings.MAP_TILE_URL = TILES

    def count(path):
        client.get(path)  # warm per-process caches
        with CaptureQueriesContext(connection) as captured:
            assert client.get(path).status_code == 200, path
        return len(captured)

    start = timezone.now() + timedelta(days=1)
    month = f"{start.astimezone(BISHKEK):%Y-%m}"
    edition = CampaignEdition.objects.get(campaign__slug="immortal-regiment")
    regiment = event("Бессмертный полк — Бишкек")
    paths = [
        "/ru/events/", "/ru/events/?past=1&city=Бишкек&tag=memory",
        f"/ru/events/?view=month&month={month}", "/ru/events/?view=month&month=2021-05",
        "/ru/events/campaigns/immortal-regiment/", "/ru/events/campaigns/immortal-regiment/2021/map/",
        f"/ru/events/{regiment.pk}/", "/ru/events/feed/", "/ru/",
    ]  # fmt: skip
    photos = [get_image_model().objects.create(title=f"Фото {n}", file=get_test_image_file())
              for n in range(4)]  # fmt: skip
    regiment.photos.add(photos[0])
    before = {path: count(path) for path in paths}
    organizations = list(Organization.objects.all()[:3])
    tag = EventTag.objects.get(slug="memory")
    cities = ["Бишкек", "Ош", "Каракол", "Нарын"]
    events = Event.objects.bulk_create(
        [Event(title_ru=f"Событие {n}", starts_at=start + timedelta(hours=n),
               ends_at=start + timedelta(hours=n + 1), city=cities[n % 4], latitude=42, longitude=74,
               edition=edition if n % 10 == 0 else None)
         for n in range(5000)]
    )  # fmt: skip
    Event.organizations.through.objects.bulk_create(
        [Event.organizations.through(event=e, organization=organizations[i % 3])
         for i, e in enumerate(events)]
    )  # fmt: skip
    Event.tags.through.objects.bulk_create(
        [Event.tags.through(event=e, eventtag=tag) for e in events]
    )
    regiment.photos.add(*photos[1:])
    after = {path: count(path) for path in paths}  # renditions are made on the first request
    assert after == before, (before, after)
    assert max(after.values()) <= 30, after
