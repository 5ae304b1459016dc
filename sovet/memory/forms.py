from collections import Counter

from django import forms
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from sovet.core.models import Region
from sovet.core.text import fold_name

from .models import Category, Fate


class RanksSelect(forms.Select):
    """Ranks are written on cards in Russian: their options say so (screen readers, checks)."""

    def create_option(self, name, value, *args, **kwargs):
        option = super().create_option(name, value, *args, **kwargs)
        if value:
            option["attrs"]["lang"] = "ru"
        return option


class SearchForm(forms.Form):
    """The name and the filters of the archive's search. After `show_counts(found)` each choice
    tells how many of the found people it would leave (with the other filters applied)."""

    q = forms.CharField(label=_("Surname, name, patronymic"), max_length=200, required=False)
    born_from = forms.IntegerField(label=_("Born from (year)"), min_value=1850, max_value=1945,
                                   required=False)  # fmt: skip
    born_to = forms.IntegerField(label=_("Born until (year)"), min_value=1850, max_value=1945,
                                 required=False)  # fmt: skip
    place = forms.CharField(label=_("Place of birth or conscription"), max_length=100,
                            required=False)  # fmt: skip
    region = forms.ModelChoiceField(label=_("Region"), queryset=Region.objects.all(),
                                    required=False, empty_label=_("All regions"),
                                    to_field_name="code")  # fmt: skip
    rank = forms.CharField(label=_("Rank"), max_length=100, required=False,
                           widget=RanksSelect)  # fmt: skip
    fate = forms.ChoiceField(label=_("Fate"), choices=[("", _("Any fate")), *Fate.choices],
                             required=False)  # fmt: skip
    category = forms.ChoiceField(label=_("Category"),
                                 choices=[("", _("Any category")), *Category.choices],
                                 required=False)  # fmt: skip
    has_photo = forms.BooleanField(label=_("Only with a photo"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["rank"].widget.choices = [("", _("Any rank"))]
        self.fields["region"].label_from_instance = lambda region: region.name

    @cached_property
    def filters(self) -> dict:
        """The valid filter values (a bad value is shown as an error and ignored)."""
        if not self.is_bound:
            return {}
        self.is_valid()
        data = {
            name: self.cleaned_data.get(name) for name in self.fields if name not in self.errors
        }
        place = fold_name(data.get("place") or "")
        return {
            "born": (data.get("born_from"), data.get("born_to")),
            "place": place,
            "region": data["region"].pk if data.get("region") else None,
            "rank": _rank_key(data.get("rank") or ""),
            "fate": data.get("fate"),
            "category": data.get("category"),
            "has_photo": data.get("has_photo"),
        }

    def keeps(self, card, *, skip: str = "") -> bool:
        """Whether a card passes the filters (all but `skip`)."""
        return _passes(card, self.filters, skip)

    def show_counts(self, found) -> None:
        """Put into each choice's label how many of `found` it leaves, the other filters kept."""
        filters = self.filters

        def counts(name, value_of):
            return Counter(value_of(card) for card in found if _passes(card, filters, name))

        fates = counts("fate", lambda card: card.fate)
        self.fields["fate"].choices = [("", _("Any fate"))] + [
            (value, f"{label} ({fates[value]})") for value, label in Fate.choices if fates[value]
        ]
        categories = counts("category", lambda card: card.category)
        self.fields["category"].choices = [("", _("Any category"))] + [
            (value, f"{label} ({categories[value]})")
            for value, label in Category.choices
            if categories[value]
        ]
        regions = counts("region", lambda card: card.region_id)
        self.fields["region"].label_from_instance = lambda region: (
            f"{region.name} ({regions[region.pk]})"
        )
        # Ranks are written freely: the choices are the ranks of the people found.
        ranks, spelling = counts("rank", lambda card: _rank_key(card.rank)), {}
        for card in found:
            spelling.setdefault(_rank_key(card.rank), card.rank.strip())
        chosen = filters.get("rank")
        self.fields["rank"].widget.choices = [("", _("Any rank"))] + [
            (spelling[key], f"{spelling[key]} ({ranks[key]})")
            for key in sorted(ranks, key=lambda key: (-ranks[key], key))
            if key and (ranks[key] or key == chosen)
        ]
        with_photo = counts("has_photo", lambda card: card.has_photo)[True]
        self.fields["has_photo"].label = _("Only with a photo (%(count)s)") % {"count": with_photo}


def _rank_key(rank: str) -> str:
    return fold_name(rank)


def _passes(card, filters: dict, skip: str) -> bool:
    born_from, born_to = filters.get("born", (None, None))
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
        "region": lambda value: card.region_id == value,
        "rank": lambda value: _rank_key(card.rank) == value,
        "fate": lambda value: card.fate == value,
        "category": lambda value: card.category == value,
        "has_photo": lambda value: card.has_photo,
    }
    return all(
        check(filters[name]) for name, check in checks.items() if name != skip and filters.get(name)
    )
