"""Name keys for the memory archive: a person is found however their name was written.

A card stores a few dozen short keys (`index_keys`) in an indexed table; each word of a query
asks for a bounded set of keys (`query_keys`), so the database only looks keys up by exact match
(`key IN (...)`), never scans. `ranking.match_score` then ranks the candidates found.

Kinds of key; the prefix keeps a surname from matching a given name by accident:

    s:  surname as written (folded)    g:  given name (folded)     p:  patronymic (folded)
    sp: surname as heard               gg: given-name group        pg: father's name group
    sd: surname as heard, less one letter (typos)                  gi: pi: initials
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass

from sovet.core.text import fold_name, is_latin, unmix_scripts

from .spellings import father_group, given_name_group, latin_readings, surname_key

# -- Queries ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class QueryToken:
    """One word of a search query, or one initial."""

    text: str  # folded, as typed
    is_latin: bool = False
    initial_of: str | None = None  # "given", "patronymic" or "either" for an initial
    # A word's Cyrillic forms, likeliest first; an initial's possible first letters.
    readings: tuple[str, ...] = ()

    @property
    def is_initial(self) -> bool:
        return self.initial_of is not None


# "son of" and "daughter of" in Turkic names: they say nothing about the person.
_PARTICLES = frozenset(
    {"уулу", "кызы", "улы", "кизи", "оглы", "углы", "uulu", "kyzy", "uly", "ogly", "kizi", "qizi"}
)
_QUERY_WORD = re.compile(r"([^\W\d_]+(?:['’ʼ`´][^\W\d_]+)*)(\.?)")
# Latin initials written with two letters for one sound: Yu. Zh. Kh.
_LATIN_DIGRAPHS = frozenset(
    ["yu", "ya", "ye", "yo", "iu", "ia", "ju", "ja", "zh", "kh", "ch", "sh", "ts"]
)
# Latin letters that open names in ю, я, е: Yuri, Yakov, Yevgeny; Iurii, Iakov; Jurij, Jevgenij.
_LATIN_IOTATED = {"y": "юяе", "i": "юя", "j": "юяе"}
# Letters that open the same names: Йосип and Иосиф, Ыбырай and Ибрагим, Эдуард and Едуард.
INITIAL_CLASS = str.maketrans("йыэё", "ииее")


def _initial_readings(letters: str) -> tuple[str, ...]:
    """The Cyrillic first letters an initial can stand for."""
    folded = fold_name(letters)
    if not is_latin(folded):
        return (folded[:1].translate(INITIAL_CLASS),)
    readings = latin_readings(letters)
    if len(folded) > 1:  # Yu., Zh.: the two letters say which one
        return (readings[0][0].translate(INITIAL_CLASS),)
    found = {reading[0].translate(INITIAL_CLASS) for reading in readings}
    found |= set(_LATIN_IOTATED.get(folded, ""))
    return tuple(sorted(found))


def _word_token(raw: str) -> QueryToken | None:
    folded = fold_name(raw)
    if not folded or folded in _PARTICLES:
        return None
    if is_latin(folded):
        return QueryToken(folded, is_latin=True, readings=latin_readings(raw))
    return QueryToken(folded, readings=(folded,))


def _as_initials(raw: str, dotted: bool, capitals_mean_initials: bool) -> list[str] | None:
    """The initials a word stands for ("И.", "Yu.", "ИП"), or None for a name."""
    if dotted and len(raw) <= 2:
        two = raw.lower()
        return [two] if len(raw) == 2 and two in _LATIN_DIGRAPHS else [raw[0]]
    if len(raw) == 1:
        return [raw]
    if capitals_mean_initials and raw.isupper() and len(raw) == 2:
        return list(raw)
    return None


def _initial_tokens(run: list[str]) -> list[QueryToken]:
    """A run of initials: the given name's, then the patronymic's; a lone one may be either."""
    roles = ["either"] if len(run) == 1 else ["given", "patronymic", *["either"] * len(run)]
    return [
        QueryToken(
            fold_name(letters), is_latin(fold_name(letters)), role, _initial_readings(letters)
        )
        for letters, role in zip(run, roles, strict=False)
    ]


def parse_query(text: str) -> list[QueryToken]:
    """The words and initials of a search query, in order; numbers and Turkic particles dropped.

    "И.П.", "И. П.", "Yu." and, next to a word in lower case, "ИП" or "IP" are initials.
    """
    words = [(found[1], bool(found[2])) for found in _QUERY_WORD.finditer(unmix_scripts(text))]
    capitals_mean_initials = any(not raw.isupper() for raw, _dotted in words)
    tokens: list[QueryToken] = []
    run: list[str] = []
    for raw, dotted in words:
        initials = _as_initials(raw, dotted, capitals_mean_initials)
        if initials is not None:
            run.extend(initials)
            continue
        tokens += _initial_tokens(run)
        run = []
        if token := _word_token(raw):
            tokens.append(token)
    return tokens + _initial_tokens(run)


# -- Keys -------------------------------------------------------------------------------------

# What a query word matching a name word is worth, exact spelling first: `match_score` adds these
# up, and `weighted_query_keys` gives them to the database to order candidates by.
EXACT = 1.0
SAME_SOUND = 0.8
TRANSLITERATION = 0.75  # a Latin word's reading is the card's spelling
TRANSLITERATION_SOUND = 0.65  # ... or sounds like it
SAME_GROUP = 0.6  # Юрий for Георгий, Асанович for Хасанович
INITIAL = 0.5
CARD_INITIAL = 0.4  # a whole name asked for, the card knows its initial only
TYPO = 0.4  # one letter off in writing
TYPO_SOUND = 0.3  # one letter off in sound
VARIANT = 0.95  # a documented other spelling, not the card's own
DOUBLE_SURNAME_PART = 0.99


# A card's keys stay within this bound; typo keys are the first to give way.
MAX_KEYS_PER_CARD = 40
KEY_LENGTH = 64  # NameKey.key's column: longer keys are cut, on cards and in queries alike
# Typos are looked for in words at least this long: shorter ones would match too many others.
TYPO_MIN_LENGTH = 5
# A Latin word asks for the exact spellings of its likeliest readings only, and for typos of
# the sound of its two likeliest readings: the rest of its readings ask by sound.
EXACT_READINGS = 8
TYPO_READINGS = 2


def name_words(text: str) -> list[str]:
    """The words of a name field, double surnames split: Соколов-Белов → соколов, белов."""
    words = fold_name(text).replace("-", " ").split()
    return [word for word in words if word not in _PARTICLES]


def cyrillic_forms(word: str) -> tuple[str, ...]:
    """A folded word as Cyrillic: itself, or the two likeliest readings of a Latin word."""
    return latin_readings(word)[:2] if is_latin(word) else (word,)


def _one_letter_less(word: str) -> set[str]:
    return {word[:index] + word[index + 1 :] for index in range(len(word))}


def _typo_eligible(word: str, heard: str) -> bool:
    return len(word) >= TYPO_MIN_LENGTH and len(heard) >= TYPO_MIN_LENGTH - 1


def _surname_keys(word: str) -> set[str]:
    return {f"s:{word}"} | {f"sp:{surname_key(form)}" for form in cyrillic_forms(word)}


def _surname_typo_keys(word: str) -> set[str]:
    heard = surname_key(cyrillic_forms(word)[0])
    if not _typo_eligible(word, heard):
        return set()
    return {f"sd:{shorter}" for shorter in _one_letter_less(heard)}


def initial_letter(word: str) -> str:
    return cyrillic_forms(word)[0][:1].translate(INITIAL_CLASS)


def _pair_keys(surname: str, given_name: str, patronymic: str) -> set[str]:
    """A surname's sound joined with the given name (as written, and its group) and with each
    initial.

    Given names and initials are few, so each alone matches a great part of the archive; a
    query naming the surname and the given name reads the few cards holding the pair instead.
    """
    sounds = {surname_key(form) for w in name_words(surname)[:1] for form in cyrillic_forms(w)}
    given = name_words(given_name)[:1]
    father = name_words(patronymic)[:1]
    pairs = set()
    for sound in sounds:
        for word in given:
            pairs.add(f"si:{sound}:{initial_letter(word)}")
            if len(word) > 1:
                pairs.add(f"sn:{sound}:{word}")
                pairs |= {f"sg:{sound}:{given_name_group(f)}" for f in cyrillic_forms(word)}
        for word in father:
            pairs.add(f"sf:{sound}:{initial_letter(word)}")
    return pairs


def weighted_pair_keys(tokens: Sequence[QueryToken]) -> dict[str, tuple[int, float]]:
    """Pair keys (see `_pair_keys`) a query of several words matches: key → (the pair of
    words it stands for, numbered, and what a match is worth: the two words' weights)."""
    keys: dict[str, tuple[int, float]] = {}

    def add(key: str, pair: int, weight: float) -> None:
        key = key[:KEY_LENGTH]
        if key not in keys or keys[key][1] < weight:
            keys[key] = (pair, weight)

    weighted = [weighted_query_keys(token) for token in tokens]
    for i, token in enumerate(tokens):
        if token.is_initial:
            continue
        sounds = {
            key[3:]: weight
            for key, weight in weighted[i].items()
            if key.startswith("sp:") and weight > TYPO_SOUND
        }
        for j, other in enumerate(tokens):
            if j == i:
                continue
            pair = i * len(tokens) + j
            for sound, weight in sounds.items():
                if other.is_initial:
                    kinds = {"given": "si", "patronymic": "sf"}.get(other.initial_of)
                    for kind in [kinds] if kinds else ["si", "sf"]:
                        for letter in other.readings:
                            add(f"{kind}:{sound}:{letter}", pair, weight + INITIAL)
                    continue
                for key, other_weight in weighted[j].items():
                    if key.startswith("g:"):
                        add(f"sn:{sound}:{key[2:]}", pair, weight + other_weight)
                    elif key.startswith("gg:"):
                        add(f"sg:{sound}:{key[3:]}", pair, weight + other_weight)
                for reading in other.readings[:1]:
                    letter = reading[:1].translate(INITIAL_CLASS)
                    # A card may know the given name or the patronymic by its initial only.
                    add(f"si:{sound}:{letter}", pair, weight + INITIAL)
                    add(f"sf:{sound}:{letter}", pair, weight + INITIAL)
    return keys


def index_keys(
    surname: str, given_name: str, patronymic: str, variants: Sequence[str] = ()
) -> set[str]:
    """The keys to store for one card (at most MAX_KEYS_PER_CARD).

    `variants` are other spellings of the surname found in documents (Асанов for Хасанов, a
    Latin spelling); they are found like the surname itself, typos aside.
    """
    keys: set[str] = set()
    typo_keys: set[str] = set()
    for word in name_words(surname):
        keys |= _surname_keys(word)
        typo_keys |= _surname_typo_keys(word)
    for position, word in enumerate(name_words(given_name)):
        if position == 0:
            keys.add(f"gi:{initial_letter(word)}")
        if len(word) > 1:  # a card may know the initial only
            keys.add(f"g:{word}")
            keys |= {f"gg:{given_name_group(form)}" for form in cyrillic_forms(word)}
    for position, word in enumerate(name_words(patronymic)):
        if position == 0:
            keys.add(f"pi:{initial_letter(word)}")
        if len(word) > 1:
            keys.add(f"p:{word}")
            for form in cyrillic_forms(word):
                # A bare name in the patronymic field is the father's, Turkic style: Асан уулу.
                keys.add(f"pg:{father_group(form) or given_name_group(form)}")
    keys |= _pair_keys(surname, given_name, patronymic)
    variant_keys = set().union(*(_surname_keys(w) for v in variants for w in name_words(v)))
    # The card's own spellings first; variants, then typo keys, fill what the bound leaves.
    for extra in (variant_keys - keys, typo_keys):
        room = MAX_KEYS_PER_CARD - len(keys)
        keys.update(sorted(extra)[: max(room, 0)])
    return {key[:KEY_LENGTH] for key in keys}


def weighted_query_keys(token: QueryToken) -> dict[str, float]:
    """The keys a query token matches, each with what a match on it is worth on the scale of
    `match_score`, so the database can order candidates before the first few are scored."""
    keys: dict[str, float] = {}

    def add(key: str, weight: float) -> None:
        key = key[:KEY_LENGTH]
        keys[key] = max(weight, keys.get(key, 0.0))

    if token.is_initial:
        kinds = {"given": ("gi",), "patronymic": ("pi",)}.get(token.initial_of, ("gi", "pi"))
        for kind in kinds:
            for letter in token.readings:
                add(f"{kind}:{letter}", INITIAL)
        return keys
    exact, sound = (
        (TRANSLITERATION, TRANSLITERATION_SOUND) if token.is_latin else (EXACT, SAME_SOUND)
    )
    for kind in "sgp":  # as typed, too: a card may keep a Latin spelling
        add(f"{kind}:{token.text}", EXACT)
        for reading in token.readings[:EXACT_READINGS]:
            add(f"{kind}:{reading}", exact)
    typo_sounds: list[str] = []
    for reading in token.readings:
        heard = surname_key(reading)
        add(f"sp:{heard}", sound)
        add(f"gg:{given_name_group(reading)}", SAME_GROUP)
        if father := father_group(reading):
            add(f"pg:{father}", SAME_GROUP)
        wanted = len(typo_sounds) < TYPO_READINGS and heard not in typo_sounds
        if wanted and _typo_eligible(reading, heard):
            typo_sounds.append(heard)
    # One edit between two sounds: one lost a letter, the other did, or both lost one
    # (a wrong or swapped letter). The card stores its sound (sp:) and its sound less one (sd:).
    for heard in typo_sounds:
        add(f"sd:{heard}", TYPO_SOUND)
        for shorter in _one_letter_less(heard):
            add(f"sd:{shorter}", TYPO_SOUND)
            add(f"sp:{shorter}", TYPO_SOUND)
    return keys


def query_keys(token: QueryToken, typos: bool = True) -> set[str]:
    """The keys a query token matches: a card is a candidate when it stores one of them.

    Without typos, a first and cheaper pass: typo keys are many and match many cards.
    """
    return {
        key for key, weight in weighted_query_keys(token).items() if typos or weight > TYPO_SOUND
    }
