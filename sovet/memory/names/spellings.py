"""How a name may be written and heard: Latin spellings read in Cyrillic, the sound of a
surname, the group of a given name and of a father's name.

`keys` makes a card's and a query's keys from these; nothing here touches the database.
"""

import functools
import heapq
import re
from collections.abc import Iterable

from sovet.core.text import fold_name, unmix_scripts

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
