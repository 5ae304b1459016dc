"""What volunteer work shows to the site search (core.site_search): the published projects, so
«субботник» or «Бессмертный полк» finds where to help. Volunteers, shifts' people and initiatives
in check never are."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from sovet.core.i18n import language_of
from sovet.core.lookups import index_page
from sovet.core.site_search import SearchDocument, SearchKind

from .models import Project, VolunteersPage


def _published():
    return Project.objects.filter(published=True).select_related("organization")


def _project(project: Project, language: str) -> SearchDocument | None:
    page = index_page(VolunteersPage)
    if page is None:
        return None
    text = " ".join(part for part in (project.description, project.organization.name) if part)
    return SearchDocument(
        project.title,
        text,
        f"{page.url}projects/{project.slug}/",
        None,
        language_of(project, "title"),
        language_of(project, "description"),
    )


@hooks.register("search_kinds")
def search_kinds():
    return [
        SearchKind(
            "volunteer-project", _("Volunteer projects"), Project, _published, _project, order=65
        )
    ]
