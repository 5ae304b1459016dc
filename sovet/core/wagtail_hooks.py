"""Admin hooks for every app: Wagtail's own paths that would step around a registry's rules,
the desk on the admin's home page, the admin's styles."""

from django.core.exceptions import PermissionDenied
from django.templatetags.static import static
from django.utils.html import format_html
from wagtail import hooks

from sovet.core.admin import RulesPolicy
from sovet.core.desk import DeskPanel, desk_items


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


@hooks.register("construct_homepage_panels")
def the_desk_first(request, panels):
    """The admin's home page opens with what waits for this user (the ``desk_items`` hook)."""
    items = desk_items(request)
    if items:
        panels.append(DeskPanel(items))


@hooks.register("construct_homepage_summary_items")
def no_counts_of_pages_and_images(request, summary_items):
    """Wagtail's counts of pages, images and documents tell the Council's staff nothing; the
    site's superusers keep them."""
    if not request.user.is_superuser:
        summary_items.clear()


@hooks.register("insert_global_admin_css")
def admin_styles():
    return format_html('<link rel="stylesheet" href="{}">', static("core/css/admin.css"))
