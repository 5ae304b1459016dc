"""Checks for every uploaded document, public or staff.

The type is always read from the content, never from the name or the browser's content type.
A document that is an image (a scanned certificate) is an image like any other: core.images
refuses a decompression bomb and keeps a clean copy, without its EXIF and GPS.
"""

from __future__ import annotations

import codecs
from collections.abc import Iterable

import filetype
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from .images import IMAGE_EXTENSIONS, check_image, check_size

__all__ = ["DOCUMENT_TYPES", "DocumentsField", "check_document"]

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


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


def _accept(types: Iterable[str]) -> str:
    """The file chooser's ``accept``: the extensions (a phone then offers photos and files)."""
    extensions = set(types) | ({"jpeg"} if "jpg" in types else set())
    return ",".join(f".{extension}" for extension in sorted(extensions))


class DocumentsField(forms.FileField):
    """Several documents or photos in one input (scans sent with a request, an answer's files):
    a list, empty when none. At most ``max_files``; each checked by ``check_document`` (an image
    comes back as its clean copy, without metadata), and a refusal names the file and why.
    ``max_bytes``: a size, or the name of the setting that holds it (read when a file comes)."""

    def __init__(
        self, *, max_files: int = 3, allowed_types=DOCUMENT_TYPES, max_bytes=None, **kwargs
    ):
        self.max_files = max_files
        self.allowed_types = frozenset(allowed_types)
        self.max_bytes = max_bytes
        kwargs.setdefault("required", False)
        kwargs.setdefault(
            "widget",
            MultipleFileInput(attrs={"accept": _accept(self.allowed_types), "multiple": True}),
        )
        super().__init__(**kwargs)

    def _max_bytes(self) -> int | None:
        if isinstance(self.max_bytes, str):
            return getattr(settings, self.max_bytes)
        return self.max_bytes

    def clean(self, data, initial=None):
        one = super().clean
        items = data if isinstance(data, list | tuple) else [data]
        uploads = [one(item, initial) for item in items if item]
        if len(uploads) > self.max_files:
            raise ValidationError(
                ngettext(
                    "You can attach up to %(limit)s files, and you chose %(count)s. Choose fewer.",
                    "You can attach up to %(limit)s files, and you chose %(count)s. Choose fewer.",
                    len(uploads),
                )
                % {"limit": self.max_files, "count": len(uploads)},
                code="too_many_files",
            )
        checked, errors = [], []
        for upload in uploads:
            try:
                checked.append(
                    check_document(
                        upload, max_bytes=self._max_bytes(), allowed_types=self.allowed_types
                    )
                )
            except ValidationError as error:
                reason = " ".join(error.messages)
                errors.append(
                    ValidationError(
                        gettext("“%(name)s”: %(reason)s") % {"name": upload.name, "reason": reason},
                        code=getattr(error, "code", None) or "bad_file",
                    )
                )
        if errors:
            raise ValidationError(errors)
        return checked
