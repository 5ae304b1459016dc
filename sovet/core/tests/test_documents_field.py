"""core.uploads.DocumentsField: several files in one input, each checked by its content."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from PIL import Image

from sovet.core.uploads import DocumentsField


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def pdf(name="справка.pdf"):
    return SimpleUploadedFile(name, b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n", "application/pdf")


def photo_with_exif(name="scan.jpg"):
    buffer = io.BytesIO()
    exif = Image.Exif()
    exif[0x010F] = "Camera maker"  # Make
    Image.new("RGB", (40, 30), "white").save(buffer, "JPEG", exif=exif)
    return SimpleUploadedFile(name, buffer.getvalue(), "image/jpeg")


def test_none_is_an_empty_list():
    assert DocumentsField().clean([]) == []
    assert DocumentsField().clean(None) == []


def test_more_files_than_allowed_are_refused_by_count():
    with pytest.raises(ValidationError) as refused:
        DocumentsField(max_files=2).clean([pdf(), pdf(), pdf()])
    assert refused.value.code == "too_many_files"
    assert "up to 2 files, and you chose 3" in refused.value.messages[0]


def test_each_refused_file_is_named_with_its_reason():
    text = SimpleUploadedFile("notes.pdf", b"plain text, not a PDF", "application/pdf")
    with pytest.raises(ValidationError) as refused:
        DocumentsField(allowed_types={"pdf", "jpg"}).clean([pdf(), text])
    assert len(refused.value.messages) == 1
    assert refused.value.messages[0].startswith("“notes.pdf”: This type of file")


@pytest.mark.django_db
def test_a_photo_comes_back_without_its_metadata():
    [clean] = DocumentsField(allowed_types={"jpg"}).clean([photo_with_exif()])
    clean.seek(0)
    assert not Image.open(clean).getexif()


def test_the_size_limit_may_name_a_setting_read_when_a_file_comes(settings):
    field = DocumentsField(max_bytes="UPLOAD_MAX_DOCUMENT_BYTES")
    assert field.clean([pdf()])
    settings.UPLOAD_MAX_DOCUMENT_BYTES = 10
    with pytest.raises(ValidationError) as refused:
        field.clean([pdf()])
    assert "too large" in refused.value.messages[0]


def test_the_chooser_offers_the_allowed_extensions():
    html = DocumentsField(allowed_types={"jpg", "pdf"}).widget.render("files", None)
    assert 'accept=".jpeg,.jpg,.pdf"' in html and "multiple" in html
