"""core.uploads: documents are of the type their content says, and images among them are images."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.utils import translation
from PIL import ImageFile

from sovet.core.uploads import check_document

from .images import bomb_png, gps_jpeg, has_gps, png_declaring, upload


@pytest.fixture(autouse=True)
def _english():
    """Messages are asserted in the source language."""
    with translation.override("en"):
        yield


def error_code(excinfo: pytest.ExceptionInfo[ValidationError]) -> str:
    return excinfo.value.error_list[0].code


# --- check_document --------------------------------------------------------------------------

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def zip_bytes(*names: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in names:
            archive.writestr(name, "<xml/>")
    return buffer.getvalue()


def test_pdf_passes_and_is_rewound():
    file = upload("minutes.pdf", PDF, "application/pdf")
    file.read(5)
    assert check_document(file) is file
    assert file.tell() == 0


def test_docx_passes():
    data = zip_bytes("[Content_Types].xml", "_rels/.rels", "word/document.xml")
    file = upload("letter.docx", data, "application/octet-stream")
    assert check_document(file) is file


@pytest.mark.parametrize(
    "name,data",
    [
        ("report.pdf", b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 120),  # a Windows program
        ("report.docx", zip_bytes("readme.txt", "setup.exe")),  # a plain zip
    ],
)
def test_renamed_program_or_zip_is_rejected(name, data):
    with pytest.raises(ValidationError) as excinfo:
        check_document(upload(name, data, "application/pdf"))
    assert error_code(excinfo) == "bad_type"
    assert "PDF" in excinfo.value.messages[0]


def test_utf8_text_and_markdown_pass():
    text = "Протокол собрания.\nКыргызча: өңү\n".encode()
    assert check_document(upload("notes.txt", text, "text/plain"))
    assert check_document(upload("notes.md", text, "text/markdown"))


def test_text_with_nul_or_bad_utf8_is_rejected():
    for data in (b"abc\x00def", "Протокол".encode("cp1251")):
        with pytest.raises(ValidationError) as excinfo:
            check_document(upload("notes.txt", data, "text/plain"))
        assert error_code(excinfo) == "bad_type"


def test_allowed_types_can_be_narrowed():
    with pytest.raises(ValidationError) as excinfo:
        check_document(upload("notes.txt", b"hello", "text/plain"), allowed_types={"pdf"})
    assert error_code(excinfo) == "bad_type"
    assert excinfo.value.messages[0].endswith("PDF.")


@override_settings(UPLOAD_MAX_DOCUMENT_BYTES=50)
def test_document_too_large():
    with pytest.raises(ValidationError) as excinfo:
        check_document(upload("minutes.pdf", PDF, "application/pdf"))
    assert error_code(excinfo) == "too_large"
    assert check_document(upload("minutes.pdf", PDF), max_bytes=len(PDF))


def test_text_named_as_a_web_page_is_refused():
    upload = SimpleUploadedFile("page.html", b"<script>alert(1)</script>", content_type="text/html")
    with pytest.raises(ValidationError) as excinfo:
        check_document(upload)
    assert error_code(excinfo) == "bad_type"


# --- Documents that are images ----------------------------------------------------------------

SCANS = ("pdf", "jpg", "png")


def test_a_scan_that_is_a_photo_comes_back_clean():
    assert has_gps(gps_jpeg())
    result = check_document(upload("certificate.jpg", gps_jpeg()), allowed_types=SCANS)
    assert isinstance(result, ContentFile) and result.name == "certificate.jpg"
    data = result.read()
    assert not has_gps(data) and b"PhoneMaker" not in data


def test_a_photo_named_jpeg_is_a_jpg_and_a_png_named_jpeg_is_not():
    result = check_document(upload("certificate.jpeg", gps_jpeg()), allowed_types=SCANS)
    assert isinstance(result, ContentFile) and not has_gps(result.read())
    png = png_declaring(10, 10)
    with pytest.raises(ValidationError) as excinfo:
        check_document(upload("certificate.jpeg", png, "image/png"), allowed_types=SCANS)
    assert error_code(excinfo) == "bad_type"


def test_a_scan_that_is_a_decompression_bomb_is_refused(monkeypatch):
    data = bomb_png()
    monkeypatch.setattr(ImageFile.ImageFile, "load", lambda self: pytest.fail("decoded"))
    with pytest.raises(ValidationError) as excinfo:
        check_document(upload("certificate.png", data, "image/png"), allowed_types=SCANS)
    assert error_code(excinfo) == "too_many_pixels"


def test_a_scan_is_held_to_the_document_size_limit():
    data = gps_jpeg()
    with pytest.raises(ValidationError) as excinfo:
        check_document(upload("c.jpg", data), allowed_types=SCANS, max_bytes=len(data) - 1)
    assert error_code(excinfo) == "too_large"
    assert check_document(upload("c.jpg", data), allowed_types=SCANS, max_bytes=len(data))
