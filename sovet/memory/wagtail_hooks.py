"""The memory archive's hooks into the rest of the site: its staff admin (the screens are in
admin/), its demo content."""

from django.urls import path, reverse
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem

from sovet.core.desk import DeskItem

from . import rules
from .admin import cards, merges, photos, queue, reports
from .demo import add_pages
from .models import CardReport, Story, StoryStatus


@hooks.register("register_admin_viewset")
def register_cards():
    return cards.cards


@hooks.register("register_admin_urls")
def memory_admin_urls():
    return [
        path("memory/queue/", queue.queue_view, name="memory_queue"),
        path("memory/stories/<int:pk>/", queue.story_view, name="memory_story"),
        path("memory/documents/<str:key>", queue.DocumentView.as_view(), name="memory_document"),
        path("memory/log/", queue.log_view, name="memory_log"),
        path("memory/merge/", merges.merge_view, name="memory_merge"),
        path("memory/merges/", merges.merges_view, name="memory_merges"),
        path("memory/merges/<int:pk>/undo/", merges.undo_view, name="memory_merge_undo"),
        path("memory/reports/", reports.reports_view, name="memory_reports"),
        path("memory/reports/<int:pk>/", reports.report_view, name="memory_report"),
        path("memory/photos/<int:pk>/", photos.photo_view, name="memory_photo"),
    ]


# The menu group


class ModeratorsMenuItem(MenuItem):
    def is_shown(self, request):
        return rules.can_moderate(request.user)


class QueueMenuItem(ModeratorsMenuItem):
    """Its label tells how many stories wait."""

    def render_component(self, request):
        waiting = Story.objects.filter(status=StoryStatus.SUBMITTED).count()
        component = super().render_component(request)
        if waiting:
            component.label = gettext("Queue (%(count)s)") % {"count": waiting}
        return component


class MemorySubmenu(SubmenuMenuItem):
    def is_shown(self, request):
        return rules.can_moderate(request.user)


@hooks.register("register_admin_menu_item")
def register_memory_menu():
    items = [
        QueueMenuItem(_("Queue"), reverse("memory_queue"), icon_name="tasks", order=100),
        ModeratorsMenuItem(
            pgettext_lazy("memory archive", "Cards"),
            reverse("memory_cards:index"),
            icon_name="user",
            order=200,
        ),
        ModeratorsMenuItem(
            pgettext_lazy("visitors reports on cards", "Reports"),
            reverse("memory_reports"),
            icon_name="warning",
            order=300,
        ),
        ModeratorsMenuItem(_("Merges"), reverse("memory_merges"), icon_name="link", order=400),
        ModeratorsMenuItem(_("Log"), reverse("memory_log"), icon_name="history", order=500),
    ]
    return MemorySubmenu(_("Memory archive"), Menu(items=items), icon_name="user", order=230)


@hooks.register("demo_pages")
def memory_demo_pages(home):
    return add_pages(home)


@hooks.register("desk_items")
def memory_on_the_desk(request):
    """The moderators' lines: stories waiting for a decision, reports about cards still open."""
    if not rules.can_moderate(request.user):
        return []
    stories = Story.objects.filter(status=StoryStatus.SUBMITTED).count()
    reports = CardReport.objects.filter(resolved_at__isnull=True).count()
    return [
        DeskItem(gettext("Stories to moderate"),
                 reverse("memory_queue") + f"?status={StoryStatus.SUBMITTED}", stories, order=40),
        DeskItem(gettext("Reports about cards to check"),
                 reverse("memory_reports") + "?status=open", reports, order=45),
    ]  # fmt: skip


@hooks.register("public_models")
def memory_public_models():
    """What the archive's pages show: cards, their sources, stories and photos (core.page_cache,
    core.fragments). Imports write drafts in bulk, which moves nothing; publishing saves."""
    from .models import Photo, SourceRecord, WarParticipant

    return [WarParticipant, SourceRecord, Story, Photo]
