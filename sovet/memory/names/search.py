"""Finding people by name: exact lookups of keys in the database, then ranking in Python."""

from types import SimpleNamespace

from django.db import connection

from sovet.memory.models import CardStatus, NameKey, PersonNames, WarParticipant

from .keys import TYPO_SOUND, parse_query, weighted_pair_keys, weighted_query_keys
from .ranking import CardNames, match_score

# Candidates ranked by the database before `match_score` orders the first of them.
CANDIDATES = 200
# Fewer candidates than this without typos: search again, typos included.
FEW = 20


# What result lists, filters and their counts read of a card.
LISTED_FIELDS = (
    "pk",
    "surname",
    "given_name",
    "patronymic",
    "name_variants",
    "status",
    "birth_year",
    "birth_date",
    "birth_place",
    "conscription_place",
    "death_date",
    "rank",
    "fate",
    "category",
    "region_id",
    "has_photo",
)


def search(
    text: str, *, limit: int = 20, published_only: bool = True, keep=None
) -> list[WarParticipant]:
    """The cards best matching a name query, the exact spelling first.

    keep: an optional test of a card (filters), applied to the candidates before the limit.
    """
    found = matches(text, published_only=published_only)
    if keep is not None:
        found = [card for card in found if keep(card)]
    return cards_of(found[:limit])


class Match(PersonNames, SimpleNamespace):
    """A matching card as filters read it (LISTED_FIELDS): lighter than a model instance, of
    which only the few shown are made (`cards_of`)."""


def matches(text: str, *, published_only: bool = True) -> list[Match]:
    """Every card matching a name query (at most CANDIDATES), best first."""
    tokens = parse_query(text)
    if not tokens:
        return []
    # Typo keys are many and match many cards: only look for typos when spellings found few.
    candidate_ids = _candidates(tokens, typos=False)
    if len(candidate_ids) < FEW:
        candidate_ids = _candidates(tokens, typos=True)
    typed = set(text.casefold().split())
    # By primary key only: with a status condition SQLite would rather scan the status index.
    rows = WarParticipant.objects.filter(pk__in=candidate_ids).values(*LISTED_FIELDS)
    scored = []
    for row in rows:
        card = Match(**row)
        if published_only and card.status != CardStatus.PUBLISHED:
            continue
        card_names = CardNames(
            card.surname, card.given_name, card.patronymic, tuple(card.variant_list)
        )
        score = match_score(tokens, card_names)
        if score > 0:
            # Folding makes Соловьёв and Соловьев equal: the letters as typed break the tie.
            as_typed = len(typed & set(card.full_name.casefold().split()))
            scored.append((-score, -as_typed, card.surname, card.pk, card))
    scored.sort(key=lambda row: row[:4])
    return [row[-1] for row in scored]


def cards_of(found: list[Match]) -> list[WarParticipant]:
    """The cards of some matches, in their order, in one query."""
    by_pk = WarParticipant.objects.select_related("region").in_bulk([card.pk for card in found])
    return [by_pk[card.pk] for card in found if card.pk in by_pk]


def _candidates(tokens, *, typos: bool) -> list[int]:
    """Cards matching the query's words, best first, by the weights of the keys they share."""
    if len(tokens) == 1:
        return _by_tiers(weighted_query_keys(tokens[0]), typos=typos)
    if not typos:
        # A surname with a given name or an initial: the few cards holding both, when enough.
        pairs = weighted_pair_keys(tokens)
        found = _weigh([(key, pair, weight) for key, (pair, weight) in pairs.items()])
        if len(found) >= FEW:
            return found
    wanted = []
    for position, token in enumerate(tokens):
        for key, weight in weighted_query_keys(token).items():
            if typos or weight > TYPO_SOUND:
                wanted.append((key, position, weight))
    return _weigh(wanted)


def _by_tiers(weighted: dict[str, float], *, typos: bool) -> list[int]:
    """One word: the cards of its best keys first, each weight in turn, until CANDIDATES.

    The same order as `_weigh` gives one word (best weight, then card), but each step reads
    at most CANDIDATES rows more: a common surname's thousands of cards are not all weighed.
    """
    tiers: dict[float, list[str]] = {}
    for key, weight in weighted.items():
        if typos or weight > TYPO_SOUND:
            tiers.setdefault(weight, []).append(key)
    table = NameKey._meta.db_table
    found: list[int] = []
    with connection.cursor() as cursor:
        for weight in sorted(tiers, reverse=True):
            keys = sorted(tiers[weight])
            # Materialized: read by key, then sorted. Otherwise the database may walk the
            # cards in order looking for the keys, which takes seconds when they are rare.
            # Only placeholders and the table's own name are put into the text.
            cursor.execute(
                f"""WITH hits AS MATERIALIZED (
                    SELECT participant_id FROM {table}
                    WHERE key IN ({", ".join(["%s"] * len(keys))})
                )
                SELECT DISTINCT participant_id FROM hits ORDER BY participant_id LIMIT %s""",  # noqa: S608
                [*keys, CANDIDATES + len(found)],
            )
            seen = set(found)
            found += [row[0] for row in cursor.fetchall() if row[0] not in seen]
            if len(found) >= CANDIDATES:
                return found[:CANDIDATES]
    return found


def _weigh(wanted: list[tuple[str, int, float]]) -> list[int]:
    """One query over (key, word, weight) rows: for each card, the best weight per query word,
    summed over the words; the best CANDIDATES cards."""
    if not wanted:
        return []
    keys = sorted({key for key, _, _ in wanted})
    table = NameKey._meta.db_table
    # The keys again, as constants: PostgreSQL then estimates each key's rows from its statistics
    # and reads the index, where a join alone made it scan every key of every card.
    # Only placeholders and the table's own name are put into the text: values go as parameters.
    sql = f"""
        WITH wanted(key, word, weight) AS (VALUES {", ".join(["(%s, %s, %s)"] * len(wanted))}),
        best AS (
            SELECT k.participant_id AS card, w.word, MAX(w.weight) AS weight
            FROM {table} k JOIN wanted w ON k.key = w.key
            WHERE k.key IN ({", ".join(["%s"] * len(keys))})
            GROUP BY k.participant_id, w.word
        )
        SELECT card FROM best GROUP BY card ORDER BY SUM(weight) DESC, card LIMIT %s
    """  # noqa: S608
    params = [value for row in wanted for value in row]
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, *keys, CANDIDATES])
        return [row[0] for row in cursor.fetchall()]
