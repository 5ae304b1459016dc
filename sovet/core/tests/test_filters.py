"""The filter-form base and the search cleaner, without a database."""

import pytest
from django import forms
from django.http import QueryDict

from sovet.core.filters import FilterForm, SearchField, with_count
from sovet.core.search import printable, search_words


class BookFilterForm(FilterForm):
    arguments = {"q": "query", "year": "published_in"}

    q = SearchField(label="Search", max_length=30, full_text=True)
    kind = forms.ChoiceField(choices=[("", "Any"), ("novel", "Novel"), ("poem", "Poem")])
    year = forms.IntegerField(min_value=1800, max_value=2100)
    author = forms.CharField(max_length=10)
    signed = forms.BooleanField(label="Signed")


def bound(query: str) -> BookFilterForm:
    return BookFilterForm(QueryDict(query))


@pytest.mark.parametrize(
    ("typed", "shown"),
    [
        ("Иванов\x00", "Иванов"),
        ("Ив\x00анов", "Ив анов"),
        ("Иван\tИванов\n", "Иван Иванов"),
        ("Ива\u200bнов", "Иванов"),  # a zero-width space pasted from somewhere
        ("Ива\u00adнов", "Иванов"),  # a soft hyphen
        ("и\u0306", "й"),  # decomposed letters are composed
        ("  Ңөү  ", "Ңөү"),
    ],
)
def test_printable_drops_control_and_format_characters(typed, shown):
    assert printable(typed) == shown


def test_printable_cuts_at_a_length():
    assert printable("я" * 500, max_length=200) == "я" * 200


@pytest.mark.parametrize(
    ("typed", "words"),
    [
        ('"', ""),
        ("(", ""),
        ("*", ""),
        ("\x00", ""),
        ("'", ""),
        ("-", ""),
        ("AND", "and"),
        ("война OR мир NOT NEAR(а б)", "война or мир not near а б"),
        ('"Бессмертный полк"', "Бессмертный полк"),
        ("Петров-Водкин", "Петров-Водкин"),
        ("-Петров", "Петров"),
        ("Асанов Үсөн, Ңөү", "Асанов Үсөн Ңөү"),
        ("title:1941*", "title 1941"),
        ("XII конференция 2021", "XII конференция 2021"),
    ],
)
def test_search_words_keep_only_words(typed, words):
    assert search_words(typed) == words


def test_search_words_are_as_long_as_allowed():
    assert len(search_words("я " * 500)) <= 200


def test_filters_map_fields_to_arguments_and_ignore_empty_values():
    form = bound("q=Пушкин&kind=novel&year=1833&author=&signed=")
    assert form.filters() == {"query": "Пушкин", "kind": "novel", "published_in": 1833}
    assert BookFilterForm().filters() == {}
    assert bound("page=2").filters() == {}


def test_each_bad_value_is_left_out_alone_with_a_message():
    form = bound("q=Пушкин&kind=pirate&year=abc&author=" + "x" * 11 + "&signed=on")
    assert form.filters() == {"query": "Пушкин", "signed": True}
    assert set(form.errors) == {"kind", "year", "author"}


def test_nul_is_taken_out_of_every_value():
    form = bound("q=%00&kind=novel%00&year=18%0033&author=Иван%00ов")
    assert form.filters() == {"kind": "novel", "author": "Иван ов"}
    assert set(form.errors) == {"year"}  # "18 33" is not a number: refused, not a crash
    assert "\x00" not in str(form)


def test_a_search_box_keeps_only_words_and_refuses_a_novel():
    assert bound("q=%22Война+и+мир%22+AND+(1869)").filters() == {"query": "Война и мир and 1869"}
    form = bound("q=" + "я" * 31)
    assert form.filters() == {} and set(form.errors) == {"q"}


def test_no_field_is_required_and_the_html_asks_for_none():
    form = BookFilterForm()
    assert not any(field.required for field in form.fields.values())
    assert "required" not in str(form)
    assert bound("page=1").is_valid()


def test_query_strings_keep_the_good_filters_or_what_is_not_a_filter():
    form = bound("q=Пушкин&kind=pirate&view=month&page=3&month=2024-05")
    assert form.query_string() == "q=%D0%9F%D1%83%D1%88%D0%BA%D0%B8%D0%BD"
    assert form.query_string(exclude=("q",)) == ""
    assert form.reset_query() == "view=month&month=2024-05"
    assert form.in_use() and not bound("view=month&page=2").in_use()


def test_counts_go_into_the_labels():
    form = bound("kind=novel")
    form.show_counts({"kind": {"novel": 3}, "signed": 2})
    assert form.fields["kind"].choices == [
        ("", "Any"),
        ("novel", "Novel (3)"),
        ("poem", "Poem (0)"),
    ]
    assert form.fields["signed"].label == "Signed (2)"
    form = bound("kind=novel")
    form.show_counts({"kind": {"novel": 3}}, hide_empty=("kind",))
    assert form.fields["kind"].choices == [("", "Any"), ("novel", "Novel (3)")]
    assert with_count("Memorials", None) == "Memorials (0)"
