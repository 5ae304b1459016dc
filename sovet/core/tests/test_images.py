"""core.images: every uploaded image is checked from its header before it is decoded, turned
upright even when its EXIF is damaged, and saved again without any metadata."""

import io
import struct
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.test import override_settings
from django.utils import translation
from PIL import ExifTags, Image, ImageCms, ImageFile, ImageOps, features

from sovet.core.images import check_image, gps_position

from .images import (
    bomb_png,
    damaged_exif_jpeg,
    gps_jpeg,
    image_bytes,
    png_declaring,
    upload,
    wide_photo,
)


@pytest.fixture(autouse=True)
def _english():
    """Messages are asserted in the source language."""
    with translation.override("en"):
        yield


ORIENTATION = 0x0112
GPS_IFD = 0x8825


def error_code(excinfo: pytest.ExceptionInfo[ValidationError]) -> str:
    return excinfo.value.error_list[0].code


def noisy_photo(size: int = 256) -> Image.Image:
    # Noise compresses badly, so the JPEG has plenty of scan data to cut in half.
    return Image.effect_noise((size, size), 80).convert("RGB")


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


# --- Damaged EXIF: ignored, never an error ---------------------------------------------------


@pytest.mark.parametrize(
    ("make_becomes", "pillow_raises"),
    [(ExifTags.Base.XResolution, TypeError), (ExifTags.Base.ImageWidth, struct.error)],
)
def test_a_damaged_exif_is_no_error_and_the_photo_is_still_turned(make_becomes, pillow_raises):
    data = damaged_exif_jpeg(make_becomes)
    with Image.open(io.BytesIO(data)) as image, pytest.raises(pillow_raises):
        ImageOps.exif_transpose(image)  # what a 500 came from

    result = check_image(upload("IMG_0002.jpg", data))

    image = Image.open(io.BytesIO(result.read()))
    assert image.size == (20, 40)  # the orientation could still be read: turned upright
    red, _green, blue = image.convert("RGB").getpixel((10, 5))
    assert red > 200 and blue < 60
    assert not image.getexif()


def test_an_unreadable_orientation_leaves_the_photo_as_stored():
    exif = Image.Exif()
    exif[ORIENTATION] = 6
    data = bytearray(image_bytes(wide_photo(), "JPEG", exif=exif))
    # The orientation's type, SHORT (3), becomes ASCII (2): text where a number belongs.
    entry = data.index(b"\x01\x12\x00\x03\x00\x00\x00\x01")
    data[entry + 3] = 2
    image = Image.open(io.BytesIO(check_image(upload("a.jpg", bytes(data))).read()))
    assert image.size == (40, 20)


# --- The pixel count from the header, before anything is decoded ------------------------------


def test_a_photo_over_the_default_forty_megapixels_is_refused_without_decoding(monkeypatch):
    data = png_declaring(8_000, 5_001)  # 40.008 megapixels, under Pillow's own limit
    monkeypatch.setattr(ImageFile.ImageFile, "load", lambda self: pytest.fail("decoded"))
    with pytest.raises(ValidationError) as excinfo:
        check_image(upload("big.png", data, "image/png"))
    assert error_code(excinfo) == "too_many_pixels"
    assert "at most 40 megapixels" in excinfo.value.messages[0]


def test_pillow_refuses_to_open_what_our_check_turns_into_a_message(monkeypatch):
    # Should the setting allow more than Pillow's own limit, Pillow's error is still a message.
    data = png_declaring(100, 100)
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 1_000)
    with (
        override_settings(UPLOAD_MAX_IMAGE_PIXELS=10**12),
        pytest.raises(ValidationError) as excinfo,
    ):
        check_image(upload("bomb.png", data, "image/png"))
    assert error_code(excinfo) == "too_many_pixels"


# --- GPS, from the header alone ---------------------------------------------------------------


def test_the_gps_position_is_read_in_degrees():
    assert gps_position(upload("a.jpg", gps_jpeg())) == (Decimal("42.874611"), Decimal("74.569750"))


def test_south_and_west_are_negative():
    exif = Image.Exif()
    exif[ExifTags.IFD.GPSInfo] = {
        ExifTags.GPS.GPSLatitudeRef: "S",
        ExifTags.GPS.GPSLatitude: (33.0, 52.0, 0.0),
        ExifTags.GPS.GPSLongitudeRef: "W",
        ExifTags.GPS.GPSLongitude: (70.0, 39.0, 0.0),
    }
    data = image_bytes(Image.new("RGB", (8, 8)), "JPEG", exif=exif)
    latitude, longitude = gps_position(upload("a.jpg", data))
    assert latitude < 0 and longitude < 0


@pytest.mark.parametrize(
    "data",
    [
        image_bytes(Image.new("RGB", (8, 8)), "JPEG"),  # no EXIF
        damaged_exif_jpeg(),  # EXIF, no GPS
        b"Just some text, not a picture.\n",
    ],
)
def test_no_position_is_none(data):
    assert gps_position(upload("a.jpg", data)) is None


def test_a_damaged_position_is_none():
    data = bytearray(gps_jpeg())
    # The latitude's type, RATIONAL (5), becomes ASCII (2): three letters, not three numbers.
    entry = data.index(b"\x00\x02\x00\x05\x00\x00\x00\x03")
    data[entry + 3] = 2
    assert gps_position(upload("a.jpg", bytes(data))) is None


def test_the_position_of_a_decompression_bomb_is_never_decoded(monkeypatch):
    data = bomb_png()
    monkeypatch.setattr(ImageFile.ImageFile, "load", lambda self: pytest.fail("decoded"))
    assert gps_position(upload("bomb.png", data, "image/png")) is None


def test_a_png_position_is_read_without_decoding(monkeypatch):
    exif = Image.Exif()
    exif[ExifTags.IFD.GPSInfo] = {
        ExifTags.GPS.GPSLatitudeRef: "N",
        ExifTags.GPS.GPSLatitude: (42.0, 30.0, 0.0),
        ExifTags.GPS.GPSLongitudeRef: "E",
        ExifTags.GPS.GPSLongitude: (74.0, 0.0, 0.0),
    }
    data = image_bytes(Image.new("RGB", (8, 8)), "PNG", exif=exif)
    monkeypatch.setattr(ImageFile.ImageFile, "load", lambda self: pytest.fail("decoded"))
    assert gps_position(upload("a.png", data, "image/png")) == (Decimal("42.5"), Decimal("74"))
