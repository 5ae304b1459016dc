"""The resolution import screen: paste or upload the adopted text, check the preview, confirm."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import importer, rules, services
from .models import DecisionKind

MAX_TEXT = 200_000


class ResolutionTextForm(forms.Form):
    text = forms.CharField(
        label=gettext_lazy("Text of the resolution"),
        widget=forms.Textarea(attrs={"rows": 16}),
        required=False,
        max_length=MAX_TEXT,
        help_text=gettext_lazy(
            "Markdown or plain text: each decision on its own line, starting with “-” or a number."
        ),
    )
    file = forms.FileField(label=gettext_lazy("or a .md / .txt file"), required=False)
    conference = forms.IntegerField(
        label=gettext_lazy("Conference number"),
        required=False,
        min_value=1,
        help_text=gettext_lazy("Only if the text does not name it."),
    )

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("file")
        if upload:
            if upload.size > MAX_TEXT * 4:
                raise ValidationError(_("The file is too large for a resolution."))
            try:
                cleaned["text"] = upload.read().decode("utf-8-sig")
            except UnicodeDecodeError as error:
                raise ValidationError(
                    _("Save the file in UTF-8 encoding and upload it again.")
                ) from error
        if not cleaned.get("text", "").strip():
            raise ValidationError(_("Paste the text of the resolution or choose its file."))
        return cleaned


def import_view(request):
    if not rules.can_manage_conferences(request.user):
        raise PermissionDenied
    form = ResolutionTextForm(request.POST or None, request.FILES or None)
    parsed = None
    if request.method == "POST" and form.is_valid():
        text, number = form.cleaned_data["text"], form.cleaned_data["conference"]
        parsed = importer.parse(text, conference_number=number)
        if "confirm" in request.POST and parsed.is_valid:
            kinds = {
                decision.number: request.POST.get(f"kind-{decision.number}", decision.kind)
                for decision in parsed.decisions
                if request.POST.get(f"kind-{decision.number}") in DecisionKind.values
            }
            try:
                resolution = services.resolution_import(
                    text=text, user=request.user, conference_number=number, kinds=kinds
                )
            except ValidationError as error:
                parsed.errors.extend(error.messages)
            else:
                messages.success(
                    request,
                    _("The resolution was imported: %(count)s decisions.")
                    % {"count": resolution.decisions.count()},
                )
                return redirect(
                    reverse("conferences_decision:index") + f"?resolution={resolution.pk}"
                )
        # The text stays in the form: the secretary corrects it and checks again.
        form = ResolutionTextForm(initial={"text": text, "conference": number})
    return render(
        request,
        "conferences/admin/import.html",
        {"form": form, "parsed": parsed, "kinds": DecisionKind.choices},
    )
