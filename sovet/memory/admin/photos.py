"""Staff admin: turning and cropping a card's photo, its caption and whether it is public."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sovet.memory import services
from sovet.memory.models import (
    ModerationAction,
    Photo,
)
from sovet.memory.notifications import admin_card_url

from . import moderators_only

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
    services.card_photos_changed(card=photo.participant)
    services.log_entry_add(
        user=request.user,
        action=ModerationAction.EDIT_PHOTO,
        participant=photo.participant,
        note=note,
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
            services.photo_rotate(photo=photo, degrees=ROTATIONS[action])
            _photo_edited(request, photo, f"№{photo.pk}: {ROTATIONS[action]}°")
            messages.success(request, _("The photo is turned."))
            return redirect("memory_photo", pk=photo.pk)
        elif action == "crop":
            crop_form = CropForm(request.POST)
            if crop_form.is_valid():
                box = {
                    name: float(crop_form.cleaned_data[name]) / 100
                    for name in ("left", "top", "right", "bottom")
                }
                try:
                    services.photo_crop(photo=photo, **box)
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
        "card_edit_url": admin_card_url(photo.participant, request.user),
        "story_url": _story_url(photo),
    }
    response = render(request, "memory/admin/photo.html", context)
    response.status_code = status
    return response
