"""The memory archive's hooks into the rest of the site: its staff admin (the screens are in
admin/), its demo content."""

from django.urls import path, reverse
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu

from sovet.core.admin import RuleMenuItem, RuleSubmenu
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


class ModeratorsMenuItem(RuleMenuItem):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, rule=rules.can_moderate, **kwargs)


class QueueMenuItem(ModeratorsMenuItem):
    """Its label tells how many stories wait."""

    def render_component(self, request):
        waiting = Story.objects.filter(status=StoryStatus.SUBMITTED).count()
        component = super().render_component(request)
        if waiting:
            component.label = gettext("Queue (%(count)s)") % {"count": waiting}
        return component


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
    return RuleSubmenu(
        _("Memory archive"), Menu(items=items), icon_name="user", order=230, rule=rules.can_moderate
    )


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
def public_models():
    """What the archive shows (core.page_cache). A story just sent in (and its new draft card,
    photos and documents) waits for the moderators: it changes no public page, so a busy 9 May
    of submissions does not empty the cache; every later save (a moderator's) may."""
    from .models import CardMerge, CardStatus, Photo, SourceRecord, StoryDocument, WarParticipant

    def card_shown(card, created):
        return not created or card.status == CardStatus.PUBLISHED

    def story_shown(story, created):
        return story.status not in (StoryStatus.UNCONFIRMED, StoryStatus.SUBMITTED)

    def attachment_shown(attachment, created):
        return not created

    return [
        (WarParticipant, card_shown),
        (Story, story_shown),
        (Photo, attachment_shown),
        (StoryDocument, attachment_shown),
        SourceRecord,
        CardMerge,
    ]
