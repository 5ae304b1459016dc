"""Staff admin: the moderation queue, reviewing one story (its decision is a service in
stories/services.py), a story's proof documents, and the moderation log."""

from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import (
    Count,
    Exists,
    F,
    OuterRef,
    Q,
    Subquery,
)
from django.db.models.functions import Coalesce
from django.http import QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from sovet.core.models import Region
from sovet.core.private_files import PrivateFileView, file_key
from sovet.memory import rules
from sovet.memory.models import (
    CHANGES_REASONS,
    DECLINE_REASONS,
    CardReport,
    CardStatus,
    ModerationAction,
    ModerationLogEntry,
    Photo,
    Story,
    StoryDocument,
    StoryStatus,
    WarParticipant,
)
from sovet.memory.names.search import search
from sovet.memory.stories import services as stories

from . import moderators_only

PAGE_SIZE = 50
# How many cards a name search in the queue may find.
SEARCH_LIMIT = 200
DUPLICATES = 8

# The queue

QUEUE_STATUSES = [
    StoryStatus.SUBMITTED,
    StoryStatus.NEEDS_CHANGES,
    StoryStatus.UNCONFIRMED,
    StoryStatus.PUBLISHED,
    StoryStatus.DECLINED,
]
YES_NO = [("yes", _("yes")), ("no", _("no"))]


class QueueFilterForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), required=False,
                               choices=[(s.value, s.label) for s in QUEUE_STATUSES])  # fmt: skip
    card = forms.ChoiceField(label=_("Person"), required=False, choices=[
        ("", _("All")), ("new", _("New person")), ("existing", _("Existing card")),
    ])  # fmt: skip
    region = forms.ModelChoiceField(label=_("Region"), queryset=Region.objects.all(),
                                    required=False, empty_label=_("All regions"),
                                    to_field_name="code")  # fmt: skip
    photos = forms.ChoiceField(label=_("Photos"), required=False,
                               choices=[("", _("All")), *YES_NO])  # fmt: skip
    documents = forms.ChoiceField(label=_("Documents"), required=False,
                                  choices=[("", _("All")), *YES_NO])  # fmt: skip
    q = forms.CharField(label=_("Name of the person"), required=False, max_length=200)

    @cached_property
    def filters(self) -> dict:
        """The valid values (a bad one is shown as an error and ignored); submitted by default."""
        self.is_valid()
        data = {
            name: self.cleaned_data.get(name) for name in self.fields if name not in self.errors
        }
        data["status"] = data.get("status") or StoryStatus.SUBMITTED
        return data


def _has_photos():
    return Exists(Photo.objects.filter(story=OuterRef("pk")))


def _has_documents():
    return Exists(StoryDocument.objects.filter(story=OuterRef("pk")))


def _queue_stories(filters: dict, *, skip: str = ""):
    """Stories passing the filters (all but `skip`), oldest submitted first."""
    stories = Story.objects.all()
    if skip != "status" and filters.get("status"):
        stories = stories.filter(status=filters["status"])
    if skip != "card" and filters.get("card"):
        stories = stories.filter(new_card=filters["card"] == "new")
    if skip != "region" and filters.get("region"):
        stories = stories.filter(participant__region=filters["region"])
    for name, exists in (("photos", _has_photos), ("documents", _has_documents)):
        if skip != name and filters.get(name):
            stories = (
                stories.filter(exists()) if filters[name] == "yes" else stories.exclude(exists())
            )
    if filters.get("card_ids") is not None:
        stories = stories.filter(participant_id__in=filters["card_ids"])
    return stories.order_by(F("submitted_at").asc(nulls_last=True), "created_at", "pk")


def _with_name_search(filters: dict) -> dict:
    """The filters plus the cards the name query finds (one search, reused by every count)."""
    filters = dict(filters)
    if filters.get("q"):
        found = search(filters["q"], published_only=False, limit=SEARCH_LIMIT)
        filters["card_ids"] = [card.pk for card in found]
    return filters


def _facet_counts(filters: dict) -> dict:
    """How many stories each choice of each filter would leave, the other filters kept."""
    by_status = dict(
        _queue_stories(filters, skip="status").order_by().values_list("status")
        .annotate(n=Count("pk"))
    )  # fmt: skip
    by_region = dict(
        _queue_stories(filters, skip="region").order_by().values_list("participant__region")
        .annotate(n=Count("pk"))
    )  # fmt: skip
    card = _queue_stories(filters, skip="card").aggregate(
        new=Count("pk", filter=Q(new_card=True)), existing=Count("pk", filter=Q(new_card=False))
    )
    photos = _queue_stories(filters, skip="photos").aggregate(
        yes=Count("pk", filter=_has_photos()), no=Count("pk", filter=~_has_photos())
    )
    documents = _queue_stories(filters, skip="documents").aggregate(
        yes=Count("pk", filter=_has_documents()), no=Count("pk", filter=~_has_documents())
    )
    return {"status": by_status, "region": by_region, "card": card, "photos": photos,
            "documents": documents}  # fmt: skip


def _show_counts(form: QueueFilterForm, counts: dict) -> None:
    for name in ("card", "photos", "documents"):
        field = form.fields[name]
        field.choices = [
            (value, f"{label} ({counts[name][value]})" if value else label)
            for value, label in field.choices
        ]
    regions = counts["region"]
    form.fields["region"].label_from_instance = lambda r: f"{r.name} ({regions.get(r.pk, 0)})"


def _count_subquery(model, field="story"):
    return Coalesce(
        Subquery(
            model.objects.filter(**{field: OuterRef("pk")})
            .order_by()
            .values(field)
            .annotate(n=Count("pk"))
            .values("n")
        ),
        0,
    )


def _queue_params(querydict) -> str:
    """The queue's filters as a query string, carried through the review to find the next story."""
    keep = QueryDict(mutable=True)
    for name in QueueFilterForm.base_fields:
        if querydict.get(name):
            keep[name] = querydict[name][:200]
    return keep.urlencode()


def _story_url(story_pk: int, queue: str = "") -> str:
    url = reverse("memory_story", args=[story_pk])
    return url + "?" + urlencode({"queue": queue}) if queue else url


@moderators_only
def queue_view(request):
    """Stories waiting for a decision, oldest first, with filters; open reports in their own tab."""
    form = QueueFilterForm(request.GET)
    filters = _with_name_search(form.filters)
    reports_tab = request.GET.get("tab") == "reports"
    open_reports = CardReport.objects.filter(resolved_at__isnull=True)
    context = {
        "form": form,
        "reports_tab": reports_tab,
        "open_reports_count": open_reports.count(),
    }
    if reports_tab:
        page = Paginator(
            open_reports.select_related("participant").order_by("created_at", "pk"), PAGE_SIZE
        ).get_page(request.GET.get("p"))
        context["page"] = page
    else:
        counts = _facet_counts(filters)
        _show_counts(form, counts)
        queue = _queue_params(request.GET)
        stories = (
            _queue_stories(filters)
            .select_related("participant__region")
            .annotate(
                photo_count=_count_subquery(Photo), document_count=_count_subquery(StoryDocument)
            )
        )
        page = Paginator(stories, PAGE_SIZE).get_page(request.GET.get("p"))
        for story in page.object_list:
            story.review_url = _story_url(story.pk, queue)
        status_params = {k: v for k, v in request.GET.items() if k in form.fields and k != "status"}
        context |= {
            "page": page,
            "status": filters["status"],
            "status_tabs": [
                {
                    "value": status.value,
                    "label": status.label,
                    "count": counts["status"].get(status.value, 0),
                    "url": "?" + urlencode({**status_params, "status": status.value}),
                }
                for status in QUEUE_STATUSES
            ],
        }
    params = request.GET.copy()
    params.pop("p", None)
    context["page_params"] = params.urlencode()
    return render(request, "memory/admin/queue.html", context)


# Reviewing one story


class ReasonForm(forms.Form):
    reason = forms.ChoiceField(label=_("Reason"), widget=forms.RadioSelect)
    message = forms.CharField(
        label=_("Message to the submitter (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, reasons, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].choices = [(reason.value, reason.label) for reason in reasons]


def _changes_form(data=None):
    return ReasonForm(data, reasons=CHANGES_REASONS, prefix="changes")


def _decline_form(data=None):
    return ReasonForm(data, reasons=DECLINE_REASONS, prefix="decline")


def _duplicates(card: WarParticipant) -> list[WarParticipant]:
    """Cards that may be the same person: the name search, less the card itself and merged ones."""
    found = search(card.full_name, published_only=False, limit=DUPLICATES)
    return [c for c in found if c.pk != card.pk and c.status != CardStatus.MERGED]


def _next_story_url(story: Story, queue: str) -> str:
    """The next story waiting in the queue as the moderator filtered it, or the queue itself."""
    form = QueueFilterForm(QueryDict(queue))
    filters = _with_name_search({**form.filters, "status": StoryStatus.SUBMITTED})
    following = _queue_stories(filters).exclude(pk=story.pk).values_list("pk", flat=True).first()
    if following is None:
        return reverse("memory_queue") + ("?" + queue if queue else "")
    return _story_url(following, queue)


DECIDED = {
    "approve": _("The story about %(person)s is published."),
    "changes": _("The story about %(person)s is sent back for changes."),
    "decline": _("The story about %(person)s is declined."),
}


@moderators_only
def story_view(request, pk):
    """One story with everything needed to decide on it, and the decisions, one click each."""
    story = get_object_or_404(
        Story.objects.select_related("participant__region", "called_back_by"), pk=pk
    )
    queue = _queue_params(QueryDict(request.POST.get("queue") or request.GET.get("queue") or ""))
    if request.method == "POST" and "called_back" in request.POST:
        stories.story_called_back(story=story, by=request.user)
        messages.success(request, gettext("Marked as called back."))
        return redirect(_story_url(story.pk, queue))
    changes_form, decline_form, error = _changes_form(), _decline_form(), None
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "approve":
                stories.story_approve(story=story, user=request.user)
            elif action == "changes":
                changes_form = _changes_form(request.POST)
                if not changes_form.is_valid():
                    raise ValidationError(gettext("Choose why the story needs changes."))
                stories.story_request_changes(story=story, user=request.user, reason=changes_form.cleaned_data["reason"], message=changes_form.cleaned_data["message"])  # fmt: skip
            elif action == "decline":
                decline_form = _decline_form(request.POST)
                if not decline_form.is_valid():
                    raise ValidationError(gettext("Choose why the story is declined."))
                stories.story_decline(story=story, user=request.user, reason=decline_form.cleaned_data["reason"], message=decline_form.cleaned_data["message"])  # fmt: skip
            else:
                raise ValidationError(gettext("Choose a decision."))
        except ValidationError as exception:
            if exception.code in ("decided", "gone"):
                messages.error(request, " ".join(exception.messages))
                return redirect(_next_story_url(story, queue))
            error = " ".join(exception.messages)
        else:
            person = story.participant.full_name
            messages.success(request, DECIDED[action] % {"person": person})
            return redirect(_next_story_url(story, queue))
    card = story.participant
    context = {
        "story": story,
        "card": card,
        "sources": list(card.sources.all()),
        "photos": list(story.photos.all()),
        "documents": list(story.documents.all()),
        "duplicates": [
            {
                "card": duplicate,
                "edit_url": reverse("memory_cards:edit", args=[duplicate.pk]),
                "merge_url": reverse("memory_merge")
                + "?"
                + urlencode({"kept": duplicate.pk, "merged": card.pk}),
            }
            for duplicate in _duplicates(card)
        ],
        "changes_form": changes_form,
        "decline_form": decline_form,
        "error": error,
        "queue": queue,
        "queue_url": reverse("memory_queue") + ("?" + queue if queue else ""),
        "can_decide": story.status == StoryStatus.SUBMITTED,
        "call_back_url": _story_url(story.pk, queue),
    }
    return render(
        request,
        "memory/admin/story.html",
        context,
    )


class DocumentView(PrivateFileView):
    """A proof document, to moderators only (404 to anyone else)."""

    model = StoryDocument
    fields = ("file",)

    def allowed(self, user, document) -> bool:
        return rules.can_moderate(user)

    def download_name(self, document, file) -> str:
        return document.name or file_key(file)


# The log


class LogFilterForm(forms.Form):
    user = forms.TypedChoiceField(label=_("Moderator"), required=False, coerce=int)
    action = forms.ChoiceField(label=_("Action"), required=False,
                               choices=[("", _("All actions")), *ModerationAction.choices])  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)

        who = get_user_model().objects.filter(
            pk__in=ModerationLogEntry.objects.values("user").distinct()
        )
        self.fields["user"].choices = [("", _("Everyone"))] + [
            (user.pk, str(user)) for user in who.order_by("pk")
        ]


@moderators_only
def log_view(request):
    """Who did what, when, on which card and story: newest first."""
    form = LogFilterForm(request.GET)
    entries = ModerationLogEntry.objects.select_related("user", "participant", "story")
    if form.is_valid():
        if form.cleaned_data["user"]:
            entries = entries.filter(user_id=form.cleaned_data["user"])
        if form.cleaned_data["action"]:
            entries = entries.filter(action=form.cleaned_data["action"])
    page = Paginator(entries.order_by("-at", "-pk"), PAGE_SIZE).get_page(request.GET.get("p"))
    params = request.GET.copy()
    params.pop("p", None)
    return render(
        request,
        "memory/admin/log.html",
        {"form": form, "page": page, "page_params": params.urlencode()},
    )
