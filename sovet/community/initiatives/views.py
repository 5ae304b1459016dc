"""The initiatives' public pages, routes of `VolunteersPage` (``page`` is that page): the list,
one initiative, proposing one, supporting one."""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy

from sovet.core.pages import paginate
from sovet.core.public import RateLimit, private, render_page

from .. import rules
from ..models import Volunteer
from . import queries, services
from .forms import InitiativeFilterForm, ProposeForm, SupportForm

PAGE_SIZE = 20
PROPOSE_LIMIT = RateLimit(
    "community-initiative",
    "5/h",
    gettext_lazy("Too many initiatives from your address. Please try again in an hour."),
)


def _url(page, initiative=None) -> str:
    return f"{page.url}initiatives/{initiative.pk}/" if initiative else f"{page.url}initiatives/"


def _progress(initiative, threshold: int, today) -> dict:
    return {
        "initiative": initiative,
        "days_left": queries.days_left(initiative, today),
        "percent": min(100, initiative.supports_count * 100 // threshold) if threshold else 100,
    }


def list_view(page, request):
    """…/initiatives/: public initiatives (past the check) by status, with their supports."""
    form = InitiativeFilterForm(request.GET or None)
    status = form.filters().get("status", "")
    items = paginate(request, queries.public_initiatives(status=status), PAGE_SIZE)
    counts = queries.public_counts()
    threshold = queries.threshold()
    today = timezone.localdate()
    base = _url(page)
    tabs = [("", gettext("All initiatives"), sum(counts.values()), base)] + [
        (value, label, counts[value], f"{base}?{urlencode({'status': value})}")
        for value, label in queries.PUBLIC_STATUSES
    ]
    context = {
        "form": form,
        "status": status,
        "tabs": tabs,
        "items": items,
        "rows": [_progress(item, threshold, today) for item in items],
        "threshold": threshold,
        "extra_query": form.query_string(),
        "may_propose": rules.can_propose_initiative(request.user),
    }
    return render_page(page, request, "community/initiatives/list.html", context)


def detail_view(page, request, pk):
    """…/initiatives/<pk>/: one initiative. Its author sees it in any status; the others only
    once it is past the technical check."""
    initiative = queries.visible_initiative(request.user, pk)
    if initiative is None:
        raise Http404
    return _detail(page, request, initiative)


def _detail(page, request, initiative):
    user = request.user
    threshold = queries.threshold()
    supported = (
        user.is_authenticated and initiative.supports.filter(user=user).exists()
    )  # fmt: skip
    context = {
        "initiative": initiative,
        "author_name": queries.author_name(initiative),
        "threshold": threshold,
        "is_author": user.is_authenticated and initiative.author_id == user.pk,
        "supported": supported,
        "may_support": rules.can_support(user, initiative) and not supported,
        "collecting": queries.collects_supports(initiative, timezone.localdate()),
        "support_form": SupportForm(),
        "list_url": _url(page),
        **_progress(initiative, threshold, timezone.localdate()),
    }
    response = render_page(page, request, "community/initiatives/detail.html", context)
    return response if initiative.public else private(response)


def _refusal(request) -> str:
    """Why this visitor may not propose: "sign_in", "volunteer" or "age"."""
    if not request.user.is_authenticated:
        return "sign_in"
    if not Volunteer.objects.filter(user=request.user).exists():
        return "volunteer"
    return "age"


def propose_view(page, request):
    """…/initiatives/new/: the proposal form, for young volunteers (14–35); anyone else reads
    what to do to propose one."""
    if not rules.can_propose_initiative(request.user):
        context = {
            "reason": _refusal(request),
            "join_url": f"{page.url}join/",
            "list_url": _url(page),
            "min_age": rules.YOUTH_AGES[0],
            "max_age": rules.YOUTH_AGES[1],
        }
        return private(
            render_page(page, request, "community/initiatives/propose_refused.html", context)
        )
    posted = request.method == "POST"
    limited = posted and PROPOSE_LIMIT.exceeded(request)  # before the form is bound
    form = ProposeForm(request.POST if posted else None)
    status = 200
    if limited:
        status = PROPOSE_LIMIT.refuse(form)
    elif posted and form.is_valid():
        try:
            initiative = services.initiative_propose(author=request.user, **form.service_data())
        except ValidationError as error:
            for name, errors in error.update_error_dict({}).items():
                form.add_error(name if name in form.fields else None, errors)
        else:
            messages.success(
                request,
                gettext(
                    "Your initiative is sent. The youth council checks it (clear, lawful, not a "
                    "duplicate); then it is published and collects supports."
                ),
            )
            return private(redirect(_url(page, initiative)))
    context = {"form": form, "list_url": _url(page)}
    return private(
        render_page(page, request, "community/initiatives/propose.html", context, status=status)
    )


def support_view(page, request, pk):
    """POST …/initiatives/<pk>/support/: the signed-in visitor supports the initiative."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    initiative = queries.visible_initiative(request.user, pk)
    if initiative is None or not initiative.public:
        raise Http404
    if not request.user.is_authenticated:
        return redirect_to_login(_url(page, initiative))
    form = SupportForm(request.POST)
    form.is_valid()
    try:
        services.initiative_support(
            initiative=initiative,
            user=request.user,
            notify=form.cleaned_data.get("notify", False),
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, gettext("Thank you: your support is counted."))
    return private(redirect(_url(page, initiative)))
