"""Browsing the archive by its filters alone (no name typed): the cards each filter keeps, counted
by the database, a page at a time; the landing page; what to try when nobody is found; the
sections other apps add to the archive's page."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail import hooks

from sovet.core.models import Region
from sovet.core.testing import page_text
from sovet.memory.forms import SearchForm
from sovet.memory.models import CardStatus, WarParticipant
from sovet.memory.views import BROWSE_PAGE

from .factories import CardFactory, PhotoFactory, StoryFactory


def published():
    return list(WarParticipant.objects.filter(status=CardStatus.PUBLISHED))


def kept_by(params: dict) -> set[int]:
    """What the name search's own filter (in Python) keeps of every published card: the oracle."""
    form = SearchForm(params)
    return {card.pk for card in published() if form.keeps(card)}


def listed(client, params: dict) -> tuple[set[int], object]:
    """Every card the archive lists for `params`, through all its pages."""
    pks, number = set(), 1
    while True:
        response = client.get("/ru/memory/", {**params, "page": number})
        assert response.status_code == 200
        pks |= {card.pk for card in response.context["cards"]}
        results = response.context["results"]
        if not results.has_next():
            return pks, response
        number += 1


def option_count(form, name: str, value: str) -> int:
    field = form[name]
    for option in field.field.widget.choices if name == "rank" else []:
        if option[0] == value:
            return int(re.search(r"\((\d+)\)$", str(option[1])).group(1))
    html = str(field)
    found = re.search(rf'<option value="{re.escape(value)}"[^>]*>[^<]*\((\d+)\)</option>', html)
    assert found, (name, value, html)
    return int(found.group(1))


@pytest.fixture
def talas(demo):
    """Cards of Talas besides the demo's: two killed, one returned, a draft and a hidden one."""
    region = Region.objects.get(code="talas")
    killed = [
        CardFactory(surname="Таласов", given_name="Асан", region=region, fate="killed",
                    rank="Рядовой", birth_date="1915", birth_place="с. Кызыл-Адыр"),
        CardFactory(surname="Таласов", given_name="Бакыт", region=region, fate="killed",
                    rank="рядовой", birth_date="1922", conscription_place="Таласский РВК"),
    ]  # fmt: skip
    returned = CardFactory(surname="Ёлкин", given_name="Пётр", region=region, fate="returned",
                           rank="сержант", birth_date="1919", category="front_line")  # fmt: skip
    CardFactory(surname="Черновиков", region=region, fate="killed", status=CardStatus.DRAFT)
    CardFactory(surname="Скрытов", region=region, fate="killed", status=CardStatus.HIDDEN)
    PhotoFactory(participant=returned)
    return region, killed, returned


@pytest.mark.django_db
def test_a_region_alone_lists_its_published_cards_with_right_counts(talas, client):
    region, killed, returned = talas
    pks, response = listed(client, {"region": "talas"})
    assert pks == kept_by({"region": "talas"}) and len(pks) >= 3
    assert {card.pk for card in killed} | {returned.pk} <= pks
    page = page_text(response, "Таласов Асан", "Ёлкин Пётр")
    assert "Черновиков" not in page and "Скрытов" not in page
    assert response.context["total"] == len(pks)
    form = response.context["form"]
    cards = published()
    # A region's count ignores the region chosen; the other filters' counts are of Talas.
    for other in Region.objects.all():
        expected = sum(card.region_id == other.pk for card in cards)
        assert option_count(form, "region", other.code) == expected, other.code
    in_talas = [card for card in cards if card.region_id == region.pk]
    assert option_count(form, "fate", "killed") == sum(c.fate == "killed" for c in in_talas)
    assert option_count(form, "fate", "returned") == sum(c.fate == "returned" for c in in_talas)
    # Ranks are compared folded: «Рядовой» and «рядовой» are one choice.
    assert option_count(form, "rank", "Рядовой") == 2
    assert form.fields["has_photo"].label.endswith(f"({sum(c.has_photo for c in in_talas)})")


@pytest.mark.django_db
@pytest.mark.parametrize(
    "params",
    [
        {"fate": "killed"},
        {"category": "home_front"},
        {"rank": "РЯДОВОЙ"},
        {"born_from": "1919"},
        {"born_to": "1918"},
        {"born_from": "1915", "born_to": "1920"},
        {"place": "КЫЗЫЛ-адыр"},
        {"place": "таласский"},
        {"has_photo": "on"},
        {"region": "talas", "fate": "killed", "rank": "рядовой"},
    ],
)
def test_any_filter_alone_lists_what_it_keeps(talas, client, params):
    pks, response = listed(client, params)
    assert pks == kept_by(params)
    assert pks, "the demo and the fixture have someone for each of these filters"
    assert response.context["browsing"] and not response.context["form"].errors


@pytest.mark.django_db
def test_pages_keep_the_filters(demo, client):
    region = Region.objects.get(code="naryn")
    for number in range(BROWSE_PAGE + 5):
        CardFactory(surname=f"Нарынов-{number:02}", region=region, fate="killed")
    first = client.get("/ru/memory/", {"region": "naryn", "fate": "killed"})
    assert len(first.context["cards"]) == BROWSE_PAGE
    page = page_text(first, "Нарынов-00")
    next_link = re.search(r'<a rel="next" href="\?([^"]+)"', page).group(1)
    assert "region=naryn" in next_link and "fate=killed" in next_link and "page=2" in next_link
    second = client.get("/ru/memory/?" + next_link.replace("&amp;", "&"))
    names = [card.surname for card in second.context["cards"]]
    assert "Нарынов-24" in names and "Нарынов-00" not in names
    assert second.context["total"] == first.context["total"]
    # A page number out of range or not a number: the last or the first page, never an error.
    assert client.get("/ru/memory/", {"region": "naryn", "page": "99"}).status_code == 200
    assert client.get("/ru/memory/", {"region": "naryn", "page": "x"}).status_code == 200


@pytest.mark.django_db
def test_browsing_runs_as_many_queries_for_many_cards_as_for_few(demo, client):
    region = Region.objects.get(code="batken")

    def queries_for(params):
        client.get("/ru/memory/", params)  # warm: the page tree, translations
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/ru/memory/", params).status_code == 200
        return len(captured)

    params = {"region": "batken", "rank": "рядовой", "place": "Баткен", "born_from": "1900"}
    first = CardFactory(
        surname="Баткенов",
        region=region,
        rank="рядовой",
        birth_date="1921",
        birth_place="г. Баткен",
    )
    PhotoFactory(participant=first)
    StoryFactory(participant=first, status="published", published_at=timezone.now())
    few = queries_for(params)
    landing = queries_for({})
    for number in range(15):
        card = CardFactory(
            surname=f"Баткенов-{number}", region=region, rank="Рядовой", birth_date="1920",
            birth_place=f"с. Баткен-{number}", conscription_place="Баткенский РВК",
        )  # fmt: skip
        PhotoFactory(participant=card)
        StoryFactory(participant=card, status="published", published_at=timezone.now())
    assert queries_for(params) == few
    assert queries_for({}) == landing
    assert few <= 30 and landing <= 30


@pytest.mark.django_db
def test_the_landing_shows_recent_cards_and_stories_and_how_many_people(demo, client):
    card = CardFactory(surname="Новенький", given_name="Павел")
    photo = PhotoFactory(participant=card)
    common = {"participant": card, "relation": "grandchild", "consent": True,
              "submitter_name": "Скрытый Отправитель", "submitter_email": "hidden@example.org"}  # fmt: skip
    StoryFactory(title="Последнее письмо", text="Опубликованный рассказ о Павле.",
                 signature="внук Артём", status="published", published_at=timezone.now(),
                 **common)  # fmt: skip
    StoryFactory(title="На проверке", text="Рассказ ждёт модератора.", **common)
    response = client.get("/ru/memory/")
    assert response.context["people_count"] == len(published())
    page = page_text(
        response, "Новенький Павел", photo.thumbnail.url, "Последнее письмо", "внук Артём",
        f"{len(published())} человек",
    )  # fmt: skip
    for private in ("На проверке", "hidden@example.org", "Скрытый Отправитель"):
        assert private not in page
    assert not response.context["browsing"] and "results" not in response.context


@pytest.mark.django_db
def test_nobody_found_says_so_and_offers_each_filter_left_out(demo, client):
    response = client.get("/ru/memory/", {"region": "talas", "born_from": "1945"})
    page = page_text(response, "Никто в архиве не подходит под все эти фильтры.")
    assert response.context["cards"] == []
    assert 'href="/ru/memory/?region=talas"' in page  # without the year
    assert 'href="/ru/memory/?born_from=1945"' in page  # without the region
    # With a name: the name search's own message, and the same offers.
    named = client.get("/ru/memory/", {"q": "Асанов", "born_from": "1945"})
    page = page_text(named, "Никого не нашлось.", 'href="/ru/memory/?q=%D0%90%D1%81%D0%B0%D0%BD')
    assert named.context["cards"] == []


@pytest.mark.django_db
def test_a_bad_filter_alone_is_shown_with_its_message_and_the_filters_open(demo, client):
    response = client.get("/ru/memory/", {"region": "atlantis", "born_from": "abc"})
    page = page_text(response, '<details class="filters__more archive-search__filters" open>')
    assert {"region", "born_from"} <= set(response.context["form"].errors)
    assert 'value="abc"' in page  # what was typed is kept
    assert response.context["people_count"] == len(published())  # the landing, nothing filtered


@pytest.mark.django_db
def test_other_apps_add_sections_to_the_archive_page(demo, client):
    def section(request, page):
        return {"title": "Раздел другого приложения", "html": "<p>Ссылка наверх</p>"}

    with hooks.register_temporarily("memory_page_sections", section):
        for params in ({}, {"region": "chui"}, {"q": "Асанов"}):
            page_text(client.get("/ru/memory/", params), "Раздел другого приложения")


@pytest.mark.django_db
def test_a_chosen_choice_that_leaves_nobody_stays_chosen(demo, client):
    params = {"fate": "returned", "rank": "Генералиссимус", "born_from": "1945"}
    response = client.get("/ru/memory/", params)
    page = page_text(response, "Никто в архиве не подходит под все эти фильтры.")
    assert re.search(r'<option value="returned" selected>[^<]*\(0\)</option>', page)
    assert re.search(r'<option value="Генералиссимус" selected lang="ru">[^<]*\(0\)<', page)
