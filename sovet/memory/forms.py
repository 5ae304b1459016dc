from collections import Counter

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from sovet.core.filters import (
    FilterForm,
    SearchField,
    choice_filter,
    region_filter,
    with_count,
)
from sovet.core.text import fold_name

from .models import Category, Fate, ReportReason


class RanksSelect(forms.Select):
    """Ranks are written on cards in Russian: their options say so (screen readers, checks)."""

    def create_option(self, name, value, *args, **kwargs):
        option = super().create_option(name, value, *args, **kwargs)
        if value:
            option["attrs"]["lang"] = "ru"
        return option


class SearchForm(FilterForm):
    """The name and the filters of the archive's search. After `show_counts(found)` each choice
    tells how many of the found people it would leave (with the other filters applied)."""

    arguments = {"q": "query"}

    q = SearchField(label=_("Surname, name, patronymic"), max_length=200)
    born_from = forms.IntegerField(label=_("Born from (year)"), min_value=1850, max_value=1945)
    born_to = forms.IntegerField(label=_("Born until (year)"), min_value=1850, max_value=1945)
    place = forms.CharField(label=_("Place of birth or conscription"), max_length=100)
    region = region_filter()
    rank = forms.CharField(label=_("Rank"), max_length=100, widget=RanksSelect)
    fate = choice_filter(_("Fate"), Fate.choices, every=_("Any fate"))
    category = choice_filter(_("Category"), Category.choices, every=_("Any category"))
    has_photo = forms.BooleanField(label=_("Only with a photo"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["rank"].widget.choices = [("", _("Any rank"))]
        self.fields["region"].label_from_instance = lambda region: region.name

    # Places and ranks are compared folded.
    def clean_place(self):
        return fold_name(self.cleaned_data["place"])

    def clean_rank(self):
        return _rank_key(self.cleaned_data["rank"])

    def keeps(self, card, *, skip: str = "") -> bool:
        """Whether a card passes the filters (all but `skip`)."""
        return _passes(card, self.filters(), skip)

    def show_counts(self, found) -> None:
        """Put into each choice's label how many of `found` it leaves, the other filters kept."""
        filters = self.filters()

        def counts(name, value_of):
            return Counter(value_of(card) for card in found if _passes(card, filters, name))

        super().show_counts(
            {
                "fate": counts("fate", lambda card: card.fate),
                "category": counts("category", lambda card: card.category),
                "region": counts("region", lambda card: card.region_id),
                "has_photo": counts("has_photo", lambda card: card.has_photo)[True],
            },
            hide_empty=("fate", "category"),
        )
        # Ranks are written freely: the choices are the ranks of the people found.
        ranks, spelling = counts("rank", lambda card: _rank_key(card.rank)), {}
        for card in found:
            spelling.setdefault(_rank_key(card.rank), card.rank.strip())
        self._show_ranks(ranks, spelling)

    def show_browse_counts(self, browse) -> None:
        """The same from the database, for the filters without a name (`queries.Browse`)."""
        super().show_counts(browse.counts(), hide_empty=("fate", "category"))
        ranks, spelling = Counter(), {}
        for rank, key, count in browse.rank_counts:
            ranks[key] += count
            spelling.setdefault(key, rank.strip())
        self._show_ranks(ranks, spelling)

    def _show_ranks(self, ranks: Counter, spelling: dict) -> None:
        chosen = self.filters().get("rank")
        if chosen and chosen not in spelling:  # chosen, and nobody left: still shown, with 0
            ranks[chosen], spelling[chosen] = 0, self.data["rank"].strip()
        self.fields["rank"].widget.choices = [("", _("Any rank"))] + [
            (spelling[key], with_count(spelling[key], ranks[key]))
            for key in sorted(ranks, key=lambda key: (-ranks[key], key))
            if key and (ranks[key] or key == chosen)
        ]

    def filter_fields(self):
        """Every field but the name: what folds behind one button on a phone."""
        return [self[name] for name in self.fields if name != "q"]

    def chosen_filters(self) -> list:
        """The filter fields with a value, valid or not (the button says how many)."""
        return [
            field for field in self.filter_fields() if self.is_bound and self.data.get(field.name)
        ]

    def filter_errors(self) -> bool:
        """Whether a filter's value was refused: the filters are then shown open, with why."""
        return any(name in self.errors for name in self.fields if name != "q")

    def without_each(self) -> list[tuple[str, str]]:
        """(the filter's name, the query string without it) for each filter applied: what to
        try when nobody passes them all."""
        return [
            (self._chosen_text(field.name), self.query_string(exclude=[field.name]))
            for field in self.chosen_filters()
            if field.name not in self.errors
        ]

    def _chosen_text(self, name: str) -> str:
        """A filter as chosen, in words: «Region: Talas Region», «Born from (year): 1930»."""
        label, value = self.base_fields[name].label, self.cleaned_data.get(name)
        if name == "has_photo":
            return str(label)
        if name == "region":
            value = value.name
        elif name in ("fate", "category"):
            value = dict(self.base_fields[name].choices).get(value, value)
        elif name in ("rank", "place"):
            value = self.data.get(name, "").strip()
        return f"{label}: {value}"


def _rank_key(rank: str) -> str:
    return fold_name(rank)


def _passes(card, filters: dict, skip: str) -> bool:
    born_from, born_to = filters.get("born_from"), filters.get("born_to")
    if skip != "born" and (born_from or born_to):
        if card.birth_year is None:
            return False
        if (born_from and card.birth_year < born_from) or (born_to and card.birth_year > born_to):
            return False
    place = filters.get("place")
    if skip != "place" and place:
        where = fold_name(f"{card.birth_place} {card.conscription_place}")
        if place not in where:
            return False
    checks = {
        "region": lambda value: card.region_id == value.pk,
        "rank": lambda value: _rank_key(card.rank) == value,
        "fate": lambda value: card.fate == value,
        "category": lambda value: card.category == value,
        "has_photo": lambda value: card.has_photo,
    }
    return all(
        check(filters[name]) for name, check in checks.items() if name != skip and filters.get(name)
    )


class ReportForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("What is wrong?"), choices=ReportReason.choices, widget=forms.RadioSelect
    )
    message = forms.CharField(
        label=_("Details"),
        help_text=_("What exactly is wrong, and how do you know? Links help."),
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    email = forms.EmailField(
        label=_("Your e-mail (optional)"),
        help_text=_("Only the moderators see it, to answer you. It is never published."),
        required=False,
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("reason") == ReportReason.OTHER and not cleaned.get("message", "").strip():
            self.add_error("message", gettext("Please tell us what is wrong with the card."))
        return cleaned
