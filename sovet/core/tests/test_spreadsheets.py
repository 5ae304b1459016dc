"""The one reader of imported tables (core.spreadsheets.read_table): every encoding and
delimiter people's spreadsheet programs write, workbooks, and files that are no table at all."""

import codecs
import datetime
import io

import pytest
from django.utils import translation
from openpyxl import Workbook

from sovet.core.spreadsheets import UnreadableFile, decode_text, read_table

HEADER = ["Фамилия", "Имя", "Өмүр"]
ROWS = [["Соловьёв", "Пётр", "Кеңеш"], ["", "", ""], ["Ким", "Ирина, Анна", "1921"]]


def csv_text(delimiter=","):
    def cell(value):
        return f'"{value}"' if delimiter in value else value

    return "".join(delimiter.join(map(cell, row)) + "\r\n" for row in [HEADER, *ROWS])


def read_all(source, **options):
    table = read_table(source, **options)
    return table, [table.header, *table.rows]


@pytest.mark.parametrize(
    ("encoded", "encoding"),
    [
        (csv_text().encode("utf-8"), "utf-8-sig"),
        (codecs.BOM_UTF8 + csv_text().encode("utf-8"), "utf-8-sig"),
        # Excel's "Unicode text", both byte orders.
        (csv_text().encode("utf-16"), "utf-16"),
        (codecs.BOM_UTF16_BE + csv_text().encode("utf-16-be"), "utf-16"),
    ],
)
def test_unicode_csv_is_read_whatever_its_encoding(encoded, encoding):
    table, rows = read_all(encoded)
    assert (table.kind, table.encoding) == ("csv", encoding)
    assert rows == [HEADER, *ROWS]


def test_windows_1251_csv_is_read_as_russian():
    text = csv_text().replace("Өмүр", "Год").replace("Кеңеш", "Москва")
    table, rows = read_all(text.encode("cp1251"))
    assert table.encoding == "cp1251"
    assert rows[0] == ["Фамилия", "Имя", "Год"] and rows[1] == ["Соловьёв", "Пётр", "Москва"]


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_the_delimiter_is_the_one_the_header_has(delimiter):
    _table, rows = read_all(csv_text(delimiter).encode())
    assert rows == [HEADER, *ROWS]  # «Ирина, Анна» stays one cell


def test_a_file_on_disk_is_read_row_by_row_and_counted(tmp_path):
    path = tmp_path / "names.csv"
    path.write_bytes(csv_text(";").encode("cp1251", errors="replace"))
    table, rows = read_all(path, count=True)
    assert table.encoding == "cp1251" and table.total == 3
    assert rows[0] == ["Фамилия", "Имя", "?м?р"] and rows[3] == ["Ким", "Ирина, Анна", "1921"]


def test_an_xlsx_workbook_is_read_from_its_first_sheet_as_text(tmp_path):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADER)
    sheet.append(["Соловьёв", 1921.0, datetime.datetime(1943, 5, 9)])
    sheet.append([None, "  Пётр  ", 12.5])
    workbook.create_sheet("Другой").append(["не читается"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    expected = [HEADER, ["Соловьёв", "1921", "1943-05-09"], ["", "Пётр", "12.5"]]
    table, rows = read_all(buffer.getvalue(), name="people.xlsx", count=True)
    assert (table.kind, table.encoding, table.total) == ("xlsx", "", 2)
    assert rows == expected
    # The kind is in the bytes, whatever the name says; from disk alike.
    (tmp_path / "people.csv").write_bytes(buffer.getvalue())
    assert read_all(tmp_path / "people.csv")[1] == expected


@pytest.mark.parametrize(
    ("data", "name", "code", "message"),
    [
        (b"", "empty.csv", "empty", "The file is empty: its first row must name the columns."),
        (b"\r\n;;\r\n", "blank.csv", "empty",
         "The file is empty: its first row must name the columns."),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 40, "photo.csv", "binary",
         "This is not a CSV or XLSX file (it looks like %(type)s). Save the table as CSV or XLSX "
         "and import it again."),
        (bytes(range(256)) * 4, "junk.csv", "binary",
         "This is not a CSV or XLSX file (it looks like %(type)s). Save the table as CSV or XLSX "
         "and import it again."),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 40, "old.xls", "xls",
         "This is an old Excel (.xls) file: save it as .xlsx or as CSV and import again."),
        (b"PK\x03\x04 not really a workbook", "broken.xlsx", "xlsx",
         "The file cannot be read as an Excel workbook: save it again as .xlsx or as CSV."),
        (b"name_ru,type\r\n", "table.xlsx", "xlsx",
         "The file cannot be read as an Excel workbook: save it again as .xlsx or as CSV."),
    ],
)  # fmt: skip
def test_what_is_no_table_is_refused_with_a_translated_reason(data, name, code, message):
    with translation.override("ru"):
        with pytest.raises(UnreadableFile) as refused:
            read_table(data, name=name)
        type_ = {"PNG": "PNG"}.get(
            refused.value.params.get("type"), translation.gettext("binary data")
        )
        expected = translation.gettext(message) % {"type": type_}
    assert refused.value.code == code
    assert str(refused.value) == expected
    assert expected != message  # the reason is in Russian


def test_a_missing_file_is_refused_with_its_name(tmp_path):
    with pytest.raises(UnreadableFile, match="missing.csv") as refused:
        read_table(tmp_path / "missing.csv")
    assert refused.value.code == "missing"


def test_decode_text_reads_text_and_refuses_binary():
    assert decode_text("Вид;Название\n".encode("utf-16")) == "Вид;Название\n"
    assert decode_text("Вид;Название".encode("cp1251")) == "Вид;Название"
    with pytest.raises(UnreadableFile):
        decode_text(b"GIF89a" + b"\x00" * 20)
