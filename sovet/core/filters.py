"""The filters of public lists: one base for every list page's filter form.

A list page declares its form by a dotted path (as `subpage_types` names pages, so the model
does not import its forms), and the routes that read it when they are more than the list:

    class PlacesIndexPage(RoutablePageMixin, SovetPage):
        filter_form = "sovet.places.forms.PlaceFilterForm"
        filter_routes = ("", "map/")

Its views bind the form with `list_filters(page, request)` and hand `form.filters()` to the
app's query function. A bad value never fails the page: that one filter is left out and its
field says why; the others still apply.
"""

from collections.abc import Iterable
from urllib.parse import urlencode

from django import forms
from django.core.validators import EMPTY_VALUES
from django.http import QueryDict
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _
from wagtail.models import get_page_models

from .models import Region
from .search import MAX_QUERY_LENGTH, printable, search_words


def with_count(label, count) -> str:
    """An option's label with how many results it gives: "Memorials (12)"."""
    return f"{label} ({count or 0})"


def choice_filter(label, choices, *, every) -> forms.ChoiceField:
    """A filter by one of fixed choices; its first option, `every`, filters nothing."""
    return forms.ChoiceField(label=label, choices=[("", every), *choices])


def object_filter(label, queryset, *, every, key: str = "slug") -> forms.ModelChoiceField:
    """A filter by one object of a list (a tag, an organizer…), named in the address by its `key`
    rather than its id: addresses stay readable, and the same on every copy of the site."""
    return forms.ModelChoiceField(
        label=label, queryset=queryset, empty_label=every, to_field_name=key
    )


def region_filter() -> forms.ModelChoiceField:
    """The region filter every list has."""
    return object_filter(_("Region"), Region.objects.all(), every=_("All regions"), key="code")


class SearchField(forms.CharField):
    """A search box. Control characters are dropped (a text too long is refused, as any field's);
    with `full_text` only the words reach the query (`search.search_words`), so a quote or a
    bracket cannot break the full-text parser."""

    def __init__(self, *, full_text: bool = False, max_length: int = MAX_QUERY_LENGTH, **kwargs):
        self.full_text = full_text
        kwargs.setdefault("widget", forms.TextInput(attrs={"type": "search"}))
        super().__init__(max_length=max_length, required=False, **kwargs)

    def to_python(self, value):
        return printable(super().to_python(value))

    def clean(self, value):
        text = super().clean(value)
        return search_words(text, max_length=self.max_length) if self.full_text else text


class FilterForm(forms.Form):
    """The filters of a public list, read from the query string (a GET form).

    Every field is optional and an empty one filters nothing. `filters()` gives the valid values
    by the names the query function knows them by — the field's own name, or the one in
    `arguments` — whatever the form's validity: each invalid value is left out alone, with its
    message on its field. Control characters (NUL…) are taken out of every value first:
    PostgreSQL refuses them, and no page should echo them."""

    use_required_attribute = False
    # The query function's keyword for a field, where it is not the field's name.
    arguments: dict[str, str] = {}

    def __init__(self, data=None, *args, **kwargs):
        super().__init__(_printable(data) if data else None, *args, **kwargs)
        for field in self.fields.values():
            field.required = False

    def filters(self) -> dict:
        """The valid, non-empty filters, as keyword arguments of the query function."""
        if not self.is_bound:
            return {}
        if not hasattr(self, "_filters"):
            self.is_valid()
            self._filters = {
                self.arguments.get(name, name): value
                for name, value in self.cleaned_data.items()
                if name in self.fields and name not in self.errors and not _is_empty(value)
            }
        return self._filters

    def in_use(self) -> bool:
        """Whether a filter has a value (valid or not): the list is not the whole list."""
        return self.is_bound and any(self.data.get(name) for name in self.fields)

    def query_string(self, exclude: Iterable[str] = ()) -> str:
        """The valid filters as they were typed, for links that keep them (feeds, other views)."""
        if not self.is_bound:
            return ""
        self.is_valid()
        return urlencode(
            [
                (name, self.data[name])
                for name in self.fields
                if name not in self.errors and name not in exclude and self.data.get(name)
            ]
        )

    def reset_query(self) -> str:
        """The query string without the filters and the page number: what "clear the filters"
        keeps (the calendar's view and month…)."""
        if not self.is_bound:
            return ""
        kept = [
            (name, value)
            for name, values in _lists(self.data)
            if name not in self.fields and name != "page"
            for value in values
        ]
        return urlencode(kept)

    def show_counts(self, counts: dict, *, hide_empty: Iterable[str] = ()) -> None:
        """Put in each option's label how many results it would give, the other filters kept.

        `counts` maps a field's name to a number (a check box) or to the counts by choice value
        (by primary key for a model's choices); the fields named in `hide_empty` lose the
        options that would give nothing."""
        for name, found in counts.items():
            field = self.fields[name]
            if isinstance(found, int):
                field.label = with_count(field.label, found)
            elif isinstance(field, forms.ModelChoiceField):
                field.label_from_instance = _counted(field.label_from_instance, found)
            else:
                # A choice that gives nothing stays when it is the one chosen: the list must
                # show what filters the results.
                chosen = self.data.get(name) if self.is_bound else None
                field.choices = [
                    (value, with_count(label, found.get(value)) if value else label)
                    for value, label in field.choices
                    if not value or name not in hide_empty or found.get(value) or value == chosen
                ]


def list_filters(page, request) -> FilterForm:
    """The filter form a list page declares, bound to the request's query string."""
    return import_string(page.filter_form)(request.GET or None)


def filtered_page_models() -> list[type]:
    """The page types whose lists read a filter form (every one is tested with bad values)."""
    return [model for model in get_page_models() if getattr(model, "filter_form", "")]


def _counted(label_of, found: dict):
    return lambda obj: with_count(label_of(obj), found.get(obj.pk))


def _is_empty(value) -> bool:
    return value is False or value in EMPTY_VALUES


def _lists(data) -> list[tuple[str, list]]:
    if hasattr(data, "lists"):
        return list(data.lists())
    return [(name, value if isinstance(value, list) else [value]) for name, value in data.items()]


def _printable(data):
    """The query string's values without control characters (several values a name kept)."""
    clean = QueryDict(mutable=True)
    for name, values in _lists(data):
        clean.setlist(
            name, [printable(value) if isinstance(value, str) else value for value in values]
        )
    return clean
