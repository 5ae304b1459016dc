"""The admin kit: every app's registry in the Wagtail admin, permitted by its app's rules.

A registry names its ``permission_rules``, predicates from the app's ``rules.py``; ``RulesPolicy``
answers Wagtail's permission questions from them; ``AdminViewSet`` and ``AdminSnippetViewSet``
apply them to every view they build: the list shows only the objects the user reaches, and every
page of one object (edit, delete, history, usage, inspect, revisions, copy, chooser) opens only
for those. Wagtail's generic views check the model alone; here no view is left out, because
every view passes through ``construct_view``.
"""

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, cached_property, wraps

from django.contrib.admin.utils import unquote
from django.core.exceptions import FieldDoesNotExist, PermissionDenied, ValidationError
from django.db import models
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from django.views.defaults import permission_denied
from wagtail.admin.menu import MenuItem, SubmenuMenuItem
from wagtail.admin.ui.tables import BooleanColumn, Column, DateColumn
from wagtail.admin.views.generic import IndexView, RevisionsRevertMixin
from wagtail.admin.viewsets import viewsets
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies.base import ModelPermissionPolicy
from wagtail.snippets.views.chooser import SnippetChooserViewSet
from wagtail.snippets.views.snippets import SnippetViewSet

Who = Callable[[object], bool]  # user -> may they?
Which = Callable[[object, object], object]  # (user, queryset) -> the objects they reach

ACTIONS = ("add", "change", "delete", "revert")


def with_keys(queryset, keys):
    """The objects with these primary keys. A key that cannot be one (``abc`` for a number) finds
    nothing, rather than failing in the database."""
    field = queryset.model._meta.pk
    valid = []
    for key in keys:
        try:
            valid.append(field.to_python(key))
        except ValidationError:
            continue
    return queryset.filter(pk__in=valid)


def nobody(user) -> bool:
    """For an action a registry does not offer (resolutions are imported, not added)."""
    return False


def everyone(user, queryset):
    """For a chooser of objects everybody may see (the public directory of organizations)."""
    return queryset


@dataclass(frozen=True)
class Rules:
    """Who may do what in one registry, named from the app's ``rules.py``.

    ``opens(user)``: who works in the registry at all (its menu item, its list, its pages).
    ``add``, ``change``, ``delete`` (``user -> bool``): who takes that action, by default
    whoever opens it; ``nobody`` turns an action off. ``revert`` (snippets with revisions)
    follows ``change`` unless named. ``reach(user, queryset)``: the objects a user reaches,
    by default all; the list and every page of one object keep to them. ``choose(user,
    queryset)``: what a chooser offers, by default what the list shows.
    """

    opens: Who
    add: Who | None = None
    change: Who | None = None
    delete: Who | None = None
    revert: Who | None = None
    reach: Which | None = None
    choose: Which | None = None

    def allows(self, user, action: str) -> bool:
        """Whether the user may take ``action`` on some objects (Wagtail's model-level check)."""
        if action == "view":
            return bool(self.opens(user))
        if action not in ACTIONS:
            return False  # publish, lock…: no registry offers them
        who = getattr(self, action) or (action == "revert" and self.change) or self.opens
        return bool(who(user))

    def visible(self, user, queryset):
        """The objects of ``queryset`` the user reaches."""
        if not self.allows(user, "view"):
            return queryset.none()
        return self.reach(user, queryset) if self.reach else queryset

    def reaches(self, user, instance) -> bool:
        objects = type(instance)._default_manager.filter(pk=instance.pk)
        return self.reach is None or self.visible(user, objects).exists()

    def choosable(self, user, queryset):
        return self.choose(user, queryset) if self.choose else self.visible(user, queryset)


class RulesPolicy(ModelPermissionPolicy):
    """Wagtail's permission questions answered by a registry's ``Rules``."""

    def __init__(self, model, rules: Rules):
        super().__init__(model)
        self.rules = rules

    def user_has_permission(self, user, action):
        return self.rules.allows(user, action)

    def user_has_permission_for_instance(self, user, action, instance):
        return self.rules.allows(user, action) and self.rules.reaches(user, instance)

    def instances_user_has_any_permission_for(self, user, actions):
        objects = self.model._default_manager.all()
        if not any(self.rules.allows(user, action) for action in actions):
            return objects.none()
        return self.rules.visible(user, objects)


def _object_action(view) -> str:
    """What a page of one object does to it: Wagtail's own names, "view" for the pages that
    only show it (history, inspect, usage, revisions, the source of a copy)."""
    if isinstance(view, RevisionsRevertMixin):
        return "revert"
    required = getattr(view, "permission_required", None)
    return required if required in ("change", "delete") else "view"


class ChecksObject:
    """A page of one object (its ``pk`` in the address) opens only for an object the user
    reaches, with the action the page takes allowed."""

    permission_policy = None

    def dispatch(self, request, *args, **kwargs):
        if "pk" in kwargs:
            rules, user = self.permission_policy.rules, request.user
            if not rules.allows(user, _object_action(self)):
                raise PermissionDenied
            objects = with_keys(
                self.permission_policy.model._default_manager.all(), [unquote(str(kwargs["pk"]))]
            )
            if not objects.exists():
                raise Http404
            if rules.reach is not None and not rules.visible(user, objects).exists():
                raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class ListsReachable:
    """A list (and its export) of the objects the user reaches."""

    def get_base_queryset(self):
        return self.permission_policy.rules.visible(self.request.user, super().get_base_queryset())


class ChoosesReachable:
    """A chooser offers, and accepts, only what the registry's rules let the user choose."""

    permission_policy = None

    def _choosable(self, queryset):
        return self.permission_policy.rules.choosable(self.request.user, queryset)

    def get_object_list(self):
        return self._choosable(super().get_object_list())

    def get_object(self, pk):
        return with_keys(self._choosable(self.model_class.objects.all()), [pk]).get()

    def get_objects(self, pks):
        return with_keys(self._choosable(self.model_class.objects.all()), pks)


class YesNoColumn(BooleanColumn):
    """A yes/no field as a tick or a cross, with "yes"/"no" in the reader's language for screen
    readers and the tooltip (Wagtail's own column says "True"/"False" in English)."""

    cell_template_name = "core/admin/yes_no_cell.html"


# Timestamps models declare without a label (``auto_now``): their headers, translated.
TIMESTAMP_LABELS = {
    "created_at": _("Created"),
    "updated_at": _("Updated"),
    "added_at": _("Added"),
}


class ReadableColumns:
    """A list's columns as a secretary reads them: a yes/no field as a tick or a cross (not
    "True"), a timestamp with a translated header and a readable date, and the headers a
    registry names in ``column_labels`` (a field or property without a translated name)."""

    column_labels: dict = {}

    def _get_custom_column(self, field_name, column_class=None, **kwargs):
        try:
            field = self.model._meta.get_field(field_name)
        except FieldDoesNotExist:
            field = None
        if field_name in TIMESTAMP_LABELS and field is not None and column_class is None:
            return DateColumn(field_name, label=TIMESTAMP_LABELS[field_name], sort_key=field_name)
        if column_class is None:
            column_class = YesNoColumn if isinstance(field, models.BooleanField) else Column
        column = super()._get_custom_column(field_name, column_class=column_class, **kwargs)
        if field_name in self.column_labels:
            column.label = self.column_labels[field_name]
        return column


@cache
def _checked(view_class, mixin):
    if issubclass(view_class, mixin):
        return view_class
    return type(view_class.__name__, (mixin, view_class), {})


class RulesViewSetMixin:
    """Builds every view of the viewset with the check its kind needs."""

    permission_rules: Rules
    # Headers of the list's columns for fields and properties without a translated name.
    column_labels: dict = {}

    @cached_property
    def permission_policy(self):
        return RulesPolicy(self.model, self.permission_rules)

    def construct_view(self, view_class, **kwargs):
        if issubclass(view_class, IndexView):
            view_class = _checked(_checked(view_class, ListsReachable), ReadableColumns)
            kwargs["column_labels"] = self.column_labels
        else:
            view_class = _checked(view_class, ChecksObject)
        return super().construct_view(view_class, **kwargs)


class AdminViewSet(RulesViewSetMixin, ModelViewSet):
    """A registry of plain records: name its ``permission_rules``."""


class AdminSnippetChooserViewSet(SnippetChooserViewSet):
    def construct_view(self, view_class, **kwargs):
        return super().construct_view(_checked(view_class, ChoosesReachable), **kwargs)


class AdminSnippetViewSet(RulesViewSetMixin, SnippetViewSet):
    """A registry of records with revisions (snippets): name its ``permission_rules``."""

    chooser_viewset_class = AdminSnippetChooserViewSet

    @property
    def chooser_viewset(self):
        chooser = super().chooser_viewset
        chooser.permission_policy = self.permission_policy
        return chooser


def registries() -> list:
    """Every viewset registered through the kit (for the tests that walk them all)."""
    return [viewset for viewset in viewsets.viewsets if isinstance(viewset, RulesViewSetMixin)]


# Admin screens that are not registries: who opens them, and who sees their menu items.


def only_for(rule: Who):
    """A view decorator: a 403 page for anyone ``rule(user)`` refuses. (Raised inside an admin
    view, PermissionDenied would become a redirect to the dashboard: this says plainly that the
    page exists and is not theirs.)"""

    def decorate(view):
        @wraps(view)
        def guarded(request, *args, **kwargs):
            if not rule(request.user):
                return permission_denied(request, PermissionDenied())
            return view(request, *args, **kwargs)

        return guarded

    return decorate


class RuleMenuItem(MenuItem):
    """A menu item shown to those ``rule(user)`` lets in: ``RuleMenuItem(label, url,
    rule=rules.can_moderate, icon_name=…, order=…)``."""

    def __init__(self, *args, rule: Who, **kwargs):
        super().__init__(*args, **kwargs)
        self.rule = rule

    def is_shown(self, request):
        return bool(self.rule(request.user))


class RuleSubmenu(SubmenuMenuItem):
    """A menu group shown to those ``rule(user)`` lets in."""

    def __init__(self, *args, rule: Who, **kwargs):
        super().__init__(*args, **kwargs)
        self.rule = rule

    def is_shown(self, request):
        return bool(self.rule(request.user))
