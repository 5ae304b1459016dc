"""How we reach a visitor back: an e-mail, a phone number, or both — at least one.

Many older compatriots have a phone and no e-mail, so no public form insists on an address.

- `phone_e164`: a number as people type it ("0555 123 456", "+7 916 …") in E.164
  ("+996555123456"), Kyrgyzstan's +996 when no country is given; a ValidationError otherwise.
- `PhoneField`: the form field (a phone's dial pad, autocomplete "tel"), cleaned by `phone_e164`.
- `ReachBackForm`: a form mixin; ``reach_fields = ("email", "phone")`` names the pair, and the
  form refuses neither with one clear message, keeping everything typed.
- `CallBack`: the abstract model of a submission staff may have to call back
  (``called_back_at``, ``called_back_by``; ``phone_only`` when there is no e-mail).
- `mark_called_back`: the write a service `<entity>_called_back` makes (and logs).

A phone-only submission skips the e-mail confirmation step (there is nothing to confirm) and goes
straight to the staff, marked "phone only: call back"; rate limits and moderation hold as ever.
Letters go only where there is an address (`has_email`). Phones are personal data: staff pages
only, erased where the e-mails are.
"""

import phonenumbers
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .validators import DEFAULT_PHONE_REGION

__all__ = [
    "CallBack",
    "PhoneField",
    "ReachBackForm",
    "has_email",
    "mark_called_back",
    "phone_display",
    "phone_e164",
]

PHONE_INVALID = _("Enter a phone number such as 0555 123 456 or +996 312 123 456.")
NEITHER = _("Give an e-mail or a phone number (or both): otherwise we cannot reach you about this.")


def phone_e164(value: str) -> str:
    """The number in E.164 (+996555123456); "" for nothing; ValidationError for a wrong one."""
    value = (value or "").strip()
    if not value:
        return ""
    try:
        number = phonenumbers.parse(value, DEFAULT_PHONE_REGION)
    except phonenumbers.NumberParseException:
        number = None
    if number is None or not phonenumbers.is_valid_number(number):
        raise ValidationError(PHONE_INVALID, code="invalid_phone")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def phone_display(value: str) -> str:
    """A stored number as people read it: +996 555 123 456 (anything else as it is)."""
    try:
        number = phonenumbers.parse(value, DEFAULT_PHONE_REGION)
    except phonenumbers.NumberParseException:
        return value
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def has_email(address: str) -> bool:
    """Whether a letter can go there (an erased registration keeps a placeholder ….invalid)."""
    return bool(address) and not address.endswith("@invalid")


class TelInput(forms.TextInput):
    input_type = "tel"  # a phone shows its dial pad


class PhoneField(forms.CharField):
    """A phone number, cleaned to E.164 (+996 when no country is given); optional by default."""

    widget = TelInput

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 32)
        kwargs.setdefault("required", False)
        kwargs.setdefault("label", _("Phone"))
        super().__init__(**kwargs)

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        attrs.update(autocomplete="tel")
        return attrs

    def clean(self, value):
        return phone_e164(super().clean(value))


class ReachBackForm:
    """Mixin for a form with an e-mail and a phone: at least one of them.

    ``reach_fields``: the names of the e-mail field and the phone field. Both are made optional;
    the message for neither goes on the e-mail field, the first of the two on the page.
    """

    reach_fields = ("email", "phone")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.reach_fields:
            if name in self.fields:
                self.fields[name].required = False

    def reach_pair(self) -> tuple[str, str] | None:
        email, phone = self.reach_fields
        if email in self.fields and phone in self.fields:
            return email, phone
        return None

    def clean(self):
        cleaned = super().clean()
        pair = self.reach_pair()
        if pair is None:
            return cleaned
        email, phone = pair
        if email in self.errors or phone in self.errors:
            return cleaned  # a wrong one is told as such, not as a missing one
        if not cleaned.get(email) and not cleaned.get(phone):
            self.add_error(email, ValidationError(NEITHER, code="no_contact"))
        return cleaned


class CallBack(models.Model):
    """A submission with a phone: staff call back and say so (who, when).

    The model names its e-mail and phone fields in ``reach_fields``."""

    reach_fields = ("email", "phone")

    called_back_at = models.DateTimeField(
        _("called back at"), null=True, blank=True, editable=False
    )
    called_back_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("called back by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )

    class Meta:
        abstract = True

    @property
    def reach_email(self) -> str:
        return getattr(self, self.reach_fields[0])

    @property
    def reach_phone(self) -> str:
        return getattr(self, self.reach_fields[1])

    @property
    def phone_only(self) -> bool:
        """No e-mail: the only way back is a call."""
        return bool(self.reach_phone) and not has_email(self.reach_email)

    @property
    def needs_call_back(self) -> bool:
        return self.phone_only and self.called_back_at is None


def mark_called_back(obj: CallBack, *, by) -> bool:
    """Record that ``by`` called the submitter back; False when somebody already had (or there
    is no phone to call). The caller's service logs it, in its transaction."""
    if not obj.reach_phone:
        return False
    now = timezone.now()
    done = (
        type(obj)
        ._default_manager.filter(pk=obj.pk, called_back_at__isnull=True)
        .update(called_back_at=now, called_back_by=by)
    )
    if done:
        obj.called_back_at, obj.called_back_by = now, by
    return bool(done)
