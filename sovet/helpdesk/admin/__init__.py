"""The centres' staff screens in the Wagtail admin: the queue, a request and what is done to it,
its files and export, transfers away, the access log, the figures, canned answers, centres.

No generic registry lists requests, messages or attachments (Wagtail's search, usage and history
would reach across centres): every screen here reads them through ``rules.visible_requests``.
"""

from django.urls import path, reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu

from sovet.core.admin import RuleMenuItem, RuleSubmenu
from sovet.core.desk import DeskItem

from .. import queries, rules
from . import journal, one_request, queue, registries


@hooks.register("register_admin_urls")
def helpdesk_admin_urls():
    return [
        path("helpdesk/", queue.queue_view, name="helpdesk_queue"),
        path("helpdesk/transfers/", journal.transfers_view, name="helpdesk_transfers"),
        path("helpdesk/access-log/", journal.access_log_view, name="helpdesk_access_log"),
        path("helpdesk/figures/", journal.figures_view, name="helpdesk_figures"),
        path("helpdesk/files/<str:key>", one_request.FileView.as_view(), name="helpdesk_file"),
        path("helpdesk/<int:pk>/", one_request.request_view, name="helpdesk_request"),
        path("helpdesk/<int:pk>/answer/", one_request.answer_view, name="helpdesk_answer"),
        path("helpdesk/<int:pk>/note/", one_request.note_view, name="helpdesk_note"),
        path("helpdesk/<int:pk>/status/", one_request.status_view, name="helpdesk_status"),
        path("helpdesk/<int:pk>/assign/", one_request.assign_view, name="helpdesk_assign"),
        path("helpdesk/<int:pk>/transfer/", one_request.transfer_view, name="helpdesk_transfer"),
        path(
            "helpdesk/<int:pk>/called-back/",
            one_request.called_back_view,
            name="helpdesk_called_back",
        ),
        path("helpdesk/<int:pk>/export/", one_request.export_view, name="helpdesk_export"),
    ]


@hooks.register("register_admin_viewset")
def register_helpdesk_registries():
    return [registries.canned_answers, registries.centres, registries.centre_members]


@hooks.register("register_admin_menu_item")
def register_helpdesk_menu():
    items = [
        RuleMenuItem(_("Queue"), reverse("helpdesk_queue"), icon_name="tasks", order=100,
                     rule=rules.works_at_desk),
        RuleMenuItem(_("Transferred away"), reverse("helpdesk_transfers"), icon_name="arrow-right",
                     order=150, rule=rules.works_at_desk),
        RuleMenuItem(_("Canned answers"), reverse("helpdesk_canned:index"), icon_name="doc-full",
                     order=200, rule=rules.keeps_canned_answers),
        RuleMenuItem(_("Access log"), reverse("helpdesk_access_log"), icon_name="history",
                     order=300, rule=rules.reads_access_log),
        RuleMenuItem(_("Figures"), reverse("helpdesk_figures"), icon_name="table", order=400,
                     rule=rules.sees_figures),
        RuleMenuItem(_("Centres"), reverse("helpdesk_centre:index"), icon_name="home", order=500,
                     rule=rules.keeps_centres),
        RuleMenuItem(_("Centres' staff"), reverse("helpdesk_member:index"), icon_name="group",
                     order=600, rule=rules.keeps_centres),
    ]  # fmt: skip
    return RuleSubmenu(
        _("Help desk"),
        Menu(items=items),
        icon_name="help",
        order=240,
        name="help-desk",
        rule=lambda user: rules.sees_figures(user) or rules.keeps_centres(user),
    )


@hooks.register("desk_items")
def helpdesk_on_the_desk(request):
    """A centre's staff: what waits in their centres, each line one count and a queue's tab."""
    user = request.user
    if not rules.works_at_desk(user):
        return []
    url = reverse("helpdesk_queue")
    lines = [
        ("new", gettext("New requests"), False, 40),
        ("overdue", gettext("Overdue requests"), True, 41),
        ("waiting", gettext("Requests waiting for the requester"), False, 42),
        ("mine", gettext("Requests assigned to me"), False, 43),
    ]
    return [
        DeskItem(label, f"{url}?tab={tab}", queries.desk_count(user, tab), urgent=urgent,
                 order=order)
        for tab, label, urgent, order in lines
    ]  # fmt: skip
