"""Month names for the ``E`` date format character, kept in the project's catalogues.

Django reads ``E`` as ``pgettext("alt. month", "April")``; our catalogues come before Django's,
so these entries decide it: Russian the genitive («2 апреля»), as Django has it; Kyrgyz the
possessive form a Kyrgyz date needs («2021-жылдын 2-апрели»); English the plain name. Marked
here so that makemessages keeps them.
"""

from django.utils.translation import pgettext_noop

ALT_MONTHS = (
    pgettext_noop("alt. month", "January"),
    pgettext_noop("alt. month", "February"),
    pgettext_noop("alt. month", "March"),
    pgettext_noop("alt. month", "April"),
    pgettext_noop("alt. month", "May"),
    pgettext_noop("alt. month", "June"),
    pgettext_noop("alt. month", "July"),
    pgettext_noop("alt. month", "August"),
    pgettext_noop("alt. month", "September"),
    pgettext_noop("alt. month", "October"),
    pgettext_noop("alt. month", "November"),
    pgettext_noop("alt. month", "December"),
)
