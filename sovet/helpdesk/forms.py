"""The requester's forms: a request to a legal-aid centre, and a reply on the request's page."""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from sovet.core.models import Region
from sovet.core.reach import PhoneField, ReachBackForm
from sovet.core.uploads import DocumentsField

from .models import Centre, Topic
from .services import ATTACHMENT_TYPES, MAX_ATTACHMENTS

MAX_TEXT = 5000
# Named in the visitor's language (the site's switcher names each in its own).
ANSWER_LANGUAGES = [
    ("ru", pgettext_lazy("language", "Russian")),
    ("ky", pgettext_lazy("language", "Kyrgyz")),
    ("en", pgettext_lazy("language", "English")),
]


def attachments_field() -> DocumentsField:
    return DocumentsField(
        label=_("Documents (optional)"),
        help_text=_(
            "Up to three files: scans or photos of documents (JPG, PNG, PDF, DOC, DOCX, ODT), "
            "up to 10 MB each. Photos are saved without their location and camera data."
        ),
        max_files=MAX_ATTACHMENTS,
        allowed_types=ATTACHMENT_TYPES,
        max_bytes="UPLOAD_MAX_IMAGE_BYTES",
    )


class RequestForm(ReachBackForm, forms.Form):
    """A request to a legal-aid centre: the question, the centre, how to reach the person."""

    reach_fields = ("email", "phone")

    topic = forms.ChoiceField(
        label=_("What is your question about?"),
        choices=Topic.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose the topic of your question.")},
    )
    description = forms.CharField(
        label=_("Your question"),
        help_text=_(
            "Describe your situation: what happened, what you have already done, which "
            "documents you have. Do not write passport numbers here."
        ),
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={"required": _("Please describe your question.")},
    )
    region = forms.ModelChoiceField(
        label=_("Where do you live? (optional)"),
        queryset=Region.objects.all(),
        required=False,
        empty_label=_("Not given"),
        help_text=_("We suggest the centre nearest to you."),
    )
    centre = forms.ModelChoiceField(
        label=_("Legal-aid centre"),
        queryset=Centre.objects.all(),
        required=False,
        widget=forms.RadioSelect,
        empty_label=None,
        help_text=_("Not sure? Choose your region above and leave this: we choose for you."),
    )
    language = forms.ChoiceField(
        label=_("Language of the answer"),
        choices=ANSWER_LANGUAGES,
        widget=forms.RadioSelect,
    )
    name = forms.CharField(label=_("Your name (optional)"), max_length=150, required=False)
    email = forms.EmailField(
        label=_("Your e-mail"),
        help_text=_("We send the answer and a link to your request there."),
    )
    phone = PhoneField(
        label=_("Your phone"),
        help_text=_("No e-mail? Give your phone and the centre will call you back."),
    )
    attachments = attachments_field()
    consent = forms.BooleanField(
        label=_(
            "I agree that the legal-aid centre processes the personal data in this request to "
            "answer it. Only the centre's staff read it; I can download or erase it at any time."
        ),
        error_messages={
            "required": _("Without your consent we cannot take the request. Tick the box.")
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].initial = translation.get_language() or settings.LANGUAGE_CODE
        self.fields["centre"].label_from_instance = lambda centre: centre.name

    def region_centres(self) -> dict[str, str]:
        """{region id: its centre's id}: the page's script checks the centre of the region."""
        pairs = Centre.regions.through.objects.values_list("region_id", "centre_id")
        return {str(region): str(centre) for region, centre in pairs}

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("centre") is None and "centre" not in self.errors:
            region = cleaned.get("region")
            centre = region.help_centres.order_by("sort_order", "pk").first() if region else None
            if centre is None:
                self.add_error(
                    "centre",
                    ValidationError(
                        gettext("Choose a centre, or your region and we will choose it."),
                        code="no_centre",
                    ),
                )
            else:
                cleaned["centre"] = centre
        return cleaned

    def request_data(self) -> dict:
        data = self.cleaned_data
        return {
            "centre": data["centre"],
            "topic": data["topic"],
            "description": data["description"],
            "language": data["language"],
            "email": data.get("email") or "",
            "phone": data.get("phone") or "",
            "name": data.get("name") or "",
            "region": data.get("region"),
            "attachments": data.get("attachments") or [],
        }


class ReplyForm(forms.Form):
    """The requester writes again on the request's page: a text and up to three files."""

    text = forms.CharField(
        label=_("Your message"),
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": _("Write your message.")},
    )
    attachments = attachments_field()
