"""Staff admin: the cards of war participants with their sources and photos. Moderators do
everything with cards but delete them."""

from urllib.parse import urlencode

from django.contrib.admin.utils import quote
from django.db.models import (
    Case,
    IntegerField,
    Value,
    When,
)
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    Panel,
    TabbedInterface,
)
from wagtail.admin.ui.tables import Column, TitleColumn, UpdatedAtColumn
from wagtail.admin.views import generic
from wagtail.log_actions import log

from sovet.core.admin import AdminViewSet, Rules, YesNoColumn, nobody
from sovet.memory import rules, services
from sovet.memory.models import (
    CardStatus,
    ModerationAction,
    WarParticipant,
)
from sovet.memory.names.search import search

PAGE_SIZE = 50
# How many cards a name search in the card list may find.
SEARCH_LIMIT = 200
DUPLICATES = 8

# Cards


class CardForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "status" in self.fields:
            # A merge is made (and undone) on its own page, never by picking the status.
            self.fields["status"].choices = [
                choice for choice in self.fields["status"].choices if choice[0] != CardStatus.MERGED
            ]


class CardPhotosPanel(Panel):
    """The card's photos, with links to edit each, and the way to merge the card."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "memory/admin/card_photos.html"

        def is_shown(self):
            return bool(self.instance.pk)

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["photos"] = list(self.instance.photos.all())
            context["merge_url"] = (
                reverse("memory_merge") + "?" + urlencode({"kept": self.instance.pk})
            )
            return context


def _log_card_change(user, card: WarParticipant, status_before: str | None) -> None:
    if card.status == CardStatus.PUBLISHED and status_before != CardStatus.PUBLISHED:
        action = ModerationAction.PUBLISH_CARD
    elif status_before == CardStatus.PUBLISHED and card.status != CardStatus.PUBLISHED:
        action = ModerationAction.HIDE_CARD
    else:
        action = ModerationAction.EDIT_CARD
    services.log_entry_add(user=user, action=action, participant=card)


class CardSaveMixin:
    """Cards are saved through services.participant_save, so their name keys are rebuilt."""

    status_before = None

    def save_instance(self):
        card = self.form.save(commit=False)  # the sources wait in the card's cluster
        services.card_save(card=card)  # saves the card, its sources and its name keys
        self.form.save_m2m()
        # Wagtail's history of the card, and the archive's own moderation log.
        log(instance=card, action="wagtail.edit" if self.status_before else "wagtail.create",
            content_changed=True)  # fmt: skip
        _log_card_change(self.request.user, card, self.status_before)
        return card


class CardCreateView(CardSaveMixin, generic.CreateView):
    pass


class CardEditView(CardSaveMixin, generic.EditView):
    def get_object(self, queryset=None):
        card = super().get_object(queryset)
        self.status_before = card.status
        return card

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        return self._merged_notice() or super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        return self._merged_notice() or super().post(request, *args, **kwargs)

    def _merged_notice(self):
        if self.object.status != CardStatus.MERGED:
            return None
        kept = self.object.merged_into
        return render(
            self.request,
            "memory/admin/card_merged.html",
            {
                "card": self.object,
                "kept": kept,
                "kept_url": reverse("memory_cards:edit", args=[quote(kept.pk)]) if kept else "",
                "merges_url": reverse("memory_merges"),
            },
        )


class CardIndexView(generic.IndexView):
    def search_queryset(self, queryset):
        """By the names index (spellings, transliterations, typos), best match first."""
        if not self.is_searching:
            return queryset
        found = [card.pk for card in search(
            self.search_query, published_only=False, limit=SEARCH_LIMIT
        )]  # fmt: skip
        queryset = queryset.filter(pk__in=found)
        if self.is_explicitly_ordered or not found:
            return queryset
        rank = Case(
            *[When(pk=pk, then=Value(place)) for place, pk in enumerate(found)],
            output_field=IntegerField(),
        )
        return queryset.order_by(rank)


def _card_name(card):
    return card.full_name


class CardViewSet(AdminViewSet):
    """Moderators do everything with cards but delete them: a wrong card is hidden, so its
    stories, photos and log stay."""

    model = WarParticipant
    permission_rules = Rules(opens=rules.can_moderate, delete=nobody)
    url_prefix = "memory/cards"
    icon = "user"
    add_to_admin_menu = False
    menu_label = pgettext_lazy("memory archive", "Cards")
    index_view_class = CardIndexView
    add_view_class = CardCreateView
    edit_view_class = CardEditView
    copy_view_enabled = False
    list_display = [
        TitleColumn(
            "full_name",
            label=_("Name"),
            accessor=_card_name,
            url_name="memory_cards:edit",
            sort_key="surname",
        ),
        Column("birth_year", label=_("Born"), sort_key="birth_year"),
        Column("fate", label=_("fate"), accessor="get_fate_display"),
        Column("status", label=_("status"), accessor="get_status_display", sort_key="status"),
        YesNoColumn("has_photo", label=_("Photo")),
        UpdatedAtColumn(label=_("Updated")),
    ]
    list_filter = ["status", "category", "fate", "region", "has_photo"]
    # The listing's search goes through the names index (CardIndexView.search_queryset).
    search_fields = ["surname"]
    ordering = ["surname", "given_name", "patronymic", "pk"]

    edit_handler = TabbedInterface(
        [
            ObjectList(
                [
                    FieldRowPanel(
                        [FieldPanel("surname"), FieldPanel("given_name"), FieldPanel("patronymic")]
                    ),
                    FieldPanel("name_variants"),
                    FieldRowPanel([FieldPanel("birth_date"), FieldPanel("birth_place")]),
                    FieldRowPanel([FieldPanel("category"), FieldPanel("region")]),
                    MultiFieldPanel(
                        [
                            FieldRowPanel(
                                [FieldPanel("conscription_date"), FieldPanel("conscription_place")]
                            ),
                            FieldPanel("rank"),
                            FieldPanel("units"),
                            FieldPanel("fronts"),
                            FieldPanel("awards"),
                        ],
                        heading=_("Service"),
                    ),
                    MultiFieldPanel(
                        [
                            FieldPanel("fate"),
                            FieldRowPanel([FieldPanel("death_date"), FieldPanel("death_place")]),
                            FieldPanel("burial_place"),
                            FieldPanel("next_of_kin"),
                        ],
                        heading=_("Fate"),
                    ),
                    FieldPanel("biography"),
                    FieldRowPanel([FieldPanel("status"), FieldPanel("consent_to_publish")]),
                ],
                heading=_("Card"),
            ),
            ObjectList([InlinePanel("sources", heading=_("Sources"))], heading=_("Sources")),
            ObjectList([CardPhotosPanel(heading=_("Photos"))], heading=_("Photos")),
        ],
        base_form_class=CardForm,
    )

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(
            queryset=WarParticipant.objects.only(
                "pk", "surname", "given_name", "patronymic", "birth_year", "fate", "status",
                "has_photo", "updated_at",
            ),
            **kwargs,
        )  # fmt: skip


cards = CardViewSet("memory_cards")
