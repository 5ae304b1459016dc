"""Volunteers' and shifts' hooks: reminders the day before a shift, the public pages' models (for
the page cache), the shifts at a memorial place on its page, and a link to the volunteer's page
on "my account"."""

from django.utils.translation import gettext as _
from wagtail import hooks

from sovet.core.lookups import index_page
from sovet.core.pages import page_section

from . import tasks, views
from .models import Project, Shift, Slot, Volunteer, VolunteersPage


@hooks.register("periodic_tasks")
def community_periodic_tasks():
    return [tasks.send_shift_reminders]


@hooks.register("public_models")
def public_models():
    """Projects, shifts and their slots are on the public pages (a draft project is not).
    Volunteers, their places and consents never are."""
    return [
        (Project, lambda project, created: project.published or not created),
        Shift,
        Slot,
    ]


@hooks.register("place_page_sections")
def shifts_at_the_place(request, place):
    return views.place_page_section(request, place)


@hooks.register("decision_page_sections")
def volunteers_on_decision_page(request, decision):
    return views.decision_page_section(request, decision)


@hooks.register("account_sections")
def volunteer_in_my_account(request):
    page = index_page(VolunteersPage)
    if page is None:
        return None
    is_volunteer = Volunteer.objects.filter(user=request.user).exists()
    return page_section(
        request,
        _("Volunteering"),
        "community/account_section.html",
        {"page": page, "is_volunteer": is_volunteer},
    )
