"""Staff admin: merging two cards (and undoing it), visitors' reports, rotating and cropping photos.

Every page here is for memory moderators only (rules.can_moderate); the services live in
merging.py, reports.py and photos.py.
"""

from functools import wraps
from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Case, Count, IntegerField, Q, When
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, path, reverse
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django.views.defaults import permission_denied
from wagtail import hooks

from sovet.core.pages import paginate

from . import merging, photos, reports, rules, services
from .models import (
    CardMerge,
    CardReport,
    CardStatus,
    ModerationAction,
    Photo,
    WarParticipant,
)
from .names.search import search

PAGE_SIZE = 50
FOUND = 20


@hooks.register("register_admin_urls")
def memory_merge_urls():
    return [
        path("memory/merge/", merge_view, name="memory_merge"),
        path("memory/merges/", merges_view, name="memory_merges"),
        path("memory/merges/<int:pk>/undo/", undo_view, name="memory_merge_undo"),
        path("memory/reports/", reports_view, name="memory_reports"),
        path("memory/reports/<int:pk>/", report_view, name="memory_report"),
        path("memory/photos/<int:pk>/", photo_view, name="memory_photo"),
    ]


def moderators_only(view):
    """A 403 for anyone else. (Raised inside an admin view, PermissionDenied would become a
    redirect to the dashboard: this says plainly that the page exists and is not theirs.)"""

    @wraps(view)
    def guarded(request, *args, **kwargs):
        if not rules.can_moderate(request.user):
            return permission_denied(request, PermissionDenied())
        return view(request, *args, **kwargs)

    return guarded


def _error_text(error: ValidationError) -> str:
    return " ".join(error.messages)


def _card_links(card: WarParticipant, user) -> dict:
    return {"edit": reports.admin_card_url(card, user)}


# --- Merging -------------------------------------------------------------------------------


class FindCardForm(forms.Form):
    find = forms.CharField(
        label=gettext_lazy("Name or card number"),
        max_length=200,
        help_text=gettext_lazy("A surname with the name, or the card's number."),
    )


def _card_from(data, name: str) -> tuple[WarParticipant | None, str]:
    """The card whose number is in `data[name]`, or None with the reason to show."""
    value = (data.get(name) or "").strip()
    if not value:
        return None, ""
    if not value.isdigit():
        return None, _("“%(value)s” is not a card number.") % {"value": value[:20]}
    card = WarParticipant.objects.select_related("region").filter(pk=int(value)).first()
    if card is None:
        return None, _("There is no card number %(pk)s.") % {"pk": value}
    return card, ""


# The facts shown side by side: model fields, plus how each is displayed.
COMPARED = [
    "birth_date",
    "birth_place",
    "conscription_date",
    "conscription_place",
    "rank",
    "units",
    "fronts",
    "awards",
    "fate",
    "death_date",
    "death_place",
    "burial_place",
    "next_of_kin",
    "region",
    "category",
    "status",
]


def _shown(card: WarParticipant, name: str) -> str:
    value = getattr(card, name)
    if value in (None, ""):
        return ""
    if name in ("fate", "category", "status"):
        return getattr(card, f"get_{name}_display")()
    if hasattr(value, "display"):
        return value.display()
    return str(value)


def _comparison(kept: WarParticipant, merged: WarParticipant) -> list[dict]:
    fills = set(merging.fields_to_fill(kept, merged))
    rows = [
        {
            "label": _("Name"),
            "kept": kept.full_name,
            "merged": merged.full_name,
            "fills": bool(fills & {"given_name", "patronymic"}),
        },
        {
            "label": capfirst(WarParticipant._meta.get_field("name_variants").verbose_name),
            "kept": "\n".join(kept.variant_list),
            "merged": "\n".join(merged.variant_list),
            "fills": False,
        },
    ]
    for name in COMPARED:
        if not (_shown(kept, name) or _shown(merged, name)):
            continue  # neither card knows it
        rows.append(
            {
                "label": capfirst(WarParticipant._meta.get_field(name).verbose_name),
                "kept": _shown(kept, name),
                "merged": _shown(merged, name),
                "fills": name in fills,
            }
        )
    return rows


def _counts(cards: list[WarParticipant]) -> dict[int, dict]:
    """What hangs on each card: one query per kind (joining all four would multiply rows)."""
    pks = [card.pk for card in cards]
    counts = {pk: dict.fromkeys(merging.MOVED, 0) for pk in pks}
    for key, (model, field) in merging.MOVED.items():
        items = model.objects.filter(**{f"{field}__in": pks})
        if model is CardReport:
            items = items.filter(resolved_at__isnull=True)
        for pk, number in items.values_list(field).annotate(number=Count("pk")).order_by():
            counts[pk][key] = number
    return counts


def _problem(kept: WarParticipant, merged: WarParticipant) -> str:
    if kept.pk == merged.pk:
        return _("A card cannot be merged with itself: choose another card.")
    for card in (kept, merged):
        if card.status == CardStatus.MERGED:
            return _(
                "The card “%(card)s” (no. %(pk)s) is already merged into another card: "
                "merge with that card instead."
            ) % {"card": card.full_name, "pk": card.pk}
    return ""


def _merge_url(kept=None, merged=None) -> str:
    query = {
        name: card.pk for name, card in (("kept", kept), ("merged", merged)) if card is not None
    }
    return reverse("memory_merge") + ("?" + urlencode(query) if query else "")


def _candidates(form: FindCardForm, other: WarParticipant | None) -> list[WarParticipant]:
    if not form.is_valid():
        return []
    text = form.cleaned_data["find"].strip().lstrip("№#").strip()
    if text.isdigit():
        found = list(WarParticipant.objects.filter(pk=int(text)))
    else:
        found = search(text, limit=FOUND + 2, published_only=False)
    exclude = other.pk if other else None
    return [c for c in found if c.pk != exclude and c.status != CardStatus.MERGED][:FOUND]


@moderators_only
def merge_view(request):
    """Two cards side by side, and the button that joins the second into the first."""
    data = request.POST if request.method == "POST" else request.GET
    kept, kept_error = _card_from(data, "kept")
    merged, merged_error = _card_from(data, "merged")
    if request.method == "POST":
        if kept is None or merged is None:
            messages.error(request, _("Choose both cards, then merge them."))
            return redirect(_merge_url(kept, merged))
        try:
            merge = merging.merge_cards(kept, merged, request.user)
        except ValidationError as error:
            messages.error(request, _error_text(error))
            return redirect(_merge_url(kept, merged))
        messages.success(
            request,
            render_to_string(
                "memory/admin/merge_done_message.html", {"merge": merge}, request=request
            ),
        )
        return redirect("memory_merges")

    missing = "kept" if kept is None else "merged" if merged is None else ""
    find_form = FindCardForm(request.GET if "find" in request.GET else None)
    other = merged if missing == "kept" else kept
    found = _candidates(find_form, other) if missing else []
    context = {
        "kept": kept,
        "merged": merged,
        "errors": [error for error in (kept_error, merged_error) if error],
        "missing": missing,
        "find_form": find_form,
        "found": [
            (card, _merge_url(card, merged) if missing == "kept" else _merge_url(kept, card))
            for card in found
        ],
    }
    if kept and merged:
        counts = _counts([kept, merged])
        context.update(
            rows=_comparison(kept, merged),
            kept_counts=counts[kept.pk],
            merged_counts=counts[merged.pk],
            problem=_problem(kept, merged),
            swap_url=_merge_url(merged, kept),
            kept_links=_card_links(kept, request.user),
            merged_links=_card_links(merged, request.user),
            public_lost=merged.status == CardStatus.PUBLISHED
            and kept.status != CardStatus.PUBLISHED,
        )
    return render(request, "memory/admin/merge.html", context)


@moderators_only
def merges_view(request):
    """Every merge, newest first, with who made it and an Undo button while it can be undone."""
    merges = CardMerge.objects.select_related("kept", "merged", "by", "undone_by")
    return render(
        request, "memory/admin/merges.html", {"merges": paginate(request, merges, PAGE_SIZE)}
    )


@moderators_only
@require_POST
def undo_view(request, pk):
    merge = get_object_or_404(CardMerge.objects.select_related("kept", "merged"), pk=pk)
    try:
        merging.undo_merge(merge, request.user)
    except ValidationError as error:
        messages.error(request, _error_text(error))
    else:
        messages.success(
            request,
            _("The merge is undone: “%(merged)s” and “%(kept)s” are two cards again.")
            % {"merged": merge.merged.full_name, "kept": merge.kept.full_name},
        )
    return redirect("memory_merges")


# --- Reports -------------------------------------------------------------------------------

REPORT_FILTERS = {
    "open": Q(resolved_at__isnull=True),
    "closed": Q(resolved_at__isnull=False),
}


@moderators_only
def reports_view(request):
    """Visitors' reports, open ones first; ?status=open or ?status=closed narrows the list."""
    status = request.GET.get("status", "")
    if status not in REPORT_FILTERS:
        status = ""
    counts = CardReport.objects.aggregate(
        open=Count("pk", filter=REPORT_FILTERS["open"]),
        closed=Count("pk", filter=REPORT_FILTERS["closed"]),
    )
    listed = CardReport.objects.select_related("participant", "resolved_by").order_by(
        Case(When(resolved_at__isnull=True, then=0), default=1, output_field=IntegerField()),
        "-created_at",
        "-pk",
    )
    if status:
        listed = listed.filter(REPORT_FILTERS[status])
    context = {
        "reports": paginate(request, listed, PAGE_SIZE),
        "status": status,
        "counts": counts,
        "filters": [
            ("", _("All"), counts["open"] + counts["closed"]),
            ("open", _("Open"), counts["open"]),
            ("closed", _("Closed"), counts["closed"]),
        ],
    }
    return render(request, "memory/admin/reports.html", context)


@moderators_only
def report_view(request, pk):
    """One report: the card, what the visitor says; close it, or hide the card and close it."""
    report = get_object_or_404(
        CardReport.objects.select_related("participant", "resolved_by"), pk=pk
    )
    if request.method == "POST":
        action = request.POST.get("action")
        services_by_action = {"close": reports.report_close, "hide": reports.report_hide_card}
        if action not in services_by_action:
            messages.error(request, _("Choose what to do with the report."))
            return redirect("memory_report", pk=report.pk)
        try:
            services_by_action[action](report, request.user)
        except ValidationError as error:
            messages.error(request, _error_text(error))
            return redirect("memory_report", pk=report.pk)
        if action == "hide":
            messages.success(request, _("The card is hidden from the site and the report closed."))
        else:
            messages.success(request, _("The report is closed."))
        return redirect(reverse("memory_reports") + "?status=open")
    card = report.participant
    context = {
        "report": report,
        "card": card,
        "card_edit_url": reports.admin_card_url(card, request.user),
        "merge_url": _merge_url(kept=card),
        "other_reports": card.reports.exclude(pk=report.pk)
        .filter(resolved_at__isnull=True)
        .count(),
    }
    return render(request, "memory/admin/report.html", context)


# --- Photos --------------------------------------------------------------------------------


class PhotoForm(forms.ModelForm):
    class Meta:
        model = Photo
        fields = ["caption", "is_public"]


class CropForm(forms.Form):
    """The edges to keep, in percent of the width (left, right) and height (top, bottom)."""

    left = forms.DecimalField(label=gettext_lazy("Left edge, %"), min_value=0, max_value=100,
                              decimal_places=1, initial=0)  # fmt: skip
    top = forms.DecimalField(label=gettext_lazy("Top edge, %"), min_value=0, max_value=100,
                             decimal_places=1, initial=0)  # fmt: skip
    right = forms.DecimalField(label=gettext_lazy("Right edge, %"), min_value=0, max_value=100,
                               decimal_places=1, initial=100)  # fmt: skip
    bottom = forms.DecimalField(label=gettext_lazy("Bottom edge, %"), min_value=0, max_value=100,
                                decimal_places=1, initial=100)  # fmt: skip

    def clean(self):
        cleaned = super().clean()
        box = [cleaned.get(name) for name in ("left", "top", "right", "bottom")]
        if None in box:
            return cleaned
        left, top, right, bottom = box
        if left >= right or top >= bottom:
            raise ValidationError(
                _(
                    "The left edge must be left of the right one and the top edge above the "
                    "bottom one: for example 10, 5, 90, 95."
                ),
                code="box",
            )
        if (left, top, right, bottom) == (0, 0, 100, 100):
            raise ValidationError(
                _("These edges keep the whole photo: move at least one of them."), code="whole"
            )
        return cleaned


ROTATIONS = {"left": 270, "right": 90, "half": 180}


def _story_url(photo: Photo) -> str:
    if not photo.story_id:
        return ""
    try:
        return reverse("memory_story", args=[photo.story_id])
    except NoReverseMatch:
        return ""


def _photo_edited(request, photo: Photo, note: str) -> None:
    services.photos_changed(photo.participant)
    services.log_action(
        request.user, ModerationAction.EDIT_PHOTO, participant=photo.participant, note=note
    )


@moderators_only
def photo_view(request, pk):
    """One photo: its caption and visibility, rotation, and cropping by four percentages."""
    photo = get_object_or_404(Photo.objects.select_related("participant"), pk=pk)
    form = PhotoForm(instance=photo)
    crop_form = CropForm()
    status = 200
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "save":
            form = PhotoForm(request.POST, instance=photo)
            if form.is_valid():
                form.save()
                _photo_edited(request, photo, f"№{photo.pk}: {_('caption and visibility')}")
                messages.success(request, _("The photo is saved."))
                return redirect("memory_photo", pk=photo.pk)
            status = 400
        elif action in ROTATIONS:
            photos.rotate(photo, ROTATIONS[action])
            _photo_edited(request, photo, f"№{photo.pk}: {ROTATIONS[action]}°")
            messages.success(request, _("The photo is turned."))
            return redirect("memory_photo", pk=photo.pk)
        elif action == "crop":
            crop_form = CropForm(request.POST)
            if crop_form.is_valid():
                box = [
                    float(crop_form.cleaned_data[name]) / 100
                    for name in ("left", "top", "right", "bottom")
                ]
                try:
                    photos.crop(photo, *box)
                except ValueError:
                    crop_form.add_error(
                        None,
                        _(
                            "The part to keep is too small: keep at least 16 pixels each way, "
                            "then try again."
                        ),
                    )
                else:
                    edges = ", ".join(
                        f"{crop_form.cleaned_data[n]:g}" for n in ("left", "top", "right", "bottom")
                    )
                    _photo_edited(request, photo, f"№{photo.pk}: crop {edges} %")
                    messages.success(request, _("The photo is cropped."))
                    return redirect("memory_photo", pk=photo.pk)
            messages.error(request, _("The photo was not cropped: correct the edges below."))
            status = 400
        else:
            messages.error(request, _("Choose what to do with the photo."))
            return redirect("memory_photo", pk=photo.pk)
    context = {
        "photo": photo,
        "card": photo.participant,
        "form": form,
        "crop_form": crop_form,
        "card_edit_url": reports.admin_card_url(photo.participant, request.user),
        "story_url": _story_url(photo),
    }
    response = render(request, "memory/admin/photo.html", context)
    response.status_code = status
    return response
