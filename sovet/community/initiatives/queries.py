"""Reads of youth initiatives shared by the public pages, the admin and the period report."""

from django.conf import settings
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from sovet.core import page_cache
from sovet.core.lookups import index_page

from ..models import CommunitySettings, Initiative, InitiativeStatus, VolunteersPage

HIDDEN = (InitiativeStatus.CHECKING, InitiativeStatus.REFUSED)
# The public list's tabs, in the order an initiative moves through them.
PUBLIC_STATUSES = [
    (value, label) for value, label in InitiativeStatus.choices if value not in HIDDEN
]


def public_initiatives(*, status: str = ""):
    """What the public sees: initiatives past the technical check, newest first."""
    found = Initiative.objects.exclude(status__in=HIDDEN).select_related("organization")
    if status:
        found = found.filter(status=status)
    return found.order_by("-created_at", "-pk")


def public_counts() -> dict[str, int]:
    """How many public initiatives each status has (one query)."""
    return Initiative.objects.exclude(status__in=HIDDEN).aggregate(
        **{value: Count("pk", filter=Q(status=value)) for value, _label in PUBLIC_STATUSES}
    )


def visible_initiative(user, pk: int) -> Initiative | None:
    """One initiative for its page: public ones for everyone, the author's own in any status."""
    shown = ~Q(status__in=HIDDEN)
    if user.is_authenticated:
        shown |= Q(author=user)
    return (
        Initiative.objects.filter(shown, pk=pk)
        .select_related("organization", "author__volunteer", "project")
        .first()
    )


def author_name(initiative: Initiative) -> str:
    """The author's first name alone: never a surname, contacts or age."""
    user = initiative.author
    if user.first_name:
        return user.first_name.split()[0]
    volunteer = getattr(user, "volunteer", None)
    if volunteer is not None:
        words = volunteer.full_name.split()  # «Фамилия Имя Отчество»
        if len(words) >= 2:
            return words[1]
    return pgettext("initiative author", "a volunteer")


def days_left(initiative: Initiative, today=None) -> int | None:
    if initiative.status != InitiativeStatus.COLLECTING or initiative.collecting_until is None:
        return None
    return max(0, (initiative.collecting_until - (today or timezone.localdate())).days)


def collects_supports(initiative: Initiative, today) -> bool:
    """Collecting, and its period not over (the sweep may not have run yet today)."""
    return initiative.status == InitiativeStatus.COLLECTING and (
        initiative.collecting_until is None or today <= initiative.collecting_until
    )


def threshold() -> int:
    return CommunitySettings.load().support_threshold


def queue(status: str = ""):
    """The youth council's queue: what waits first (check, then answer), then the rest."""
    found = Initiative.objects.select_related("organization", "author")
    if status:
        found = found.filter(status=status)
    return found.order_by("-created_at", "-pk")


def queue_counts() -> dict[str, int]:
    return Initiative.objects.aggregate(
        **{value: Count("pk", filter=Q(status=value)) for value in InitiativeStatus.values}
    )


def waiting_count(status: str) -> int:
    return Initiative.objects.filter(status=status).count()


def period_figures(start, end) -> list[tuple[str, object]]:
    """The period report's lines: initiatives proposed, and accepted, between the two dates."""
    counts = Initiative.objects.aggregate(
        proposed=Count("pk", filter=Q(created_at__date__range=(start, end))),
        accepted=Count(
            "pk",
            filter=Q(status=InitiativeStatus.ACCEPTED, answered_at__date__range=(start, end)),
        ),
    )
    return [
        (_("Youth initiatives proposed"), counts["proposed"]),
        (_("Youth initiatives accepted"), counts["accepted"]),
    ]


def forget_initiative_pages(pk: int) -> None:
    """The list of initiatives and one initiative's page leave the page cache in every language
    (a support changes their counts and nothing else)."""
    paths = []
    for language, _name in settings.LANGUAGES:
        page = index_page(VolunteersPage, language)
        if page is not None and page.url:
            paths += [f"{page.url}initiatives/", f"{page.url}initiatives/{pk}/"]
    page_cache.paths_changed(paths)
