"""Uploads through the staff admin, by a Council secretary, go through core.uploads: bad files are
refused, nothing saved. (Here, not in core: core's tests know no roles.)"""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from sovet.accounts.roles import Role
from sovet.core.testing import make_staff


@pytest.fixture
def secretary_client(client, db):
    client.force_login(make_staff("secretary@example.org", Role.COUNCIL_SECRETARY))
    return client


def jpeg_with_gps():
    image = Image.new("RGB", (60, 40), "red")
    exif = Image.Exif()
    exif[0x0112] = 6  # rotate 90° when shown
    exif.get_ifd(0x8825)[2] = (42.0, 52.0, 0.0)  # GPS latitude
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif)
    return buffer.getvalue()


@pytest.mark.django_db
def test_photo_is_rotated_and_stripped_of_gps(secretary_client):
    upload = SimpleUploadedFile("photo.jpg", jpeg_with_gps(), content_type="image/jpeg")
    response = secretary_client.post(
        "/admin/images/add/", {"title": "Фото", "file": upload, "collection": 1}
    )
    assert response.status_code == 302, response.context["form"].errors
    image = get_image_model().objects.get()
    assert (image.width, image.height) == (40, 60)
    with image.file.open() as file, Image.open(file) as stored:
        assert not stored.getexif()


@pytest.mark.django_db
def test_text_file_named_jpg_is_refused_with_a_message(secretary_client):
    upload = SimpleUploadedFile("photo.jpg", b"not an image at all", content_type="image/jpeg")
    response = secretary_client.post(
        "/admin/images/add/", {"title": "Фото", "file": upload, "collection": 1}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["file"]
    assert not get_image_model().objects.exists()


@pytest.mark.django_db
def test_executable_named_pdf_is_refused(secretary_client):
    upload = SimpleUploadedFile(
        "charter.pdf", b"MZ\x90\x00" + b"\x00" * 200, content_type="application/pdf"
    )
    response = secretary_client.post(
        "/admin/documents/add/", {"title": "Устав", "file": upload, "collection": 1}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["file"]
    assert not get_document_model().objects.exists()


@pytest.mark.django_db
def test_real_pdf_is_accepted_with_its_category(secretary_client):
    pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    upload = SimpleUploadedFile("charter.pdf", pdf, content_type="application/pdf")
    response = secretary_client.post(
        "/admin/documents/add/",
        {
            "title": "Устав",
            "file": upload,
            "collection": 1,
            "category": "charter",
            "language": "ru",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    assert get_document_model().objects.get().category == "charter"
