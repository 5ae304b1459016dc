"""Ranking the cards a query found: the exact spelling first, then the same sound, a
transliteration or a variant of the name, and typos last."""

import functools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

from sovet.core.text import is_latin

from .keys import (
    CARD_INITIAL,
    DOUBLE_SURNAME_PART,
    EXACT,
    INITIAL,
    INITIAL_CLASS,
    SAME_GROUP,
    SAME_SOUND,
    TRANSLITERATION,
    TRANSLITERATION_SOUND,
    TYPO,
    TYPO_MIN_LENGTH,
    TYPO_READINGS,
    TYPO_SOUND,
    VARIANT,
    QueryToken,
    cyrillic_forms,
    initial_letter,
    name_words,
)
from .spellings import father_group, given_name_group, phonetic_key, surname_key

# -- Ranking ----------------------------------------------------------------------------------


class CardNames(NamedTuple):
    """The names on a card, as `match_score` compares them."""

    surname: str
    given_name: str = ""
    patronymic: str = ""
    variants: tuple[str, ...] = ()


def damerau_levenshtein(a: str, b: str, limit: int = 1) -> int:
    """Edits (insert, delete, replace, swap neighbours) turning a into b; limit + 1 beyond limit.

    Stops as soon as the limit is out of reach, so comparing unlike words costs little.
    """
    if a == b:
        return 0
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    start = 0  # a common beginning and end cost nothing
    while start < min(len(a), len(b)) and a[start] == b[start]:
        start += 1
    a, b = a[start:], b[start:]
    while a and b and a[-1] == b[-1]:
        a, b = a[:-1], b[:-1]
    if not a or not b:
        return min(len(a) + len(b), limit + 1)
    before_previous: list[int] = []
    previous = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            value = min(
                previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] != b[j - 1])
            )
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                value = min(value, before_previous[j - 2] + 1)
            current[j] = value
        if min(current) > limit:
            return limit + 1
        before_previous, previous = previous, current
    return min(previous[-1], limit + 1)


@dataclass
class _Heard:
    """What a query word is compared by, worked out once per word."""

    readings: frozenset[str]
    order: dict[str, int]
    surname_sounds: frozenset[str]
    sounds: frozenset[str]
    groups: frozenset[str]
    fathers: frozenset[str]
    typo_forms: tuple[str, ...]


@functools.lru_cache(maxsize=10_000)
def _heard(token: QueryToken) -> _Heard:
    readings = token.readings
    return _Heard(
        readings=frozenset(readings),
        order={reading: index for index, reading in reversed(list(enumerate(readings)))},
        surname_sounds=frozenset(map(surname_key, readings)),
        sounds=frozenset(map(phonetic_key, readings)),
        groups=frozenset(map(given_name_group, readings)),
        fathers=frozenset(filter(None, map(father_group, readings))),
        typo_forms=readings[:TYPO_READINGS],
    )


def _typo_score(token: QueryToken, heard: _Heard, kind: str, word: str) -> float:
    if len(word) < TYPO_MIN_LENGTH:
        return 0.0
    key = surname_key if kind == "s" else phonetic_key
    for form in heard.typo_forms:
        if len(form) < TYPO_MIN_LENGTH:
            continue
        if not token.is_latin and damerau_levenshtein(form, word) <= 1:
            return TYPO
        if damerau_levenshtein(key(form), key(word)) <= 1:
            return TYPO_SOUND
    return 0.0


def _word_score(token: QueryToken, kind: str, word: str) -> float:
    """How well a query word matches one word of a name field ("s", "g" or "p")."""
    heard = _heard(token)
    if token.is_initial:
        allowed = {"given": "g", "patronymic": "p"}.get(token.initial_of, "gp")
        return INITIAL if kind in allowed and initial_letter(word) in heard.readings else 0.0
    if kind != "s" and len(word) == 1:  # the card knows the initial only
        initials = {initial_letter(reading) for reading in token.readings}
        return CARD_INITIAL if word.translate(INITIAL_CLASS) in initials else 0.0
    if word == token.text:
        return EXACT
    if is_latin(word):
        word = cyrillic_forms(word)[0]
    if token.is_latin and word in heard.readings:
        return TRANSLITERATION - 0.001 * heard.order[word]
    sounds = heard.surname_sounds if kind == "s" else heard.sounds
    if (surname_key(word) if kind == "s" else phonetic_key(word)) in sounds:
        return TRANSLITERATION_SOUND if token.is_latin else SAME_SOUND
    if kind == "g" and given_name_group(word) in heard.groups:
        return SAME_GROUP
    if kind == "p" and (father_group(word) or given_name_group(word)) in heard.fathers:
        return SAME_GROUP
    return _typo_score(token, heard, kind, word)


@functools.lru_cache(maxsize=10_000)
def _slots(card: CardNames) -> tuple[tuple[str, tuple[tuple[str, float], ...]], ...]:
    """The card's name words a query word can take, each with its spellings and their weight."""
    variant_words = tuple(
        (word, VARIANT) for variant in card.variants for word in name_words(variant)
    )
    surname = name_words(card.surname)
    # A part of a double surname is a little less than the whole: Белов before Соколов-Белов.
    own = 1.0 if len(surname) == 1 else DOUBLE_SURNAME_PART
    slots = [("s", ((word, own), *variant_words)) for word in surname]
    slots += [("g", ((word, 1.0),)) for word in name_words(card.given_name)]
    slots += [("p", ((word, 1.0),)) for word in name_words(card.patronymic)]
    return tuple(slots)


def match_score(query_tokens: Sequence[QueryToken], card_names: CardNames) -> float:
    """How well a query matches a card, from 0 to 1: 1 when every word is spelled as on the card.

    Each query word takes the name word it matches best, and no two take the same one.
    """
    if not query_tokens:
        return 0.0
    surname, given_name, patronymic, *rest = card_names
    slots = _slots(CardNames(surname, given_name, patronymic, tuple(rest[0]) if rest else ()))
    # Best total so far for each set of name words already taken (a bit mask).
    best = {0: 0.0}
    for token in query_tokens:
        scores = [
            max(weight * _word_score(token, kind, word) for word, weight in spellings)
            for kind, spellings in slots
        ]
        following = dict(best)
        for taken, total in best.items():
            for index, score in enumerate(scores):
                if score and not taken & (1 << index):
                    mask = taken | (1 << index)
                    following[mask] = max(following.get(mask, 0.0), total + score)
        best = following
    return max(best.values()) / len(query_tokens)
