"""The staff desk: the admin's home page says what waits for this user, each line a count and a
link to the list that shows it.

Each app contributes its own lines through the ``desk_items`` hook, deciding from its own rules
what the user may see::

    @hooks.register("desk_items")
    def reports_on_the_desk(request):
        if not rules.can_review_reports(request.user):
            return []
        return [DeskItem(_("Progress reports to review"), url, count=waiting.count())]

The lines are read once per visit of the home page; an app keeps its count to one query.
"""

from dataclasses import dataclass

from wagtail import hooks
from wagtail.admin.ui.components import Component


@dataclass(frozen=True)
class DeskItem:
    """One line of the desk: ``count`` things (None: a link without a count) behind ``url``.

    ``urgent`` marks a line that needs action now (overdue decisions); ``order`` sorts the lines
    (lower first), ties in the order the apps answered.
    """

    label: str
    url: str
    count: int | None = None
    urgent: bool = False
    order: int = 100

    @property
    def waiting(self) -> bool:
        return bool(self.count)


def desk_items(request) -> list[DeskItem]:
    """Every app's lines for this user, in their order."""
    items = [item for fn in hooks.get_hooks("desk_items") for item in (fn(request) or [])]
    return sorted(items, key=lambda item: item.order)


class DeskPanel(Component):
    """The first panel of the admin's home page."""

    order = 10
    template_name = "core/admin/desk.html"

    def __init__(self, items: list[DeskItem]):
        self.items = items

    def get_context_data(self, parent_context):
        return {"items": self.items, "nothing_waits": not any(i.waiting for i in self.items)}
