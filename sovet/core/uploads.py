"""Checks for every uploaded file, public or staff.

The type is always read from the content, never from the name or the browser's content type.
Images are decoded in full and saved again, which throws away anything hidden in the file
and every piece of metadata that could reveal a family's home (EXIF GPS, XMP, comments).
"""

from __future__ import annotations

import codecs
import io
import os
import struct
from collections.abc import Iterable

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils import formats
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, ImageSequence

__all__ = ["DOCUMENT_TYPES", "IMAGE_TYPES", "check_document", "check_image"]

# Detected MIME type → (Pillow format, file extension). filetype calls animated PNG "apng".
IMAGE_TYPES = {
    "image/jpeg": ("JPEG", "jpg"),
    "image/png": ("PNG", "png"),
    "image/apng": ("PNG", "png"),
    "image/webp": ("WEBP", "webp"),
    "image/gif": ("GIF", "gif"),
}

# Extensions as filetype reports them, plus "txt" and "md" for plain UTF-8 text.
DOCUMENT_TYPES = frozenset(
    {"pdf", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "odt", "ods", "txt", "md"}
)

JPEG_QUALITY = 90
IMAGE_TOO_LARGE = _("The image is too large (%(size)s). The limit is %(limit)s.")
DOCUMENT_TOO_LARGE = _(
    "The file is too large (%(size)s). The limit is %(limit)s. Make it smaller or split it."
)
_SIGNATURE_BYTES = 8192  # as much as filetype ever looks at
# What Pillow raises on a damaged file (struct.error: a malformed header or EXIF block).
_PILLOW_ERRORS = (OSError, SyntaxError, ValueError, EOFError, IndexError, struct.error)


def check_image(
    upload: UploadedFile | File,
    *,
    max_bytes: int | None = None,
    max_pixels: int | None = None,
) -> ContentFile:
    """Return a clean copy of an uploaded photo, or raise ValidationError.

    The copy is upright (EXIF orientation applied) and carries no EXIF, GPS, XMP or comments;
    only the colour profile is kept. Animated GIF, WebP and PNG keep their frames; the extra
    frames of a phone's MPO "JPEG" are dropped. Codes: "not_an_image", "too_large",
    "too_many_pixels", "corrupt".
    """
    if max_bytes is None:
        max_bytes = settings.UPLOAD_MAX_IMAGE_BYTES
    if max_pixels is None:
        max_pixels = settings.UPLOAD_MAX_IMAGE_PIXELS

    _check_size(upload, max_bytes, IMAGE_TOO_LARGE)
    data = _read_all(upload, max_bytes)
    kind = filetype.guess_mime(data) if data else None
    if kind not in IMAGE_TYPES:
        raise ValidationError(
            _("This file is not an image. Upload a JPEG, PNG, WebP or GIF photo."),
            code="not_an_image",
        )
    pillow_format, extension = IMAGE_TYPES[kind]

    image = _open(data, pillow_format, max_pixels)
    output = io.BytesIO()
    try:
        frames = _decode(image, pillow_format)
        _save_clean(frames, image, pillow_format, output)
    except Image.DecompressionBombError:
        raise _too_many_pixels(max_pixels) from None
    except _PILLOW_ERRORS:
        raise _corrupt() from None
    base = os.path.splitext(os.path.basename(upload.name or ""))[0] or "image"
    return ContentFile(output.getvalue(), name=f"{base}.{extension}")


def check_document(
    upload: UploadedFile | File,
    *,
    max_bytes: int | None = None,
    allowed_types: Iterable[str] = DOCUMENT_TYPES,
) -> UploadedFile | File:
    """Return the upload, rewound, if it is an accepted document; otherwise raise ValidationError.

    ``allowed_types`` are extensions as in DOCUMENT_TYPES. Codes: "too_large", "bad_type".
    """
    if max_bytes is None:
        max_bytes = settings.UPLOAD_MAX_DOCUMENT_BYTES
    allowed = set(allowed_types)

    _check_size(upload, max_bytes, DOCUMENT_TOO_LARGE)
    upload.seek(0)
    head = upload.read(_SIGNATURE_BYTES)
    upload.seek(0)
    detected = filetype.guess(head) if head else None
    if detected is not None:
        kind = detected.extension
    elif _is_plain_text(upload):
        kind = "md" if (upload.name or "").lower().endswith(".md") else "txt"
    else:
        kind = None
    upload.seek(0)
    # The name must agree with the content too: a text file named .html would be served as HTML.
    extension = (upload.name or "").rsplit(".", 1)[-1].lower()
    same_family = {kind} | _EXTENSION_FAMILIES.get(kind, set())
    if kind not in allowed or extension not in same_family & allowed:
        raise ValidationError(
            _("This type of file cannot be uploaded. Upload one of these: %(types)s."),
            code="bad_type",
            params={"types": ", ".join(sorted(t.upper() for t in allowed))},
        )
    return upload


# Extensions that name the same kind of content as the detected one.
_EXTENSION_FAMILIES = {"txt": {"md"}, "md": {"txt"}, "zip": {"docx", "xlsx", "pptx", "odt", "ods"}}


def _check_size(upload: UploadedFile | File, max_bytes: int, message: str) -> None:
    if upload.size > max_bytes:
        raise _too_large(message, upload.size, max_bytes)


def _too_large(message: str, size: int, max_bytes: int) -> ValidationError:
    return ValidationError(
        message,
        code="too_large",
        params={"size": filesizeformat(size), "limit": filesizeformat(max_bytes)},
    )


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


def _open(data: bytes, pillow_format: str, max_pixels: int) -> Image.Image:
    """Open the image and check its pixel count from the header, before anything is decoded.

    Only the detected format's decoder is allowed, so a file that is "a JPEG" to filetype
    cannot be decoded by some other plugin.
    """
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
    return image


def _is_animation(image: Image.Image, pillow_format: str) -> bool:
    # A phone's "JPEG" may be an MPO whose extra frames are previews or depth maps: only the
    # main picture is kept, like any other JPEG.
    return pillow_format != "JPEG" and getattr(image, "is_animated", False)


def _decode(image: Image.Image, pillow_format: str) -> list[Image.Image]:
    """Decode every frame; a still image is also turned upright by its EXIF orientation."""
    if not _is_animation(image, pillow_format):
        image.load()
        return [ImageOps.exif_transpose(image)]
    # Animations are rarely rotated by EXIF, and turning only the first frame would break them.
    return [frame.copy() for frame in ImageSequence.Iterator(image)]


def _save_clean(
    frames: list[Image.Image], original: Image.Image, pillow_format: str, output: io.BytesIO
) -> None:
    """Save the frames with no metadata but the colour profile."""
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


def _is_plain_text(upload: UploadedFile | File) -> bool:
    """True when the whole file is UTF-8 text without NUL bytes (binary files have them)."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        for chunk in upload.chunks():
            if b"\x00" in chunk:
                return False
            decoder.decode(chunk)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    finally:
        upload.seek(0)
    return True
