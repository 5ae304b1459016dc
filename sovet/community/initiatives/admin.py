"""The youth council's screens in the Wagtail admin: the queue of initiatives by status, and one
initiative's page with its technical check and its official answer. Guarded by
``rules.can_moderate_initiatives`` (a 403 for anyone else)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sovet.core.admin import only_for
from sovet.core.pages import paginate

from .. import rules
from ..models import Initiative, InitiativeStatus
from . import queries, services
from .forms import AnswerForm, CheckForm

PAGE_SIZE = 50
moderators_only = only_for(rules.can_moderate_initiatives)


def admin_urls():
    return [
        path("community/initiatives/", queue_view, name="community_initiatives"),
        path("community/initiatives/<int:pk>/", initiative_view, name="community_initiative"),
        path(
            "community/initiatives/<int:pk>/check/", check_view, name="community_initiative_check"
        ),
        path(
            "community/initiatives/<int:pk>/answer/",
            answer_view,
            name="community_initiative_answer",
        ),
    ]


@moderators_only
def queue_view(request):
    """Every initiative, ?status= narrowing the list; tabs with their counts (one query)."""
    status = request.GET.get("status", "")
    if status not in InitiativeStatus.values:
        status = ""
    counts = queries.queue_counts()
    items = paginate(request, queries.queue(status), PAGE_SIZE)
    context = {
        "title": _("Youth initiatives"),
        "icon": "pick",
        "list_url": reverse("community_initiatives"),
        "items": items,
        "status": status,
        "filters": [("", _("All"), sum(counts.values()))]
        + [(value, label, counts[value]) for value, label in InitiativeStatus.choices],
    }
    return render(request, "community/initiatives/admin/queue.html", context)


def _initiative(pk) -> Initiative:
    return get_object_or_404(
        Initiative.objects.select_related("author__volunteer", "organization", "project"), pk=pk
    )


def _page(request, initiative, *, check_form=None, answer_form=None, status=200):
    if check_form is None and initiative.status == InitiativeStatus.CHECKING:
        check_form = CheckForm()
    if answer_form is None and initiative.status in services.ANSWERABLE:
        answer_form = AnswerForm(initial={"organization": initiative.organization})
    context = {
        "initiative": initiative,
        "check_form": check_form,
        "answer_form": answer_form,
        "threshold": queries.threshold(),
    }
    return render(request, "community/initiatives/admin/initiative.html", context, status=status)


@moderators_only
def initiative_view(request, pk):
    return _page(request, _initiative(pk))


def _errors(form, error: ValidationError) -> None:
    for name, errors in error.update_error_dict({}).items():
        form.add_error(name if name in form.fields else None, errors)


@moderators_only
@require_POST
def check_view(request, pk):
    initiative = _initiative(pk)
    form = CheckForm(request.POST)
    if form.is_valid():
        try:
            services.initiative_check(
                initiative=initiative,
                admit=form.cleaned_data["decision"] == "admit",
                note=form.cleaned_data["note"],
                by=request.user,
            )
        except ValidationError as error:
            _errors(form, error)
        else:
            messages.success(request, _("The check is saved and the author is told."))
            return redirect("community_initiative", pk=initiative.pk)
    return _page(request, initiative, check_form=form, status=400)


@moderators_only
@require_POST
def answer_view(request, pk):
    initiative = _initiative(pk)
    form = AnswerForm(request.POST)
    if form.is_valid():
        try:
            services.initiative_answer(
                initiative=initiative,
                accept=form.cleaned_data["decision"] == "accept",
                answer=form.cleaned_data["answer"],
                organization=form.cleaned_data["organization"],
                by=request.user,
            )
        except ValidationError as error:
            _errors(form, error)
        else:
            messages.success(request, _("The answer is saved and published."))
            return redirect("community_initiative", pk=initiative.pk)
    return _page(request, initiative, answer_form=form, status=400)
