"""The public list and pages of memorial places: published places only, filters with counts that
never fail on bad values, a constant number of queries, and a page with all a place's facts."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from sovet.core.models import Region
from sovet.memory.models import WarParticipant
from sovet.memory.tests.factories import CardFactory
from sovet.organizations.tests.factories import make_organization
from sovet.places.models import (
    Inspection,
    MemorialPlace,
    PlacePhoto,
    PlaceSettings,
)

from .factories import image_file, make_place

LIST = "/ru/memory/places/"


def names(response):
    return [place.name_ru for place in response.context["places"]]


# The list


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "shown"),
    [("ru", "Вечный огонь"), ("ky", "Түбөлүк от"), ("en", "Вечный огонь")],  # en falls back
)
def test_list_and_place_page_in_every_language(site, client, language, shown):
    place = make_place("Вечный огонь", name_ky="Түбөлүк от", kind="war_memorial")
    listing = client.get(f"/{language}/memory/places/")
    assert listing.status_code == 200
    assert f'href="/{language}/memory/places/{place.pk}/"' in listing.content.decode()
    assert shown in listing.content.decode()
    response = client.get(f"/{language}/memory/places/{place.pk}/")
    assert response.status_code == 200
    assert shown in response.content.decode()


@pytest.mark.django_db
def test_drafts_are_absent_from_the_list_and_their_page_is_404(site, client):
    published = make_place("Стела героям")
    draft = make_place("Черновик памятника", status="draft")
    response = client.get(LIST)
    assert names(response) == ["Стела героям"]
    assert "Черновик памятника" not in response.content.decode()
    assert client.get(f"{LIST}{draft.pk}/").status_code == 404
    assert client.get(f"{LIST}999999/").status_code == 404
    assert client.get(f"{LIST}{published.pk}/").status_code == 200


@pytest.mark.django_db
def test_the_map_reads_its_feed_and_the_list_is_whole_without_it(site, client, settings):
    make_place("Стела героям")
    settings.MAP_TILE_URL = "https://tiles.example.org/{z}/{x}/{y}.png"
    page = client.get(LIST).content.decode()
    assert 'data-feed="/ru/memory/places/map/?v=' in page
    assert "places/js/map.js" in page and "Стела героям" in page
    # Without a tile server there is no map and no script: the list is the whole page.
    settings.MAP_TILE_URL = ""
    page = client.get(LIST).content.decode()
    assert 'id="places-map"' not in page and "places/js/map.js" not in page
    assert "Стела героям" in page


@pytest.mark.django_db
def test_each_row_shows_kind_region_condition_caretaker_and_last_inspection(site, client):
    caretaker = make_organization(name_ru="Союз ветеранов")
    make_place(
        "Мемориал в Оше", kind="war_memorial", region="osh-city", caretaker=caretaker,
        condition="critical", inspected_on=date(2024, 5, 3),
    )  # fmt: skip
    page = client.get("/en/memory/places/").content.decode()
    row = page.split("Мемориал в Оше")[1].split("</li>")[0]
    assert "War memorial" in row
    assert Region.objects.get(code="osh-city").name_en in row
    # The condition in words, its colour only repeating them.
    assert '<span class="badge badge--condition badge--danger">Critical</span>' in row
    assert "Союз ветеранов" in row
    assert "2024" in row


@pytest.mark.django_db
def test_filters_narrow_the_list_and_count_the_other_choices(site, client):
    ours = make_organization(name_ru="Наши")
    old = timezone.localdate() - timedelta(days=800)
    make_place(
        "Бюст героя",
        kind="bust",
        region="osh",
        condition="good",
        inspected_on=timezone.localdate(),
        caretaker=ours,
    )
    make_place("Обелиск в Таласе", region="talas", condition="critical", inspected_on=old)
    make_place("Обелиск в Чуе", region="chui")
    make_place("Черновой обелиск", region="chui", status="draft")  # never counted
    assert names(client.get(LIST, {"kind": "obelisk"})) == ["Обелиск в Таласе", "Обелиск в Чуе"]
    assert names(client.get(LIST, {"region": "talas"})) == ["Обелиск в Таласе"]
    assert names(client.get(LIST, {"condition": "good"})) == ["Бюст героя"]
    assert names(client.get(LIST, {"caretaker": ours.slug})) == ["Бюст героя"]
    # Never inspected, or not for longer than the interval: both need a visit.
    assert names(client.get(LIST, {"needs_visit": "on"})) == ["Обелиск в Таласе", "Обелиск в Чуе"]
    both = client.get(LIST, {"kind": "obelisk", "region": "chui"})
    assert names(both) == ["Обелиск в Чуе"]
    form = both.context["form"]
    # Each filter's counts keep the other filters: obelisks by region, Chui's places by kind.
    kinds = dict(form.fields["kind"].choices)
    assert kinds["obelisk"].endswith("(1)") and kinds["bust"].endswith("(0)")
    regions = {r.code: form.fields["region"].label_from_instance(r) for r in Region.objects.all()}
    assert regions["talas"].endswith("(1)") and regions["chui"].endswith("(1)")
    assert regions["osh"].endswith("(0)")
    assert form.fields["needs_visit"].label.endswith("(1)")
    # The caretaker filter offers only organizations that look after a published place.
    assert list(form.fields["caretaker"].queryset) == [ours]


@pytest.mark.django_db
def test_needs_a_visit_follows_the_inspection_interval_setting(site, client):
    make_place("Стела", inspected_on=timezone.localdate() - timedelta(days=100), condition="good")
    assert names(client.get(LIST, {"needs_visit": "on"})) == []
    settings = PlaceSettings.load()
    settings.inspection_interval_days = 60
    settings.save()
    assert names(client.get(LIST, {"needs_visit": "on"})) == ["Стела"]


@pytest.mark.django_db
def test_the_name_search_ignores_case_and_yo_in_every_language(site, client):
    make_place("Памятник Тёмкину", name_en="Tyomkin monument")
    make_place("Обелиск землякам", name_ky="Жердештерге обелиск")
    assert names(client.get(LIST, {"q": "ТЕМКИН"})) == ["Памятник Тёмкину"]
    assert names(client.get(LIST, {"q": "tyomkin"})) == ["Памятник Тёмкину"]
    assert names(client.get(LIST, {"q": "жердештерге"})) == ["Обелиск землякам"]
    assert names(client.get(LIST, {"q": "Атлантида"})) == []
    empty = client.get("/en/memory/places/", {"q": "Атлантида"}).content.decode()
    assert "No memorial places match these filters." in empty


@pytest.mark.django_db
def test_bad_filter_values_are_shown_as_errors_and_ignored(site, client):
    make_place("Стела")
    response = client.get(
        LIST, {"kind": "pyramid", "region": "atlantis", "condition": "ruined",
               "caretaker": "nobody", "page": "zz", "q": "x" * 300}
    )  # fmt: skip
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"kind", "region", "condition", "caretaker", "q"}
    assert names(response) == ["Стела"]  # nothing filtered out by the bad values
    assert 'class="errors"' in response.content.decode()


@pytest.mark.django_db
def test_the_list_is_paginated_and_keeps_the_filters(site, client):
    for number in range(25):
        make_place(f"Обелиск {number:02}")
    first = client.get(LIST, {"kind": "obelisk"})
    assert len(first.context["places"]) == 20
    assert "kind=obelisk&amp;page=2" in first.content.decode()
    second = client.get(LIST, {"kind": "obelisk", "page": "2"})
    assert names(second) == [f"Обелиск {n}" for n in range(20, 25)]
    assert names(client.get(LIST, {"page": "99"})) == names(second)  # the last page


@pytest.mark.django_db
def test_the_list_runs_the_same_queries_for_300_places(site, client):
    def count(query):
        client.get(f"{LIST}?{query}")  # warm the caches of the site and settings
        with CaptureQueriesContext(connection) as queries:
            assert client.get(f"{LIST}?{query}").status_code == 200
        return len(queries)

    caretaker = make_organization()
    make_place("Первый", caretaker=caretaker)
    few = {query: count(query) for query in ("", "q=перв&needs_visit=on&region=chui")}
    regions = list(Region.objects.all())
    MemorialPlace.objects.bulk_create(
        MemorialPlace(
            kind="stele", name_ru=f"Стела {n}", region=regions[n % len(regions)],
            status="published", caretaker=make_organization() if n % 30 == 0 else caretaker,
            condition="good", inspected_on=date(2020, 1, 1),
        )
        for n in range(300)
    )  # fmt: skip
    for query, baseline in few.items():
        assert count(query) == baseline, query


# A place's page


@pytest.mark.django_db
def test_the_place_page_shows_its_facts_people_inspections_and_photos(site, client):
    caretaker = make_organization(name_ru="Союз ветеранов", slug="veterans")
    published = CardFactory(surname="Асанов", given_name="Үсөн")
    draft = CardFactory(surname="Скрытов", status="draft")
    place = make_place(
        "Братская могила", kind="mass_grave", address="ул. Фрунзе, 1",
        latitude=Decimal("42.862100"), longitude=Decimal("74.629800"),
        description="Описание места.", history="История места.", year_erected=1946,
        architect="Иванов И. И.", unnamed_count=112, caretaker=caretaker,
        condition="needs_repair", inspected_on=timezone.localdate() - timedelta(days=400),
    )  # fmt: skip
    place.participants.set([published, draft])
    Inspection.objects.create(
        place=place, inspected_on=date(2020, 6, 1), condition="good", notes="Всё в порядке."
    )
    Inspection.objects.create(
        place=place,
        inspected_on=place.inspected_on,
        condition="needs_repair",
        notes="Стёрлись надписи.",
    )
    newer = PlacePhoto.objects.create(
        place=place,
        image=image_file(),
        thumbnail=image_file(),
        taken_on=date(2023, 5, 9),
        caption="После ремонта",
    )
    older = PlacePhoto.objects.create(
        place=place,
        image=image_file(),
        thumbnail=image_file(),
        taken_on=date(1990, 5, 9),
        caption="В 1990 году",
    )
    page = client.get(f"{LIST}{place.pk}/").content.decode()
    for text in (
        "Братская могила",
        "ул. Фрунзе, 1",
        "Описание места.",
        "История места.",
        "1946",
        "Иванов И. И.",
        "112",
        "Всё в порядке.",
        "Стёрлись надписи.",
    ):
        assert text in page, text
    assert (
        "https://www.openstreetmap.org/?mlat=42.862100&amp;mlon=74.629800"
        "#map=18/42.862100/74.629800"
    ) in page
    assert f'href="/ru/memory/{published.pk}/"' in page and "Асанов Үсөн" in page
    assert "Скрытов" not in page  # only published cards
    assert 'href="/ru/organizations/veterans/"' in page
    assert "badge--warning" in page
    assert page.index("Стёрлись надписи.") < page.index("Всё в порядке.")  # the latest first
    # Photos by date, the oldest first, each thumbnail linking to the full image.
    assert page.index(older.thumbnail.url) < page.index(newer.thumbnail.url)
    assert f'<a href="{older.image.url}"><img src="{older.thumbnail.url}"' in page
    assert 'class="notice"' in page  # inspected more than a year ago: needs a visit


@pytest.mark.django_db
def test_a_place_never_inspected_needs_a_visit_and_a_recent_one_does_not(site, client):
    never = make_place("Камень")
    recent = make_place("Стела", condition="good", inspected_on=timezone.localdate())
    assert client.get(f"{LIST}{never.pk}/").context["needs_visit"] is True
    response = client.get(f"{LIST}{recent.pk}/")
    assert response.context["needs_visit"] is False
    assert 'class="notice"' not in response.content.decode()


@pytest.mark.django_db
def test_the_place_page_in_kyrgyz_links_kyrgyz_cards_with_constant_queries(site, client):
    place = make_place("Мемориал", name_ky="Мемориал ky", caretaker=make_organization())
    url = f"/ky/memory/places/{place.pk}/"

    def count():
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            page = client.get(url).content.decode()
        return len(queries), page

    def add(number):
        cards = [
            WarParticipant.objects.create(surname=f"Боец{number}-{n}", status="published")
            for n in range(number)
        ]
        place.participants.add(*cards)
        for n in range(number):
            Inspection.objects.create(
                place=place, inspected_on=date(2020, 1, n + 1), condition="good"
            )
            PlacePhoto.objects.create(place=place, image=image_file(), thumbnail=image_file())
        return cards

    first = add(1)
    baseline, page = count()
    assert f'href="/ky/memory/{first[0].pk}/"' in page and "Мемориал ky" in page
    more = add(10)
    queries, page = count()
    assert f'href="/ky/memory/{more[-1].pk}/"' in page
    assert queries == baseline


@pytest.mark.django_db
def test_the_kept_filter_counts_follow_every_change_of_the_places(site, client):
    from sovet.places import services

    make_place("Бюст героя", kind="bust")

    def busts():
        return dict(client.get(LIST).context["form"].fields["kind"].choices)["bust"]

    assert busts().endswith("(1)")
    region = Region.objects.get(code="naryn")
    services.place_save(
        MemorialPlace(kind="bust", name_ru="Бюст", region=region, status="published")
    )
    assert busts().endswith("(2)")
