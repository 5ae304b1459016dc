"""Checks for every uploaded document, public or staff.

The type is always read from the content, never from the name or the browser's content type.
A document that is an image (a scanned certificate) is an image like any other: core.images
refuses a decompression bomb and keeps a clean copy, without its EXIF and GPS.
"""

from __future__ import annotations

import codecs
from collections.abc import Iterable

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from .images import IMAGE_EXTENSIONS, check_image, check_size

__all__ = ["DOCUMENT_TYPES", "check_document"]

# Extensions as filetype reports them, plus "txt" and "md" for plain UTF-8 text.
DOCUMENT_TYPES = frozenset(
    {"pdf", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "odt", "ods", "txt", "md"}
)

DOCUMENT_TOO_LARGE = _(
    "The file is too large (%(size)s). The limit is %(limit)s. Make it smaller or split it."
)
_SIGNATURE_BYTES = 8192  # as much as filetype ever looks at


def check_document(
    upload: UploadedFile | File,
    *,
    max_bytes: int | None = None,
    allowed_types: Iterable[str] = DOCUMENT_TYPES,
) -> UploadedFile | File:
    """Return the upload, rewound, if it is an accepted document; otherwise raise ValidationError.

    ``allowed_types`` are extensions as in DOCUMENT_TYPES (and core.images' "jpg", "png"…). An
    image is returned as core.images' clean copy. Codes: "too_large", "bad_type", and those of
    core.images.check_image for an image.
    """
    if max_bytes is None:
        max_bytes = settings.UPLOAD_MAX_DOCUMENT_BYTES
    allowed = set(allowed_types)

    check_size(upload, max_bytes, DOCUMENT_TOO_LARGE)
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
    extension = _OTHER_NAMES.get(extension, extension)
    same_family = {kind} | _EXTENSION_FAMILIES.get(kind, set())
    if kind not in allowed or extension not in same_family & allowed:
        raise ValidationError(
            _("This type of file cannot be uploaded. Upload one of these: %(types)s."),
            code="bad_type",
            params={"types": ", ".join(sorted(t.upper() for t in allowed))},
        )
    if kind in IMAGE_EXTENSIONS:
        return check_image(upload, max_bytes=max_bytes)
    return upload


# Extensions that name the same kind of content as the detected one.
_EXTENSION_FAMILIES = {"txt": {"md"}, "md": {"txt"}, "zip": {"docx", "xlsx", "pptx", "odt", "ods"}}
# Other names of one extension: a photo named .jpeg is a JPEG as much as one named .jpg.
_OTHER_NAMES = {"jpeg": "jpg", "jpe": "jpg"}


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
