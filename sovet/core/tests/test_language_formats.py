"""One way of writing dates and numbers per language (sovet/formats), city names in the page's
language (``{{ value|city }}``), and per-language fields with their marked fallback and one
notice per section (``{% translated %}``, ``{% lang_attr %}``, ``{% fallback_notice %}``).

The expected strings are written down here, as a reader of each language expects them."""

import datetime

import pytest
from django.template import Context, Template
from django.utils import translation
from django.utils.formats import date_format

from sovet.core.i18n import number
from sovet.core.models import Region

DAY = datetime.date(2021, 4, 2)
MOMENT = datetime.datetime(2021, 4, 2, 14, 0)


@pytest.mark.parametrize(
    "language,date,moment,month,short",
    [
        ("en", "2 April 2021", "2 April 2021, 14:00", "April 2021", "2 Apr 2021"),
        ("ru", "2 апреля 2021 г.", "2 апреля 2021 г. 14:00", "Апрель 2021 г.", "02.04.2021"),
        (
            "ky",
            "2021-жылдын 2-апрели",
            "2021-жылдын 2-апрели, 14:00",
            "2021-жылдын апрели",
            "02.04.2021",
        ),
    ],
)
def test_one_date_format_per_language(language, date, moment, month, short):
    with translation.override(language):
        assert date_format(DAY, "DATE_FORMAT") == date
        assert date_format(MOMENT, "DATETIME_FORMAT") == moment
        assert date_format(DAY, "YEAR_MONTH_FORMAT") == month
        assert date_format(DAY, "SHORT_DATE_FORMAT") == short
        # The template filter reads the same formats.
        assert Template('{{ day|date:"DATE_FORMAT" }}').render(Context({"day": DAY})) == date


@pytest.mark.parametrize(
    "month,en,ru,ky",
    [
        (1, "9 January 1943", "9 января 1943 г.", "1943-жылдын 9-январы"),
        (5, "9 May 1943", "9 мая 1943 г.", "1943-жылдын 9-майы"),
        (6, "9 June 1943", "9 июня 1943 г.", "1943-жылдын 9-июну"),
        (8, "9 August 1943", "9 августа 1943 г.", "1943-жылдын 9-августу"),
        (12, "9 December 1943", "9 декабря 1943 г.", "1943-жылдын 9-декабры"),
    ],
)
def test_months_inside_a_date(month, en, ru, ky):
    day = datetime.date(1943, month, 9)
    for language, expected in (("en", en), ("ru", ru), ("ky", ky)):
        with translation.override(language):
            assert date_format(day, "DATE_FORMAT") == expected


def test_day_and_month_without_a_year():
    with translation.override("ru"):
        assert date_format(DAY, "MONTH_DAY_FORMAT") == "2 апреля"  # Django's own: «2 Апрель»
    with translation.override("ky"):
        assert date_format(DAY, "MONTH_DAY_FORMAT") == "2-апрели"
    with translation.override("en"):
        assert date_format(DAY, "MONTH_DAY_FORMAT") == "2 April"


def test_numbers_grouped_as_each_language_writes_them():
    with translation.override("en"):
        assert number(16630) == "16,630"
        assert Template("{% load sovet %}{{ n|number }}").render(Context({"n": 16630})) == "16,630"
    with translation.override("ru"):
        assert number(16630) == "16\xa0630"
    with translation.override("ky"):
        assert number(16630) == "16\xa0630"
        assert number(2.5) == "2,5"


def render(source: str, language: str, **context) -> str:
    with translation.override(language):
        return Template("{% load sovet %}" + source).render(Context(context))


@pytest.mark.parametrize(
    "stored,language,expected",
    [
        ("Бишкек", "en", "Bishkek"),
        ("Бишкек", "ky", "Бишкек"),
        ("Бишкек", "ru", "Бишкек"),
        ("Ош", "en", "Osh"),
        ("Ош", "ky", "Ош"),
        ("г. Бишкек", "en", "Bishkek"),
        ("Джалал-Абад", "ky", "Жалал-Абад"),
        ("Джалал-Абад", "en", "Jalal-Abad"),
        # A town not on the list: as stored, marked as Russian on a Kyrgyz or English page.
        ("Чон-Арык", "en", '<span lang="ru">Чон-Арык</span>'),
        ("Чон-Арык", "ky", '<span lang="ru">Чон-Арык</span>'),
        ("Чон-Арык", "ru", "Чон-Арык"),
        ("<b>", "en", '<span lang="ru">&lt;b&gt;</span>'),
        ("", "en", ""),
    ],
)
def test_city_filter(stored, language, expected):
    assert render("{{ value|city }}", language, value=stored) == expected


def test_city_filter_reads_a_per_language_field():
    region = Region(name_ru="Нарын", name_ky="", name_en="")
    assert render('{{ region|city:"name" }}', "en", region=region) == "Naryn"
    region = Region(name_ru="Чон-Арык", name_ky="", name_en="Chon-Aryk")
    assert render('{{ region|city:"name" }}', "en", region=region) == "Chon-Aryk"
    assert (
        render('{{ region|city:"name" }}', "ky", region=region) == '<span lang="ru">Чон-Арык</span>'
    )


NOTICE_EN = (
    '<p class="fallback-note" role="note">Some texts here are not translated yet and are '
    "shown in Russian.</p>"
)
SECTIONS = (
    '<section>{% translated region "name" %}{% fallback_notice %}</section>'
    '<section><p {% lang_attr other "name" %}>{{ other.name }}</p>{% fallback_notice %}</section>'
)


def test_a_fallback_is_marked_and_noted_once_in_its_section():
    russian_only = Region(name_ru="Чуйская область", name_ky="", name_en="")
    translated = Region(name_ru="Нарынская область", name_ky="Нарын облусу", name_en="Naryn Region")
    html = render(SECTIONS, "en", region=russian_only, other=russian_only)
    assert html == (
        f'<section><span lang="ru">Чуйская область</span>{NOTICE_EN}</section>'
        f'<section><p lang="ru">Чуйская область</p>{NOTICE_EN}</section>'
    )
    # Two texts in Russian in one section: one notice.
    html = render(
        '{% translated a "name" %} {% translated b "name" %}{% fallback_notice %}',
        "en",
        a=russian_only,
        b=russian_only,
    )
    assert html.count('class="fallback-note"') == 1
    # A translated section says nothing; the section after it does.
    html = render(SECTIONS, "en", region=translated, other=russian_only)
    assert html.startswith("<section>Naryn Region</section>")
    assert html.count('class="fallback-note"') == 1
    # In Kyrgyz, the notice in Kyrgyz.
    html = render(SECTIONS, "ky", region=russian_only, other=translated)
    assert html.startswith(
        '<section><span lang="ru">Чуйская область</span><p class="fallback-note"'
    )
    assert "Бул жердеги айрым тексттер азырынча которула элек" in html
    assert html.endswith('<section><p lang="ky">Нарын облусу</p></section>')


def test_nothing_falls_back_in_russian():
    russian_only = Region(name_ru="Чуйская область", name_ky="", name_en="")
    html = render(SECTIONS, "ru", region=russian_only, other=russian_only)
    assert html == (
        '<section>Чуйская область</section><section><p lang="ru">Чуйская область</p></section>'
    )


def test_a_text_in_another_language_than_russian_has_its_own_notice():
    html = render('<p lang="ky">{% fallback_shown "ky" %}Текст</p>{% fallback_notice %}', "en")
    assert html == (
        '<p lang="ky">Текст</p><p class="fallback-note" role="note">Some texts here are not '
        "translated yet and are shown in the language they were written in.</p>"
    )
    assert render('{% fallback_shown "en" %}{% fallback_notice %}', "en") == ""
