"""Adoption: an organization takes a memorial place into its care, or hands it back.

The services (`adopt`, `release`) and the staff page where an organization's editor does it: the
places nobody looks after, searchable, each with a "Take into care" button, and the places in the
user's organizations' care with "Hand back". Moderators and the Council can also set the caretaker
on a place's edit form.
"""

from functools import wraps

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.defaults import permission_denied
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.log_actions import log

from sovet.core.lookups import index_page
from sovet.core.models import Region
from sovet.core.pages import paginate
from sovet.organizations.models import Organization
from sovet.organizations.rules import editable_organizations

from . import queries, rules
from .models import MemorialPlace, PlacesIndexPage, PlaceStatus

PAGE_SIZE = 20


def adopting_organizations(user):
    """The organizations on whose behalf this user may take places into care."""
    return editable_organizations(user, Organization.objects.order_by("name_ru"))


def may_adopt(user) -> bool:
    return user.is_authenticated and user.is_active and adopting_organizations(user).exists()


def adopt(place: MemorialPlace, organization: Organization, user) -> MemorialPlace:
    """The organization looks after the place from now on. Refused when another organization
    already does (two editors may click at the same moment: the first one wins)."""
    if not adopting_organizations(user).filter(pk=organization.pk).exists():
        raise PermissionDenied
    with transaction.atomic():
        place = (
            MemorialPlace.objects.select_for_update(of=("self",))  # not the caretaker's row
            .select_related("caretaker")
            .get(pk=place.pk, status=PlaceStatus.PUBLISHED)
        )
        if place.caretaker_id == organization.pk:
            return place
        if place.caretaker_id is not None:
            raise ValidationError(
                _("%(place)s is already in the care of %(organization)s.")
                % {"place": place.name_ru, "organization": place.caretaker.name_ru},
                code="taken",
            )
        place.caretaker = organization
        place.save(update_fields=["caretaker", "updated_at"])
        log(
            instance=place, action="places.adopt", user=user, data={"organization": organization.pk}
        )
    return place


def release(place: MemorialPlace, user) -> MemorialPlace:
    """The caretaking organization hands the place back: it is looking for a caretaker again."""
    with transaction.atomic():
        place = MemorialPlace.objects.select_for_update().get(pk=place.pk)
        if place.caretaker_id is None:
            return place
        if not adopting_organizations(user).filter(pk=place.caretaker_id).exists():
            raise PermissionDenied
        organization_pk = place.caretaker_id
        place.caretaker = None
        place.save(update_fields=["caretaker", "updated_at"])
        log(
            instance=place,
            action="places.release",
            user=user,
            data={"organization": organization_pk},
        )
    return place


@hooks.register("register_log_actions")
def register_adoption_actions(actions):
    actions.register_action(
        "places.adopt", gettext_lazy("Take into care"), gettext_lazy("Taken into care")
    )
    actions.register_action(
        "places.release",
        gettext_lazy("Hand back"),
        gettext_lazy("Handed back, looking for a caretaker"),
    )


# The staff page


@hooks.register("register_admin_urls")
def adoption_urls():
    return [path("places/adopt/", adoption_view, name="places_adopt")]


class AdoptionMenuItem(MenuItem):
    def is_shown(self, request):
        # Asked on every admin page: rules.can_add_place keeps the answer for the request.
        return rules.can_add_place(request.user) and may_adopt(request.user)


@hooks.register("register_admin_menu_item")
def adoption_menu_item():
    # Below "Memorial places" (230) and "Reports about places" (231).
    return AdoptionMenuItem(
        gettext_lazy("Adopt a memorial place"),
        reverse("places_adopt"),
        icon_name="pick",
        order=232,
        name="places-adopt",
    )


class AdoptionSearchForm(forms.Form):
    q = forms.CharField(label=gettext_lazy("Name"), required=False, max_length=200)
    region = forms.ModelChoiceField(
        label=gettext_lazy("Region"), queryset=None, required=False, empty_label=gettext_lazy("All")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = Region.objects.all()


class AdoptForm(forms.Form):
    organization = forms.ModelChoiceField(
        label=gettext_lazy("On behalf of the organization"), queryset=None, empty_label=None
    )
    adopt = forms.ModelChoiceField(queryset=None, widget=forms.HiddenInput)

    def __init__(self, user, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = adopting_organizations(user)
        self.fields["adopt"].queryset = MemorialPlace.objects.filter(status=PlaceStatus.PUBLISHED)
        self.fields["adopt"].error_messages["invalid_choice"] = gettext_lazy(
            "This place is not on the map any more."
        )


def adopters_only(view):
    """A 403 for anyone who edits no organization (PermissionDenied inside an admin view would
    become a redirect to the dashboard)."""

    @wraps(view)
    def guarded(request, *args, **kwargs):
        if not may_adopt(request.user):
            return permission_denied(request, PermissionDenied())
        return view(request, *args, **kwargs)

    return guarded


@adopters_only
def adoption_view(request):
    user = request.user
    search = AdoptionSearchForm(request.GET or None)
    adopt_form = AdoptForm(user, request.POST if "adopt" in request.POST else None)
    if request.method == "POST":
        if "release" in request.POST:
            pk = request.POST["release"]
            place = (
                MemorialPlace.objects.filter(pk=pk if pk.isdigit() else None)
                .filter(caretaker__in=adopting_organizations(user))
                .first()
            )
            if place is None:
                return permission_denied(request, PermissionDenied())
            release(place, user)
            messages.success(
                request, _("%(place)s is looking for a caretaker again.") % {"place": place.name_ru}
            )
            return redirect(request.get_full_path())
        if adopt_form.is_valid():
            place, organization = (
                adopt_form.cleaned_data["adopt"],
                adopt_form.cleaned_data["organization"],
            )
            try:
                adopt(place, organization, user)
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(
                    request,
                    _("%(organization)s now looks after %(place)s.")
                    % {"organization": organization.name_ru, "place": place.name_ru},
                )
                return redirect(request.get_full_path())
        else:
            for errors in adopt_form.errors.values():
                messages.error(request, " ".join(errors))

    cared_for = (
        MemorialPlace.objects.filter(caretaker__in=adopting_organizations(user))
        .select_related("region", "caretaker")
        .order_by("name_ru", "pk")
    )
    looking = queries.public_places().filter(caretaker__isnull=True)
    if (place := request.GET.get("place", "")).isdigit():
        looking = looking.filter(pk=place)
    if search.is_valid():
        if (matches := queries.name_matches(search.cleaned_data["q"])) is not None:
            looking = looking.filter(pk__in=matches)
        if search.cleaned_data["region"]:
            looking = looking.filter(region=search.cleaned_data["region"])
    query_string = request.GET.copy()
    query_string.pop("page", None)
    context = {
        "search": search,
        "adopt_form": adopt_form,
        "organizations": list(adopting_organizations(user)),
        "cared_for": cared_for,
        "looking": paginate(request, looking.order_by("name_ru", "pk"), PAGE_SIZE),
        "extra_query": query_string.urlencode(),
        "places_page": index_page(PlacesIndexPage),
    }
    return render(request, "places/admin/adoption.html", context)
