"""Open data of published places: GeoJSON (RFC 7946: [longitude, latitude], WGS84, no "crs")
and CSV. Places without coordinates are in the CSV only (a GeoJSON feature needs a geometry)."""

import csv
import io
import json

from django.conf import settings
from django.http import HttpResponse, HttpResponseNotAllowed
from django.utils.http import content_disposition_header

from sovet.core.spreadsheets import no_formula

from . import queries

FIELDS = (
    "id", "kind", "name_ru", "name_ky", "name_en", "address", "region", "latitude", "longitude",
    "year_erected", "condition", "inspected_on", "caretaker", "url",
)  # fmt: skip


def rows(page):
    places = queries.public_places().order_by("pk")
    for place in places.iterator(chunk_size=2000):
        yield {
            "id": place.pk,
            "kind": place.kind,
            "name_ru": place.name_ru,
            "name_ky": place.name_ky,
            "name_en": place.name_en,
            "address": place.address,
            "region": place.region.code,
            "latitude": None if place.latitude is None else round(float(place.latitude), 6),
            "longitude": None if place.longitude is None else round(float(place.longitude), 6),
            "year_erected": place.year_erected,
            "condition": place.condition,
            "inspected_on": place.inspected_on.isoformat() if place.inspected_on else None,
            "caretaker": place.caretaker.name if place.caretaker else None,
            "url": settings.SITE_URL + page.place_path(place),
        }


def geojson(page) -> dict:
    features = []
    for row in rows(page):
        if row["latitude"] is None:
            continue
        properties = {k: v for k, v in row.items() if k not in ("latitude", "longitude")}
        features.append(
            {
                "type": "Feature",
                "id": row["id"],
                # RFC 7946 §3.1.1: longitude first.
                "geometry": {"type": "Point", "coordinates": [row["longitude"], row["latitude"]]},
                "properties": properties,
            }
        )
    return {"type": "FeatureCollection", "features": features}


def export_view(page, request, fmt):
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD"])
    if fmt == "geojson":
        body = json.dumps(geojson(page), ensure_ascii=False, separators=(",", ":"))
        response = HttpResponse(body, content_type="application/geo+json; charset=utf-8")
        response["Content-Disposition"] = content_disposition_header(
            False, "memorial-places.geojson"
        )
    else:
        output = io.StringIO()
        output.write("\ufeff")  # Excel reads UTF-8 with a BOM
        writer = csv.DictWriter(output, fieldnames=FIELDS)
        writer.writeheader()
        for row in rows(page):
            writer.writerow({k: no_formula(v) for k, v in row.items()})
        response = HttpResponse(output.getvalue(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = content_disposition_header(True, "memorial-places.csv")
    response["Cache-Control"] = "public, max-age=300"
    response["Access-Control-Allow-Origin"] = "*"
    return response
