"""Search quality in the database: the people of test_names among a few thousand invented cards,
found by every spelling of test_names's queries through `queries.search` — what the archive's
page calls — on SQLite and PostgreSQL alike."""

import pytest

from sovet.core.text import fold_name
from sovet.memory import names, queries, services, synthetic
from sovet.memory.models import CardStatus, WarParticipant

from .test_names import EXACT_QUERIES, PEOPLE, QUERIES

BACKGROUND = 3_000


@pytest.fixture
def archive(db):
    synthetic.create_cards(BACKGROUND, seed=7)
    people = {}
    for person, card in PEOPLE.items():
        people[person] = services.participant_save(
            WarParticipant(
                surname=card.surname,
                given_name=card.given_name,
                patronymic=card.patronymic,
                name_variants="\n".join(card.variants),
                status=CardStatus.PUBLISHED,
            )
        ).pk
    assert WarParticipant.objects.count() == BACKGROUND + len(PEOPLE)
    return people


def _rank(query: str, pk: int) -> tuple[int | None, int]:
    """Where the card comes in the results, and how many cards ahead of it are wrong answers.

    Right answers don't count against the search: cards that match exactly as well (a surname
    alone fits every Фёдоров), and cards bearing the query's very words (with many real
    Джумабековs in the archive, «Джумабеков» or «Dzhumabekov» rightly shows them before a Жумабеков).
    """
    tokens = names.parse_query(query)
    # Each typed word, and for a Latin one its Cyrillic readings («Dzhumabekov» is Джумабеков).
    typed = [{word} | names.to_cyrillic(word) for word in fold_name(query).split()]

    def bears_the_query(card):
        words = set(fold_name(" ".join([card.full_name, *card.variant_list])).split())
        return all(readings & words for readings in typed)

    def score(card):
        return names.match_score(
            tokens,
            names.CardNames(
                card.surname, card.given_name, card.patronymic, tuple(card.variant_list)
            ),
        )

    found = queries.matches(query)
    position = next((i for i, card in enumerate(found) if card.pk == pk), None)
    if position is None:
        return None, len(found)
    own = score(found[position])
    ahead = found[:position]
    return position, sum(1 for card in ahead if score(card) > own and not bears_the_query(card))


def test_at_least_sixty_queries_are_checked():
    assert len(EXACT_QUERIES) + len(QUERIES) >= 60


@pytest.mark.django_db
def test_the_exact_spelling_comes_first_among_thousands(archive):
    failures = []
    for query, person in EXACT_QUERIES:
        position, better = _rank(query, archive[person])
        if position is None or better:
            failures.append((query, person, position, better))
    assert not failures


@pytest.mark.django_db
def test_any_spelling_finds_the_person_in_the_first_five_among_thousands(archive):
    failures = []
    for query, person in EXACT_QUERIES + QUERIES:
        position, better = _rank(query, archive[person])
        if position is None or better >= 5:
            failures.append((query, person, position, better))
    assert not failures
