"""Settings for the test suite: fast hashing, no network, uploads in a temporary folder."""

import tempfile

from .base import *  # noqa: F403
from .base import STORAGES

SECRET_KEY = "test-only-key"  # noqa: S105
DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = tempfile.mkdtemp(prefix="sovet-test-media-")
PRIVATE_ROOT = tempfile.mkdtemp(prefix="sovet-test-private-")
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Tests see every change at once; the page cache's own tests turn it on.
PAGE_CACHE_SECONDS = 0
FRAGMENT_CACHE = False
STATIC_ROOT = tempfile.mkdtemp(prefix="sovet-test-static-")
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "WARNING"}}
