import io
import struct
import zipfile
import zlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.utils import translation
from PIL import Image, ImageCms, ImageFile, features

from sovet.core.uploads import check_document, check_image


@pytest.fixture(autouse=True)
def _english():
    """Messages are asserted in the source language."""
    with translation.override("en"):
        yield


ORIENTATION = 0x0112
GPS_IFD = 0x8825


def image_bytes(image: Image.Image, format: str, **options) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format=format, **options)
    return buffer.getvalue()


def upload(name: str, data: bytes, content_type: str = "image/jpeg") -> SimpleUploadedFile:
    # The browser's content type is deliberately wrong in some tests: it must not matter.
    return SimpleUploadedFile(name, data, content_type=content_type)


def error_code(excinfo: pytest.ExceptionInfo[ValidationError]) -> str:
    return excinfo.value.error_list[0].code


def wide_photo() -> Image.Image:
    """40×20: red on the left half, blue on the right, so a rotation is easy to see."""
    image = Image.new("RGB", (40, 20), "red")
    image.paste("blue", (20, 0, 40, 20))
    return image


def noisy_photo(size: int = 256) -> Image.Image:
    # Noise compresses badly, so the JPEG has plenty of scan data to cut in half.
    return Image.effect_noise((size, size), 80).convert("RGB")


def png_declaring(width: int, height: int) -> bytes:
    """A tiny black PNG whose header claims width × height pixels (a decompression bomb)."""
    data = bytearray(image_bytes(Image.new("1", (8, 8)), "PNG"))
    # Signature (8) + chunk length (4) + b"IHDR" (4), then width and height.
    assert data[12:16] == b"IHDR"
    data[16:24] = struct.pack(">II", width, height)
    data[29:33] = struct.pack(">I", zlib.crc32(bytes(data[12:29])))
    return bytes(data)


# --- check_image -----------------------------------------------------------------------------


def test_jpeg_is_rotated_and_stripped_of_exif_gps_and_comments():
    exif = Image.Exif()
    exif[ORIENTATION] = 6  # "rotate 90° clockwise to display"
    exif[0x010F] = "PhoneMaker"
    gps = exif.get_ifd(GPS_IFD)
    gps[1] = "N"
    gps[2] = (42.0, 52.0, 30.0)
    gps[3] = "E"
    gps[4] = (74.0, 36.0, 0.0)
    srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    data = image_bytes(
        wide_photo(),
        "JPEG",
        exif=exif,
        icc_profile=srgb,
        comment=b"home address",
        xmp=b"<x:xmpmeta>secret</x:xmpmeta>",
    )
    assert b"home address" in data

    result = check_image(upload("IMG_0001.JPG", data))

    assert isinstance(result, ContentFile)
    assert result.name == "IMG_0001.jpg"
    cleaned = result.read()
    image = Image.open(io.BytesIO(cleaned))
    assert image.format == "JPEG"
    assert image.size == (20, 40)  # turned upright
    # Rotated clockwise: the left (red) half is now on top.
    red, green, blue = image.convert("RGB").getpixel((10, 5))
    assert red > 200 and blue < 60
    assert not image.getexif()
    assert "exif" not in image.info
    assert "xmp" not in image.info
    assert "comment" not in image.info
    assert b"home address" not in cleaned
    assert b"secret" not in cleaned
    assert image.info.get("icc_profile") == srgb  # colours stay right


def test_png_passes_and_keeps_transparency():
    original = Image.new("RGBA", (30, 10), (0, 128, 0, 0))
    original.putpixel((0, 0), (255, 0, 0, 255))
    data = image_bytes(original, "PNG")

    result = check_image(upload("logo.png", data, "image/png"))

    image = Image.open(io.BytesIO(result.read()))
    assert result.name == "logo.png"
    assert image.format == "PNG"
    assert image.size == (30, 10)
    assert image.mode == "RGBA"
    assert image.getpixel((0, 0)) == (255, 0, 0, 255)
    assert image.getpixel((5, 5))[3] == 0


def test_extension_follows_the_content_not_the_name():
    data = image_bytes(Image.new("RGB", (10, 10)), "PNG")
    assert check_image(upload("photo.jpg", data)).name == "photo.png"


def test_animated_gif_keeps_its_frames():
    frames = [Image.new("RGB", (16, 16), colour) for colour in ("red", "green", "blue")]
    data = image_bytes(
        frames[0],
        "GIF",
        save_all=True,
        append_images=frames[1:],
        duration=150,
        loop=0,
        comment=b"secret",
    )

    result = check_image(upload("wave.gif", data, "image/gif"))

    cleaned = result.read()
    image = Image.open(io.BytesIO(cleaned))
    assert image.format == "GIF"
    assert image.n_frames == 3
    assert image.info["loop"] == 0
    assert image.info["duration"] == 150
    assert b"secret" not in cleaned
    image.seek(2)
    assert image.convert("RGB").getpixel((0, 0)) == (0, 0, 255)


@pytest.mark.skipif(not features.check("webp"), reason="Pillow built without WebP")
def test_webp_passes():
    data = image_bytes(Image.new("RGB", (12, 12), "white"), "WEBP")
    result = check_image(upload("scan.webp", data, "image/webp"))
    assert Image.open(io.BytesIO(result.read())).format == "WEBP"
    assert result.name == "scan.webp"


def test_text_named_like_a_photo_is_not_an_image():
    with pytest.raises(ValidationError) as excinfo:
        check_image(upload("photo.jpg", b"Just some text, not a picture.\n"))
    assert error_code(excinfo) == "not_an_image"
    assert "JPEG, PNG, WebP or GIF" in excinfo.value.messages[0]


def test_other_image_types_are_not_accepted():
    data = image_bytes(Image.new("RGB", (10, 10)), "BMP")
    with pytest.raises(ValidationError) as excinfo:
        check_image(upload("photo.bmp", data))
    assert error_code(excinfo) == "not_an_image"


@override_settings(UPLOAD_MAX_IMAGE_BYTES=1000)
def test_too_many_bytes_from_settings():
    data = image_bytes(noisy_photo(), "JPEG")
    assert len(data) > 1000
    with pytest.raises(ValidationError) as excinfo:
        check_image(upload("big.jpg", data))
    assert error_code(excinfo) == "too_large"
    assert "The limit is 1000\xa0bytes" in excinfo.value.messages[0]


def test_too_many_bytes_from_argument():
    data = image_bytes(noisy_photo(), "JPEG")
    with pytest.raises(ValidationError) as excinfo:
        check_image(upload("big.jpg", data), max_bytes=len(data) - 1)
    assert error_code(excinfo) == "too_large"


def test_decompression_bomb_is_rejected_without_decoding(monkeypatch):
    def no_decoding(self):
        raise AssertionError("the image must not be decoded")

    monkeypatch.setattr(ImageFile.ImageFile, "load", no_decoding)
    data = png_declaring(20_000, 20_000)
    assert len(data) < 200

    with pytest.raises(ValidationError) as excinfo:
        check_image(upload("bomb.png", data, "image/png"))
    assert error_code(excinfo) == "too_many_pixels"


@override_settings(UPLOAD_MAX_IMAGE_PIXELS=10_000)
def test_pixel_limit_from_settings_is_checked_before_decoding(monkeypatch):
    # 6000 × 5000 is under Pillow's own limit, so this is our check, not Pillow's.
    monkeypatch.setattr(ImageFile.ImageFile, "load", lambda self: pytest.fail("decoded"))
    with pytest.raises(ValidationError) as excinfo:
        check_image(upload("wide.png", png_declaring(6000, 5000), "image/png"))
    assert error_code(excinfo) == "too_many_pixels"
    assert "0.01" in excinfo.value.messages[0]


def test_pixel_limit_from_argument():
    data = image_bytes(Image.new("RGB", (101, 100)), "PNG")
    with pytest.raises(ValidationError) as excinfo:
        check_image(upload("a.png", data), max_pixels=10_000)
    assert error_code(excinfo) == "too_many_pixels"
    assert check_image(upload("a.png", data), max_pixels=10_100).size > 0


def test_truncated_jpeg_is_corrupt():
    data = image_bytes(noisy_photo(), "JPEG")
    with pytest.raises(ValidationError) as excinfo:
        check_image(upload("cut.jpg", data[: len(data) // 2]))
    assert error_code(excinfo) == "corrupt"


def test_jpeg_header_with_garbage_is_corrupt():
    data = image_bytes(Image.new("RGB", (10, 10)), "JPEG")
    with pytest.raises(ValidationError) as excinfo:
        check_image(upload("bad.jpg", data[:4] + b"\x00" * 200))
    assert error_code(excinfo) == "corrupt"


def test_upload_is_rewound_and_a_plain_file_works():
    data = image_bytes(Image.new("L", (10, 10)), "JPEG")
    file = ContentFile(data, name="folder/scan.jpeg")
    result = check_image(file)
    assert file.tell() == 0
    assert result.name == "scan.jpg"


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
