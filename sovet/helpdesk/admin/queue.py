"""The queue: one centre's requests by tab (new, mine, waiting, overdue, open, finished), filtered
by topic, language and age, a page at a time, with a constant number of queries."""

from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sovet.core.pages import paginate

from .. import queries, rules
from ..models import Topic
from .guards import only

PAGE_SIZE = 30
TAB_NAMES = [name for name, _label in queries.TABS]

AGES = [
    ("", gettext_lazy("Any age")),
    ("2", gettext_lazy("Older than 2 days")),
    ("7", gettext_lazy("Older than 7 days")),
    ("30", gettext_lazy("Older than 30 days")),
]


class QueueFilterForm(forms.Form):
    """The queue's filters, read from the address (a bad value drops that filter alone)."""

    topic = forms.ChoiceField(
        label=gettext_lazy("Topic"),
        required=False,
        choices=[("", gettext_lazy("All topics")), *Topic.choices],
    )
    language = forms.ChoiceField(
        label=gettext_lazy("Language"),
        required=False,
        choices=[("", gettext_lazy("All languages")), *settings.LANGUAGES],
    )
    age = forms.ChoiceField(label=gettext_lazy("Received"), required=False, choices=AGES)

    def values(self) -> dict:
        self.is_valid()
        return {name: self.cleaned_data.get(name, "") for name in self.fields}


def chosen_centre(request):
    """The centre the user looks at: ?centre= among theirs, else their first."""
    centres = list(rules.user_centres(request.user))
    wanted = request.GET.get("centre", "")
    for centre in centres:
        if str(centre.pk) == wanted:
            return centre, centres
    return centres[0], centres


@only(rules.works_at_desk)
def queue_view(request):
    centre, centres = chosen_centre(request)
    tab = request.GET.get("tab", "")
    if tab not in TAB_NAMES:
        tab = "open"
    form = QueueFilterForm(request.GET)
    chosen = form.values()
    requests = queries.queue(
        request.user,
        centre_id=centre.pk,
        tab=tab,
        topic=chosen["topic"],
        language=chosen["language"],
        age=int(chosen["age"] or 0),
    )
    page = paginate(request, requests, PAGE_SIZE)
    today = timezone.localdate()
    rows = [(item, queries.is_overdue(item, today)) for item in page]
    counts = queries.tab_counts(request.user, centre_id=centre.pk)
    base = {"centre": centre.pk} if len(centres) > 1 else {}
    filters = {name: value for name, value in chosen.items() if value}
    tabs = [
        (name, label, counts[name], "?" + urlencode({**base, "tab": name, **filters}))
        for name, label in queries.TABS
    ]
    context = {
        "title": _("Help requests"),
        "centre": centre,
        "centres": centres,
        "tab": tab,
        "tabs": tabs,
        "form": form,
        "rows": rows,
        "items": page,
        "query": urlencode({**base, "tab": tab, **filters}),
        "transfers_url": reverse("helpdesk_transfers") + ("?" + urlencode(base) if base else ""),
    }
    return render(request, "helpdesk/admin/queue.html", context)
