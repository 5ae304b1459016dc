"""The form renderer writes the simplest widgets in Python: the same markup as Django's
templates, to the character, for every widget it writes, bound or not, valid or not."""

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates

from sovet.core.forms_renderer import QuickRenderer


class EveryWidget(forms.Form):
    text = forms.CharField(max_length=10, help_text="Help")
    email = forms.EmailField(required=False)
    number = forms.IntegerField()
    check = forms.BooleanField(required=False)
    area = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}))
    choice = forms.ChoiceField(choices=[("", "—"), ("x", "X & <y>"), ("G", [("1", "one")])])
    hidden = forms.CharField(widget=forms.HiddenInput)
    url = forms.URLField(required=False, assume_scheme="https")
    date = forms.DateField(required=False, widget=forms.DateInput(attrs={"type": "date"}))
    secret = forms.CharField(widget=forms.PasswordInput)
    search = forms.CharField(widget=forms.TextInput(attrs={"type": "search", "disabled": False}))


FILLED = {
    "text": 'x"<b>&',
    "email": "not an address",
    "number": "3",
    "check": "on",
    "area": "line\n<tag>",
    "choice": "1",
    "hidden": "z",
    "url": "https://example.org/?a=1&b=2",
    "date": "2020-01-01",
    "secret": "p",
    "search": "память",
}


@pytest.mark.parametrize("data", [None, FILLED, {}], ids=["unbound", "filled", "empty"])
def test_the_markup_is_the_templates_own(data):
    by_templates = EveryWidget(data, renderer=DjangoTemplates())
    quick = EveryWidget(data, renderer=QuickRenderer())
    for name in EveryWidget.base_fields:
        assert str(quick[name]) == str(by_templates[name]), name
