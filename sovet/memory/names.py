"""Name keys for the memory archive: a person is found however their name was written.

A card stores a few dozen short keys (`index_keys`) in an indexed table; each word of a query
asks for a bounded set of keys (`query_keys`), so the database only looks keys up by exact match
(`key IN (...)`), never scans. `match_score` then ranks the candidates found: the exact spelling
first, then the same sound, a transliteration or a variant of the name, and typos last.

Kinds of key; the prefix keeps a surname from matching a given name by accident:

    s:  surname as written (folded)    g:  given name (folded)     p:  patronymic (folded)
    sp: surname as heard               gg: given-name group        pg: father's name group
    sd: surname as heard, less one letter (typos)                  gi: pi: initials
"""

import functools
import heapq
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from sovet.core.text import fold_name, is_latin, unmix_scripts

# -- Latin to Cyrillic ------------------------------------------------------------------------

# How each Latin spelling may be read, with a cost: 0 for the usual reading, more for rarer ones.
# Together they cover GOST 7.79-2000 B, ICAO Doc 9303, BGN/PCGN, ISO 9, informal English, German
# and French habits, and the Latin alphabets of Kyrgyz, Kazakh, Uzbek and Tatar names.
_LATIN_RULES: dict[str, tuple[tuple[str, float], ...]] = {
    "schtsch": (("щ", 0),),  # German
    "shch": (("щ", 0),),
    "szcz": (("щ", 0.5),),  # Polish
    "chtch": (("щ", 0),),  # French Chtchoukine
    "tsch": (("ч", 0.5),),  # German
    "sch": (("щ", 0), ("ш", 1)),  # informal Schukin; in German words it is ш
    "shh": (("щ", 0),),  # GOST B
    "dzh": (("дж", 0),),
    "tch": (("ч", 0),),  # French Tkatchenko
    "zh": (("ж", 0),),
    "kh": (("х", 0),),
    "ts": (("ц", 0),),
    "tz": (("ц", 0.5),),
    "cz": (("ц", 0), ("ч", 1)),  # GOST B; Polish cz is ч
    "ch": (("ч", 0), ("х", 1.5)),  # German Michail
    "sh": (("ш", 0),),
    "sz": (("ш", 1),),
    "šč": (("щ", 0),),
    "dj": (("дж", 0.5),),
    "yu": (("ю", 0),),
    "iu": (("ю", 0), ("ию", 0.5)),  # ICAO
    "ju": (("ю", 0.3),),
    "ya": (("я", 0),),
    "ia": (("я", 0), ("ия", 0.3)),  # ICAO Iakov; Natalia, Maria
    "ja": (("я", 0.3),),
    "yo": (("ё", 0),),
    "io": (("ё", 0.5),),
    "jo": (("ё", 0.3),),
    "ye": (("е", 0),),
    "ie": (("ие", 0.3), ("е", 0.5)),  # Grigoriev is both Григориев and Григорьев
    "yi": (("ьи", 0.3),),  # Ilyin
    "je": (("е", 0.3),),
    "ng": (("ң", 0.3),),  # Kyrgyz; н + г comes from the single letters
    "oe": (("ө", 0.5),),
    "ue": (("ү", 0.5),),
    "ae": (("ә", 0.8),),
    "gh": (("г", 0),),  # Turkic ғ
    "ph": (("ф", 0),),
    "ck": (("к", 0),),
    "ou": (("у", 0),),  # French Koutouzov; Russian names rarely have оу
    "a": (("а", 0),),
    "b": (("б", 0),),
    "c": (("ц", 0.5), ("к", 0.5)),  # GOST B Cvetkov; Latin-style Nicolai
    "d": (("д", 0),),
    "e": (("е", 0), ("э", 1.5)),
    "f": (("ф", 0),),
    "g": (("г", 0),),
    "h": (("х", 1), ("г", 2), ("", 2.5)),  # Hasanov; Ukrainian Hryhorii; Kyrgyz Asan for Hasan
    "i": (("и", 0), ("й", 2)),
    "j": (("ж", 0.5), ("й", 0.5), ("дж", 1)),  # French and Kyrgyz Jukov; German Jurij; Jamal
    "k": (("к", 0),),
    "l": (("л", 0),),
    "m": (("м", 0),),
    "n": (("н", 0),),
    "o": (("о", 0),),
    "p": (("п", 0),),
    "q": (("к", 0),),  # Kazakh and Uzbek Latin қ
    "r": (("р", 0),),
    "s": (("с", 0), ("з", 2)),  # German Kusmin
    "t": (("т", 0),),
    "u": (("у", 0),),
    "v": (("в", 0),),
    "w": (("в", 0), ("у", 2)),  # German Iwanow
    "x": (("кс", 0), ("х", 0.5)),  # Alexandr; GOST B Xasanov
    "y": (("ы", 0), ("й", 1)),
    "z": (("з", 0), ("ц", 2)),  # German Zwetkow
    "š": (("ш", 0),),
    "č": (("ч", 0),),
    "ž": (("ж", 0),),
    "ŝ": (("щ", 0),),  # ISO 9
    "ë": (("ё", 0),),
    "é": (("е", 0), ("э", 0.5)),
    "è": (("э", 0),),
    "û": (("ю", 0),),  # ISO 9
    "â": (("я", 0),),  # ISO 9
    "ö": (("ө", 0),),
    "ő": (("ө", 0),),
    "ü": (("ү", 0),),
    "ä": (("ә", 0),),
    "ı": (("ы", 0),),
    "ŋ": (("ң", 0),),
    "ñ": (("ң", 0.5),),
    "ğ": (("г", 0),),
    "ş": (("ш", 0),),
    "ç": (("ч", 0),),
    "ĭ": (("й", 0),),
    "ý": (("й", 0), ("ы", 0.5)),
}
# After a vowel, i and y are usually the й of Sergei, Nikolay, Aidar.
_LATIN_AFTER_VOWEL = {"i": (("й", 0.3), ("и", 0.5)), "y": (("й", 0), ("ы", 2))}
# At the start of a word, e is often э: Eduard, Ernst.
_LATIN_AT_START = {"e": (("е", 0), ("э", 0.5))}
# Word endings for -ий and -ый, spelled differently by each scheme: Yuriy, Iurii, Jurij, Yury.
_LATIN_AT_END = {
    "i": (("ий", 0.5),),
    "y": (("ий", 0.3), ("ый", 1)),
    "ii": (("ий", 0), ("ый", 1)),
    "iy": (("ий", 0), ("ый", 1)),
    "ij": (("ий", 0),),
    "yi": (("ый", 0), ("ий", 0.3)),
    "yy": (("ый", 0), ("ий", 0.3)),
    "yj": (("ый", 0),),
}
_LONGEST_RULE = max(map(len, _LATIN_RULES))
_CYRILLIC_VOWELS = frozenset("аеёиоуыэюяөүәі")
# Each reading step costs a little, so that "sh" as ш beats "s" + "h" as сх.
_STEP_COST = 0.1
# Latin readings kept: enough for every scheme, few enough for a short key list.
MAX_READINGS = 64


def _latin_options(chunk: str, before: str, at_start: bool, at_end: bool):
    options = _LATIN_RULES.get(chunk, ())
    if before and before[-1] in _CYRILLIC_VOWELS and chunk in _LATIN_AFTER_VOWEL:
        options = _LATIN_AFTER_VOWEL[chunk]
    elif at_start and chunk in _LATIN_AT_START:
        options = _LATIN_AT_START[chunk]
    if at_end and chunk in _LATIN_AT_END:
        options = options + _LATIN_AT_END[chunk]
    return options


def _latin_letters(word: str) -> str:
    """The word's letters as the reading rules know them: diacritics they read are kept."""
    letters = []
    for char in unmix_scripts(word).lower():
        if char not in _LATIN_RULES:
            char = fold_name(char)
        if char in _LATIN_RULES or (len(char) > 1 and char.isalpha()):
            letters.append(char)
    return "".join(letters)


@functools.lru_cache(maxsize=50_000)
def latin_readings(word: str) -> tuple[str, ...]:
    """Cyrillic readings of a Latin-written word, folded, likeliest first, at most MAX_READINGS.

    A beam search over the word: every position keeps its cheapest MAX_READINGS partial readings.
    """
    letters = _latin_letters(word)
    beams: list[dict[str, float]] = [{} for _ in range(len(letters) + 1)]
    beams[0][""] = 0.0
    for start in range(len(letters)):
        states = beams[start]
        if len(states) > MAX_READINGS:
            states = dict(heapq.nsmallest(MAX_READINGS, states.items(), key=lambda item: item[1]))
        for end in range(start + 1, min(start + _LONGEST_RULE, len(letters)) + 1):
            chunk, reached = letters[start:end], beams[end]
            for text, cost in states.items():
                for cyrillic, extra in _latin_options(chunk, text, start == 0, end == len(letters)):
                    total = cost + extra + _STEP_COST
                    if total < reached.get(text + cyrillic, float("inf")):
                        reached[text + cyrillic] = total
    readings: dict[str, None] = {}
    for text, _cost in sorted(beams[-1].items(), key=lambda item: item[1]):
        if folded := fold_name(text):
            readings.setdefault(folded)
            if len(readings) == MAX_READINGS:
                break
    return tuple(readings)


def to_cyrillic(latin_word: str) -> set[str]:
    """All plausible Cyrillic readings of a Latin-written word, folded (see `latin_readings`)."""
    return set(latin_readings(latin_word))


# -- Sound ------------------------------------------------------------------------------------

_PHONETIC_SPELLINGS = (
    # Толстой, Толстый and Толстий: the ending is heard alike and written any way.
    (re.compile(r"ой$"), "ий"),
    # After ж, ш, ч, щ, ц the letters о and ё are written for one sound: Пугачов, Пугачёв.
    (re.compile(r"(?<=[жшчщц])о"), "е"),
    # т or д before с or ц is heard as ц: Кузнецкий, Кузнетский; Городской.
    (re.compile(r"[тд][сц]"), "ц"),
    # т or д before ч merges into it: Молодчиков, Молотчиков.
    (re.compile(r"[тд]ч"), "ч"),
    # сч, зч, шч, жч are heard as щ: Счастливцев, Щастливцев; Latin sch read as сч.
    (re.compile(r"[сзшж]ч"), "щ"),
    # Turkic names are written with дж or ж: Джумабеков, Жумабеков.
    (re.compile(r"дж"), "ж"),
    # Silent т and д: Честнов, Чеснов; Поздняков, Позняков.
    (re.compile(r"(?<=[сз])[тд](?=н)"), ""),
    # Silent л: Солнцев, Сонцев.
    (re.compile(r"л(?=нц)"), ""),
)
# Unstressed vowels are heard as а or и, and the stress is unknown: reduce them all.
# я and ю keep their й-sound as и, so Яков and Iakov (Иаков) meet.
_PHONETIC_VOWELS = str.maketrans(
    {"о": "а", "ы": "и", "э": "и", "е": "и", "й": "и", "я": "иа", "ю": "иу"}
)
_DOUBLED = re.compile(r"(.)\1+")
# Voiced consonants sound voiceless at the end of a word and before a voiceless one.
_DEVOICED = {"б": "п", "в": "ф", "г": "к", "д": "т", "ж": "ш", "з": "с"}
_VOICELESS = frozenset("пфктшсхцчщ")


def _devoice(word: str) -> str:
    letters = list(word)
    voiceless_after = True  # the end of a word devoices like a voiceless consonant
    for index in range(len(letters) - 1, -1, -1):
        if voiceless_after and letters[index] in _DEVOICED:
            letters[index] = _DEVOICED[letters[index]]
        voiceless_after = letters[index] in _VOICELESS
    return "".join(letters)


@functools.lru_cache(maxsize=100_000)
def phonetic_key(cyrillic_folded_word: str) -> str:
    """A coarse key of how a folded Russian word sounds: spellings a clerk could hear or write
    for one name get one key (Кузнецов, Кузнецев; Наталья, Наталия; Глазков, Гласков).

    Latin letters pass through unchanged; read them with `latin_readings` first.
    """
    word = cyrillic_folded_word.replace("-", "").replace(" ", "")
    for pattern, replacement in _PHONETIC_SPELLINGS:
        word = pattern.sub(replacement, word)
    # Doubled letters are written at will: Кассимов, Касимов; Иваннов.
    word = _DOUBLED.sub(r"\1", word.translate(_PHONETIC_VOWELS))
    return _DOUBLED.sub(r"\1", _devoice(word))


# Women's surnames differ from their husbands' and fathers' by the ending.
_FEMININE_ENDINGS = (
    ("ская", "ский"),
    ("цкая", "цкий"),
    ("ова", "ов"),
    ("ева", "ев"),
    ("ина", "ин"),
    ("ына", "ын"),
    ("ая", "ий"),
)


def _masculine(surname: str) -> str:
    for ending, masculine in _FEMININE_ENDINGS:
        if surname.endswith(ending) and len(surname) > len(ending) + 1:
            return surname[: -len(ending)] + masculine
    return surname


@functools.lru_cache(maxsize=100_000)
def surname_key(cyrillic_folded_surname: str) -> str:
    """The phonetic key of a surname, Иванова and Иванов alike."""
    return phonetic_key(_masculine(cyrillic_folded_surname))


# -- Given names ------------------------------------------------------------------------------

# Given names of the 1900-1925 generation with the spellings, translations and diminutives that
# records use for one person. The first spelling names the group. A spelling is in one group only.
GIVEN_NAME_GROUPS: tuple[tuple[str, ...], ...] = (
    ("Иван", "Иоанн", "Іван", "Ваня", "Ванюша"),
    ("Георгий", "Юрий", "Егор", "Егорий", "Георгій", "Юрій", "Жора"),
    ("Алексей", "Алексий", "Олексій", "Олекса", "Алёша"),
    ("Александр", "Олександр", "Шура"),
    ("Николай", "Никола", "Микола", "Коля"),
    ("Михаил", "Михайло", "Михайла", "Миша"),
    ("Пётр", "Петро", "Петя"),
    ("Павел", "Павло"),
    ("Василий", "Василь", "Василій", "Вася"),
    ("Дмитрий", "Димитрий", "Дмитро", "Митя"),
    ("Григорий", "Григорій", "Грицько", "Гриша"),
    ("Сергей", "Сергий", "Сергій", "Серёжа"),
    ("Андрей", "Андрий", "Андрій"),
    ("Фёдор", "Феодор", "Федір", "Федя"),
    ("Яков", "Иаков", "Яків", "Яша"),
    ("Степан", "Стефан", "Стёпа"),
    ("Тимофей", "Тимофій", "Тимоша"),
    ("Илья", "Илия", "Ілля"),
    ("Семён", "Симеон", "Сёма"),
    ("Евгений", "Євген", "Евген"),
    ("Анатолий", "Анатолій", "Толя"),
    ("Владимир", "Володимир", "Володя"),
    ("Константин", "Костянтин", "Костя"),
    ("Матвей", "Матфей", "Матвій"),
    ("Захар", "Захарий", "Захария"),
    ("Кузьма", "Козьма"),
    ("Фома", "Хома"),
    ("Осип", "Иосиф", "Йосип"),
    ("Афанасий", "Опанас", "Панас"),
    ("Ефим", "Евфимий", "Юхим"),
    ("Прокофий", "Прокопий", "Прокіп", "Прокоп"),
    ("Игорь",),
    ("Наталья", "Наталия", "Наталя", "Наталка"),
    ("Анастасия", "Настасья", "Настасия", "Настя"),
    ("Мария", "Марья", "Марія", "Маруся", "Марьям", "Мариям", "Мариам"),
    ("Анна", "Ганна", "Ханна", "Анюта", "Нюра"),
    ("Евдокия", "Авдотья", "Евдоха", "Явдоха", "Дуня"),
    ("Екатерина", "Катерина", "Катя"),
    ("Елена", "Олена", "Алёна"),
    ("Ксения", "Аксинья", "Оксана", "Ксенія"),
    ("Ирина", "Арина", "Орина", "Ярина"),
    ("Пелагея", "Палагея", "Пелагия"),
    ("Прасковья", "Параскева", "Параска"),
    ("Агафья", "Агафия"),
    ("Софья", "София", "Софія"),
    ("Татьяна", "Тетяна", "Таня"),
    ("Евгения", "Євгенія"),
    ("Александра", "Олександра"),
    ("Мухаммед", "Мухамед", "Мухаммад", "Мухамад", "Магомед", "Магомет", "Мамед", "Мамет",
     "Мухамет", "Мухаммет", "Мухамбет", "Мамбет", "Мамат"),
    ("Абдулла", "Абдула", "Абдылла", "Абдолла", "Габдулла", "Габдула"),
    ("Хасан", "Асан", "Гасан", "Хасен", "Хасян"),
    ("Хусейн", "Гусейн", "Хусаин", "Хусейин", "Усейн", "Усен", "Үсөн"),
    ("Токтогул", "Токтагул", "Тоқтағұл"),
    ("Ахмед", "Ахмет", "Ахмат", "Ахмад"),
    ("Али", "Алий", "Гали", "Галий"),
    ("Ибрагим", "Ибрахим", "Ибраим", "Ибрай", "Ыбырай"),
    ("Исмаил", "Исмагил", "Смаил", "Исмайыл"),
    ("Юсуп", "Юсуф", "Жусуп", "Юсип"),
    ("Абдурахман", "Абдырахман", "Абдрахман", "Әбдірахман", "Габдрахман"),
    ("Шариф", "Шарип"),
    ("Мурат", "Мурад"),
    ("Касым", "Касим", "Қасым", "Гасым"),
    ("Мустафа", "Мустапа"),
    ("Зейнеп", "Зайнаб", "Зейнаб", "Зайнап"),
    ("Фатима", "Патима", "Фатма", "Патма", "Батма"),
    ("Айша", "Гайша", "Аиша", "Айше"),
    ("Хадича", "Хадиджа", "Хатидже", "Кадича", "Хадиша"),
    ("Сулейман", "Сулайман", "Сүлөймөн", "Сулеймен"),
    ("Осмон", "Осман", "Усман", "Госман"),
    ("Омар", "Омор", "Гумар", "Умар"),
    ("Юнус", "Жунус"),
    ("Якуб", "Якуп", "Жакып"),
    ("Жумабек", "Джумабек"),
    ("Закир", "Закыр"),
    ("Бүбүсара", "Бибисара"),
    ("Зулейха", "Зулайха", "Зулейка"),
    ("Хабибулла", "Хабибула", "Габибулла"),
)  # fmt: skip


def _unambiguous(pairs: Iterable[tuple[str, str]]) -> dict[str, str]:
    """Spelling to group, leaving out spellings that two groups claim."""
    found: dict[str, set[str]] = {}
    for spelling, group in pairs:
        found.setdefault(spelling, set()).add(group)
    return {spelling: groups.pop() for spelling, groups in found.items() if len(groups) == 1}


def _stems(name: str) -> set[str]:
    """What a patronymic keeps of a father's name: Юрий → Юр(ьевич), Илья → Ил(ьич)."""
    stems = {name}
    if name[-1:] in "аяйоеи":
        stems.add(name[:-1])
    if name.endswith("ий"):
        stems.add(name[:-2])
    return {stem for stem in stems if len(stem) >= 2}


_GROUP_SPELLINGS = [
    (fold_name(spelling), fold_name(names[0])) for names in GIVEN_NAME_GROUPS for spelling in names
]
_GROUP_BY_SPELLING = _unambiguous(_GROUP_SPELLINGS)
_GROUP_BY_SOUND = _unambiguous((phonetic_key(s), group) for s, group in _GROUP_SPELLINGS)
_GROUP_BY_STEM = _unambiguous(
    (stem, group) for spelling, group in _GROUP_SPELLINGS for stem in _stems(spelling)
)


@functools.lru_cache(maxsize=100_000)
def given_name_group(folded_given_name: str) -> str:
    """The group of a given name (Юрий, Егор → георгий); an unknown name's phonetic key."""
    name = folded_given_name
    found = _GROUP_BY_SPELLING.get(name) or _GROUP_BY_SOUND.get(phonetic_key(name))
    return found or phonetic_key(name)


# The first that fits is taken: -инична (Кузьминична) before -ична, -ович before -ич.
_PATRONYMIC_SUFFIXES = (
    "инична",
    "ична",
    "овна",
    "евна",
    "ивна",  # Ukrainian -івна
    "ович",
    "евич",
    "ич",
    "уулу",  # Kyrgyz "son of", when written together
    "кызы",
    "улы",  # Kazakh
    "оглы",
)


def _father_stem(patronymic: str) -> str | None:
    for suffix in _PATRONYMIC_SUFFIXES:
        if patronymic.endswith(suffix) and len(patronymic) >= len(suffix) + 2:
            return patronymic[: -len(suffix)]
    return None


@functools.lru_cache(maxsize=100_000)
def father_group(folded_patronymic: str) -> str | None:
    """The group of the father's name a patronymic comes from (Юрьевич, Георгиевич → георгий);
    None when the word is not a patronymic."""
    stem = _father_stem(folded_patronymic)
    if stem is None:
        return None
    return _GROUP_BY_STEM.get(stem) or given_name_group(stem)


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
_INITIAL_CLASS = str.maketrans("йыэё", "ииее")


def _initial_readings(letters: str) -> tuple[str, ...]:
    """The Cyrillic first letters an initial can stand for."""
    folded = fold_name(letters)
    if not is_latin(folded):
        return (folded[:1].translate(_INITIAL_CLASS),)
    readings = latin_readings(letters)
    if len(folded) > 1:  # Yu., Zh.: the two letters say which one
        return (readings[0][0].translate(_INITIAL_CLASS),)
    found = {reading[0].translate(_INITIAL_CLASS) for reading in readings}
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


def _name_words(text: str) -> list[str]:
    """The words of a name field, double surnames split: Соколов-Белов → соколов, белов."""
    words = fold_name(text).replace("-", " ").split()
    return [word for word in words if word not in _PARTICLES]


def _cyrillic_forms(word: str) -> tuple[str, ...]:
    """A folded word as Cyrillic: itself, or the two likeliest readings of a Latin word."""
    return latin_readings(word)[:2] if is_latin(word) else (word,)


def _one_letter_less(word: str) -> set[str]:
    return {word[:index] + word[index + 1 :] for index in range(len(word))}


def _typo_eligible(word: str, heard: str) -> bool:
    return len(word) >= TYPO_MIN_LENGTH and len(heard) >= TYPO_MIN_LENGTH - 1


def _surname_keys(word: str) -> set[str]:
    return {f"s:{word}"} | {f"sp:{surname_key(form)}" for form in _cyrillic_forms(word)}


def _surname_typo_keys(word: str) -> set[str]:
    heard = surname_key(_cyrillic_forms(word)[0])
    if not _typo_eligible(word, heard):
        return set()
    return {f"sd:{shorter}" for shorter in _one_letter_less(heard)}


def _initial(word: str) -> str:
    return _cyrillic_forms(word)[0][:1].translate(_INITIAL_CLASS)


def _pair_keys(surname: str, given_name: str, patronymic: str) -> set[str]:
    """A surname's sound joined with the given name (as written, and its group) and with each
    initial.

    Given names and initials are few, so each alone matches a great part of the archive; a
    query naming the surname and the given name reads the few cards holding the pair instead.
    """
    sounds = {surname_key(form) for w in _name_words(surname)[:1] for form in _cyrillic_forms(w)}
    given = _name_words(given_name)[:1]
    father = _name_words(patronymic)[:1]
    pairs = set()
    for sound in sounds:
        for word in given:
            pairs.add(f"si:{sound}:{_initial(word)}")
            if len(word) > 1:
                pairs.add(f"sn:{sound}:{word}")
                pairs |= {f"sg:{sound}:{given_name_group(f)}" for f in _cyrillic_forms(word)}
        for word in father:
            pairs.add(f"sf:{sound}:{_initial(word)}")
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
                    letter = reading[:1].translate(_INITIAL_CLASS)
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
    for word in _name_words(surname):
        keys |= _surname_keys(word)
        typo_keys |= _surname_typo_keys(word)
    for position, word in enumerate(_name_words(given_name)):
        if position == 0:
            keys.add(f"gi:{_initial(word)}")
        if len(word) > 1:  # a card may know the initial only
            keys.add(f"g:{word}")
            keys |= {f"gg:{given_name_group(form)}" for form in _cyrillic_forms(word)}
    for position, word in enumerate(_name_words(patronymic)):
        if position == 0:
            keys.add(f"pi:{_initial(word)}")
        if len(word) > 1:
            keys.add(f"p:{word}")
            for form in _cyrillic_forms(word):
                # A bare name in the patronymic field is the father's, Turkic style: Асан уулу.
                keys.add(f"pg:{father_group(form) or given_name_group(form)}")
    keys |= _pair_keys(surname, given_name, patronymic)
    variant_keys = set().union(*(_surname_keys(w) for v in variants for w in _name_words(v)))
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
        return INITIAL if kind in allowed and _initial(word) in heard.readings else 0.0
    if kind != "s" and len(word) == 1:  # the card knows the initial only
        initials = {_initial(reading) for reading in token.readings}
        return CARD_INITIAL if word.translate(_INITIAL_CLASS) in initials else 0.0
    if word == token.text:
        return EXACT
    if is_latin(word):
        word = _cyrillic_forms(word)[0]
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
        (word, VARIANT) for variant in card.variants for word in _name_words(variant)
    )
    surname = _name_words(card.surname)
    # A part of a double surname is a little less than the whole: Белов before Соколов-Белов.
    own = 1.0 if len(surname) == 1 else DOUBLE_SURNAME_PART
    slots = [("s", ((word, own), *variant_words)) for word in surname]
    slots += [("g", ((word, 1.0),)) for word in _name_words(card.given_name)]
    slots += [("p", ((word, 1.0),)) for word in _name_words(card.patronymic)]
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
