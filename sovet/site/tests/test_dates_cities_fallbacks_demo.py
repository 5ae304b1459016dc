"""Real pages in three languages: one date format per language, city names in the page's
language, a record's untranslated text marked and noted once per section.

Each expected string is written down as a reader of that language expects it."""

import pytest

from sovet.core.testing import page_text
from sovet.events.models import Event
from sovet.organizations.tests.factories import make_organization

NEWS = "news/xii-conference-held/"  # dated 2 April 2021


@pytest.mark.django_db
@pytest.mark.parametrize(
    "language,date",
    [
        ("ru", "2 апреля 2021 г."),
        ("ky", "2021-жылдын 2-апрели"),
        ("en", "2 April 2021"),
    ],
)
def test_a_news_item_date(demo, client, language, date):
    page_text(client.get(f"/{language}/{NEWS}"), f'<time datetime="2021-04-02">{date}</time>')


@pytest.mark.django_db
@pytest.mark.parametrize(
    "language,when,where",
    [
        ("ru", "7 мая 2021 г. 18:00", "Бишкек"),
        ("ky", "2021-жылдын 7-майы, 18:00", "Бишкек"),
        ("en", "7 May 2021, 18:00", "Bishkek"),
    ],
)
def test_an_event_date_and_city(demo, client, language, when, where):
    event = Event.objects.get(title_ru="Концерт «Песни Победы»")
    html = page_text(
        client.get(f"/{language}/events/{event.pk}/"),
        f'<time datetime="2021-05-07T18:00:00+06:00">{when}</time>',
    )
    assert f"</span>, {where}\n" in html  # after the venue, on the "Where" line
    if language == "en":
        assert "May 7, 2021" not in html and "6 p.m." not in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    "language,dates,adopted",
    [
        ("ru", "<dd>2 апреля 2021 г.</dd>", "Принята 2 апреля 2021 г., Бишкек"),
        ("ky", "<dd>2021-жылдын 2-апрели</dd>", "2021-жылдын 2-апрели кабыл алынган, Бишкек"),
        ("en", "<dd>2 April 2021</dd>", "Adopted on 2 April 2021, Bishkek"),
    ],
)
def test_the_conference_page_dates_and_place(demo, client, language, dates, adopted):
    place = {"ru": "Бишкек", "ky": "Бишкек", "en": "Bishkek"}[language]
    html = page_text(
        client.get(f"/{language}/conferences/xii/"),
        dates,
        f'<p class="meta">{adopted}</p>',
        f"<dd>{place}",  # the conference's place
    )
    if language == "en":
        assert "April 2, 2021" not in html


@pytest.mark.django_db
def test_a_russian_only_organization_is_marked_and_noted_once(demo, client):
    organization = make_organization(
        name_ru="Общество «Родник»",
        slug="rodnik",
        description_ru="Общество проводит уроки русского языка.",
        city="Ош",
    )
    html = page_text(
        client.get(f"/en/organizations/{organization.slug}/"),
        '<h1 lang="ru">Общество «Родник»</h1>',
        '<div class="prose" lang="ru"><p>Общество проводит уроки русского языка.</p></div>',
        "<dd>Osh</dd>",
        '<p class="fallback-note" role="note">Some texts here are not translated yet and are '
        "shown in Russian.</p>",
    )
    assert html.count('class="fallback-note"') == 1
    html = page_text(
        client.get(f"/ky/organizations/{organization.slug}/"),
        '<h1 lang="ru">Общество «Родник»</h1>',
        "<dd>Ош</dd>",
        '<p class="fallback-note" role="note">Бул жердеги айрым тексттер азырынча которула элек, '
        "ошондуктан орус тилинде берилди.</p>",
    )
    assert html.count('class="fallback-note"') == 1
    # In the list too, one notice under the list.
    html = page_text(
        client.get("/en/organizations/", {"q": "Родник"}),
        'lang="ru">Общество «Родник»</a>',
        "Some texts here are not translated yet",
    )
    assert html.count('class="fallback-note"') == 1


@pytest.mark.django_db
def test_a_translated_organization_has_no_notice(demo, client):
    organization = make_organization(
        name_ru="Общество «Родник»",
        name_ky="«Булак» коому",
        name_en="Rodnik Society",
        slug="rodnik",
        description_ru="Общество проводит уроки русского языка.",
        description_ky="Коом орус тили сабактарын өткөрөт.",
        description_en="The society gives Russian lessons.",
        city="Ош",
    )
    html = page_text(
        client.get(f"/en/organizations/{organization.slug}/"),
        '<h1 lang="en">Rodnik Society</h1>',
        '<div class="prose" lang="en"><p>The society gives Russian lessons.</p></div>',
        "<dd>Osh</dd>",
    )
    assert "fallback-note" not in html
    html = page_text(
        client.get(f"/ky/organizations/{organization.slug}/"),
        '<h1 lang="ky">«Булак» коому</h1>',
        "<dd>Ош</dd>",
    )
    assert "fallback-note" not in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    "language,figure",
    [
        ("ru", "Участвовали 12\xa0000 человек."),
        ("ky", "12\xa0000 адам катышты."),
        ("en", "12,000 people took part."),
    ],
)
def test_a_count_is_grouped_as_the_language_writes_it(demo, client, language, figure):
    event = Event.objects.get(attendance=12000)
    page_text(client.get(f"/{language}/events/{event.pk}/"), figure)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "language,where",
    [
        ("ru", '<span lang="ru">Дом дружбы, ул. Пушкина, 78</span>, Бишкек'),
        ("ky", '<span lang="ky">Достук үйү, Пушкин көчөсү, 78</span>, Бишкек'),
        ("en", '<span lang="en">House of Friendship, 78 Pushkin St</span>, Bishkek'),
    ],
)
def test_an_event_venue_and_address_in_the_page_language(demo, client, language, where):
    event = Event.objects.get(venue="Дом дружбы")
    html = page_text(client.get(f"/{language}/events/{event.pk}/"), where)
    assert 'class="fallback-note"' not in html


@pytest.mark.django_db
def test_an_untranslated_venue_is_shown_in_russian_marked_and_noted(demo, client):
    event = Event.objects.get(venue="Дом дружбы")
    # The hall translated but not the street: both stay Russian rather than half of each.
    Event.objects.filter(pk=event.pk).update(address_en="")
    html = page_text(
        client.get(f"/en/events/{event.pk}/"),
        '<span lang="ru">Дом дружбы, ул. Пушкина, 78</span>, Bishkek',
        "Some texts here are not translated yet",
    )
    assert "House of Friendship" not in html


@pytest.mark.django_db
def test_texts_written_only_in_russian_are_noted_once_per_section(demo, client):
    from sovet.memory.models import WarParticipant

    card = WarParticipant.objects.filter(status="published").first()
    WarParticipant.objects.filter(pk=card.pk).update(biography="Призван в 1941 году из Фрунзе.")
    card.refresh_from_db()
    note = '<p class="fallback-note" role="note">'
    english = page_text(client.get(f"/en/memory/{card.pk}/"), "Biography", note)
    assert english.count(note) == 1
    assert '<div lang="ru"><p>Призван в 1941 году из Фрунзе.</p></div>' in english
    russian = page_text(client.get(f"/ru/memory/{card.pk}/"), "Биография")
    assert note not in russian
