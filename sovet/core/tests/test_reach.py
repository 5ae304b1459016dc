"""core.reach: an e-mail or a phone, at least one; phones in E.164 with +996 by default."""

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.template import Context, Template
from django.utils import translation

from sovet.core.reach import NEITHER, PhoneField, ReachBackForm, has_email, phone_e164


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("0555 123 456", "+996555123456"),
        ("0 (555) 12-34-56", "+996555123456"),
        ("555123456", "+996555123456"),
        ("+996 312 62-00-00", "+996312620000"),
        ("996700123456", "+996700123456"),
        ("+7 916 123-45-67", "+79161234567"),
        ("", ""),
        ("   ", ""),
    ],
)
def test_numbers_as_people_type_them_are_stored_in_e164(typed, stored):
    assert phone_e164(typed) == stored


@pytest.mark.parametrize("typed", ["12", "+996 555 000", "телефон", "8 916 123 45 67 00 00"])
def test_a_wrong_number_is_refused_with_an_example(typed):
    with pytest.raises(ValidationError) as error:
        phone_e164(typed)
    assert error.value.code == "invalid_phone"
    assert "0555 123 456" in error.value.messages[0]


class ContactForm(ReachBackForm, forms.Form):
    name = forms.CharField()
    email = forms.EmailField()
    phone = PhoneField()


@pytest.mark.parametrize(
    ("email", "phone"),
    [("anna@example.org", ""), ("", "0555 123 456"), ("anna@example.org", "0555 123 456")],
)
def test_an_email_a_phone_or_both_are_enough(email, phone):
    form = ContactForm({"name": "Анна", "email": email, "phone": phone})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["phone"] == ("+996555123456" if phone else "")


def test_neither_is_refused_on_the_email_field_with_one_message():
    with translation.override("ru"):
        form = ContactForm({"name": "Анна", "email": "", "phone": ""})
        assert not form.is_valid()
        assert list(form.errors) == ["email"]
        assert form.errors["email"] == [str(NEITHER)]
        assert "телефона" in form.errors["email"][0]  # translated
        html = str(form["name"])
    assert 'value="Анна"' in html  # what was typed stays


def test_a_bad_phone_is_told_as_such_not_as_missing():
    form = ContactForm({"name": "Анна", "email": "", "phone": "12"})
    assert not form.is_valid()
    assert list(form.errors) == ["phone"]
    assert 'value="12"' in str(form["phone"])


def test_the_phone_field_opens_the_dial_pad():
    html = str(ContactForm()["phone"])
    assert 'type="tel"' in html and 'autocomplete="tel"' in html
    assert html.count("type=") == 1


def test_the_phone_filter_reads_a_stored_number():
    template = Template("{% load sovet %}{{ number|phone }}|{{ empty|phone }}")
    assert template.render(Context({"number": "+996555123456", "empty": ""})) == (
        "+996 555 123 456|"
    )


def test_an_erased_address_is_no_address():
    assert has_email("a@example.org")
    assert not has_email("") and not has_email("erased-12@invalid")
