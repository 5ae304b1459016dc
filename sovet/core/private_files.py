"""Private files: stored where no URL reaches them, served only through a view that checks.

A file that carries personal data or is not for the public (a progress report's photo and
document, a memory story's proof document, a places import waiting to be confirmed) goes to the
"private" storage of ``settings.STORAGES``: on the embedded site a folder beside the media
(``PRIVATE_ROOT``, var/private), never under ``MEDIA_URL``; on object storage a private prefix
(private_s3.py). Neither has a URL. Names are random, so a name seen once tells nothing about
the others, and ids do not appear in addresses.

An app declares such a field with ``private_file_field`` and serves it with a subclass of
``PrivateFileView`` that names the model, the fields and the rule from the app's rules.py.
"""

import mimetypes
import os
import posixpath
import re
import secrets
from pathlib import Path

from django.conf import settings
from django.core import checks
from django.core.files.storage import FileSystemStorage, storages
from django.db import models
from django.db.models import Q
from django.http import FileResponse, Http404
from django.urls import reverse
from django.utils.deconstruct import deconstructible
from django.views import View

# Shown in the browser rather than downloaded: pictures only. Anything else (PDF, office files,
# text) is downloaded, so that no file from a visitor or an editor runs in the site's origin.
INLINE_TYPES = frozenset({"image/jpeg", "image/png", "image/webp", "image/gif"})
_EXTENSION = re.compile(r"\.[a-z0-9]{1,8}")
_KEY = re.compile(r"[0-9a-f]{32}(\.[a-z0-9]{1,8})?")


class NoPublicURL(NotImplementedError):
    """Private files have no URL: link to the view that serves them (private_file_url)."""

    silent_variable_failure = True  # a template that asks for one shows nothing


class PrivateFileSystemStorage(FileSystemStorage):
    """Files under ``settings.PRIVATE_ROOT``, which no web server or URL pattern serves."""

    @property
    def base_location(self):
        # Read each time, not cached, so that tests can point it at a folder of their own.
        return self._value_or_setting(self._location, settings.PRIVATE_ROOT)

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    def url(self, name):
        raise NoPublicURL(name)


def check_private_root(app_configs=None, **kwargs) -> list[checks.Error]:
    """PRIVATE_ROOT must be apart from the folders served as they are (media, static files)."""
    private = Path(settings.PRIVATE_ROOT).resolve()
    errors = []
    for setting in ("MEDIA_ROOT", "STATIC_ROOT"):
        if not getattr(settings, setting, None):
            continue
        public = Path(getattr(settings, setting)).resolve()
        if private == public or public in private.parents or private in public.parents:
            errors.append(
                checks.Error(
                    f"PRIVATE_ROOT ({private}) overlaps {setting} ({public}), which is served "
                    "to anyone.",
                    hint="Point PRIVATE_ROOT at a folder of its own, e.g. var/private.",
                    id="sovet.E001",
                )
            )
    return errors


def private_storage():
    """The private storage (a callable, so that migrations do not freeze one backend)."""
    return storages["private"]


@deconstructible
class RandomName:
    """``upload_to``: ``<folder>/<32 random hex digits>.<extension>``, nothing of the upload's name."""

    def __init__(self, folder: str):
        self.folder = folder

    def __call__(self, instance, filename: str) -> str:
        extension = os.path.splitext(filename)[1].lower()
        if not _EXTENSION.fullmatch(extension):
            extension = ""
        return f"{self.folder}/{secrets.token_hex(16)}{extension}"

    def __eq__(self, other):
        return isinstance(other, RandomName) and other.folder == self.folder


def private_file_field(verbose_name, *, folder: str, **options) -> models.FileField:
    """A FileField in the private storage, under random names in ``folder``."""
    return models.FileField(
        verbose_name, storage=private_storage, upload_to=RandomName(folder), **options
    )


def file_key(file) -> str:
    """What addresses a private file: the random last part of its stored name."""
    return posixpath.basename(file.name)


def private_file_url(url_name: str, file) -> str:
    """The address of ``file`` at the PrivateFileView routed as ``url_name``."""
    return reverse(url_name, args=[file_key(file)])


def private_file_response(file, *, filename: str) -> FileResponse:
    """Stream a stored file: pictures inline, anything else as a download, never cached.

    The content type comes from the stored name, whose extension the upload checks confirmed
    against the content (core.uploads); the browser must not guess another (nosniff), and the
    sandbox keeps anything active in the file from running as the site.
    """
    try:
        handle = file.open("rb")
    except FileNotFoundError as missing:
        raise Http404 from missing
    content_type = _content_type(file.name)
    response = FileResponse(
        handle,
        as_attachment=content_type not in INLINE_TYPES,
        filename=filename,
        content_type=content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    return response


def _content_type(name: str) -> str:
    guessed, _encoding = mimetypes.guess_type(name)
    return guessed or "application/octet-stream"


class PrivateFileView(View):
    """``GET …/<key>``: the private file stored under that key, to those the app's rule allows.

    Everyone else gets a 404, as for a key that does not exist: the answer never tells whether
    a file is there. A subclass names the model, its private file fields and the rule::

        class ReportFileView(PrivateFileView):
            model = ProgressReport
            fields = ("photo", "document")

            def allowed(self, user, report):
                return rules.can_open_report_files(user, report)
    """

    http_method_names = ["get", "head"]
    model: type[models.Model]
    fields: tuple[str, ...]

    def get_queryset(self):
        return self.model._default_manager.all()

    def allowed(self, user, obj) -> bool:
        raise NotImplementedError

    def download_name(self, obj, file) -> str:
        """The file name the browser saves: the stored one, unless the model kept a better one."""
        return file_key(file)

    def get(self, request, key: str):
        if not _KEY.fullmatch(key):
            raise Http404
        names = {
            field: f"{self.model._meta.get_field(field).upload_to.folder}/{key}"
            for field in self.fields
        }
        match = Q()
        for field, name in names.items():
            match |= Q(**{field: name})
        obj = self.get_queryset().filter(match).first()
        if obj is None or not self.allowed(request.user, obj):
            raise Http404
        file = next(getattr(obj, f) for f, name in names.items() if getattr(obj, f).name == name)
        return private_file_response(file, filename=self.download_name(obj, file))
