"""The preparation's hooks (loaded by the app's wagtail_hooks): its admin screen and the
secretary's desk line for proposals waiting."""

from django.urls import path, reverse
from django.utils.translation import gettext
from wagtail import hooks

from sovet.core.desk import DeskItem

from .. import rules
from ..models import Conference
from . import queries, views


@hooks.register("register_admin_urls")
def register_preparation_urls():
    return [path("conferences/<int:pk>/prepare/", views.prepare_view, name="conferences_prepare")]


@hooks.register("desk_items")
def proposals_on_the_desk(request):
    """The secretary's line per conference with proposals waiting for a decision."""
    if not rules.can_decide_proposals(request.user):
        return []
    counts = queries.new_proposal_counts()
    items = []
    for conference in Conference.objects.filter(pk__in=counts.keys()):
        label = gettext("New proposals: %(conference)s") % {"conference": conference}
        url = reverse("conferences_proposals", args=[conference.pk])
        items.append(DeskItem(label, url, counts[conference.pk], order=25))
    return items
