"""Staff admin: merging two cards, the list of merges, undoing one."""

from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from sovet.core.pages import paginate
from sovet.memory import services
from sovet.memory.models import (
    CardMerge,
    CardReport,
    CardStatus,
    WarParticipant,
)
from sovet.memory.names.search import search
from sovet.memory.notifications import admin_card_url

from . import error_text, moderators_only

PAGE_SIZE = 50
FOUND = 20


def _card_links(card: WarParticipant, user) -> dict:
    return {"edit": admin_card_url(card, user)}


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
    fills = set(services.fields_to_fill(kept, merged))
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
    counts = {pk: dict.fromkeys(services.MOVED, 0) for pk in pks}
    for key, (model, field) in services.MOVED.items():
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


def merge_url(kept=None, merged=None) -> str:
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
            return redirect(merge_url(kept, merged))
        try:
            merge = services.card_merge(kept=kept, merged=merged, user=request.user)
        except ValidationError as error:
            messages.error(request, error_text(error))
            return redirect(merge_url(kept, merged))
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
            (card, merge_url(card, merged) if missing == "kept" else merge_url(kept, card))
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
            swap_url=merge_url(merged, kept),
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
        services.merge_undo(merge=merge, user=request.user)
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(
            request,
            _("The merge is undone: “%(merged)s” and “%(kept)s” are two cards again.")
            % {"merged": merge.merged.full_name, "kept": merge.kept.full_name},
        )
    return redirect("memory_merges")
