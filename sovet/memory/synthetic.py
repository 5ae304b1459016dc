"""Invented cards of war participants, for benchmarks and for tests of the name search.

Names mix Russian, Ukrainian, Belarusian, Tatar, Kyrgyz, Kazakh, Uzbek, German and Korean
families of the time, with feminine surnames for women (about a fifth of the cards), patronymics
in the Russian and the Turkic forms, and birth years 1890–1928. Nobody here is real.
"""

import random

from django.db import transaction

from sovet.core.models import Region

from .models import CardStatus, NameKey, WarParticipant
from .names.keys import index_keys

SURNAME_STEMS = {
    "slavic": ["Иван", "Петр", "Сидор", "Кузнец", "Смирн", "Попов", "Соколов", "Лебедев",
               "Козлов", "Новиков", "Морозов", "Волков", "Соловьёв", "Васильев", "Зайцев",
               "Павлов", "Семёнов", "Голубев", "Виноградов", "Богданов", "Воробьёв", "Фёдоров",
               "Михайлов", "Беляев", "Тарасов", "Белов", "Комаров", "Орлов", "Киселёв", "Макаров",
               "Андреев", "Ковалёв", "Ильин", "Гусев", "Титов", "Кузьмин", "Кудрявцев", "Баранов",
               "Куликов", "Алексеев", "Степанов", "Яковлев", "Сорокин", "Сергеев", "Романов",
               "Захаров", "Борисов", "Королёв", "Герасимов", "Пономарёв", "Григорьев", "Лазарев"],
    "ukrainian": ["Шевченко", "Бондаренко", "Коваленко", "Ткаченко", "Кравченко", "Олейник",
                  "Шевчук", "Коваль", "Поліщук", "Бойко", "Ткачук", "Мельник", "Гончаренко",
                  "Савченко", "Руденко", "Петренко", "Марченко", "Лысенко", "Мороз", "Павленко"],
    "belarusian": ["Ковалевич", "Жук", "Новик", "Михалевич", "Лукашевич", "Козловский"],
    "tatar": ["Хабибуллин", "Гарипов", "Сафин", "Хайруллин", "Галиев", "Ахметзянов",
              "Валиуллин", "Шарипов", "Мухаметшин", "Закиров", "Нуриев", "Файзуллин"],
    "kyrgyz": ["Асанов", "Токтогулов", "Джумабеков", "Осмоналиев", "Сыдыков", "Абдыкадыров",
               "Бейшеналиев", "Жээнбеков", "Турдубаев", "Момунов", "Үсөнов", "Эсенкулов",
               "Касымалиев", "Садыров", "Байтемиров", "Кененбаев", "Өмүрбеков", "Мамбетов"],
    "kazakh": ["Нурмагамбетов", "Байжанов", "Сейфуллин", "Жумабаев", "Кенжебаев", "Исабеков",
               "Тулегенов", "Әбдірахманов", "Құнанбаев"],
    "uzbek": ["Юсупов", "Рахимов", "Каримов", "Ташкентов", "Усманов", "Халилов"],
    "german": ["Шмидт", "Мюллер", "Вебер", "Шнайдер", "Фишер", "Вагнер"],
    "korean": ["Ким", "Пак", "Ли", "Цой", "Хан", "Тен"],
}  # fmt: skip
MEN = ["Иван", "Пётр", "Алексей", "Николай", "Михаил", "Василий", "Фёдор", "Сергей", "Григорий",
       "Георгий", "Юрий", "Егор", "Дмитрий", "Андрей", "Степан", "Павел", "Семён", "Яков",
       "Асан", "Үсөн", "Токтогул", "Мухаммед", "Абдулла", "Нурлан", "Бакыт", "Марат", "Ринат",
       "Габдулла", "Тимур", "Эрнст", "Фридрих", "Владимир", "Виктор", "Анатолий"]  # fmt: skip
WOMEN = ["Мария", "Анна", "Наталья", "Наталия", "Евдокия", "Анастасия", "Прасковья", "Клавдия",
         "Зинаида", "Гульнара", "Айгүл", "Бермет", "Зухра", "Фатима", "Галина", "Тамара"]  # fmt: skip
FATHERS = ["Иван", "Пётр", "Алексей", "Николай", "Михаил", "Василий", "Фёдор", "Сергей",
           "Григорий", "Асан", "Токтогул", "Мухаммед", "Абдулла", "Осмон", "Жумабек"]  # fmt: skip


def feminine(surname: str) -> str:
    for ending, feminine_ending in (("ов", "ова"), ("ев", "ева"), ("ёв", "ёва"), ("ин", "ина"),
                                    ("ский", "ская")):  # fmt: skip
        if surname.endswith(ending):
            return surname[: -len(ending)] + feminine_ending
    return surname


SOFT_STEMS = {"Алексей": "Алексе", "Николай": "Никола", "Василий": "Васили",
              "Сергей": "Серге", "Григорий": "Григори"}  # fmt: skip


def patronymic(father: str, woman: bool, turkic: bool) -> str:
    if turkic:
        return f"{father} {'кызы' if woman else 'уулу'}"
    if father in SOFT_STEMS:
        return SOFT_STEMS[father] + ("евна" if woman else "евич")
    return father.replace("ё", "е") + ("овна" if woman else "ович")


def card(rng: random.Random, mark: str = "") -> WarParticipant:
    """One invented person of the war generation (unsaved)."""
    family = rng.choices(list(SURNAME_STEMS), weights=[40, 12, 4, 8, 14, 6, 5, 3, 3])[0]
    surname = rng.choice(SURNAME_STEMS[family])
    if family == "slavic" and not surname.endswith(("ов", "ев", "ёв", "ин")):
        surname += rng.choice(["ов", "ин"])
    woman = rng.random() < 0.2
    turkic = family in ("kyrgyz", "kazakh") and rng.random() < 0.3
    year = rng.randint(1890, 1928)
    return WarParticipant(
        surname=feminine(surname) if woman else surname,
        given_name=rng.choice(WOMEN if woman else MEN),
        patronymic=patronymic(rng.choice(FATHERS), woman, turkic) if rng.random() < 0.9 else "",
        name_variants=mark,
        birth_date=str(year),
        birth_year=year,
        status=CardStatus.PUBLISHED,
    )


RANKS = ["рядовой"] * 12 + ["красноармеец"] * 4 + ["ефрейтор", "младший сержант", "сержант",
         "старший сержант", "старшина", "лейтенант", "старший лейтенант", "капитан", "майор", ""]  # fmt: skip
FATES = {"returned": 40, "killed": 25, "missing": 18, "died_of_wounds": 8, "prisoner": 2,
         "died_after_war": 2, "unknown": 5}  # fmt: skip
TOWNS = ["г. Фрунзе", "г. Ош", "г. Токмок", "г. Каракол", "г. Нарын", "г. Талас",
         "г. Джалал-Абад", "с. Беловодское", "с. Кара-Балта", "с. Ивановка", "с. Сокулук",
         "с. Кант", "с. Кочкор", "с. Ат-Баши", "с. Узген", "с. Кызыл-Кия", "с. Баткен"]  # fmt: skip


def add_facts(cards: list[WarParticipant], rng: random.Random, regions: list[int]) -> None:
    """A region, a fate, a rank and places on each card, as the archive's filters read them.
    Drawn from their own random generator: the names stay those of the seed."""
    for one in cards:
        one.region_id = rng.choice(regions) if regions and rng.random() < 0.9 else None
        one.fate = rng.choices(list(FATES), weights=list(FATES.values()))[0]
        one.rank = rng.choice(RANKS)
        one.birth_place = rng.choice(TOWNS) if rng.random() < 0.6 else ""
        one.conscription_place = f"РВК, {rng.choice(TOWNS)}" if rng.random() < 0.5 else ""


def create_cards(count: int, *, seed: int = 1, mark: str = "", batch: int = 5_000, progress=None):
    """Save `count` invented cards with their name keys, in batches (fast: no per-card save).

    mark: put into each card's name_variants, so the cards can be found and deleted again.
    progress: called with the number of cards done after each batch.
    """
    rng, facts = random.Random(seed), random.Random(f"{seed}-facts")
    regions = list(Region.objects.values_list("pk", flat=True))
    done = 0
    while done < count:
        cards = [card(rng, mark) for _ in range(min(batch, count - done))]
        add_facts(cards, facts, regions)
        with transaction.atomic():
            created = WarParticipant.objects.bulk_create(cards)
            NameKey.objects.bulk_create(
                NameKey(participant_id=c.pk, key=key)
                for c in created
                for key in index_keys(c.surname, c.given_name, c.patronymic)
            )
        done += len(cards)
        if progress:
            progress(done)
