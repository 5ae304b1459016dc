from django import forms
from django.utils.translation import gettext_lazy as _

from sovet.core.models import Region

from .models import Category, Fate


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Surname, name, patronymic"), max_length=200, required=False)
    born_from = forms.IntegerField(label=_("Born from (year)"), min_value=1850, max_value=1945,
                                   required=False)  # fmt: skip
    born_to = forms.IntegerField(label=_("Born until (year)"), min_value=1850, max_value=1945,
                                 required=False)  # fmt: skip
    region = forms.ModelChoiceField(label=_("Region"), queryset=Region.objects.all(),
                                    required=False, empty_label=_("All regions"),
                                    to_field_name="code")  # fmt: skip
    fate = forms.ChoiceField(label=_("Fate"), choices=[("", _("Any fate")), *Fate.choices],
                             required=False)  # fmt: skip
    category = forms.ChoiceField(label=_("Category"),
                                 choices=[("", _("Any category")), *Category.choices],
                                 required=False)  # fmt: skip

    def keeps(self, card) -> bool:
        """Whether a card passes the filters (valid ones; a bad value is shown and ignored)."""
        data = self.cleaned_data if self.is_valid() else {}
        born_from, born_to = data.get("born_from"), data.get("born_to")
        region, fate, category = data.get("region"), data.get("fate"), data.get("category")
        return not (
            (born_from and (card.birth_year is None or card.birth_year < born_from))
            or (born_to and (card.birth_year is None or card.birth_year > born_to))
            or (region and card.region_id != region.pk)
            or (fate and card.fate != fate)
            or (category and card.category != category)
        )
