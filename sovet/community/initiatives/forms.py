"""The initiatives' forms: the public list's filter, proposing, supporting; the youth council's
check and answer (admin)."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from sovet.core.filters import FilterForm, choice_filter
from sovet.core.i18n import language_of
from sovet.organizations.models import Organization

from . import queries


class OrganizationSelect(forms.Select):
    """Organizations' names fall back to Russian: each option says which language it shows."""

    def create_option(self, name, value, *args, **kwargs):
        option = super().create_option(name, value, *args, **kwargs)
        instance = getattr(value, "instance", None)
        if instance is not None:
            option["attrs"]["lang"] = language_of(instance, "name")
        return option


def _organizations():
    return forms.ModelChoiceField(
        label=_("Organization that could help"),
        queryset=Organization.objects.order_by("name_ru", "pk"),
        required=False,
        empty_label=_("Not chosen"),
        widget=OrganizationSelect,
    )


class InitiativeFilterForm(FilterForm):
    status = choice_filter(_("Status"), queries.PUBLIC_STATUSES, every=_("All initiatives"))


class ProposeForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=150)
    summary = forms.CharField(
        label=_("What and why"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("What you propose to do, for whom, and why it matters."),
    )
    needs = forms.CharField(
        label=_("What is needed"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Volunteers, a place, materials, transport, permissions…"),
    )
    organization = _organizations()
    notify_author = forms.BooleanField(
        label=_("E-mail me when the status changes"), required=False, initial=True
    )

    def service_data(self) -> dict:
        return dict(self.cleaned_data)


class SupportForm(forms.Form):
    notify = forms.BooleanField(label=_("E-mail me when the status changes"), required=False)


class CheckForm(forms.Form):
    """The technical check: clear, lawful, not a duplicate."""

    decision = forms.TypedChoiceField(
        label=_("Result of the technical check"),
        choices=[
            ("admit", _("Admit: publish and collect supports")),
            ("refuse", pgettext_lazy("initiative check", "Refuse")),
        ],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Note to the author"),
        help_text=_("Required when the initiative is refused: the author reads it as the reason."),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def clean(self):
        data = super().clean()
        if data.get("decision") == "refuse" and not data.get("note", "").strip():
            raise ValidationError({"note": _("Say why the initiative is not admitted.")})
        return data


class AnswerForm(forms.Form):
    """The youth council's official answer."""

    decision = forms.ChoiceField(
        label=pgettext_lazy("initiative", "The answer"),
        choices=[("accept", _("Accept: it becomes a project")), ("decline", _("Decline"))],
        widget=forms.RadioSelect,
    )
    answer = forms.CharField(
        label=_("The youth council's answer"),
        help_text=_("Published on the initiative's page; when declining, give the reasons."),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    organization = forms.ModelChoiceField(
        label=_("Organization that runs the project"),
        queryset=Organization.objects.order_by("name_ru", "pk"),
        required=False,
        help_text=_("When accepting; by default, the one the author named."),
        widget=OrganizationSelect,
    )
