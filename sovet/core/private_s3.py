"""The private storage on S3-compatible object storage (see private_files.py).

Its own module because importing boto3 takes most of a second, which the embedded site never
needs to pay.
"""

from storages.backends.s3 import S3Storage

from .private_files import NoPublicURL


class PrivateS3Storage(S3Storage):
    """Objects under a private prefix, written with a private ACL, with no URL, signed or not:
    they reach a browser only through a PrivateFileView."""

    def __init__(self, **options):
        options.setdefault("location", "private")
        options["default_acl"] = "private"  # whatever the bucket's other files get
        super().__init__(**options)

    def url(self, name, parameters=None, expire=None, http_method=None):
        raise NoPublicURL(name)
