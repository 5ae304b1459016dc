"""The private storage has no URL and lives apart from the media; names are random; files are
streamed with headers that keep browsers and caches from doing anything else with them."""

import re
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.db import models
from django.db.models.fields.files import FieldFile
from django.http import Http404
from django.template import Context, Template

from sovet.core.private_files import (
    NoPublicURL,
    RandomName,
    check_private_root,
    private_file_response,
    private_storage,
)

from .test_settings_and_errors import run_django


def test_random_names_keep_only_a_clean_extension():
    name = RandomName("conferences/reports")
    first, second = name(None, "Акт проверки.PDF"), name(None, "Акт проверки.PDF")
    assert re.fullmatch(r"conferences/reports/[0-9a-f]{32}\.pdf", first)
    assert first != second
    assert re.fullmatch(r"x/[0-9a-f]{32}", RandomName("x")(None, "no extension"))
    assert re.fullmatch(r"x/[0-9a-f]{32}", RandomName("x")(None, "evil.p h/p"))
    # Migrations compare it by value: the same folder is the same upload_to.
    assert RandomName("x") == RandomName("x") != RandomName("y")
    assert RandomName("x").deconstruct() == ("sovet.core.private_files.RandomName", ("x",), {})


def test_the_private_storage_is_the_private_root_and_has_no_url(settings, tmp_path):
    settings.PRIVATE_ROOT = str(tmp_path / "private")
    storage = private_storage()
    name = storage.save("kind/file.txt", ContentFile(b"secret"))
    assert (tmp_path / "private" / name).read_bytes() == b"secret"
    assert not (Path(settings.MEDIA_ROOT) / name).exists()
    with pytest.raises(NoPublicURL):
        storage.url(name)
    # A template that asks for the address shows nothing rather than breaking the page.
    file = type("F", (), {"url": property(lambda self: storage.url(name))})()
    assert Template("[{{ file.url }}]").render(Context({"file": file})) == "[]"


def test_the_private_root_may_not_overlap_the_media_or_static_files(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.STATIC_ROOT = str(tmp_path / "static")
    settings.PRIVATE_ROOT = str(tmp_path / "private")
    assert check_private_root() == []
    for inside in (tmp_path / "media", tmp_path / "media" / "private", tmp_path):
        settings.PRIVATE_ROOT = str(inside)
        errors = check_private_root()
        assert [error.id for error in errors][:1] == ["sovet.E001"], inside
        assert "MEDIA_ROOT" in errors[0].msg


def stored(name: str, data: bytes) -> FieldFile:
    """A private file as a model's field holds it."""
    field = models.FileField(storage=private_storage)
    return FieldFile(None, field, private_storage().save(name, ContentFile(data)))


def test_pictures_show_inline_and_everything_else_downloads(settings, tmp_path):
    settings.PRIVATE_ROOT = str(tmp_path)
    picture = stored("a/b.png", b"\x89PNG picture")
    response = private_file_response(picture, filename="фото.png")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"\x89PNG picture"
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"].startswith("inline")
    for name, content_type in (("a/c.pdf", "application/pdf"), ("a/d.html", "text/html")):
        document = stored(name, b"<script>alert(1)</script>")
        response = private_file_response(document, filename="отчёт")
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == b"<script>alert(1)</script>"
        assert response["Content-Type"] == content_type
        assert response["Content-Disposition"].startswith("attachment")
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
        assert response["Cache-Control"] == "private, no-store"
        assert response["X-Robots-Tag"] == "noindex"


def test_a_missing_file_is_not_found(settings, tmp_path):
    settings.PRIVATE_ROOT = str(tmp_path)
    file = stored("a/gone.pdf", b"x")
    private_storage().delete(file.name)
    with pytest.raises(Http404):
        private_file_response(file, filename="gone.pdf")


def test_in_production_private_files_go_to_a_private_prefix_without_urls():
    code = (
        "import django; django.setup(); from django.core.files.storage import storages; "
        "from sovet.core.private_files import NoPublicURL, check_private_root; "
        "s = storages['private']; print(type(s).__name__, s.location, s.default_acl, "
        "type(storages['default']).__name__, check_private_root())\n"
        "try:\n    s.url('x')\nexcept NoPublicURL:\n    print('no url')"
    )
    env = {"SECRET_KEY": "x" * 60, "AWS_STORAGE_BUCKET_NAME": "sovet", "AWS_ACCESS_KEY_ID": "k",
           "AWS_SECRET_ACCESS_KEY": "s", "AWS_S3_REGION_NAME": "eu-central-1"}  # fmt: skip
    result = run_django(env, code)
    assert result.stdout.split() == [
        "PrivateS3Storage", "private", "private", "S3Storage", "[]", "no", "url",
    ], result.stderr  # fmt: skip
