from django import forms
from django.utils.translation import gettext_lazy as _

from sovet.core.filters import FilterForm, SearchField, choice_filter
from sovet.core.models import DocumentCategory


class NewsFilterForm(FilterForm):
    """The news list's filter: a tag, from the tag links of the news items."""

    tag = forms.CharField(label=_("Tag"), max_length=100)


class DocumentFilterForm(FilterForm):
    """The documents library's search and category."""

    arguments = {"q": "query"}

    q = SearchField(label=_("Search documents"), full_text=True)
    category = choice_filter(_("Category"), DocumentCategory.choices, every=_("All categories"))
