"""Images that broke the upload forms, small enough to build in every test.

`damaged_exif_jpeg` is a phone photo whose EXIF a careless editor damaged: Pillow reads it, but
its own `ImageOps.exif_transpose` raises TypeError on it. `png_declaring` is a decompression bomb:
a few hundred bytes whose header claims any number of pixels.
"""

import io
import struct
import zlib

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import ExifTags, Image

ORIENTATION_TURNED = 6  # the camera was held turned: show the photo rotated by 90°


def image_bytes(image: Image.Image, format: str, **options) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format=format, **options)
    return buffer.getvalue()


def upload(name: str, data: bytes, content_type: str = "image/jpeg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type=content_type)


def wide_photo() -> Image.Image:
    """40×20: red on the left half, blue on the right, so a rotation is easy to see."""
    image = Image.new("RGB", (40, 20), "red")
    image.paste("blue", (20, 0, 40, 20))
    return image


def damaged_exif_jpeg(make_becomes: int = ExifTags.Base.XResolution) -> bytes:
    """A 40×20 JPEG (`wide_photo`), turned by its EXIF (orientation 6), whose camera-maker tag
    was renumbered: into XResolution (a resolution that holds text: Pillow raises TypeError
    writing it back) or ImageWidth (a width that holds text: struct.error)."""
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "Phone"
    exif[ExifTags.Base.Orientation] = ORIENTATION_TURNED
    data = bytearray(image_bytes(wide_photo(), "JPEG", exif=exif))
    tiff = data.index(b"Exif\x00\x00") + 6
    # Big-endian TIFF: header (8), entry count (2), then the first entry's tag (0x010F, Make).
    assert data[tiff : tiff + 2] == b"MM" and data[tiff + 10 : tiff + 12] == b"\x01\x0f"
    assert make_becomes >> 8 == 0x01
    data[tiff + 11] = make_becomes & 0xFF
    return bytes(data)


def gps_jpeg(size=(40, 20)) -> bytes:
    """A phone's photo with its camera and the GPS position where it was taken."""
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "PhoneMaker"
    exif[ExifTags.IFD.GPSInfo] = {
        ExifTags.GPS.GPSLatitudeRef: "N",
        ExifTags.GPS.GPSLatitude: (42.0, 52.0, 28.6),
        ExifTags.GPS.GPSLongitudeRef: "E",
        ExifTags.GPS.GPSLongitude: (74.0, 34.0, 11.1),
    }
    return image_bytes(Image.new("RGB", size, "gray"), "JPEG", exif=exif)


def png_declaring(width: int, height: int) -> bytes:
    """A tiny black PNG whose header claims width × height pixels (a decompression bomb)."""
    data = bytearray(image_bytes(Image.new("1", (8, 8)), "PNG"))
    # Signature (8) + chunk length (4) + b"IHDR" (4), then width and height.
    assert data[12:16] == b"IHDR"
    data[16:24] = struct.pack(">II", width, height)
    data[29:33] = struct.pack(">I", zlib.crc32(bytes(data[12:29])))
    return bytes(data)


def bomb_png() -> bytes:
    """30000 × 30000 pixels (900 megapixels) in about a hundred bytes."""
    return png_declaring(30_000, 30_000)


def has_gps(data: bytes) -> bool:
    with Image.open(io.BytesIO(data)) as image:
        return bool(image.getexif().get_ifd(ExifTags.IFD.GPSInfo))
