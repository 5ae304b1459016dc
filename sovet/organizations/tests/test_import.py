"""Import from CSV/XLSX: every bad row is reported with its reason; nothing partial is written
unless the user asks for the valid rows only."""

import csv
import io

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from openpyxl import Workbook

from sovet.accounts.roles import Role
from sovet.core.testing import make_user
from sovet.organizations import imports
from sovet.organizations.models import Organization

HEADER = ["name_ru", "type", "region", "city", "latitude", "longitude", "email", "phone", "tags",
          "is_partner", "member_since", "website"]  # fmt: skip
GOOD = ["Общество «Росток» {n}", "society", "Чуйская область", "Токмок", "42,84", "75.30",
        "info{n}@example.org", "0555 123 456", "youth, Культура", "нет", "02.04.2021", "https://rostok.kg"]  # fmt: skip


def csv_bytes(rows, header=HEADER, delimiter=","):
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8-sig")


def good_row(n):
    return [cell.format(n=n) for cell in GOOD]


def bad_rows():
    """Each with one mistake, and what the report must say about it."""
    rows = []
    for column, value, reason in [
        ("region", "Марс", "Unknown region"),
        ("type", "клуб по интересам", "Unknown type"),
        ("latitude", "сорок два", "Enter a number"),
        ("latitude", "95", "latitude"),
        ("email", "not-an-email", "e-mail"),
        ("phone", "12", "phone number"),
        ("tags", "youth, astronomy", "astronomy"),
        ("is_partner", "может быть", "yes"),
        ("member_since", "2021-13-45", "date"),
        ("website", "not a url", "web site"),
        ("name_ru", "", "name (Russian)"),
    ]:
        row = good_row(f"bad-{column}-{len(rows)}")
        row[HEADER.index(column)] = value
        rows.append((row, reason))
    return rows


@pytest.mark.django_db
def test_a_1000_row_file_reports_each_bad_row_and_imports_the_rest_only_on_request():
    bad = bad_rows()
    rows = [good_row(n) for n in range(1000 - len(bad))]
    positions = {}
    for index, (row, reason) in enumerate(bad):
        position = 37 + index * 80
        rows.insert(position, row)
        positions[position + 2] = reason  # +1 for the header, +1 for counting from 1
    assert len(rows) == 1000
    with translation.override("en"):
        report = imports.check("organizations.csv", csv_bytes(rows))
    assert len(report.rows) == 1000
    assert {row.number for row in report.invalid_rows} == set(positions)
    for row in report.invalid_rows:
        assert any(positions[row.number] in error for error in row.errors), (row.number, row.errors)

    with pytest.raises(Exception):  # noqa: B017 - "import all" is refused while rows are bad
        imports.apply(report, user=None)
    assert not Organization.objects.exists()

    assert imports.apply(report, user=None, valid_only=True) == 1000 - len(bad)
    organization = Organization.objects.get(name_ru="Общество «Росток» 5")
    assert organization.region.code == "chui"
    assert str(organization.latitude) == "42.840000"
    assert organization.phone == "+996 555 123 456"
    assert sorted(t.code for t in organization.tags.all()) == ["culture", "youth"]
    assert organization.revisions.count() == 1


@pytest.mark.django_db
def test_duplicates_within_the_file_and_with_existing_organizations():
    imports.apply(imports.check("a.csv", csv_bytes([good_row(1)])), user=None)
    report = imports.check("b.csv", csv_bytes([good_row(1), good_row(2), good_row(2)]))
    assert [row.is_valid for row in report.rows] == [False, True, False]


@pytest.mark.django_db
def test_xlsx_with_a_missing_column_names_it_and_writes_nothing():
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["name_ru", "city"])
    sheet.append(["Общество", "Ош"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    report = imports.check("file.xlsx", buffer.getvalue())
    assert report.missing_columns == ["type", "region"]
    assert not report.can_import_all


@pytest.mark.django_db
def test_xlsx_with_numbers_and_dates_in_cells_is_read():
    from datetime import datetime

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADER)
    row = good_row(1)
    row[HEADER.index("latitude")], row[HEADER.index("longitude")] = 42.84, 75.3
    row[HEADER.index("member_since")] = datetime(2021, 4, 2)
    sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    report = imports.check("file.xlsx", buffer.getvalue())
    assert report.can_import_all, report.rows[0].errors


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("organizations.pdf", b"%PDF-1.4"),
        (
            "organizations.csv",
            "name_ru,type,region\n".encode("cp1251") + "Общество,society,Ош\n".encode("cp1251"),
        ),
        ("organizations.xlsx", b"this is not a spreadsheet"),
        ("organizations.csv", b""),
    ],
)
def test_unreadable_files_are_refused_with_a_reason(name, data):
    with pytest.raises(imports.ImportFileError):
        imports.check(name, data)


@pytest.mark.django_db
def test_semicolon_csv_from_excel_is_read():
    report = imports.check("o.csv", csv_bytes([good_row(1)], delimiter=";"))
    assert report.can_import_all


@pytest.mark.django_db
def test_the_admin_import_previews_then_imports(client):
    secretary = make_user("secretary@example.org", roles=[Role.COUNCIL_SECRETARY])
    TOTP.activate(secretary, "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")
    client.force_login(secretary)
    bad_row = good_row(3)
    bad_row[HEADER.index("region")] = "Марс"
    upload = SimpleUploadedFile("o.csv", csv_bytes([good_row(1), good_row(2), bad_row]), "text/csv")
    preview = client.post("/admin/organizations/import/", {"file": upload})
    assert preview.status_code == 200
    assert preview.context["report"] and len(preview.context["report"].invalid_rows) == 1
    assert "Марс" in preview.content.decode()
    assert not Organization.objects.exists()
    refused = client.post("/admin/organizations/import/", {"action": "all"})
    assert refused.status_code == 200 and not Organization.objects.exists()
    done = client.post("/admin/organizations/import/", {"action": "valid"})
    assert done.status_code == 302
    assert Organization.objects.count() == 2
    template = client.get("/admin/organizations/import/?template=csv")
    assert template.content.decode().startswith("name_ru,")


@pytest.mark.django_db
def test_names_differing_only_in_quotes_or_case_are_duplicates_in_one_file():
    first, second = good_row(1), good_row(1)
    second[0] = second[0].replace("«", '"').replace("»", '"').upper()
    report = imports.check("o.csv", csv_bytes([first, second]))
    assert [row.is_valid for row in report.rows] == [True, False]


@pytest.mark.django_db
def test_import_apply_checks_the_permission():
    from django.core.exceptions import PermissionDenied

    from sovet.core.testing import make_staff

    report = imports.check("o.csv", csv_bytes([good_row(1)]))
    with pytest.raises(PermissionDenied):
        imports.apply(report, user=make_staff("editor@example.org", Role.ORGANIZATION_EDITOR))
    assert not Organization.objects.exists()


@pytest.mark.django_db
def test_row_numbers_are_the_spreadsheets_even_after_blank_rows():
    bad = good_row(3)
    bad[HEADER.index("region")] = "Марс"
    blank = [""] * len(HEADER)
    report = imports.check("o.csv", csv_bytes([good_row(1), blank, blank, bad]))
    (invalid,) = report.invalid_rows
    assert invalid.number == 5  # the header is row 1, the blank rows are 3 and 4


@pytest.mark.django_db
def test_unicode_text_from_excel_is_read_with_its_kyrgyz_names():
    header = [*HEADER, "name_ky"]
    text = csv_bytes([[*good_row(1), "Өсүү коому"]], header=header, delimiter="\t").decode(
        "utf-8-sig"
    )
    report = imports.check("o.csv", text.encode("utf-16"))
    assert report.can_import_all, report.rows[0].errors
    assert report.rows[0].values["name_ky"] == "Өсүү коому"
