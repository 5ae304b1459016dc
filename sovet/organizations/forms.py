from django.utils.translation import gettext_lazy as _

from sovet.core.filters import (
    FilterForm,
    SearchField,
    choice_filter,
    object_filter,
    region_filter,
)

from .models.registry import OrganizationTag, OrganizationType


class DirectoryFilterForm(FilterForm):
    """The directory's (and its map's) filters, by the names `queries.directory` knows."""

    arguments = {"q": "query"}

    q = SearchField(label=_("Name, city or leader"), max_length=100, full_text=True)
    region = region_filter()
    type = choice_filter(_("Type"), OrganizationType.choices, every=_("All types"))
    tag = object_filter(
        _("Activity"), OrganizationTag.objects.all(), every=_("All activities"), key="code"
    )
    kind = choice_filter(
        _("Membership"),
        [("member", _("Members")), ("partner", _("Partners"))],
        every=_("Members and partners"),
    )
