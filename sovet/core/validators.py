"""Validators for values people type: phones, Telegram links, years."""

import phonenumbers
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

DEFAULT_PHONE_REGION = "KG"


def normalize_phone(value: str) -> str:
    """A phone number in international form (+996 312 123 456); raises ValidationError."""
    try:
        number = phonenumbers.parse(value, DEFAULT_PHONE_REGION)
    except phonenumbers.NumberParseException:
        number = None
    if number is None or not phonenumbers.is_possible_number(number):
        raise ValidationError(
            _("Enter a phone number such as +996 312 123 456 or 0555 123 456."),
            code="invalid_phone",
        )
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def validate_phone(value: str) -> None:
    if value:
        normalize_phone(value)


def normalize_telegram(value: str) -> str:
    """Accept @name, t.me/name or a full link; return https://t.me/name."""
    value = value.strip()
    for prefix in ("https://", "http://"):
        value = value.removeprefix(prefix)
    value = (
        value.removeprefix("www.").removeprefix("t.me/").removeprefix("telegram.me/").lstrip("@")
    )
    name = value.split("/")[0].split("?")[0]
    if not name or not all(c.isalnum() or c == "_" for c in name) or len(name) < 4:
        raise ValidationError(
            _("Enter a Telegram link such as https://t.me/name or @name."), code="invalid_telegram"
        )
    return f"https://t.me/{name}"


def validate_telegram(value: str) -> None:
    if value and not value.startswith(("https://t.me/", "http://t.me/")):
        raise ValidationError(
            _("Enter a Telegram link such as https://t.me/name or @name."), code="invalid_telegram"
        )


def validate_web_links(value: str) -> None:
    """Several web addresses, one per line: only http(s), so no link can run a script."""
    check = URLValidator(schemes=["http", "https"])
    for line in filter(None, (line.strip() for line in value.splitlines())):
        try:
            check(line)
        except ValidationError as error:
            raise ValidationError(
                _(
                    "“%(link)s” is not a web address. Write one link per line, starting with https://."
                )
                % {"link": line[:100]},
                code="invalid_link",
            ) from error


def validate_not_future_year(value: int) -> None:
    if value is not None and value > timezone.localdate().year:
        raise ValidationError(_("The year cannot be in the future."), code="future_year")
