"""The forms of a request's page. Each one's service is in services.py; what the service refuses
comes back on the form's fields, with what was typed."""

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sovet.core.uploads import DocumentsField

from ..models import Status
from ..services import ATTACHMENT_TYPES, MAX_ATTACHMENTS


def files_field():
    return DocumentsField(
        label=gettext_lazy("Files (up to 3)"),
        max_files=MAX_ATTACHMENTS,
        allowed_types=ATTACHMENT_TYPES,
        max_bytes="UPLOAD_MAX_IMAGE_BYTES",
    )


class OwnIds(forms.Form):
    """A request's page holds several forms with a "text" field: each form's ids start with its
    own name (``answer-text``, ``note-text``), so every label names its own field."""

    id_prefix = ""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", f"{self.id_prefix}-%s")
        super().__init__(*args, **kwargs)


class AnswerForm(OwnIds):
    id_prefix = "answer"

    text = forms.CharField(
        label=gettext_lazy("Answer"),
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=gettext_lazy("The requester reads it on their page and gets it by e-mail."),
    )
    files = files_field()
    waiting = forms.BooleanField(
        label=gettext_lazy("Waiting for the requester (a document or a detail is needed)"),
        required=False,
    )


class NoteForm(OwnIds):
    id_prefix = "note"

    text = forms.CharField(
        label=gettext_lazy("Internal note"),
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("For the centre's staff only: the requester never sees it."),
    )


class StatusForm(OwnIds):
    id_prefix = "status"

    status = forms.ChoiceField(label=gettext_lazy("Status"), choices=Status.choices)
    referred_to = forms.CharField(
        label=gettext_lazy("Referred to (the body's name)"), max_length=255, required=False
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("status") == Status.REFERRED and not cleaned.get("referred_to", "").strip():
            self.add_error("referred_to", _("Name the body the request is referred to."))
        return cleaned


class AssignForm(OwnIds):
    id_prefix = "assign"

    assignee = forms.TypedChoiceField(
        label=gettext_lazy("Assigned to"), coerce=int, required=False, empty_value=None
    )

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.members = {user.pk: user for user in members}
        self.fields["assignee"].choices = [("", _("Nobody"))] + [
            (user.pk, str(user)) for user in members
        ]

    def chosen(self):
        pk = self.cleaned_data.get("assignee")
        return self.members.get(pk) if pk else None


class TransferForm(OwnIds):
    id_prefix = "transfer"

    to_centre = forms.ModelChoiceField(label=gettext_lazy("To the centre"), queryset=None)
    confirm = forms.BooleanField(
        label=gettext_lazy(
            "I understand that our centre will no longer see this request, only the fact of "
            "the transfer."
        ),
        error_messages={"required": gettext_lazy("Confirm the transfer to go on.")},
    )

    def __init__(self, *args, centres, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_centre"].queryset = centres
