"""Importing memorial places: CSV, XLSX and GeoJSON with headers in any of the site's languages,
every problem told by row (errors stop the import, warnings do not), our own export coming back as
it went out, all or nothing; the admin's two steps and who may take them; the command."""

import csv
import io
import json
import os
import time
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import connection
from django.template.defaultfilters import filesizeformat
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from sovet.accounts.roles import Role
from sovet.core.models import Region
from sovet.core.private_files import private_storage
from sovet.core.testing import assert_role_matrix, opens
from sovet.memory.tests.factories import CardFactory
from sovet.organizations.tests.factories import make_organization
from sovet.places import admin_import, export, importer, services  # noqa: F401 (registers the URL)
from sovet.places.models import MemorialPlace

from .factories import EDITOR_A, EDITOR_B, MANAGERS, editors_of_two_organizations

HEADER_RU = (
    "Вид;Название;Название (кырг);Адрес;Регион;Широта;Долгота;Год установки;Архитектор;"
    "Число неизвестных;Шефствующая организация;Номера карточек;Описание"
)
GOOD_ROW_RU = "Обелиск;Обелиск землякам;;с. Беловодское;Чуйская область;42,8301;74,1072;1975;;;;;"
IMPORT = "/admin/places/import/"
LIST = "/admin/places_place/"


def check(data, name="places.csv", *, may_publish=True, **options) -> importer.ImportReport:
    if isinstance(data, str):
        data = data.encode("utf-8")
    return importer.check_file(name, data, may_publish=may_publish, **options)


def csv_text(*lines: str) -> str:
    return "\n".join(lines) + "\n"


def problems(report, code=None):
    return [problem for problem in report.problems if code is None or problem.code == code]


def refused(data, name="places.csv", **options) -> str:
    with pytest.raises(importer.ImportRefused) as error:
        check(data, name, **options)
    return str(error.value)


def feature(coordinates, geometry_type="Point", **properties):
    return {
        "type": "Feature",
        "geometry": {"type": geometry_type, "coordinates": coordinates},
        "properties": properties,
    }


def geojson(*features) -> str:
    return json.dumps({"type": "FeatureCollection", "features": list(features)})


# --- Each format, headers in each language ------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-8", "cp1251"])
def test_a_russian_table_with_semicolons_and_decimal_commas(encoding):
    caretaker = make_organization(name_ru="Русский культурный центр «Славяне»")
    first, second = CardFactory(surname="Асанов"), CardFactory(surname="Петров")
    text = csv_text(
        HEADER_RU,
        "Братская могила;Братская могила воинов;Бир туугандык мүрзө;с. Ивановка;chui;42.8893;"
        f'75.0835;1968;Иванов И. И.;12;Русский культурный центр "Славяне";{first.pk}, '
        f"№{second.pk};Могила 12 воинов",
        "",  # a blank line is not a row
        GOOD_ROW_RU,
    )
    data = text.encode(encoding, errors="replace")  # cp1251 has no Kyrgyz ү: a "?" instead
    report = check(data)
    assert report.file_kind == "csv" and report.can_import, report.problems
    assert (len(report.rows), report.to_import, report.error_rows) == (2, 2, 0)
    services.places_import(report)
    grave = MemorialPlace.objects.get(name_ru="Братская могила воинов")
    assert (grave.kind, grave.region.code, grave.status) == ("mass_grave", "chui", "draft")
    assert (grave.latitude, grave.longitude) == (Decimal("42.889300"), Decimal("75.083500"))
    assert (grave.year_erected, grave.unnamed_count, grave.architect) == (1968, 12, "Иванов И. И.")
    assert grave.caretaker == caretaker and grave.description == "Могила 12 воинов"
    assert set(grave.participants.all()) == {first, second}
    obelisk = MemorialPlace.objects.get(name_ru="Обелиск землякам")
    assert (obelisk.kind, obelisk.latitude) == ("obelisk", Decimal("42.830100"))


@pytest.mark.django_db
def test_english_headers_commas_and_names_in_english():
    chui = Region.objects.get(code="chui")
    report = check(
        csv_text(
            "Kind,Name (Russian),Name (English),Region,Latitude,Longitude,Year erected,Status",
            f"Memorial plaque,Доска Герою,Plaque to a Hero,{chui.name_en},42.87,74.59,1985,"
            "published",
            "stele,Стела,,Naryn Region,41.4287,75.9911,,draft",
        )
    )
    assert report.can_import, report.problems
    plaque, stele = (row.place for row in report.rows)
    assert (plaque.kind, plaque.name_en, plaque.region, plaque.status) == (
        "plaque", "Plaque to a Hero", chui, "published",
    )  # fmt: skip
    assert (stele.kind, stele.region.code, stele.status) == ("stele", "naryn", "draft")


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["ru", "ky", "en"])
def test_the_template_in_each_language_imports(client, language):
    with translation.override(language):
        header = ";".join(importer.column_title(name) for name in importer.TEMPLATE_COLUMNS)
    row = ";".join(
        {"kind": "obelisk", "name_ru": "Обелиск", "region": "talas", "latitude": "42.52",
         "longitude": "72.24", "status": "draft"}.get(name, "")
        for name in importer.TEMPLATE_COLUMNS
    )  # fmt: skip
    report = check(csv_text(header, row))
    assert report.can_import and not report.unused_columns, report.problems
    assert report.rows[0].place.region.code == "talas"


@pytest.mark.django_db
def test_xlsx_numbers_and_formula_looking_text_are_data():
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Вид", "Название", "Регион", "Широта", "Долгота", "Год установки", "Описание"])
    sheet.append(["Бюст", "Бюст героя", "Ошская область", 40.5283, 72.7985, 1985, None])
    sheet.append(["stone", "Камень", "osh", 40.52, 72.79, 1990.0, "x"])
    sheet["G3"] = '=HYPERLINK("http://example.org")'
    sheet["G3"].data_type = "s"  # typed text that only looks like a formula
    buffer = io.BytesIO()
    workbook.save(buffer)
    report = check(buffer.getvalue(), "places.xlsx")
    assert report.file_kind == "xlsx" and report.can_import, report.problems
    bust, stone = (row.place for row in report.rows)
    assert (bust.kind, bust.year_erected, bust.latitude) == ("bust", 1985, Decimal("40.528300"))
    assert (stone.year_erected, stone.description) == (1990, '=HYPERLINK("http://example.org")')


@pytest.mark.django_db
def test_geojson_from_openstreetmap_with_a_region_for_every_feature():
    osh = Region.objects.get(code="osh")
    report = check(
        geojson(
            # name:ru wins over name; memorial=obelisk over historic=memorial; an altitude is fine
            feature(
                [72.7985, 40.5283, 960.5],
                name="Эстелик",
                **{
                    "name:ru": "Обелиск",
                    "name:ky": "Эстелик",
                    "name:en": "Obelisk",
                    "historic": "memorial",
                    "memorial": "obelisk",
                    "@id": "node/1",
                },
            ),
            feature([72.80, 40.53], name="Памятник", historic="memorial"),
            feature([72.81, 40.54], name="Музей", tourism="museum", start_date="1975-05-09"),
        ),  # fmt: skip
        "export.geojson",
        default_region=osh,
    )
    assert report.file_kind == "geojson" and report.can_import, report.problems
    first, second, third = (row.place for row in report.rows)
    assert (first.name_ru, first.name_ky, first.name_en) == ("Обелиск", "Эстелик", "Obelisk")
    assert (first.kind, first.latitude, first.longitude) == (
        "obelisk", Decimal("40.528300"), Decimal("72.798500"),
    )  # fmt: skip
    assert (second.kind, third.kind, third.year_erected) == ("other", "museum", 1975)
    assert {row.place.region for row in report.rows} == {osh}
    assert report.unused_columns == ["@id"]


class _PlacesPage:
    """What export.rows needs of the places page: the address of a place."""

    def place_path(self, place, route="place"):
        return f"/ru/memory/places/{place.pk}/"


def _exported_places():
    caretaker = make_organization(name_ru="Общество «Память»")
    chui, naryn = Region.objects.get(code="chui"), Region.objects.get(code="naryn")
    for fields in (
        {"kind": "obelisk", "name_ru": "Обелиск", "name_ky": "Эстелик", "name_en": "Obelisk",
         "address": "ул. Ленина, 1", "region": chui, "latitude": Decimal("42.864000"),
         "longitude": Decimal("74.260000"), "year_erected": 1970, "caretaker": caretaker},
        {"kind": "plaque", "name_ru": "=HYPERLINK(\"x\")", "region": naryn,
         "latitude": Decimal("41.428700"), "longitude": Decimal("75.991100")},
        {"kind": "grave", "name_ru": "Могила без координат", "region": naryn},
    ):  # fmt: skip
        services.place_save(MemorialPlace(status="published", **fields))


EXPORTED_FIELDS = (
    "kind", "name_ru", "name_ky", "name_en", "address", "region_id", "latitude", "longitude",
    "year_erected", "caretaker_id", "status",
)  # fmt: skip


@pytest.mark.django_db
@pytest.mark.parametrize("fmt", ["geojson", "csv"])
def test_our_own_export_imports_as_it_went_out(fmt):
    _exported_places()
    with translation.override("ru"):
        request = RequestFactory().get("/")
        response = export.export_view(_PlacesPage(), request, fmt)
    before = list(MemorialPlace.objects.order_by("pk").values_list(*EXPORTED_FIELDS))
    if fmt == "geojson":
        before = [place for place in before if place[6] is not None]  # GeoJSON needs a point
    MemorialPlace.objects.all().delete()
    report = check(response.content, f"memorial-places.{fmt}", publish=True)
    # The place without coordinates is in the CSV only, with a warning.
    assert report.can_import, report.problems
    assert [p.code for p in report.problems] == (["no_location"] if fmt == "csv" else [])
    assert set(report.unused_columns) == {"id", "condition", "inspected_on", "url"}
    services.places_import(report)
    after = list(MemorialPlace.objects.order_by("pk").values_list(*EXPORTED_FIELDS))
    assert after == before


@pytest.mark.django_db
def test_importing_the_export_again_warns_of_every_duplicate_with_a_link():
    _exported_places()
    response = export.export_view(_PlacesPage(), RequestFactory().get("/"), "geojson")
    report = check(response.content, "memorial-places.geojson")
    assert report.can_import and report.warning_rows == 2
    for row, place in zip(
        report.rows, MemorialPlace.objects.exclude(latitude=None).order_by("pk"), strict=True
    ):
        (warning,) = [p for p in report.problems if p.row == row.number]
        assert warning.code == "duplicate" and not warning.is_error
        assert warning.link == reverse("places_place:edit", args=[place.pk])
        assert warning.link_text == place.name_ru


# --- Problems, row by row -----------------------------------------------------------------------


def ru(message, **values):
    with translation.override("ru"):
        return gettext(message) % values if values else gettext(message)


@pytest.mark.django_db
def test_swapped_coordinates_are_an_error_that_offers_the_right_pair():
    with translation.override("ru"):
        report = check(
            csv_text(HEADER_RU, GOOD_ROW_RU.replace("42,8301;74,1072", "74,1072;42,8301"))
        )
        service_message = gettext(
            "The latitude and the longitude seem swapped: in Kyrgyzstan the latitude is about "
            "39–43 and the longitude about 69–80."
        )
    (problem,) = problems(report)
    assert (problem.row, problem.column, problem.code, problem.is_error) == (
        2, "Широта", "swapped", True,
    )  # fmt: skip
    fix = ru("Swap them: latitude %(latitude)s, longitude %(longitude)s.",
             latitude="42.830100", longitude="74.107200")  # fmt: skip
    assert problem.message == f"{service_message} {fix}"
    with translation.override("ru"):
        report = check(geojson(feature([42.8301, 74.1072], name="Обелиск", kind="obelisk",
                                       region="chui")), "map.geojson")  # fmt: skip
    (problem,) = problems(report)
    assert problem.column == "geometry" and problem.code == "swapped"
    assert problem.message.endswith(
        ru("In GeoJSON the longitude comes first: [%(longitude)s, %(latitude)s].",
           latitude="42.830100", longitude="74.107200")
    )  # fmt: skip


BAD_ROWS = [
    # (what replaces the good row's cells, the field's column, the problem's code)
    ({0: ""}, "Вид", "required"),
    ({0: "Пирамида"}, "Вид", "unknown"),
    ({1: ""}, "Название (на русском)", "required"),
    ({1: "Я" * 256}, "Название", "too_long"),
    ({4: ""}, "Регион", "required"),
    ({4: "Московская область"}, "Регион", "unknown"),
    ({5: "55,7558", 6: "37,6173"}, "Широта", "outside"),  # Moscow
    ({5: "север"}, "Широта", "not_a_number"),
    ({6: ""}, "Широта", "half_location"),
    ({7: "тысяча"}, "Год установки", "not_a_number"),
    ({7: "2999"}, "Год установки", "bad_year"),
    ({9: "-3"}, "Число неизвестных", "not_a_number"),
    ({10: "Неизвестное общество"}, "Шефствующая организация", "unknown"),
    ({11: "999999"}, "Номера карточек", "unknown"),
    ({11: "12a"}, "Номера карточек", "not_a_number"),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("changes", "column", "code"), BAD_ROWS)
def test_each_bad_value_is_an_error_on_its_row_and_nothing_is_saved(changes, column, code):
    cells = GOOD_ROW_RU.split(";")
    for position, value in changes.items():
        cells[position] = value
    with translation.override("ru"):
        report = check(csv_text(HEADER_RU, GOOD_ROW_RU, ";".join(cells), GOOD_ROW_RU))
    found = [(p.row, p.column, p.code, p.is_error) for p in problems(report) if p.is_error]
    if column == "Название (на русском)":
        with translation.override("ru"):
            column = importer.column_title("name_ru")  # no value: the column is named as ours
    assert found == [(3, column, code, True)]
    assert (report.error_rows, report.to_import, report.can_import) == (1, 2, False)
    with pytest.raises(ValidationError):
        services.places_import(report)
    assert not MemorialPlace.objects.exists()


@pytest.mark.django_db
def test_messages_are_translated_sentences():
    with translation.override("ru"):
        report = check(csv_text(HEADER_RU, GOOD_ROW_RU.replace("Чуйская область", "Марс")
                                .replace("1975", "тысяча")))  # fmt: skip
    messages = [problem.message for problem in report.problems]
    assert messages == [
        ru("Unknown region: write its name (e.g. «Чуйская область») or its code (chui)."),
        ru("“%(value)s” is not a whole number.", value="тысяча"),
    ]


@pytest.mark.django_db
def test_a_place_without_coordinates_is_a_warning():
    report = check(csv_text(HEADER_RU, GOOD_ROW_RU.replace("42,8301;74,1072", ";")))
    (problem,) = problems(report)
    assert (problem.code, problem.is_error, report.warning_rows, report.can_import) == (
        "no_location", False, 1, True,
    )  # fmt: skip
    assert problem.message == gettext(
        "No coordinates: the place will not be on the map until they are added."
    )


@pytest.mark.django_db
def test_one_coordinates_column_as_a_map_copies_it():
    report = check(csv_text("Вид;Название;Регион;Координаты", "Стела;Стела;chui;42.8301, 74.1072"))
    assert report.can_import and not report.problems
    place = report.rows[0].place
    assert (place.latitude, place.longitude) == (Decimal("42.830100"), Decimal("74.107200"))


@pytest.mark.django_db
def test_near_places_with_similar_names_are_warned_of_in_the_database_and_the_file():
    existing = services.place_save(MemorialPlace(
        kind="obelisk", name_ru="Обелиск землякам", region=Region.objects.get(code="chui"),
        latitude=Decimal("42.830100"), longitude=Decimal("74.107200"),
    ))  # fmt: skip
    # ≈ 20 m away, one word more; then the same row again; then another name at the same spot.
    near = GOOD_ROW_RU.replace("землякам", "землякам-героям").replace("74,1072", "74,10742")
    other = GOOD_ROW_RU.replace("Обелиск землякам", "Бюст Панфилова")
    report = check(csv_text(HEADER_RU, near, near, other))
    assert report.can_import and report.warning_rows == 2
    found = [(p.row, p.code, p.link) for p in problems(report)]
    link = reverse("places_place:edit", args=[existing.pk])
    assert found == [(2, "duplicate", link), (3, "duplicate", link), (3, "duplicate_in_file", "")]
    # The rule is the one services.possible_duplicates applies to a place being saved.
    assert services.possible_duplicates(report.rows[0].place) == [existing]
    assert services.possible_duplicates(report.rows[2].place) == []
    services.places_import(report)  # warnings do not stop the import
    assert MemorialPlace.objects.count() == 4


@pytest.mark.django_db
def test_statuses_follow_what_the_user_may_do():
    lines = [HEADER_RU + ";Статус", GOOD_ROW_RU + ";", GOOD_ROW_RU + ";Черновик",
             GOOD_ROW_RU.replace("Обелиск землякам", "Стела") + ";опубликовано"]  # fmt: skip
    statuses = [row.place.status for row in check(csv_text(*lines)).rows]
    assert statuses == ["draft", "draft", "published"]
    statuses = [row.place.status for row in check(csv_text(*lines), publish=True).rows]
    assert statuses == ["published", "draft", "published"]
    report = check(csv_text(*lines), may_publish=False, publish=True)
    assert [row.place.status for row in report.rows] == ["draft", "draft", "draft"]
    assert [(p.row, p.code, p.is_error) for p in problems(report, "may_not_publish")] == [
        (4, "may_not_publish", False)
    ]


@pytest.mark.django_db
def test_a_failure_while_saving_leaves_nothing_behind(monkeypatch):
    report = check(csv_text(HEADER_RU, GOOD_ROW_RU, GOOD_ROW_RU.replace("землякам", "героям")))
    saved = []

    def save_then_fail(place):
        if saved:
            raise ValidationError("the database went away")
        saved.append(place)
        return original(place)

    original = services.place_save
    monkeypatch.setattr(services, "place_save", save_then_fail)
    with pytest.raises(ValidationError):
        services.places_import(report)
    assert saved and not MemorialPlace.objects.exists()


@pytest.mark.django_db
def test_checking_a_file_takes_the_same_queries_for_5_rows_or_60(django_assert_max_num_queries):
    card = CardFactory(surname="Асанов")
    make_organization(name_ru="Память")
    row = GOOD_ROW_RU.split(";")
    row[10], row[11] = "Память", str(card.pk)

    def count(rows: int) -> int:
        lines = [HEADER_RU]
        for number in range(rows):
            cells = list(row)
            cells[1] = f"Обелиск {number}"
            cells[5] = f"42,{8301 + number * 10}"
            lines.append(";".join(cells))
        with CaptureQueriesContext(connection) as queries:
            assert check(csv_text(*lines)).can_import
        return len(queries)

    assert count(5) == count(60) <= 6


# --- Files that cannot be read ------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (b"", "places.csv", "The file is empty."),
        (b"  \n", "places.csv", "The file is empty."),
        ("Вид;Название;Регион\n".encode(), "places.csv",
         "The file has no places: only the row with the column names."),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 40, "places.csv",
         "This is not a CSV, XLSX or GeoJSON file (it looks like %(type)s). Save the table as "
         "CSV or XLSX, or export the map as GeoJSON."),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 40, "places.xls",
         "This is an old Excel (.xls) file: save it as .xlsx or as CSV and import again."),
        (b"PK\x03\x04 not really a workbook", "places.xlsx",
         "The file cannot be read as an Excel workbook: save it again as .xlsx or as CSV."),
        (b'{"type": "FeatureCollection", "features": [}', "map.geojson",
         "The file is not valid GeoJSON: the JSON breaks at line %(line)s, column %(column)s. "
         "Export it again, or check it in a GeoJSON viewer."),
        (b'{"type": "Feature", "geometry": null}', "map.geojson",
         'The file is JSON but not a GeoJSON FeatureCollection: it must have "type": '
         '"FeatureCollection" and the places in "features".'),
        (b'{"type": "FeatureCollection", "features": []}', "map.json",
         "The file has no features: there are no places in it."),
    ],
)  # fmt: skip
def test_a_file_that_cannot_be_read_is_refused_with_a_clear_message(data, name, message):
    with translation.override("ru"):
        text = refused(data, name)
        expected = gettext(message) % {"type": "PNG", "line": 1, "column": 44}
    assert text == expected
    assert not MemorialPlace.objects.exists()


@pytest.mark.django_db
def test_too_large_or_too_many_rows_or_no_name_column_is_refused(monkeypatch):
    monkeypatch.setattr(importer.reading, "MAX_BYTES", 100)
    assert "100" in refused(csv_text(HEADER_RU, GOOD_ROW_RU))
    monkeypatch.setattr(importer.reading, "MAX_BYTES", 5 * 1024 * 1024)
    monkeypatch.setattr(importer.reading, "MAX_ROWS", 2)
    text = refused(csv_text(HEADER_RU, GOOD_ROW_RU, GOOD_ROW_RU, GOOD_ROW_RU))
    with translation.override("ru"):
        assert text == ru("The file has more than %(limit)s rows: split it into several files.",
                          limit="2")  # fmt: skip
    assert check(csv_text(HEADER_RU, GOOD_ROW_RU, GOOD_ROW_RU)).can_import
    with translation.override("ru"):
        text = refused(csv_text("Вид;Адрес", "Обелиск;с. Беловодское"))
        titles = [importer.column_title(name) for name in ("name_ru", "region")]
    assert all(title in text for title in titles)


NOT_A_POINT = (
    "Feature %(number)s has no Point geometry (it has %(type)s): only points can be imported; "
    "turn areas and lines into points first."
)
BAD_POINT = (
    "Feature %(number)s: the point's coordinates must be two numbers, [longitude, latitude]."
)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("bad", "code", "message", "geometry_type"),
    [
        (feature([[74.1, 42.8], [74.2, 42.9]], "LineString"), "not_a_point", NOT_A_POINT,
         "LineString"),
        ({"type": "Feature", "geometry": None}, "not_a_point", NOT_A_POINT, "none"),
        (feature(["74.1", 42.8]), "bad_coordinates", BAD_POINT, ""),
        (feature([74.1]), "bad_coordinates", BAD_POINT, ""),
        (feature([True, False]), "bad_coordinates", BAD_POINT, ""),
        ("not a feature", "not_a_feature", "Feature %(number)s is not a GeoJSON Feature.", ""),
    ],
)  # fmt: skip
def test_a_malformed_feature_is_an_error_with_its_number(bad, code, message, geometry_type):
    good = feature([74.1072, 42.8301], name="Обелиск", kind="obelisk", region="chui")
    other = feature([74.2, 42.9], name="Бюст", kind="bust", region="chui")
    if isinstance(bad, dict):
        bad["properties"] = {"name": "Стела", "kind": "stele", "region": "chui"}
    with translation.override("ru"):
        report = check(geojson(good, bad, other), "map.geojson")
        shown_type = gettext(geometry_type) if geometry_type == "none" else geometry_type
        expected = gettext(message) % {"number": 2, "type": shown_type}
    (problem,) = problems(report)
    assert (problem.row, problem.code, problem.is_error, problem.message) == (
        2, code, True, expected,
    )  # fmt: skip
    assert report.error_rows == 1 and not report.can_import


# --- The admin's two steps ----------------------------------------------------------------------


@pytest.fixture
def world(users):
    """Staff of every role with two-factor sign-in set up; editors of two organizations, one of
    which looks after a place."""
    a, _b = editors_of_two_organizations(users)
    services.place_save(MemorialPlace(
        kind="grave", name_ru="Могила", region=Region.objects.get(code="osh"), caretaker=a,
    ))  # fmt: skip
    return users


def upload(client, text, name="places.csv", **fields):
    file = SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/csv")
    return client.post(IMPORT, {"file": file, **fields})


def kept_files():
    storage = private_storage()
    return storage.listdir("places/imports")[1] if storage.exists("places/imports") else []


@pytest.mark.django_db
def test_upload_check_then_confirm_without_uploading_again(world, client):
    client.force_login(world[str(Role.MEMORY_MODERATOR)])
    assert reverse("places_import") == IMPORT
    before = kept_files()
    response = upload(client, csv_text(HEADER_RU, GOOD_ROW_RU, GOOD_ROW_RU.replace(
        "42,8301;74,1072", ";")), publish="on")  # fmt: skip
    assert response.status_code == 200
    report = response.context["report"]
    assert (len(report.rows), report.to_import, report.warning_rows, report.error_rows) == (
        2,
        2,
        1,
        0,
    )
    token = response.context["token"]
    assert token and f'value="{token}"' in response.content.decode()
    assert not MemorialPlace.objects.filter(name_ru="Обелиск землякам").exists()
    (kept,) = set(kept_files()) - set(before)
    assert not (Path(settings.MEDIA_ROOT) / "places" / "imports" / kept).exists()  # private
    # The second step sends only the token: the file was kept on the server.
    response = client.post(IMPORT, {"token": token})
    assert response.status_code == 302 and response["Location"] == LIST
    imported = MemorialPlace.objects.filter(name_ru="Обелиск землякам")
    assert imported.count() == 2 and {p.status for p in imported} == {"published"}
    assert kept not in kept_files() and "places_import" not in client.session
    # The history says who imported them.
    from wagtail.models import ModelLogEntry

    entry = ModelLogEntry.objects.for_instance(imported[0]).get()
    assert (entry.action, entry.user) == ("wagtail.create", world[str(Role.MEMORY_MODERATOR)])
    # Confirming twice imports nothing twice.
    response = client.post(IMPORT, {"token": token}, follow=True)
    assert imported.count() == 2
    assert ru("The checked file is no longer kept: upload it again.") in [
        str(m) for m in response.context["messages"]
    ]


@pytest.mark.django_db
def test_confirming_checks_again_and_a_stale_token_changes_nothing(world, client):
    client.force_login(world[str(Role.COUNCIL_SECRETARY)])
    caretaker = make_organization(name_ru="Общество «Память»")
    cells = GOOD_ROW_RU.split(";")
    cells[10] = "Общество «Память»"
    token = upload(client, csv_text(HEADER_RU, ";".join(cells))).context["token"]
    # An older report, in another tab, does not throw the newer check away.
    assert client.post(IMPORT, {"token": "0" * 32}).status_code == 302
    assert client.session["places_import"]["token"] == token
    caretaker.delete()  # the database changes between the two steps
    response = client.post(IMPORT, {"token": token})
    assert response.status_code == 200
    assert [(p.row, p.code) for p in response.context["report"].problems] == [(2, "unknown")]
    assert MemorialPlace.objects.count() == 1  # the world's place only


@pytest.mark.django_db
def test_a_file_with_errors_shows_them_and_offers_no_import(world, client):
    client.force_login(world[str(Role.COUNCIL_SECRETARY)])
    before = kept_files()
    with translation.override("ru"):
        response = upload(client, csv_text(HEADER_RU, GOOD_ROW_RU.replace("Обелиск;", "Пирамида;")))
    assert response.status_code == 200
    assert response.context["report"].error_rows == 1 and not response.context["token"]
    assert 'name="token"' not in response.content.decode()
    assert kept_files() == before
    assert client.post(IMPORT, {"token": "guess"}).status_code == 302
    assert MemorialPlace.objects.count() == 1


@pytest.mark.django_db
def test_a_refused_file_is_told_on_the_form_with_the_choices_kept(world, client):
    client.force_login(world[str(Role.ADMINISTRATOR)])
    osh = Region.objects.get(code="osh")
    response = upload(client, "", kind="stele", region=osh.pk, publish="on")
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["file"]
    assert (form["kind"].value(), str(form["region"].value()), form["publish"].value()) == (
        "stele", str(osh.pk), True,
    )  # fmt: skip


@pytest.mark.django_db
def test_the_template_downloads_with_the_column_names(world, client):
    client.force_login(world[str(Role.MEMORY_MODERATOR)])
    response = client.get(IMPORT, {"template": "csv"}, HTTP_ACCEPT_LANGUAGE="ru")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    header = next(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert len(header) == len(importer.TEMPLATE_COLUMNS)
    page = client.get(IMPORT).content.decode()
    assert "?template=csv" in page


@pytest.mark.django_db
def test_the_report_links_a_possible_duplicate_to_its_page(world, client):
    client.force_login(world[str(Role.MEMORY_MODERATOR)])
    existing = services.place_save(MemorialPlace(
        kind="obelisk", name_ru="Обелиск землякам", region=Region.objects.get(code="chui"),
        latitude=Decimal("42.830100"), longitude=Decimal("74.107200"),
    ))  # fmt: skip
    response = upload(client, csv_text(HEADER_RU, GOOD_ROW_RU))
    link = reverse("places_place:edit", args=[existing.pk])
    assert f'<a href="{link}">' in response.content.decode()
    assert response.context["token"]  # a warning does not stop the import


@pytest.mark.django_db
def test_a_file_too_large_is_refused_before_it_is_read(world, client, monkeypatch):
    client.force_login(world[str(Role.MEMORY_MODERATOR)])
    monkeypatch.setattr(importer.reading, "MAX_BYTES", 100)
    text = csv_text(HEADER_RU, GOOD_ROW_RU)
    with translation.override("ru"):
        response = upload(client, text)
        expected = ru(
            "The file is too large (%(size)s). The limit is %(limit)s: split it into parts.",
            size=filesizeformat(len(text.encode())), limit=filesizeformat(100),
        )  # fmt: skip
    assert response.context["form"].errors["file"] == [expected]
    assert "report" not in response.context


@pytest.mark.django_db
def test_checked_files_never_confirmed_are_deleted_after_a_day(world, client):
    client.force_login(world[str(Role.MEMORY_MODERATOR)])
    storage = private_storage()
    abandoned = storage.save("places/imports/abandoned", ContentFile(b"x"))
    recent = storage.save("places/imports/recent", ContentFile(b"x"))
    day_and_more = time.time() - 25 * 3600
    os.utime(storage.path(abandoned), (day_and_more, day_and_more))
    upload(client, csv_text(HEADER_RU, GOOD_ROW_RU))
    assert not storage.exists(abandoned) and storage.exists(recent)
    storage.delete(recent)


@pytest.mark.django_db
def test_only_moderators_and_the_council_may_import(world, client):
    assert_role_matrix(
        world,
        {
            "open the import page": (lambda u: opens(client, u, IMPORT), MANAGERS),
            "download the template": (
                lambda u: opens(client, u, IMPORT + "?template=csv"),
                MANAGERS,
            ),
        },
    )
    # Editors, even of the caretaker: a plain 403 (not a redirect), and nothing imported.
    for name in (EDITOR_A, EDITOR_B):
        client.force_login(world[name])
        assert client.get(IMPORT).status_code == 403
        assert upload(client, csv_text(HEADER_RU, GOOD_ROW_RU)).status_code == 403
    client.logout()
    response = client.get(IMPORT)
    assert response.status_code == 302 and "login" in response["Location"]
    assert MemorialPlace.objects.count() == 1


# --- The command --------------------------------------------------------------------------------


def run(path, *args):
    out = io.StringIO()
    call_command("import_places", str(path), "--language", "en", *args, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_the_command_imports_reports_and_fails_on_errors(tmp_path):
    good = tmp_path / "good.csv"
    good.write_text(csv_text(HEADER_RU, GOOD_ROW_RU, GOOD_ROW_RU.replace("42,8301;74,1072", ";")),
                    encoding="utf-8")  # fmt: skip
    out = run(good, "--dry-run")
    assert "Places in the file: 2, ready to import: 2, with warnings: 1, with errors: 0." in out
    assert "Row 3," in out and not MemorialPlace.objects.exists()
    out = run(good, "--publish")
    assert set(MemorialPlace.objects.values_list("status", flat=True)) == {"published"}
    assert MemorialPlace.objects.count() == 2
    # Again: each place is now a possible duplicate of itself, linked.
    out = run(good, "--dry-run")
    place = MemorialPlace.objects.exclude(latitude=None).get()
    assert reverse("places_place:edit", args=[place.pk]) in out
    bad = tmp_path / "bad.csv"
    bad.write_text(csv_text(HEADER_RU, GOOD_ROW_RU, GOOD_ROW_RU.replace("Обелиск;", "Пирамида;")),
                   encoding="utf-8")  # fmt: skip
    with pytest.raises(CommandError) as error:
        run(bad)
    assert "nothing was imported" in str(error.value)
    assert MemorialPlace.objects.count() == 2
    with pytest.raises(CommandError):
        run(tmp_path / "missing.csv")
    osm = tmp_path / "osm.geojson"
    osm.write_text(geojson(feature([72.81, 40.54], name="Музей", tourism="museum")))
    with pytest.raises(CommandError):
        run(osm)  # no region
    run(osm, "--region", "osh")
    assert MemorialPlace.objects.get(name_ru="Музей").region.code == "osh"
