"""Forms of the public story pages: who the story is about, the story itself, and its changes.

Files are checked here (core.images, core.uploads) so that the services receive clean photos and documents
of an allowed type; nothing is stored until `stories.story_submit` runs.
"""

import os
import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from sovet.core.images import check_image
from sovet.core.reach import PhoneField, ReachBackForm
from sovet.core.uploads import check_document
from sovet.memory.models import MAY_BE_ALIVE, Relation, Story, WarParticipant

# The years a participant of the war (a child of war included) can have been born in.
BIRTH_YEARS = (1850, 1945)
MAX_PHOTOS = 3
MAX_DOCUMENTS = 2
DOCUMENT_TYPES = ("pdf", "jpg", "png")
MAX_STORY_LENGTH = 20_000
MAX_VARIANTS = 10

# A tag, a comment or an entity as a browser would read them: "<b>", "</p>", "<!-- -->",
# "<script", "&lt;". A lone "<" in a sentence is fine: it is escaped on display anyway.
_MARKUP = re.compile(r"<\s*/?\s*[a-zA-Z!?][^<>]*>|<\s*script|&#?[a-zA-Z0-9]+;", re.IGNORECASE)
# Letters, spaces and what joins parts of names: hyphens, apostrophes, dots of initials, and
# brackets around a former surname («Иванова (Петрова)»).
_NAME_PUNCTUATION = set(" -‐–'’ʼ.()")


def validate_plain_text(value: str) -> None:
    if value and _MARKUP.search(value):
        raise ValidationError(
            _(
                "Please write plain text, without HTML tags or code: remove the parts in "
                "angle brackets (< >)."
            ),
            code="markup",
        )


def validate_person_name(value: str) -> None:
    """A name as people write it: letters, maybe joined by hyphens or apostrophes."""
    if not value:
        return
    if any(char.isdigit() for char in value):
        raise ValidationError(_("A name cannot contain digits."), code="digits")
    if not any(char.isalpha() for char in value):
        raise ValidationError(_("Write the name in letters."), code="no_letters")
    if any(not char.isalpha() and char not in _NAME_PUNCTUATION for char in value):
        raise ValidationError(
            _("Use only letters, spaces, hyphens and apostrophes in a name."), code="bad_char"
        )


def _name_field(label, *, required: bool = True, max_length: int = 100) -> forms.CharField:
    return forms.CharField(
        label=label,
        max_length=max_length,
        required=required,
        validators=[validate_person_name],
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )


class PersonLookupForm(forms.Form):
    """Step 1: who the story is about, to find them among the published cards first."""

    surname = _name_field(_("Surname"))
    given_name = _name_field(_("Given name"))
    patronymic = _name_field(_("Patronymic"), required=False)
    birth_year = forms.IntegerField(
        label=_("Year of birth (if you know it)"),
        min_value=BIRTH_YEARS[0],
        max_value=BIRTH_YEARS[1],
        required=False,
    )

    def full_name(self) -> str:
        data = self.cleaned_data
        return " ".join(
            part for part in (data["surname"], data["given_name"], data["patronymic"]) if part
        )


class NewPersonForm(forms.ModelForm):
    """Step 2 for someone not in the archive yet: what the family knows about the person."""

    class Meta:
        model = WarParticipant
        fields = [
            "surname",
            "given_name",
            "patronymic",
            "name_variants",
            "birth_date",
            "birth_place",
            "conscription_place",
            "rank",
            "fate",
            "death_date",
            "burial_place",
            "category",
            "region",
        ]
        widgets = {"name_variants": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["given_name"].required = True
        for name in ("surname", "given_name", "patronymic"):
            self.fields[name].validators.append(validate_person_name)
        for name in ("birth_place", "conscription_place", "rank", "burial_place"):
            self.fields[name].validators.append(validate_plain_text)
        self.fields["region"].empty_label = _("Not known")
        # Both are required, and chosen already: the form says so (see story_new.html).
        self.fields["fate"].help_text = _("Leave «Unknown» if you are not sure.")
        self.fields["category"].help_text = _(
            "Most people in the archive fought at the front: change it if the person did not."
        )
        self.fields["birth_date"].help_text = _(
            "As exactly as you know it: 1921, 05.1921, about 1921."
        )
        self.fields["death_date"].help_text = self.fields["birth_date"].help_text

    def clean_name_variants(self):
        lines = [line.strip() for line in self.cleaned_data["name_variants"].splitlines()]
        lines = [line for line in lines if line]
        if len(lines) > MAX_VARIANTS:
            raise ValidationError(
                _("Write at most %(count)s other spellings, one per line."),
                code="too_many",
                params={"count": MAX_VARIANTS},
            )
        for line in lines:
            validate_person_name(line)
        return "\n".join(lines)

    def _not_in_future(self, name):
        value = self.cleaned_data.get(name)
        if value and value.earliest() > timezone.localdate():
            raise ValidationError(_("The date cannot be in the future."), code="future")
        return value

    def clean_birth_date(self):
        value = self._not_in_future("birth_date")
        if value and not BIRTH_YEARS[0] <= value.year <= BIRTH_YEARS[1]:
            raise ValidationError(
                _("A participant of the war was born between %(first)s and %(last)s."),
                code="implausible",
                params={"first": BIRTH_YEARS[0], "last": BIRTH_YEARS[1]},
            )
        return value

    def clean_death_date(self):
        return self._not_in_future("death_date")

    def clean(self):
        data = super().clean()
        born, died = data.get("birth_date"), data.get("death_date")
        if born and died and died.latest() < born.earliest():
            self.add_error(
                "death_date",
                ValidationError(
                    _("The date of death is before the date of birth."), code="death_before_birth"
                ),
            )
        return data

    def lookup(self) -> dict:
        """What step 1 asks, from the data as typed: for the possible duplicates above the form."""
        data = getattr(self, "cleaned_data", {})
        birth = data.get("birth_date")
        return {
            "surname": data.get("surname") or "",
            "given_name": data.get("given_name") or "",
            "patronymic": data.get("patronymic") or "",
            "birth_year": birth.year if birth else None,
        }

    def person_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


def _plain_text_field(label, *, max_length, required=False, help_text="", widget=None):
    return forms.CharField(
        label=label,
        max_length=max_length,
        required=required,
        help_text=help_text,
        validators=[validate_plain_text],
        widget=widget,
    )


# Numbered labels translated when shown, in the reader's language: `_(...) % {...}` would be
# translated once, in the language active when this module was imported.
_photo_label = lazy(lambda number: gettext("Photo %(number)s") % {"number": number}, str)
_caption_label = lazy(
    lambda number: gettext("Caption of photo %(number)s") % {"number": number}, str
)
_document_label = lazy(lambda number: gettext("Document %(number)s") % {"number": number}, str)


def _photo_field(number):
    return forms.FileField(
        label=_photo_label(number),
        required=False,
        widget=forms.FileInput(attrs={"accept": "image/jpeg,image/png,image/webp,image/gif"}),
    )


def _caption_field(number):
    return _plain_text_field(
        _caption_label(number),
        max_length=255,
        help_text=_("Who is in the photo, where and when it was taken."),
    )


def _document_field(number):
    return forms.FileField(
        label=_document_label(number),
        required=False,
        widget=forms.FileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}),
    )


class StoryContentForm(forms.Form):
    """What a story says and shows: its text, photos and proof documents."""

    title = _plain_text_field(_("Title"), max_length=200)
    text = _plain_text_field(
        _("The story"),
        max_length=MAX_STORY_LENGTH,
        required=True,
        help_text=_("Plain text. Leave an empty line between paragraphs."),
        widget=forms.Textarea(attrs={"rows": 12}),
    )
    signature = _plain_text_field(
        _("Signature under the story (optional)"),
        max_length=150,
        help_text=_("Shown with the story, e.g. «внучка Анна». Your name and e-mail stay private."),
    )
    photo_1, caption_1 = _photo_field(1), _caption_field(1)
    photo_2, caption_2 = _photo_field(2), _caption_field(2)
    photo_3, caption_3 = _photo_field(3), _caption_field(3)
    document_1, document_2 = _document_field(1), _document_field(2)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["text"].error_messages["required"] = _(
            "Write the story: a few lines about the person are enough."
        )

    def _clean_photo(self, name):
        upload = self.cleaned_data.get(name)
        return check_image(upload) if upload else None

    def clean_photo_1(self):
        return self._clean_photo("photo_1")

    def clean_photo_2(self):
        return self._clean_photo("photo_2")

    def clean_photo_3(self):
        return self._clean_photo("photo_3")

    def _clean_document(self, name):
        upload = self.cleaned_data.get(name)
        if not upload:
            return None
        return check_document(upload, allowed_types=DOCUMENT_TYPES)

    def clean_document_1(self):
        return self._clean_document("document_1")

    def clean_document_2(self):
        return self._clean_document("document_2")

    # The form's parts, for the template's fieldsets (a field a form lacks is left out).
    def _present(self, names):
        return [self[name] for name in names if name in self.fields]

    def text_fields(self):
        return self._present(("title", "text", "signature", "relation"))

    def sender_fields(self):
        return self._present(("submitter_name", "submitter_email", "submitter_phone"))

    def consent_fields(self):
        return self._present(("consent", "consent_alive"))

    def photo_groups(self):
        """(photo field, caption field) for each photo, for the template."""
        return [(self[f"photo_{n}"], self[f"caption_{n}"]) for n in range(1, MAX_PHOTOS + 1)]

    def document_fields(self):
        return [self[f"document_{n}"] for n in range(1, MAX_DOCUMENTS + 1)]

    def photos(self) -> list[tuple]:
        """The clean photos with their captions, in order."""
        return [
            (self.cleaned_data[f"photo_{n}"], self.cleaned_data[f"caption_{n}"])
            for n in range(1, MAX_PHOTOS + 1)
            if self.cleaned_data.get(f"photo_{n}")
        ]

    def documents(self) -> list[tuple]:
        """The checked documents with the names they were sent with."""
        return [
            (upload, os.path.basename(upload.name or ""))
            for n in range(1, MAX_DOCUMENTS + 1)
            if (upload := self.cleaned_data.get(f"document_{n}"))
        ]

    def content(self) -> dict:
        return {
            "title": self.cleaned_data["title"],
            "text": self.cleaned_data["text"],
            "signature": self.cleaned_data["signature"],
            "photos": self.photos(),
            "documents": self.documents(),
        }


ALIVE_CONSENT_LABEL = _(
    "The person may be alive (a home front worker, a survivor of the siege of Leningrad or a "
    "child of war): they or their family agree that their card is published."
)


class StoryForm(ReachBackForm, StoryContentForm):
    """A new story: its content, who sends it (an e-mail, a phone or both), and the consents to
    publish."""

    reach_fields = ("submitter_email", "submitter_phone")

    relation = forms.ChoiceField(
        label=_("Who are you to this person?"), choices=[("", "—"), *Relation.choices]
    )
    submitter_name = forms.CharField(label=_("Your name"), max_length=150)
    submitter_email = forms.EmailField(
        label=_("Your e-mail"),
        help_text=_("We send a link to confirm it, and tell you when the story is read."),
    )
    submitter_phone = PhoneField(
        label=_("Your phone"),
        help_text=_(
            "No e-mail? Give your phone: the story goes straight to the moderators, who will "
            "call you back."
        ),
    )
    consent = forms.BooleanField(
        label=_(
            "I agree that the story and the photos are published in the memory archive, and "
            "that my name, e-mail and phone are kept to contact me about it."
        ),
        error_messages={"required": _("The story can only be published with your consent.")},
    )
    consent_alive = forms.BooleanField(label=ALIVE_CONSENT_LABEL, required=False)

    def __init__(self, *args, may_be_alive: bool | None = None, **kwargs):
        """may_be_alive: whether the person's category means they may be alive; None when the
        category is chosen in the same form (a new person): the box is then always shown."""
        super().__init__(*args, **kwargs)
        self.may_be_alive = may_be_alive
        self.fields["submitter_name"].validators.append(validate_plain_text)
        if may_be_alive is False:
            del self.fields["consent_alive"]
        elif may_be_alive:
            self.fields["consent_alive"].label = _(
                "This person may be alive: they or their family agree that the story and the "
                "card are published."
            )

    def set_category(self, category: str) -> None:
        """For a new person: the category chosen in the same form decides the second consent."""
        self.may_be_alive = category in MAY_BE_ALIVE

    def clean(self):
        data = super().clean()
        if self.may_be_alive and "consent_alive" in self.fields and not data.get("consent_alive"):
            self.add_error(
                "consent_alive",
                ValidationError(
                    _(
                        "This person may be alive: the story is published only if they or "
                        "their family agree. Tick the box to confirm it."
                    ),
                    code="needs_consent",
                ),
            )
        return data

    def submission(self) -> dict:
        """Keyword arguments of `stories.story_submit`, besides the person."""
        data = self.cleaned_data
        return {
            **self.content(),
            "relation": data["relation"],
            "submitter_name": data["submitter_name"],
            "submitter_email": data["submitter_email"],
            "submitter_phone": data["submitter_phone"],
            "consent": data["consent"],
            "consent_alive": bool(data.get("consent_alive")),
        }


class ResubmitForm(StoryContentForm):
    """The submitter's changes after a moderator asked for them."""

    consent_alive = forms.BooleanField(label=ALIVE_CONSENT_LABEL, required=False)

    def __init__(self, *args, story: Story, **kwargs):
        super().__init__(*args, **kwargs)
        card = story.participant
        # Asked only while the card still lacks the consent it needs.
        if card.category not in MAY_BE_ALIVE or card.consent_to_publish:
            del self.fields["consent_alive"]
        if not self.is_bound:
            self.initial = {"title": story.title, "text": story.text, "signature": story.signature}

    def changes(self) -> dict:
        return {**self.content(), "consent_alive": bool(self.cleaned_data.get("consent_alive"))}
