"""Admin hooks for every app: Wagtail's own paths that would step around a registry's rules."""

from django.core.exceptions import PermissionDenied
from wagtail import hooks

from sovet.core.admin import RulesPolicy


@hooks.register("before_delete_snippet")
def deletes_keep_to_the_rules(request, instances):
    """Wagtail's bulk delete asks only for the model permission; a registry's rules also decide
    which objects the user reaches (an editor deletes only their own organization's)."""
    for instance in instances:
        policy = getattr(
            getattr(type(instance), "snippet_viewset", None), "permission_policy", None
        )
        if isinstance(policy, RulesPolicy) and not policy.user_has_permission_for_instance(
            request.user, "delete", instance
        ):
            raise PermissionDenied
