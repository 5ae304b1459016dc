"""The volunteers' public forms: the shifts' filters, signing up as a volunteer, taking a place,
a guardian's signed form."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sovet.core.filters import FilterForm, choice_filter, region_filter
from sovet.core.models import Region
from sovet.core.reach import PhoneField
from sovet.organizations.models import Organization

from . import services
from .models import ADULT_AGE, Availability, Language, Skill, SlotRole, age_on


class ShiftFilterForm(FilterForm):
    region = region_filter()
    role = choice_filter(_("Role"), SlotRole.choices, every=_("Any role"))
    skill = choice_filter(_("Skill needed"), Skill.choices, every=_("Any skill"))
    date_from = forms.DateField(
        label=_("From"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )


def _checkboxes(label, choices, **kwargs) -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        label=label,
        choices=choices,
        widget=forms.CheckboxSelectMultiple,
        required=kwargs.pop("required", False),
        **kwargs,
    )


class JoinForm(forms.Form):
    full_name = forms.CharField(
        label=_("Full name"),
        max_length=150,
        help_text=_("Family name, first name and patronymic, as in your passport."),
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    birth_date = forms.DateField(
        label=_("Date of birth"),
        widget=forms.DateInput(attrs={"type": "date", "autocomplete": "bday"}, format="%Y-%m-%d"),
    )
    region = forms.ModelChoiceField(
        label=_("Region"), queryset=Region.objects.all(), empty_label=_("Choose a region")
    )
    city = forms.CharField(label=_("City or village"), max_length=100, required=False)
    phone = PhoneField(label=_("Phone"))
    languages = _checkboxes(_("Languages you speak"), Language.choices)
    skills = _checkboxes(_("What you can do"), Skill.choices)
    availability = _checkboxes(_("When you can help"), Availability.choices)
    organization = forms.ModelChoiceField(
        label=_("Your organization (if any)"),
        queryset=Organization.objects.only("pk", "name_ru", "name_ky", "name_en").order_by(
            "name_ru"
        ),
        required=False,
        empty_label=_("None"),
    )
    guardian_name = forms.CharField(
        label=_("Parent's or guardian's full name"), max_length=150, required=False
    )
    guardian_email = forms.EmailField(
        label=_("Parent's or guardian's e-mail"),
        required=False,
        help_text=_("They get a link to confirm. Without an e-mail, you upload a signed form."),
    )
    guardian_phone = PhoneField(label=_("Parent's or guardian's phone"))
    consent = forms.BooleanField(
        label=_(
            "I agree to the processing of my personal data to take part in volunteer work "
            "of the Council and its organizations."
        ),
        required=True,
    )

    GUARDIAN_FIELDS = ("guardian_name", "guardian_email", "guardian_phone")

    def __init__(self, *args, account_email: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.account_email = (account_email or "").strip().lower()
        # In the visitor's language where the organization has its name in it.
        self.fields["organization"].label_from_instance = lambda organization: organization.name

    def profile_fields(self):
        return [field for field in self if field.name not in (*self.GUARDIAN_FIELDS, "consent")]

    def guardian_fields(self):
        return [self[name] for name in self.GUARDIAN_FIELDS]

    def clean_birth_date(self):
        birth_date = self.cleaned_data["birth_date"]
        services.check_birth_date(birth_date)
        return birth_date

    def clean(self):
        cleaned = super().clean()
        birth_date = cleaned.get("birth_date")
        if birth_date and age_on(birth_date, timezone.localdate()) < ADULT_AGE:
            if not cleaned.get("guardian_name"):
                self.add_error(
                    "guardian_name",
                    ValidationError(
                        _("You are under 18: give a parent's or guardian's name."),
                        code="guardian_required",
                    ),
                )
            if (
                "guardian_email" not in self.errors
                and "guardian_phone" not in self.errors
                and not cleaned.get("guardian_email")
                and not cleaned.get("guardian_phone")
            ):
                self.add_error(
                    "guardian_email",
                    ValidationError(
                        _("You are under 18: give your parent's or guardian's e-mail or phone."),
                        code="guardian_contact",
                    ),
                )
            self._refuse_self_as_guardian(cleaned)
        return cleaned

    def _refuse_self_as_guardian(self, cleaned) -> None:
        """A minor's own e-mail (the account's, any case) or phone is not a guardian's."""
        email = (cleaned.get("guardian_email") or "").strip().lower()
        if email and email == self.account_email and "guardian_email" not in self.errors:
            self.add_error(
                "guardian_email",
                ValidationError(
                    _("This is your own e-mail: give your parent's or guardian's."),
                    code="own_email",
                ),
            )
        phone = cleaned.get("guardian_phone") or ""
        if phone and phone == cleaned.get("phone") and "guardian_phone" not in self.errors:
            self.add_error(
                "guardian_phone",
                ValidationError(
                    _("This is your own phone: give your parent's or guardian's."),
                    code="own_phone",
                ),
            )

    def guardian(self) -> dict:
        data = self.cleaned_data
        return {
            "name": data.get("guardian_name", ""),
            "email": data.get("guardian_email", ""),
            "phone": data.get("guardian_phone", ""),
        }

    def profile(self) -> dict:
        data = self.cleaned_data
        return {
            name: data[name]
            for name in (
                "full_name", "birth_date", "region", "city", "phone", "languages", "skills",
                "availability", "organization", "consent",
            )
        }  # fmt: skip


class SignupForm(forms.Form):
    """The role to take on a shift: one of its slots."""

    slot = forms.TypedChoiceField(label=_("Role"), coerce=int, widget=forms.RadioSelect)

    def __init__(self, *args, slots=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slot"].choices = [(slot.pk, slot.get_role_display()) for slot in slots]
        if len(slots) == 1:
            self.fields["slot"].initial = slots[0].pk


class ConsentUploadForm(forms.Form):
    form = forms.FileField(
        label=_("Signed consent form"),
        help_text=_("A PDF, or a clear photo of the signed paper (JPG or PNG)."),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}),
    )
