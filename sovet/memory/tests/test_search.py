"""Name search in the database: keys stored with each card, candidates ranked by SQL on both
SQLite and PostgreSQL, then ordered by `names.ranking.match_score`."""

import pytest

from sovet.memory import services
from sovet.memory.models import NameKey, WarParticipant
from sovet.memory.names.search import search

from .factories import CardFactory

PEOPLE = [
    ("Соловьёв", "Фёдор", "Иванович"),
    ("Соловьев", "Федор", "Иванович"),
    ("Соловей", "Фёдор", "Петрович"),
    ("Жумабеков", "Асан", "Токтогулович"),
    ("Джумабеков", "Хасан", ""),
    ("Шевченко", "Наталья", "Степановна"),
    ("Иванова", "Наталия", "Петровна"),
    ("Иванов", "Георгий", "Петрович"),
]


@pytest.fixture
def cards(db):
    return {
        (surname, given): CardFactory(surname=surname, given_name=given, patronymic=patronymic)
        for surname, given, patronymic in PEOPLE
    }


def names_of(found):
    return [(card.surname, card.given_name) for card in found]


@pytest.mark.django_db
def test_saving_a_card_stores_its_keys_and_its_birth_year(cards):
    card = cards[("Иванов", "Георгий")]
    keys = set(NameKey.objects.filter(participant=card).values_list("key", flat=True))
    assert "s:иванов" in keys and len(keys) <= 40
    card.birth_date = "1921"
    card.surname = "Иваноф"
    services.card_save(card=card)
    card.refresh_from_db()
    assert card.birth_year == 1921
    keys = set(NameKey.objects.filter(participant=card).values_list("key", flat=True))
    assert "s:иваноф" in keys and "s:иванов" not in keys


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "expected_first"),
    [
        ("Соловьёв Фёдор", ("Соловьёв", "Фёдор")),
        ("Соловьев Федор", ("Соловьев", "Федор")),
        ("Shevchenko Natalia", ("Шевченко", "Наталья")),
        ("Шевченка", ("Шевченко", "Наталья")),  # a typo
        ("Zhumabekov", ("Жумабеков", "Асан")),
        ("Иванов Юрий", ("Иванов", "Георгий")),  # Юрий and Георгий are one name
    ],
)
def test_the_expected_person_comes_first(cards, query, expected_first):
    found = search(query)
    assert found and names_of(found)[0] == expected_first, names_of(found)


@pytest.mark.django_db
def test_both_spellings_are_found_and_the_exact_one_first(cards):
    found = names_of(search("Соловьёв"))
    assert found[:2] == [("Соловьёв", "Фёдор"), ("Соловьев", "Федор")]


@pytest.mark.django_db
def test_unpublished_cards_are_not_found_and_empty_queries_find_nothing(cards):
    WarParticipant.objects.filter(surname="Шевченко").update(status="draft")
    assert search("Шевченко") == []
    assert search("Шевченко", published_only=False)
    assert search("") == [] and search("1941 !!!") == []


@pytest.mark.django_db
def test_a_surname_as_long_as_its_field_is_saved_and_found():
    surname = "Константинопольский-" + "Верхнеднепровский" * 4 + "-Задунайский"
    assert len(surname) <= 100 and len(surname) > 64
    card = services.card_save(
        card=WarParticipant(surname=surname, given_name="Мухаммед", status="published")
    )
    assert all(len(key) <= 64 for key in card.name_keys.values_list("key", flat=True))
    assert [c.pk for c in search(f"{surname} Мухаммед")] == [card.pk]
    assert [c.pk for c in search(surname)] == [card.pk]
