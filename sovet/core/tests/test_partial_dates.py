import datetime

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.utils import translation

from sovet.core.partial_dates import PartialDate, PartialDateField, PartialDateFormField

D = PartialDate


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


# --- The value ---------------------------------------------------------------------------


def test_validation():
    with pytest.raises(ValueError):
        D(1943, None, 9)  # a day needs a month
    with pytest.raises(ValueError):
        D(1943, 13)
    with pytest.raises(ValueError):
        D(1943, 2, 30)
    with pytest.raises(ValueError):
        D(0)
    with pytest.raises(ValueError):
        D(1945, end=D(1941))  # the end must be after the start
    with pytest.raises(ValueError):
        D(1943, end=D(1943, 5))  # overlapping
    with pytest.raises(ValueError):
        D(1941, end=D(1943, end=D(1945)))
    assert D(1944, 2, 29)  # a leap day is fine
    assert D(1941, 6, end=D(1941, 7))


@pytest.mark.parametrize(
    "text,value",
    [
        ("1943", D(1943)),
        ("1943-05", D(1943, 5)),
        ("1943-05-09", D(1943, 5, 9)),
        ("1943~", D(1943, approximate=True)),
        ("1943-05-09~", D(1943, 5, 9, approximate=True)),
        ("1941/1945", D(1941, end=D(1945))),
        ("1941-06-22/1945-05-09", D(1941, 6, 22, end=D(1945, 5, 9))),
        ("1941~/1945", D(1941, approximate=True, end=D(1945))),
        ("0988", D(988)),
    ],
)
def test_edtf_round_trip(text, value):
    assert PartialDate.parse(text) == value
    assert str(value) == text


@pytest.mark.parametrize(
    "text",
    ["", "43", "1943-5", "1943-05-9", "1943-13", "1943/", "1941/1943/1945", "about 1943", "1943?"],
)
def test_edtf_rejects(text):
    with pytest.raises(ValueError):
        PartialDate.parse(text)


def test_bounds_and_sorting():
    assert D(1943).earliest() == datetime.date(1943, 1, 1)
    assert D(1943).latest() == datetime.date(1943, 12, 31)
    assert D(1944, 2).latest() == datetime.date(1944, 2, 29)
    assert D(1943, 5, 9).earliest() == D(1943, 5, 9).latest() == datetime.date(1943, 5, 9)
    war = D(1941, end=D(1945, 5))
    assert (war.earliest(), war.latest()) == (datetime.date(1941, 1, 1), datetime.date(1945, 5, 31))
    assert war.start == D(1941)
    dates = [D(1943, 5, 9), D(1941, end=D(1945)), D(1943), D(1943, 5), D(1900)]
    assert sorted(dates, key=PartialDate.sort_key) == [
        D(1900),
        D(1941, end=D(1945)),
        D(1943),
        D(1943, 5),
        D(1943, 5, 9),
    ]


# --- Reading what people type ---------------------------------------------------------------

ABOUT_1943 = D(1943, approximate=True)
WAR = D(1941, end=D(1945))


@pytest.mark.parametrize(
    "text,value",
    [
        ("1943", D(1943)),
        ("05.1943", D(1943, 5)),
        ("9.5.1943", D(1943, 5, 9)),
        ("09.05.1943", D(1943, 5, 9)),
        ("1943-05-09", D(1943, 5, 9)),
        ("1943-05", D(1943, 5)),
        ("май 1943", D(1943, 5)),
        ("Май 1943", D(1943, 5)),
        ("мая 1943", D(1943, 5)),
        ("9 мая 1943", D(1943, 5, 9)),
        ("9 мая 1943 г.", D(1943, 5, 9)),
        ("9 мая 1943 года", D(1943, 5, 9)),
        ("в мае 1943 года", D(1943, 5)),
        ("октябрь 1943", D(1943, 10)),
        ("сентябрь 1943", D(1943, 9)),
        ("декабрь 1943", D(1943, 12)),
        ("янв. 1943", D(1943, 1)),
        ("May 1943", D(1943, 5)),
        ("9 May 1943", D(1943, 5, 9)),
        ("May 9, 1943", D(1943, 5, 9)),
        ("Sept 1943", D(1943, 9)),
        ("1943-ж.", D(1943)),
        ("1943-ж. май", D(1943, 5)),
        ("1943-ж. 9-май", D(1943, 5, 9)),
        ("1943-жылдын 9-майы", D(1943, 5, 9)),
        ("1943-жылдын майы", D(1943, 5)),
        ("около 1943", ABOUT_1943),
        ("Около 1943 г.", ABOUT_1943),
        ("ок. 1943", ABOUT_1943),
        ("примерно 1943", ABOUT_1943),
        ("~1943", ABOUT_1943),
        ("1943?", ABOUT_1943),
        ("1943~", ABOUT_1943),
        ("about 1943", ABOUT_1943),
        ("c. 1943", ABOUT_1943),
        ("circa 1943", ABOUT_1943),
        ("болжол менен 1943", ABOUT_1943),
        ("болжол менен 1943-ж.", ABOUT_1943),
        ("около мая 1943 г.", D(1943, 5, approximate=True)),
        ("около 09.05.1943", D(1943, 5, 9, approximate=True)),
        ("1941–1945", WAR),
        ("1941—1945", WAR),
        ("1941-1945", WAR),
        ("1941 - 1945", WAR),
        ("1941–1945 гг.", WAR),
        ("1941–1945-жж.", WAR),
        ("с 1941 по 1945", WAR),
        ("с 1941 до 1945 года", WAR),
        ("from 1941 to 1945", WAR),
        ("1941/1945", WAR),
        ("22.06.1941 – 09.05.1945", D(1941, 6, 22, end=D(1945, 5, 9))),
        ("1941-06-22/1945-05-09", D(1941, 6, 22, end=D(1945, 5, 9))),
        ("с 22 июня 1941 по 9 мая 1945", D(1941, 6, 22, end=D(1945, 5, 9))),
        ("около 1941–1945", D(1941, approximate=True, end=D(1945, approximate=True))),
        ("1941?–1945", D(1941, approximate=True, end=D(1945))),
        ("1941 – около 1945", D(1941, end=D(1945, approximate=True))),
        ("  1943  ", D(1943)),
    ],
)
def test_from_human(text, value):
    assert PartialDate.from_human(text) == value


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "abc",
        "около",
        "мяу 1943",
        "9.5.43",  # two-digit years are ambiguous
        "31.02.1943",
        "13.1943",
        "32 мая 1943",
        "1945–1941",
        "1943-05-09-01",
        "1941–1943–1945",
        "1943 1944",
    ],
)
def test_from_human_rejects(text):
    with pytest.raises(ValueError):
        PartialDate.from_human(text)


# --- Display -----------------------------------------------------------------------------

DISPLAY_CASES = [
    # value, English, Russian, Kyrgyz
    (D(1943, 5, 9), "9 May 1943", "9 мая 1943 г.", "1943-жылдын 9-майы"),
    (D(1943, 5), "May 1943", "май 1943 г.", "1943-жылдын майы"),
    (D(1943), "1943", "1943 г.", "1943-ж."),
    (ABOUT_1943, "about 1943", "около 1943 г.", "болжол менен 1943-ж."),
    (
        D(1943, 5, approximate=True),
        "about May 1943",
        "около мая 1943 г.",
        "болжол менен 1943-жылдын майы",
    ),
    (WAR, "1941–1945", "1941–1945 гг.", "1941–1945-жж."),
    (
        D(1941, approximate=True, end=D(1945, approximate=True)),
        "about 1941–1945",
        "около 1941–1945 гг.",
        "болжол менен 1941–1945-жж.",
    ),
    (
        D(1941, 6, 22, end=D(1945, 5, 9)),
        "22 June 1941 – 9 May 1945",
        "22 июня 1941 г. – 9 мая 1945 г.",
        "1941-жылдын 22-июну – 1945-жылдын 9-майы",
    ),
]


@pytest.mark.parametrize("value,en,ru,ky", DISPLAY_CASES)
def test_display_english(value, en, ru, ky):
    assert value.display() == en


@pytest.mark.parametrize("value,en,ru,ky", DISPLAY_CASES)
def test_display_russian(value, en, ru, ky):
    with translation.override("ru"):
        assert value.display() == ru


@pytest.mark.parametrize("value,en,ru,ky", DISPLAY_CASES)
def test_display_kyrgyz(value, en, ru, ky):
    with translation.override("ky"):
        assert value.display() == ky


@pytest.mark.parametrize(
    "value,en",
    [
        (D(1943, 5, 9), "09.05.1943"),
        (D(1943, 5), "05.1943"),
        (D(1943), "1943"),
        (ABOUT_1943, "about 1943"),
        (WAR, "1941–1945"),
        (D(1941, approximate=True, end=D(1945, approximate=True)), "about 1941–1945"),
        (D(1941, approximate=True, end=D(1945)), "1941?–1945"),
        (D(1941, end=D(1945, approximate=True)), "1941 – about 1945"),
    ],
)
def test_to_human_round_trips(value, en):
    assert value.to_human() == en
    for language in ("en", "ru", "ky"):
        with translation.override(language):
            assert PartialDate.from_human(value.to_human()) == value


def test_to_human_russian_and_kyrgyz():
    with translation.override("ru"):
        assert ABOUT_1943.to_human() == "около 1943"
    with translation.override("ky"):
        assert ABOUT_1943.to_human() == "болжол менен 1943"


# --- Model field -------------------------------------------------------------------------


def make_field(**kwargs) -> PartialDateField:
    field = PartialDateField(**kwargs)
    field.set_attributes_from_name("born")
    return field


def test_model_field_conversions():
    field = make_field(blank=True)
    assert field.from_db_value("1943-05~", None, None) == D(1943, 5, approximate=True)
    assert field.from_db_value("", None, None) is None
    assert field.from_db_value(None, None, None) is None
    assert field.to_python("1941/1945") == WAR
    assert field.to_python(WAR) is WAR
    assert field.to_python("") is None
    assert field.get_prep_value(WAR) == "1941/1945"
    assert field.get_prep_value("1943-05") == "1943-05"
    assert field.get_prep_value(None) == ""
    assert make_field(null=True).get_prep_value(None) is None
    assert field.get_default() is None
    assert make_field(default=D(1943)).get_default() == D(1943)


def test_model_field_clean():
    field = make_field()
    assert field.clean("1943-05-09", None) == D(1943, 5, 9)
    with pytest.raises(ValidationError) as excinfo:
        field.clean("May 1943", None)
    assert excinfo.value.code == "invalid"
    assert "1943-05" in excinfo.value.messages[0]
    with pytest.raises(ValidationError):
        make_field(max_length=8).clean("1941/1945", None)  # checked on the stored text


def test_model_field_deconstruct():
    name, path, args, kwargs = make_field(blank=True).deconstruct()
    assert path == "sovet.core.partial_dates.PartialDateField"
    assert kwargs == {"blank": True}
    assert make_field(max_length=40).deconstruct()[3]["max_length"] == 40
    rebuilt = PartialDateField(*args, **kwargs)
    assert rebuilt.max_length == 32


def test_model_field_formfield():
    form_field = make_field(blank=True).formfield()
    assert isinstance(form_field, PartialDateFormField)
    assert not form_field.required
    assert form_field.clean("около 1943") == ABOUT_1943


# --- Form field --------------------------------------------------------------------------


class PersonForm(forms.Form):
    born = PartialDateFormField(required=False)


def test_form_field_reads_human_input():
    form = PersonForm(data={"born": " 9 мая 1943 "})
    assert form.is_valid()
    assert form.cleaned_data["born"] == D(1943, 5, 9)
    empty = PersonForm(data={"born": ""})
    assert empty.is_valid()
    assert empty.cleaned_data["born"] is None


def test_form_field_keeps_bad_input_and_explains():
    form = PersonForm(data={"born": "весной сорок третьего"})
    assert not form.is_valid()
    assert form.errors["born"] == [
        "Enter a date such as 1943, 05.1943, 09.05.1943, “about 1943” or “1941–1945”."
    ]
    assert form["born"].value() == "весной сорок третьего"


def test_form_field_shows_initial_value_as_typed():
    form = PersonForm(initial={"born": D(1943, 5, 9)})
    assert form["born"].value() == "09.05.1943"
    form = PersonForm(initial={"born": ABOUT_1943})
    assert form["born"].value() == "about 1943"


def test_form_field_has_changed():
    field = PartialDateFormField(required=False)
    assert not field.has_changed(D(1943, 5), "05.1943")
    assert not field.has_changed(D(1943, 5), "май 1943")
    assert field.has_changed(D(1943, 5), "06.1943")
    assert not field.has_changed(None, "")
