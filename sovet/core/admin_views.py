"""Core's admin screens that are not registries. Who opens them is decided by the app that
registers them (``only_for(rule)``): core knows no role."""

from collections import Counter

from django import forms
from django.conf import settings
from django.shortcuts import render
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .pages import paginate
from .translations import target_languages, untranslated_content

PAGE_SIZE = 50


LANGUAGE_NAMES = {
    "ru": gettext_lazy("Russian"),
    "ky": gettext_lazy("Kyrgyz"),
    "en": gettext_lazy("English"),
}


def _language_names() -> dict[str, str]:
    return {code: str(LANGUAGE_NAMES.get(code, name)) for code, name in settings.LANGUAGES}


class TranslationFilterForm(forms.Form):
    """The desk's filters; a value it does not know shows everything."""

    lang = forms.ChoiceField(label=gettext_lazy("Language"), required=False)
    kind = forms.ChoiceField(label=gettext_lazy("Kind"), required=False)

    def __init__(self, data, *, kinds):
        super().__init__(data)
        names = _language_names()
        self.fields["lang"].choices = [("", _("Kyrgyz and English"))] + [
            (code, names[code]) for code in target_languages()
        ]
        self.fields["kind"].choices = [("", _("All kinds")), *kinds]


def translation_desk_view(request):
    """What the public sees untranslated, the most important first: ?lang= one language,
    ?kind= one kind, with counts per language and kind."""
    everything = untranslated_content()
    kinds = list(dict.fromkeys((item.kind, str(item.kind_label)) for item in everything))
    form = TranslationFilterForm(request.GET, kinds=kinds)
    form.is_valid()
    language = form.cleaned_data.get("lang", "")
    kind = form.cleaned_data.get("kind", "")
    languages = [language] if language else target_languages()
    names = _language_names()
    counts = [
        {
            "kind": label,
            "counts": [
                sum(1 for item in everything if item.kind == code and item.lacks(lang))
                for lang in target_languages()
            ],
        }
        for code, label in kinds
    ]
    totals = Counter(lang for item in everything for lang in target_languages() if item.lacks(lang))
    listed = [
        {"item": item, "gaps": [gap for gap in item.gaps if gap.language in languages]}
        for item in everything
        if not kind or item.kind == kind
    ]
    listed = [row for row in listed if row["gaps"]]
    query = urlencode({key: value for key, value in (("lang", language), ("kind", kind)) if value})
    context = {
        "title": _("Untranslated content"),
        "form": form,
        "items": paginate(request, listed, PAGE_SIZE),
        "query": query,
        "languages": [(code, names[code]) for code in target_languages()],
        "shown_languages": languages,
        "totals": [totals[code] for code in target_languages()],
        "counts": counts,
        "found": len(listed),
    }
    return render(request, "core/admin/translation_desk.html", context)
