"""Every uploaded image, public or staff, is processed here and only here.

- `check_image`: the type is read from the content, never from the name or the browser; the
  pixel count from the header, before anything is decoded; then the picture is decoded once,
  turned upright by its EXIF orientation (read defensively: a damaged EXIF is ignored, never an
  error) and saved again with no metadata but the colour profile — no EXIF, GPS, XMP or comments
  that could reveal a family's home.
- `gps_position`: where a phone says a photo was taken, read from the header alone.
- `set_image`, `set_image_from_upload`: the copies a model keeps of a photo (its `image` and
  `thumbnail` fields): a JPEG of at most PHOTO_MAX_SIDE pixels and a small one for lists.
The Wagtail admin's image forms use them through core.forms.
"""

from __future__ import annotations

import io
import os
import struct
from dataclasses import dataclass
from decimal import Decimal

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils import formats
from django.utils.translation import gettext_lazy as _
from PIL import ExifTags, Image, ImageSequence

__all__ = [
    "IMAGE_EXTENSIONS",
    "IMAGE_TYPES",
    "check_image",
    "gps_position",
    "jpeg",
    "set_image",
    "set_image_from_upload",
]

# Detected MIME type → (Pillow format, file extension). filetype calls animated PNG "apng".
IMAGE_TYPES = {
    "image/jpeg": ("JPEG", "jpg"),
    "image/png": ("PNG", "png"),
    "image/apng": ("PNG", "png"),
    "image/webp": ("WEBP", "webp"),
    "image/gif": ("GIF", "gif"),
}
IMAGE_EXTENSIONS = frozenset(extension for _format, extension in IMAGE_TYPES.values())

JPEG_QUALITY = 90
# The stored copies of a photo: large enough to print an A3 placard at ~150 dpi for a 20 cm
# portrait, small enough for a phone; and a small copy for lists.
PHOTO_MAX_SIDE = 2000
THUMBNAIL_SIDE = 400
PHOTO_QUALITY = 85

IMAGE_TOO_LARGE = _("The image is too large (%(size)s). The limit is %(limit)s.")
# What Pillow raises on a damaged file (struct.error: a malformed header or EXIF block).
_PILLOW_ERRORS = (OSError, SyntaxError, ValueError, EOFError, IndexError, struct.error)
# EXIF orientation → the turn that shows the picture upright (1, or none: as stored).
_UPRIGHT = {
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_270,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_90,
}
_SIX_PLACES = Decimal("0.000001")  # about 10 cm


@dataclass
class _Opened:
    """An image whose type and pixel count are checked; nothing of it is decoded yet."""

    image: Image.Image
    format: str
    extension: str


def check_image(
    upload: UploadedFile | File,
    *,
    max_bytes: int | None = None,
    max_pixels: int | None = None,
) -> ContentFile:
    """Return a clean copy of an uploaded image, or raise ValidationError.

    The copy is upright and carries no EXIF, GPS, XMP or comments; only the colour profile is
    kept. Animated GIF, WebP and PNG keep their frames; the extra frames of a phone's MPO
    "JPEG" are dropped. Codes: "not_an_image", "too_large", "too_many_pixels", "corrupt".
    """
    if max_pixels is None:
        max_pixels = settings.UPLOAD_MAX_IMAGE_PIXELS
    opened = _open(upload, max_bytes, max_pixels)
    output = io.BytesIO()
    try:
        frames = _decode(opened)
        _save_clean(frames, opened, output)
    except Image.DecompressionBombError:
        raise _too_many_pixels(max_pixels) from None
    except _PILLOW_ERRORS:
        raise _corrupt() from None
    base = os.path.splitext(os.path.basename(upload.name or ""))[0] or "image"
    return ContentFile(output.getvalue(), name=f"{base}.{opened.extension}")


def gps_position(upload: UploadedFile | File) -> tuple[Decimal, Decimal] | None:
    """The GPS position a phone wrote into a photo, in degrees (six decimals); None without one.

    Read from the header alone, never decoding the picture; anything missing, damaged or not an
    acceptable image counts as no position.
    """
    try:
        opened = _open(upload, None, settings.UPLOAD_MAX_IMAGE_PIXELS)
        raw = opened.image.info.get("exif")  # in the header: JPEG, WebP, PNG before its pixels
        if not raw:
            return None
        exif = Image.Exif()
        exif.load(raw)
        gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
        latitude = _degrees(gps[ExifTags.GPS.GPSLatitude], gps.get(ExifTags.GPS.GPSLatitudeRef))
        longitude = _degrees(gps[ExifTags.GPS.GPSLongitude], gps.get(ExifTags.GPS.GPSLongitudeRef))
        if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
            return None
    except Exception:  # noqa: BLE001 - whatever a damaged EXIF raises, it holds no position
        return None
    return latitude, longitude


def jpeg(image: Image.Image, max_side: int) -> ContentFile:
    """A JPEG copy of at most ``max_side`` pixels a side; transparent areas become white."""
    image = image.copy()
    image.thumbnail((max_side, max_side), Image.Resampling.LANCZOS)
    if image.mode not in ("RGB", "L"):
        background = Image.new("RGB", image.size, "white")  # as on paper
        rgba = image.convert("RGBA")
        background.paste(rgba, mask=rgba.getchannel("A"))
        image = background
    output = io.BytesIO()
    image.save(output, "JPEG", quality=PHOTO_QUALITY, optimize=True, progressive=True)
    return ContentFile(output.getvalue(), name="photo.jpg")


def set_image(instance, image: Image.Image) -> None:
    """Store ``image`` in the instance's ``image`` and ``thumbnail`` fields (not saved here)."""
    instance.image.save("photo.jpg", jpeg(image, PHOTO_MAX_SIDE), save=False)
    instance.thumbnail.save("photo.jpg", jpeg(image, THUMBNAIL_SIDE), save=False)


def set_image_from_upload(instance, clean_upload: File) -> None:
    """As `set_image`, from what `check_image` returned."""
    clean_upload.seek(0)
    with Image.open(clean_upload) as image:
        image.load()
        set_image(instance, image)


# --- Checking --------------------------------------------------------------------------------


def check_size(upload: UploadedFile | File, max_bytes: int, message: str) -> None:
    """Refuse a file larger than ``max_bytes`` (as its upload says) with ``message``."""
    if upload.size > max_bytes:
        raise _too_large(message, upload.size, max_bytes)


def _too_large(message: str, size: int, max_bytes: int) -> ValidationError:
    return ValidationError(
        message,
        code="too_large",
        params={"size": filesizeformat(size), "limit": filesizeformat(max_bytes)},
    )


def _open(upload: UploadedFile | File, max_bytes: int | None, max_pixels: int) -> _Opened:
    """Check the size, the type and the pixel count from the header; decode nothing.

    Only the detected format's decoder is allowed, so a file that is "a JPEG" to filetype
    cannot be decoded by some other plugin.
    """
    if max_bytes is None:
        max_bytes = settings.UPLOAD_MAX_IMAGE_BYTES
    check_size(upload, max_bytes, IMAGE_TOO_LARGE)
    data = _read_all(upload, max_bytes)
    kind = filetype.guess_mime(data) if data else None
    if kind not in IMAGE_TYPES:
        raise ValidationError(
            _("This file is not an image. Upload a JPEG, PNG, WebP or GIF photo."),
            code="not_an_image",
        )
    pillow_format, extension = IMAGE_TYPES[kind]
    try:
        image = Image.open(io.BytesIO(data), formats=[pillow_format])
        # Every frame of an animation is decoded and kept in memory, so they all count.
        frames = image.n_frames if _is_animation(image, pillow_format) else 1
        pixels = image.width * image.height * frames
    except Image.DecompressionBombError:
        # Pillow's own, higher limit (Image.MAX_IMAGE_PIXELS × 2). Its DecompressionBombWarning,
        # between its limit and twice it, is left alone: our check below is stricter by
        # default, and warnings.catch_warnings() is not thread-safe.
        raise _too_many_pixels(max_pixels) from None
    except _PILLOW_ERRORS:
        raise _corrupt() from None
    if pixels > max_pixels:
        raise _too_many_pixels(max_pixels)
    return _Opened(image, pillow_format, extension)


def _read_all(upload: UploadedFile | File, max_bytes: int) -> bytes:
    """Read the whole file in chunks, stopping as soon as it passes the limit."""
    buffer = io.BytesIO()
    for chunk in upload.chunks():  # chunks() starts from the beginning
        buffer.write(chunk)
        if buffer.tell() > max_bytes:
            # The reported size was wrong (e.g. a File around a growing stream).
            upload.seek(0)
            raise _too_large(IMAGE_TOO_LARGE, buffer.tell(), max_bytes)
    upload.seek(0)
    return buffer.getvalue()


def _is_animation(image: Image.Image, pillow_format: str) -> bool:
    # A phone's "JPEG" may be an MPO whose extra frames are previews or depth maps: only the
    # main picture is kept, like any other JPEG.
    return pillow_format != "JPEG" and getattr(image, "is_animated", False)


# --- Decoding and saving clean ----------------------------------------------------------------


def _decode(opened: _Opened) -> list[Image.Image]:
    """Decode every frame; a still image is also turned upright by its EXIF orientation."""
    image = opened.image
    if not _is_animation(image, opened.format):
        image.load()
        turn = _upright(image)
        return [image.transpose(turn) if turn is not None else image]
    # Animations are rarely rotated by EXIF, and turning only the first frame would break them.
    return [frame.copy() for frame in ImageSequence.Iterator(image)]


def _upright(image: Image.Image) -> Image.Transpose | None:
    """The turn the EXIF orientation asks for; None when there is none or it cannot be read.

    Not ImageOps.exif_transpose: it writes the EXIF back without the orientation, which raises
    on damaged tags (TypeError, AttributeError, struct.error…). The EXIF is dropped anyway.
    """
    try:
        orientation = image.getexif().get(ExifTags.Base.Orientation)
    except Exception:  # noqa: BLE001 - a damaged EXIF: the picture is kept as it is stored
        return None
    return _UPRIGHT.get(orientation) if type(orientation) is int else None


def _save_clean(frames: list[Image.Image], opened: _Opened, output: io.BytesIO) -> None:
    """Save the frames with no metadata but the colour profile."""
    original, pillow_format = opened.image, opened.format
    icc_profile = original.info.get("icc_profile")
    for frame in frames:
        # Some savers fall back to image.info (e.g. a JPEG comment), so keep only what draws
        # the picture: transparency and animation timing.
        frame.info = {
            key: frame.info[key]
            for key in ("transparency", "background", "duration")
            if key in frame.info
        }
    first = frames[0]
    options: dict[str, object] = {"icc_profile": icc_profile}
    if pillow_format == "JPEG":
        options["quality"] = JPEG_QUALITY
        options["optimize"] = True
        if first.mode not in ("RGB", "L", "CMYK"):
            first = first.convert("RGB")
    elif pillow_format == "WEBP":
        options["quality"] = JPEG_QUALITY
    if len(frames) > 1:
        options["save_all"] = True
        options["append_images"] = frames[1:]
        options["duration"] = [frame.info.get("duration", 100) for frame in frames]
        if "loop" in original.info:
            options["loop"] = original.info["loop"]
    if pillow_format == "GIF":
        del options["icc_profile"]  # GIF has no colour profile
    first.save(output, format=pillow_format, **options)


def _degrees(parts, reference) -> Decimal:
    """EXIF's (degrees, minutes, seconds) and its N/S/E/W reference, as signed degrees."""
    degrees, minutes, seconds = (float(part) for part in parts)
    value = Decimal(degrees + minutes / 60 + seconds / 3600).quantize(_SIX_PLACES)
    return -value if reference in ("S", "W") else value


# --- Messages ---------------------------------------------------------------------------------


def _too_many_pixels(max_pixels: int) -> ValidationError:
    megapixels = float(f"{max_pixels / 1_000_000:.3g}")  # 40, 12.5 or 0.01, never "40.0"
    limit = int(megapixels) if megapixels.is_integer() else megapixels
    return ValidationError(
        _(
            "The image has too many pixels. Reduce it to at most %(limit)s megapixels "
            "and upload it again."
        ),
        code="too_many_pixels",
        params={"limit": formats.number_format(limit, use_l10n=True)},
    )


def _corrupt() -> ValidationError:
    return ValidationError(
        _(
            "The image is damaged or incomplete and cannot be opened. "
            "Save it again or choose another file."
        ),
        code="corrupt",
    )
