"""The community's hooks: each part registers its own (volunteers and shifts in `hooks.py`, the
admin in `admin/`, certificates and initiatives in their packages); this module loads them all,
as Wagtail reads only `wagtail_hooks`."""

from wagtail import hooks as wagtail_hooks

from sovet.core.translations import untranslated_records

from . import hooks  # noqa: F401
from .admin import hooks as admin_hooks  # noqa: F401
from .certificates import hooks as certificate_hooks  # noqa: F401
from .demo import add_pages
from .initiatives import hooks as initiative_hooks  # noqa: F401


@wagtail_hooks.register("demo_pages")
def community_demo_pages(home):
    return add_pages(home)


@wagtail_hooks.register("untranslated_content")
def untranslated_projects():
    """Published volunteer projects and the notes of their coming shifts (core.translations),
    one query each."""
    from django.utils import timezone
    from django.utils.translation import gettext_lazy as _

    from .models import Project, Shift

    return [
        *untranslated_records(
            Project.objects.filter(published=True),
            ["title", "description"],
            kind="volunteer-project",
            kind_label=_("Volunteer projects"),
            title=lambda project: project.title_ru,
            position=lambda project: (project.title_ru,),
        ),
        *untranslated_records(
            Shift.objects.filter(
                project__published=True, starts_at__gte=timezone.now()
            ).select_related("project"),
            ["notes"],
            kind="volunteer-shift",
            kind_label=_("Volunteer shifts"),
            title=str,
            position=lambda shift: (shift.starts_at,),
        ),
    ]
