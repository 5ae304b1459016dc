"""The Immortal Regiment placard: what goes on the sheet. The printable page, the PDF and how
the sheet is laid out: test_placard_demo.py."""

import pytest

from sovet.memory import placard
from sovet.memory.models import WarParticipant

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


# Typography and the QR code (core.printing): sovet/core/tests/test_printing.py.
