"""The archive as open data: every published card and its sources, as CSV or JSON.

Only what the public person page shows leaves the site: no next of kin, no consent flags, no
status, nothing about stories, their submitters, documents or reports. The files are streamed a
chunk of cards at a time, so memory stays flat however large the archive grows.
"""

import csv
import json
from collections.abc import Iterator

from django.conf import settings
from django.db.models import Prefetch
from django.http import HttpResponseNotAllowed, StreamingHttpResponse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext_lazy

from sovet.core.public import RateLimit
from sovet.core.spreadsheets import no_formula

from .models import CardStatus, SourceRecord, WarParticipant

CHUNK = 2000
LICENSE = "CC BY 4.0"
LICENSE_URL = "https://creativecommons.org/licenses/by/4.0/"

# Public fields of a card, in the order of the CSV columns.
CARD_FIELDS = [
    "surname", "given_name", "patronymic", "name_variants", "birth_date", "birth_year",
    "birth_place", "conscription_date", "conscription_place", "rank", "units", "fronts",
    "awards", "fate", "death_date", "death_place", "burial_place", "category",
]  # fmt: skip
SOURCE_FIELDS = ["kind", "archive", "fond", "opis", "delo", "list", "database", "database_id"]
CSV_COLUMNS = ["id", *CARD_FIELDS[:3], "variants", *CARD_FIELDS[4:], "region", "url", "sources"]
# A full export reads the whole archive: a few per hour is plenty for any honest use.
DOWNLOAD_LIMIT = RateLimit(
    "memory-open-data",
    "20/h",
    gettext_lazy("Too many downloads from your address. Please try again in an hour."),
)


def open_data_view(page, request, fmt: str):
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD"])
    if DOWNLOAD_LIMIT.exceeded(request):
        return DOWNLOAD_LIMIT.refusal()
    page_url = settings.SITE_URL + page.url
    if fmt == "csv":
        response = StreamingHttpResponse(
            _csv(page, page_url), content_type="text/csv; charset=utf-8"
        )
    else:
        response = StreamingHttpResponse(
            _json(page, page_url), content_type="application/json; charset=utf-8"
        )
    response["Content-Disposition"] = content_disposition_header(True, f"memory-archive.{fmt}")
    return response


def published_cards():
    """Published cards with only their public fields, and their sources, fetched per chunk."""
    sources = SourceRecord.objects.only("participant_id", *SOURCE_FIELDS)
    return (
        WarParticipant.objects.filter(status=CardStatus.PUBLISHED)
        .select_related("region")
        .only(*CARD_FIELDS, "region__code")
        .prefetch_related(Prefetch("sources", queryset=sources))
        .order_by("pk")
        .iterator(chunk_size=CHUNK)
    )


def card_data(page, page_url: str, card: WarParticipant) -> dict:
    """One card as open data: the same keys in the JSON objects and the CSV columns."""
    # The page's own address once, not per card: person_path would look it up every time.
    url = page_url + page.reverse_subpage("person", kwargs={"pk": card.pk})
    return {
        "id": card.pk,
        "surname": card.surname,
        "given_name": card.given_name,
        "patronymic": card.patronymic,
        "variants": card.variant_list,
        "birth_date": _date(card.birth_date),
        "birth_year": card.birth_year,
        "birth_place": card.birth_place,
        "conscription_date": _date(card.conscription_date),
        "conscription_place": card.conscription_place,
        "rank": card.rank,
        "units": card.units,
        "fronts": card.fronts,
        "awards": card.awards,
        "fate": card.fate,
        "death_date": _date(card.death_date),
        "death_place": card.death_place,
        "burial_place": card.burial_place,
        "category": card.category,
        "region": card.region.code if card.region else "",
        "url": url,
        "sources": [
            {
                **{name: getattr(source, name) for name in SOURCE_FIELDS},
                "database_url": source.database_url,
            }
            for source in card.sources.all()
        ],
    }


def _date(value) -> str:
    return str(value) if value else ""


# -- CSV ----------------------------------------------------------------------------------------


class _Echo:
    """A file-like object that hands back what csv.writer writes, for streaming."""

    def write(self, value: str) -> str:
        return value


def _source_text(source: dict) -> str:
    """One source in one line: «memory_book: ЦАМО, ф. 58, оп. 18002; obd_memorial 51479163 …»."""
    record = SourceRecord(**{name: source[name] for name in SOURCE_FIELDS})
    parts = [f"{source['kind']}: {record.citation}".rstrip(": ")]
    if source["database"]:
        parts.append(" ".join(filter(None, [source["database"], source["database_id"]])))
    if source["database_url"]:
        parts.append(source["database_url"])
    return "; ".join(parts)


def _csv(page, page_url: str) -> Iterator[str]:
    writer = csv.writer(_Echo())
    yield "\ufeff"  # so that spreadsheet programs read the file as UTF-8
    yield writer.writerow(CSV_COLUMNS)
    for card in published_cards():
        data = card_data(page, page_url, card)
        data["variants"] = "; ".join(data["variants"])
        data["sources"] = " | ".join(_source_text(source) for source in data["sources"])
        yield writer.writerow([no_formula(data[column]) for column in CSV_COLUMNS])


# -- JSON ---------------------------------------------------------------------------------------


def _json(page, page_url: str) -> Iterator[str]:
    envelope = {
        "license": LICENSE,
        "license_url": LICENSE_URL,
        "source": page_url,
        "generated": timezone.now().isoformat(timespec="seconds"),
    }
    # The envelope without its closing brace, then the cards one by one.
    yield json.dumps(envelope, ensure_ascii=False)[:-1] + ', "cards": ['
    separator = ""
    for card in published_cards():
        yield separator + json.dumps(card_data(page, page_url, card), ensure_ascii=False)
        separator = ",\n"
    yield "]}\n"
