"""The initiatives' hooks: admin screens, the menu item (gathered into the community's menu),
the desk's lines, the periodic sweep, the period report, the page cache."""

from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from sovet.core.admin import RuleMenuItem
from sovet.core.desk import DeskItem

from .. import rules
from ..models import Initiative, InitiativeStatus
from . import admin, queries, tasks


@hooks.register("register_admin_urls")
def initiative_admin_urls():
    return admin.admin_urls()


@hooks.register("register_log_actions")
def initiative_log_actions(actions):
    actions.register_action(
        "community.initiative_checked",
        _("Initiative checked"),
        _("The youth council checked the initiative"),
    )
    actions.register_action(
        "community.initiative_answered",
        _("Initiative answered"),
        _("The youth council answered the initiative"),
    )


@hooks.register("community_menu_items")
def initiative_menu_items():
    return [
        RuleMenuItem(
            _("Youth initiatives"),
            reverse("community_initiatives"),
            icon_name="pick",
            order=400,
            name="youth-initiatives",
            rule=rules.can_moderate_initiatives,
        )
    ]


@hooks.register("desk_items")
def initiatives_on_the_desk(request):
    if not rules.can_moderate_initiatives(request.user):
        return []
    url = reverse("community_initiatives")
    lines = [
        DeskItem(
            gettext("Initiatives waiting for the technical check"),
            f"{url}?status={InitiativeStatus.CHECKING}",
            queries.waiting_count(InitiativeStatus.CHECKING),
            order=63,
        ),
        DeskItem(
            gettext("Initiatives waiting for the youth council's answer"),
            f"{url}?status={InitiativeStatus.ANSWERING}",
            queries.waiting_count(InitiativeStatus.ANSWERING),
            order=64,
        ),
    ]
    # Shown when something waits, like the coordinators' lines: the Council's secretaries may
    # moderate initiatives, and a row of zeros about them would only crowd their desk.
    return [line for line in lines if line.count]


@hooks.register("periodic_tasks")
def initiative_periodic_tasks():
    return [tasks.close_due_initiatives]


@hooks.register("period_figures")
def initiative_period_figures(start, end):
    return queries.period_figures(start, end)


def _shown(initiative, created: bool) -> bool:
    # A proposal waits for the check: nobody sees it; from then on its page and the list do.
    return not created and initiative.status not in queries.HIDDEN


@hooks.register("public_models")
def initiative_public_models():
    return [(Initiative, _shown)]
