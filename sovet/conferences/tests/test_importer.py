"""The importer reads the Council's resolutions however they are laid out, and refuses nonsense."""

from datetime import date
from pathlib import Path

import pytest
from django.utils import translation

from sovet.conferences.importer import detect_kind, int_to_roman, parse, roman_to_int

SEED = (
    Path(__file__).resolve().parents[2] / "site" / "demo_data" / "resolution-xii-conference-2021.md"
)
SEED_KINDS = [
    "note", "support", "continue", "support", "recommend", "approve", "approve", "approve",
    "find_resources", "note", "approve", "support", "joint_action", "continue", "thank", "thank",
    "approve", "schedule",
]  # fmt: skip


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def test_the_seed_resolution_is_read_whole():
    result = parse(SEED.read_text(encoding="utf-8"))
    assert result.errors == [] and result.warnings == []
    assert result.conference_number == 12
    assert result.title == "Кыргызстан и Россия – новые форматы сотрудничества"
    assert result.adopted_on == date(2021, 4, 2)
    assert result.place == "Бишкек"
    assert result.preamble.startswith("Мы, участники ХII страновой конференции")
    assert result.preamble.endswith("ПОСТАНОВИЛИ:")
    assert [d.kind for d in result.decisions] == SEED_KINDS
    assert [d.number for d in result.decisions] == list(range(1, 19))
    last = result.decisions[-1]
    assert last.schedules_conference == 13 and str(last.scheduled_dates) == "2022-03/2022-04"
    assert [d.tracked for d in result.decisions].count(False) == 4  # two notes, two thanks
    assert "Принято" not in result.decisions[-1].text


NUMBERED = """РЕЗОЛЮЦИЯ
XI страновой конференции российских соотечественников
«Память и будущее»
г. Ош, 29 марта 2019 г.

Конференция РЕШИЛА:

1. Отметить работу организаций
   в регионах страны.
2) Рекомендовать организациям:
   а) провести акцию «Бессмертный полк»;
   б) поддержать волонтёров.
3. Изыскать средства на издание книги памяти.

Принята 29.03.2019, г. Ош
"""

ROMAN_ITEMS = """# Резолюция XIV конференции
«Вместе»

I. Утвердить план работы.
II. Поблагодарить партнёров.
III. Провести XV страновую конференцию в апреле 2024 года.

*Принято 5 апреля 2023 года, г. Каракол*
"""


def test_numbered_items_with_continuations_and_sub_items():
    result = parse(NUMBERED)
    assert result.errors == []
    assert (result.conference_number, result.title, result.place) == (11, "Память и будущее", "Ош")
    assert result.adopted_on == date(2019, 3, 29)
    assert [d.kind for d in result.decisions] == ["note", "recommend", "find_resources"]
    assert result.decisions[0].text == "Отметить работу организаций\nв регионах страны."
    assert "а) провести акцию «Бессмертный полк»" in result.decisions[1].text
    assert "б) поддержать волонтёров" in result.decisions[1].text


def test_roman_numbered_items_and_a_single_scheduled_month():
    result = parse(ROMAN_ITEMS)
    assert result.errors == []
    assert result.conference_number == 14 and result.place == "Каракол"
    assert [d.kind for d in result.decisions] == ["approve", "thank", "schedule"]
    assert result.decisions[2].schedules_conference == 15
    assert str(result.decisions[2].scheduled_dates) == "2024-04"


def test_nested_bullets_belong_to_their_decision():
    text = "Резолюция XII конференции\n\nПОСТАНОВИЛИ:\n\n- Поддержать проекты:\n  - «Место памяти»;\n  - «Дорога памяти».\n- Продолжить работу.\n\nПринято 2 апреля 2021 года, г. Бишкек"
    result = parse(text)
    assert len(result.decisions) == 2
    assert "— «Место памяти»;" in result.decisions[0].text


@pytest.mark.parametrize("text", ["", "   \n\n", None])
def test_empty_text_is_refused(text):
    assert parse(text).errors == [
        "The text is empty. Paste the adopted resolution or upload its file."
    ]


def test_text_without_decisions_is_refused():
    result = parse("Резолюция XII конференции. Принято 2 апреля 2021 года.")
    assert any("No decisions were found" in error for error in result.errors)


def test_missing_number_and_date_are_named():
    result = parse("ПОСТАНОВИЛИ:\n- Отметить работу.\n")
    assert any("number was not found" in e for e in result.errors)
    assert any("date of adoption was not found" in e for e in result.errors)
    assert parse(
        "ПОСТАНОВИЛИ:\n- Отметить работу.\nПринято 2 апреля 2021 года", conference_number=12
    ).is_valid


def test_numbering_gaps_warn_and_duplicates_refuse():
    base = "Резолюция XII конференции\nПОСТАНОВИЛИ:\n{items}\nПринято 2 апреля 2021 года, г. Бишкек"
    gap = parse(base.format(items="1. Отметить работу.\n2. Продолжить работу.\n4. Одобрить план."))
    assert gap.is_valid and any("skips item(s) 3" in w for w in gap.warnings)
    repeated = parse(
        base.format(items="1. Отметить работу.\n2. Продолжить работу.\n2. Одобрить план.")
    )
    assert any("2 appear more than once" in e for e in repeated.errors)
    same_text = parse(
        base.format(items="- Отметить работу.\n- Продолжить работу.\n- Отметить работу.")
    )
    assert any("Decisions 1 and 3 have the same text" in e for e in same_text.errors)


def test_unknown_leading_verb_is_other_and_flagged():
    result = parse(
        "Резолюция XII конференции\nПОСТАНОВИЛИ:\n- Обратиться к партнёрам.\nПринято 2 апреля 2021 года"
    )
    assert result.decisions[0].kind == "other" and result.decisions[0].needs_review
    assert any("kind was not recognised" in w for w in result.warnings)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Всемерно поддерживать политику", "support"),
        ("Выразить поддержку политике", "support"),
        ("Выразить благодарность Посольству", "thank"),
        ("Совместно с МВД продолжить", "joint_action"),
        ("Считать важной работу", "note"),
        ("Утвердить новый состав", "approve"),
    ],
)
def test_kind_from_the_leading_verb(text, kind):
    assert detect_kind(text) == (kind, False)


@pytest.mark.parametrize(
    ("roman", "number"), [("XII", 12), ("ХII", 12), ("XIII", 13), ("IV", 4), ("MCMXLV", 1945)]
)
def test_roman_numerals_including_cyrillic_lookalikes(roman, number):
    assert roman_to_int(roman) == number
    assert int_to_roman(number) == roman.replace("Х", "X")


@pytest.mark.parametrize("nonsense", ["IIII", "VX", "ABC", ""])
def test_bad_roman_numerals(nonsense):
    assert roman_to_int(nonsense) is None
