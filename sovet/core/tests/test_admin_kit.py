"""The admin kit's rules: what a registry's predicates answer to Wagtail's questions."""

import pytest
from wagtail.admin.views import generic

from sovet.core.admin import AdminViewSet, ChecksObject, ListsReachable, Rules, RulesPolicy, nobody
from sovet.core.models import Region

KEEPER, EDITOR, STRANGER = "keeper", "editor", "stranger"


def works_here(user):
    return user in (KEEPER, EDITOR)


def keeps(user):
    return user == KEEPER


def reach(user, queryset):
    """The keeper reaches every region, an editor only Osh."""
    return queryset if user == KEEPER else queryset.filter(code="osh")


def test_actions_follow_who_opens_the_registry_unless_named():
    rules = Rules(opens=works_here, delete=keeps, change=nobody)
    assert [rules.allows(EDITOR, action) for action in ("view", "add", "change", "delete")] == [
        True, True, False, False,
    ]  # fmt: skip
    assert rules.allows(KEEPER, "delete") and not rules.allows(STRANGER, "view")
    assert not rules.allows(KEEPER, "revert")  # follows change, turned off
    assert not rules.allows(KEEPER, "publish")  # no registry offers it


def test_revert_follows_change_unless_named():
    assert Rules(opens=works_here).allows(EDITOR, "revert")
    assert not Rules(opens=works_here, revert=keeps).allows(EDITOR, "revert")


@pytest.mark.django_db
def test_the_list_and_each_object_keep_to_the_reach():
    rules = Rules(opens=works_here, reach=reach)
    regions = Region.objects.all()
    osh, chui = Region.objects.get(code="osh"), Region.objects.get(code="chui")
    assert list(rules.visible(EDITOR, regions)) == [osh]
    assert rules.visible(KEEPER, regions).count() == regions.count() > 1
    assert not rules.visible(STRANGER, regions).exists()  # reach is asked only of who opens
    assert rules.reaches(EDITOR, osh) and not rules.reaches(EDITOR, chui)
    assert list(rules.choosable(EDITOR, regions)) == [osh]
    assert rules.choosable(STRANGER, regions).count() == 0
    everyone = Rules(opens=works_here, reach=reach, choose=lambda user, queryset: queryset)
    assert everyone.choosable(EDITOR, regions).count() == regions.count()


@pytest.mark.django_db
def test_the_policy_answers_wagtails_questions():
    policy = RulesPolicy(Region, Rules(opens=works_here, delete=keeps, reach=reach))
    osh, chui = Region.objects.get(code="osh"), Region.objects.get(code="chui")
    assert policy.user_has_permission(EDITOR, "change")
    assert not policy.user_has_permission(EDITOR, "delete")
    assert policy.user_has_permission_for_instance(EDITOR, "change", osh)
    assert not policy.user_has_permission_for_instance(EDITOR, "change", chui)
    assert not policy.user_has_permission_for_instance(EDITOR, "delete", osh)
    assert list(policy.instances_user_has_permission_for(EDITOR, "change")) == [osh]
    assert not policy.instances_user_has_permission_for(EDITOR, "delete").exists()
    assert not policy.instances_user_has_permission_for(STRANGER, "view").exists()


class RegionViewSet(AdminViewSet):
    model = Region
    permission_rules = Rules(opens=works_here, reach=reach)
    form_fields = ["name_ru"]


class RegionEditView(generic.EditView):
    """A view of the app's own, for a behaviour of its own."""


def test_every_view_the_viewset_builds_is_checked():
    viewset = RegionViewSet("regions_test", edit_view_class=RegionEditView)
    for view in (viewset.edit_view, viewset.delete_view, viewset.history_view,
                 viewset.usage_view, viewset.copy_view, viewset.history_results_view):  # fmt: skip
        assert issubclass(view.view_class, ChecksObject), view.view_class
    assert issubclass(viewset.edit_view.view_class, RegionEditView)
    for view in (viewset.index_view, viewset.index_results_view):
        assert issubclass(view.view_class, ListsReachable)
    assert isinstance(viewset.permission_policy, RulesPolicy)
