"""Reads shared by the public pages, the map feed and (later) the API."""

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from .models.registry import CouncilSeat, CouncilTerm, MembershipChange, Organization


def public_organizations() -> QuerySet[Organization]:
    """Every organization the public sees, with what the directory list shows."""
    return Organization.objects.select_related("region", "logo").prefetch_related("tags")


def directory(
    *, region=None, type: str = "", tag=None, kind: str = "", query: str = ""
) -> QuerySet[Organization]:
    organizations = public_organizations()
    if region:
        organizations = organizations.filter(region=region)
    if type:
        organizations = organizations.filter(type=type)
    if tag:
        organizations = organizations.filter(tags=tag)
    if kind == "member":
        organizations = organizations.filter(is_partner=False, membership_status="member")
    elif kind == "partner":
        organizations = organizations.filter(is_partner=True)
    if query:
        # The search index finds the matches; the filters above still apply to them.
        matches = [result.pk for result in Organization.objects.search(query)[:500]]
        organizations = organizations.filter(pk__in=matches)
    return organizations.order_by("name_ru")


def organization_card(slug: str) -> Organization:
    return (
        Organization.objects.select_related("region", "logo", "parent")
        .prefetch_related(
            "tags",
            Prefetch("branches", queryset=Organization.objects.order_by("name_ru")),
            Prefetch(
                "membership_changes", queryset=MembershipChange.objects.order_by("-date", "-pk")
            ),
        )
        .get(slug=slug)
    )


def map_features(organizations: QuerySet[Organization], url_for) -> dict:
    """A GeoJSON FeatureCollection ([lon, lat] order) of the organizations that have a location."""
    features = []
    for organization in organizations.exclude(latitude=None).exclude(longitude=None):
        features.append(
            {
                "type": "Feature",
                "geometry": {
                    "type": "Point",
                    "coordinates": [float(organization.longitude), float(organization.latitude)],
                },
                "properties": {
                    "name": organization.name,
                    "type": organization.get_type_display(),
                    "region": organization.region.name,
                    "city": organization.city,
                    "url": url_for(organization),
                },
            }
        )
    return {"type": "FeatureCollection", "features": features}


def council_terms() -> tuple[CouncilTerm | None, list[CouncilTerm]]:
    """The current composition of the Council and the earlier ones, each with its seats."""
    seats = CouncilSeat.objects.select_related("organization", "photo").order_by("sort_order", "pk")
    terms = list(
        CouncilTerm.objects.filter(approved_on__lte=timezone.localdate())
        .prefetch_related(Prefetch("seats", queryset=seats))
        .order_by("-approved_on")
    )
    current = next(
        (t for t in terms if t.ended_on is None or t.ended_on >= timezone.localdate()), None
    )
    return current, [t for t in terms if t is not current]
