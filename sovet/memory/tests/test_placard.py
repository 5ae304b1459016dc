"""The Immortal Regiment placard: what goes on the sheet and how it is laid out. The printable
page and the PDF: test_placard_demo.py."""

import pytest

from sovet.memory import placard
from sovet.memory.models import WarParticipant

from .factories import SoldierCardFactory


class StubPage:
    """Enough of MemoryIndexPage for laying out a sheet, without loading the demo site."""

    def person_path(self, card, route="person"):
        return f"/ru/memory/{card.pk}/"


# --- What goes on the sheet --------------------------------------------------------------


@pytest.mark.parametrize(
    ("birth", "death", "category", "years"),
    [
        ("1921", "1943-07-12", "front_line", "1921–1943"),
        ("1921~", "1943", "front_line", "около\u00a01921\u00a0– 1943"),
        ("", "1943", "front_line", "?–1943"),
        ("1921", "", "front_line", "1921–?"),
        ("1920/1922", "1944", "front_line", "1920/1922–1944"),
        ("", "", "front_line", ""),
        # May still be alive: no made-up «–?», only the year of birth.
        ("1930", "", "child_of_war", "1930"),
    ],
)
def test_years_of_life_are_no_more_precise_than_the_dates(birth, death, category, years):
    from django.utils import translation

    card = WarParticipant(
        surname="Петров", category=category, birth_date=birth or None, death_date=death or None
    )
    with translation.override("ru"):
        assert placard.years_of_life(card) == years


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('Медаль "За отвагу"', "Медаль «За\u00a0отвагу»"),
        ("Иванов И. П.", "Иванов\u00a0И.\u00a0П."),
        ("И. П. Иванов", "И.\u00a0П.\u00a0Иванов"),
        ("Медаль 1943 г.", "Медаль 1943\u00a0г."),
        ("Орден Отечественной войны II степени", "Орден Отечественной войны II\u00a0степени"),
        ("1941-1945", "1941–1945"),
        ("в/ч № 5", "в/ч\u00a0№\u00a05"),
    ],
)
def test_typeset_follows_russian_print_typography(text, expected):
    assert placard.typeset(text) == expected


def test_the_qr_code_needs_the_absolute_address():
    url = "https://sovet.example/ru/memory/12/"
    qr = placard.qr_code(url)
    # Version 3 holds up to 61 bytes at level M: 29×29 modules without the quiet zone.
    assert qr.error == "M" and qr.symbol_size(border=0) == (29, 29)
    assert len(list(qr.matrix)) == 29
    longer = placard.qr_code(url + "x" * 80)
    assert longer.symbol_size(border=0)[0] > 29
    with pytest.raises(ValueError):
        placard.qr_code("/ru/memory/12/")


# --- The PDF -------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_photo_keeps_its_proportions_and_leaves_room_for_the_text():
    card = SoldierCardFactory()
    built = placard.build(StubPage(), card)
    pdf = placard._new_pdf(placard.SHEETS["a4"])
    plan = placard.layout(pdf, built, placard.SHEETS["a4"], (1000, 1500))
    x, y, width, height = plan.photo_box
    assert width / height == pytest.approx(1000 / 1500)
    assert x == pytest.approx((595.28 - width) / 2)
    assert y + height < plan.text_top < plan.text_bottom
    without = placard.layout(pdf, built, placard.SHEETS["a4"], None)
    # Without a photo the name is set larger.
    assert without.blocks[0].size > plan.blocks[0].size


@pytest.mark.django_db
@pytest.mark.parametrize("code", ["a4", "a3"])
def test_a_long_name_is_set_smaller_and_stays_on_the_sheet(code):
    sheet = placard.SHEETS[code]
    short = placard.build(StubPage(), SoldierCardFactory(surname="Ким"))
    long = placard.build(
        StubPage(),
        SoldierCardFactory(
            surname="Константинопольский-Задунайский",
            given_name="Александр",
            patronymic="Вольдемарович",
            awards="\n".join(f'Медаль "За оборону города номер {n}"' for n in range(12)),
        ),
    )
    pdf = placard._new_pdf(sheet)
    short_plan = placard.layout(pdf, short, sheet, None)
    long_plan = placard.layout(pdf, long, sheet, None)
    short_surname, long_surname = short_plan.blocks[0], long_plan.blocks[0]
    assert long_surname.size < short_surname.size
    assert long_surname.lines == ["Константинопольский-Задунайский"]
    margin = 36 * sheet.width / 595.28
    for block in long_plan.blocks:
        pdf.set_font("DejaVu", "B" if block.bold else "", block.size)
        for line in block.lines:
            assert pdf.get_string_width(line) <= sheet.width - 2 * margin
    total = sum(block.height for block in long_plan.blocks)
    assert total <= long_plan.text_bottom - long_plan.text_top
    # Every word of the name is there: nothing was cut.
    assert "".join(long_surname.lines) == long.surname


@pytest.mark.django_db
def test_an_absurdly_long_surname_wraps_instead_of_overflowing():
    sheet = placard.SHEETS["a4"]
    # Near the longest a name key holds (64 characters): the model allows 100, see the report.
    card = SoldierCardFactory(surname="Оченьоченьдлиннаяфамилия" * 2 + "Задунайская")
    pdf = placard._new_pdf(sheet)
    plan = placard.layout(pdf, placard.build(StubPage(), card), sheet, None)
    surname = plan.blocks[0]
    assert len(surname.lines) > 1
    assert "".join(surname.lines) == card.surname
    pdf.set_font("DejaVu", "B", surname.size)
    assert all(pdf.get_string_width(line) <= sheet.width - 72 for line in surname.lines)
