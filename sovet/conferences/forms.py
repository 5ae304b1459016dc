"""Forms of the conferences app that are not the admin's registries."""

from datetime import date

from django import forms
from django.core.exceptions import ValidationError
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

DATE_INPUTS = ["%Y-%m-%d", "%d.%m.%Y"]  # a browser's date field; a date typed by hand


def _date_field(label):
    return forms.DateField(
        label=label,
        required=False,
        input_formats=DATE_INPUTS,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Enter a date such as 02.04.2021.")},
    )


class PeriodForm(forms.Form):
    """The period of the report: from the resolution's adoption at the earliest, to today at
    the latest. An empty field takes that limit."""

    start = _date_field(_("From"))
    end = _date_field(_("To"))

    def __init__(self, data, *, resolution, today: date):
        super().__init__(data)
        self.first_day, self.today = resolution.adopted_on, today

    def clean(self):
        cleaned = super().clean()
        # A field typed wrong has its own message; the other is still checked.
        start = (cleaned.get("start") or self.first_day) if "start" not in self.errors else None
        end = (cleaned.get("end") or self.today) if "end" not in self.errors else None
        if start and start < self.first_day:
            self.add_error(
                "start",
                gettext("The resolution was adopted on %(date)s: the period cannot start earlier.")
                % {"date": date_format(self.first_day, "DATE_FORMAT")},
            )
        if end and end > self.today:
            self.add_error(
                "end",
                gettext("The period cannot end after today, %(date)s.")
                % {"date": date_format(self.today, "DATE_FORMAT")},
            )
        if start and end and start > end:
            raise ValidationError(gettext("The period must start before it ends."))
        cleaned["start"], cleaned["end"] = start, end
        return cleaned


def period_presets(resolution, today: date, *, next_adopted_on: date | None = None):
    """Periods a secretary usually reports on, as (label, start, end): from the adoption to
    today, to the next conference when it has met, and each calendar year since the adoption."""
    first = resolution.adopted_on
    presets = [(gettext("From the adoption to today"), first, today)]
    if next_adopted_on and first <= next_adopted_on <= today:
        presets.append((gettext("To the next conference"), first, next_adopted_on))
    for year in range(first.year, today.year + 1):
        presets.append((str(year), max(first, date(year, 1, 1)), min(today, date(year, 12, 31))))
    return presets
