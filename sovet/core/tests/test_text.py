"""Folding and transliteration (core.text). The examples are written down, not computed: the
folds feed keys stored in the database (organizations' name_key, memory's NameKey rows: their
own tests hold examples of those), so a change of output here means a migration that rebuilds
them."""

import pytest

from sovet.core.spreadsheets import normalized
from sovet.core.text import fold, fold_name, is_latin, transliterate, typeset, unmix_scripts


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Общество  “Родник”", "общество родник"),
        ('общество "родник"', "общество родник"),
        ("ЁЛКИНО «Ёлка»", "елкино елка"),
        (" Союз\tЁ ", "союз е"),
        ("Straße 'X'", "strasse x"),
        # Punctuation, hyphens and letters stay: «Родник-2» is not «Родник 2».
        ("Родник-2", "родник-2"),
        ("Кеңеш Өмүр", "кеңеш өмүр"),
        ("А.Б. и К°", "а.б. и к°"),
    ],
)
def test_fold_keeps_punctuation_and_letters(text, folded):
    assert fold(text) == folded


@pytest.mark.parametrize(
    ("text", "compared"),
    [
        ("Фамилия:", "фамилия"),
        ("Дата рождения*", "дата рождения"),
        ("«Вид»", "вид"),
        ("Год  рождения.", "год рождения"),
        ("ЁЛКИН", "елкин"),
    ],
)
def test_spreadsheet_headers_are_folded_without_their_marks(text, compared):
    assert normalized(text) == compared


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Соловьёв", "соловев"),
        ("ЁЛКИН", "елкин"),
        ("ПОДЪЯЧЕВ", "подячев"),
        ("Кеңеш Өмүрзаков Үсөн", "кенеш омурзаков усон"),
        ("Әбдірахманұлы Қасым Ғали Һади", "абдирахманулы касым гали хади"),
        ("Степанівна Їжак Єва Ґанна", "степанивна ижак ева ганна"),
        ("Ščukin Ömür Müller Łukasz", "scukin omur muller lukasz"),
        ("Мамин—Сибиряк", "мамин-сибиряк"),
        ("Римский-Корсаков", "римский-корсаков"),
        ("Петров–Водкин", "петров-водкин"),
        ("Жумабеков  Ысык-Көл", "жумабеков ысык-кол"),
        ("Il’in  O'Neil", "ilin oneil"),
        ("  Иванов,\tИван  ", "иванов иван"),
        ("«Родник»", "родник"),
        ("Ивaнов", "иванов"),  # Latin a
        ("Ivаnov", "ivanov"),  # Cyrillic а
        ("И\u0306ван", "йван"),  # й typed as и + breve
        ("— Петров –", "петров"),
    ],
)
def test_fold_name(text, folded):
    assert fold_name(text) == folded


def test_scripts_are_unmixed_word_by_word():
    assert unmix_scripts("Ивaнов Petrоv") == "Иванов Petrov"
    assert is_latin("Ivanov") and not is_latin("Иванов") and not is_latin("Ivаnov")


@pytest.mark.parametrize(
    ("text", "latin"),
    [("Общество «Родник»", "Obshchestvo <<Rodnik>>"), ("Ёлкин", "Elkin"), ("Өмүр", "Omur")],
)
def test_transliterate_spells_cyrillic_and_kyrgyz_in_latin(text, latin):
    # Organizations' addresses (slugs) are made of it: the spelling must stay.
    assert transliterate(text) == latin


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
        # Line breaks stay (a decision's paragraphs); the spaces of each line are made one.
        ("Первое  - второе\nи  третье", "Первое\u00a0— второе\nи\u00a0третье"),
    ],
)
def test_typeset_follows_russian_print_typography(text, expected):
    assert typeset(text) == expected
