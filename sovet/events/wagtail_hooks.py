"""Events' hooks into the rest of the site: demo pages, organization cards, period figures."""

from wagtail import hooks


@hooks.register("demo_pages")
def events_demo_pages(home):
    from .demo import add_pages

    return add_pages(home)


@hooks.register("organization_card_sections")
def events_on_organization_card(request, organization):
    from .views import organization_card_section

    return organization_card_section(request, organization)


@hooks.register("period_figures")
def event_figures(start, end):
    from .services import period_figures

    return period_figures(start, end)


@hooks.register("periodic_tasks")
def events_periodic_tasks():
    from . import tasks

    return [tasks.send_reminders, tasks.erase_registrations]
