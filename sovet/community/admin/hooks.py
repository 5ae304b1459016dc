"""The community's staff side in the Wagtail admin, and coordination's hooks into other apps.

The "Volunteers" menu group holds projects, shifts, hours outside shifts, guardians' consents
and the volunteers list. Other parts of the community (certificates, initiatives) add their
items to it through the ``community_menu_items`` hook::

    @hooks.register("community_menu_items")
    def certificates_menu_items():
        return [RuleMenuItem(_("Certificates"), reverse("community_certificates"),
                             rule=rules.coordinates, icon_name="doc-full", order=400)]

The hook takes no argument (the admin menu is built once, not per request) and returns a list of
menu items, each a ``core.admin.RuleMenuItem`` deciding from its rule whom it shows to; the
group sorts them by ``order`` (this module's items use 100–500).
"""

from django.db.models import Exists, OuterRef
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu

from sovet.core.admin import RuleMenuItem, RuleSubmenu
from sovet.core.desk import DeskItem

from .. import rules
from ..coordination import queries
from ..coordination import views as coordination_views
from ..models import Attendance, HoursEntry, HoursStatus, Participation, ParticipationStatus, Shift
from . import registries, screens


@hooks.register("register_admin_urls")
def community_admin_urls():
    return [
        path("community/shifts/<int:pk>/attendance/", screens.attendance_view,
             name="community_attendance"),
        path("community/shifts/<int:pk>/attendance/<int:participation_pk>/mark/",
             screens.attendance_mark_view, name="community_attendance_mark"),
        path("community/shifts/<int:pk>/attendance/<int:participation_pk>/correct/",
             screens.attendance_correct_view, name="community_attendance_correct"),
        path("community/hours/", screens.hours_queue_view, name="community_hours"),
        path("community/hours/log/", screens.hours_log_view, name="community_hours_log"),
        path("community/hours/<int:pk>/decide/", screens.hours_decide_view,
             name="community_hours_decide"),
        path("community/consents/", screens.consents_view, name="community_consents"),
        path("community/consents/<int:pk>/decide/", screens.consent_decide_view,
             name="community_consent_decide"),
        path("community/consents/confirmed/", screens.consents_confirmed_view,
             name="community_consents_confirmed"),
        path("community/consents/<int:pk>/withdraw/", screens.consent_withdraw_view,
             name="community_consent_withdraw"),
        path("community/consents/files/<str:key>", screens.ConsentFileView.as_view(),
             name="community_consent_file"),
        path("community/people/", screens.volunteers_view, name="community_volunteers"),
    ]  # fmt: skip


@hooks.register("register_admin_viewset")
def register_community_registries():
    return [registries.projects, registries.shifts]


@hooks.register("register_log_actions")
def register_community_actions(actions):
    for action, label in (
        ("community.attendance", _("Attendance confirmed")),
        ("community.hours_correct", _("Hours corrected")),
        ("community.hours_log", _("Hours logged")),
        ("community.hours_approved", _("Hours approved")),
        ("community.hours_rejected", _("Hours rejected")),
        ("community.consent_accept", _("Guardian's consent accepted")),
        ("community.consent_refuse", _("Guardian's consent refused")),
        ("community.consent_withdraw", _("Guardian's consent withdrawn")),
    ):
        actions.register_action(action, label, label)


def menu_items() -> list:
    items = [
        RuleMenuItem(_("Projects"), reverse("community_project:index"), icon_name="folder-open-inverse",
                     order=100, rule=rules.coordinates),
        RuleMenuItem(_("Shifts"), reverse("community_shift:index"), icon_name="time", order=150,
                     rule=rules.coordinates),
        RuleMenuItem(_("Hours outside shifts"), reverse("community_hours"), icon_name="tasks",
                     order=200, rule=rules.coordinates),
        RuleMenuItem(_("Guardians' consents"), reverse("community_consents"), icon_name="lock",
                     order=250, rule=rules.can_check_consents),
        RuleMenuItem(_("Volunteers"), reverse("community_volunteers"), icon_name="group",
                     order=300, rule=rules.coordinates),
    ]  # fmt: skip
    for fn in hooks.get_hooks("community_menu_items"):
        items.extend(fn() or [])
    return sorted(items, key=lambda item: item.order)


@hooks.register("register_admin_menu_item")
def register_community_menu():
    return RuleSubmenu(
        _("Volunteers"),
        Menu(items=menu_items()),
        icon_name="group",
        order=230,
        name="volunteers",
        rule=rules.coordinates,
    )


# The desk: what waits for a coordinator, one count query a line.


def shifts_awaiting_attendance(user):
    """Past shifts of the user's projects with a confirmed place nobody has marked yet."""
    unmarked = Participation.objects.filter(
        slot__shift=OuterRef("pk"),
        status=ParticipationStatus.CONFIRMED,
        attendance=Attendance.UNKNOWN,
    )
    return registries.coordinated_shifts(
        user, Shift.objects.filter(cancelled=False, starts_at__lte=timezone.now())
    ).filter(Exists(unmarked))


@hooks.register("desk_items")
def community_on_the_desk(request):
    """A coordinator's lines (one count query each), shown when something waits."""
    user = request.user
    if not rules.coordinates(user):
        return []
    lines = [
        DeskItem(
            gettext("Shifts waiting for attendance"),
            reverse("community_shift:index"),
            shifts_awaiting_attendance(user).count(),
            order=60,
        ),
        DeskItem(
            gettext("Volunteer hours waiting for approval"),
            reverse("community_hours"),
            rules.hours_to_decide(
                user, HoursEntry.objects.filter(status=HoursStatus.PENDING)
            ).count(),
            order=61,
        ),
    ]
    if rules.can_check_consents(user):
        lines.append(
            DeskItem(
                gettext("Guardians' consent forms to check"),
                reverse("community_consents"),
                screens.forms_waiting().count(),
                order=62,
            )
        )
    # Only what waits: most editors coordinate no volunteers, and a line of zeros on every
    # editor's desk would teach them to skip it.
    return [line for line in lines if line.count]


# Figures and links to other apps' pages.


@hooks.register("period_figures")
def community_period_figures(start, end):
    return queries.period_figures(start, end)


@hooks.register("event_page_sections")
def volunteer_shifts_on_event_page(request, event):
    return coordination_views.event_page_section(request, event)
