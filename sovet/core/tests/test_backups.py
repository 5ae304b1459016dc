"""Backups: what `manage.py backup` writes comes back whole with `manage.py restore`, into an
empty database and empty storages; a restore over data is refused, a damaged file is reported,
and an unfinished backup is never taken for one.

The restore goes to a second database: a new SQLite file, or a new PostgreSQL database."""

import io
import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
from django.core.management import CommandError, call_command
from django.db import connection
from wagtail.models import Collection

from sovet.core import backups
from sovet.core.models import LibraryDocument
from sovet.core.private_files import private_storage
from sovet.core.testing import make_user

# Committed, so that pg_dump and the backup API see the rows; the migrations' rows come back after.
committed = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def content(settings, tmp_path):
    """A few rows in several models, a document in the media and a file in the private storage,
    both storages in folders of this test."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.PRIVATE_ROOT = str(tmp_path / "private")
    make_user("one@example.org")
    make_user("two@example.org")
    Collection.get_first_root_node().add_child(name="Протоколы")
    LibraryDocument.objects.create(
        title="Устав", file=ContentFile(b"%PDF-1.4 charter", name="charter.pdf")
    )
    private_storage().save("reports/a1b2.jpg", ContentFile(b"\xff\xd8 a private photo"))


@pytest.fixture
def empty_database(tmp_path):
    """The alias of a second database with no tables."""
    settings_dict = dict(connection.settings_dict)
    postgresql = connection.vendor == "postgresql"
    if postgresql:
        settings_dict["NAME"] = f"{settings_dict['NAME']}_restored"
        _postgresql(f'DROP DATABASE IF EXISTS "{settings_dict["NAME"]}"')
        _postgresql(f'CREATE DATABASE "{settings_dict["NAME"]}"')
    else:
        settings_dict["NAME"] = str(tmp_path / "restored.sqlite3")
    with backups.database_connection(settings_dict) as alias:
        yield alias
    if postgresql:
        _postgresql(f'DROP DATABASE IF EXISTS "{settings_dict["NAME"]}"')


def _postgresql(sql: str):
    with connection.cursor() as cursor:
        cursor.execute(sql)


@pytest.fixture
def empty_storages(tmp_path):
    return {
        "default": FileSystemStorage(location=tmp_path / "restored-media"),
        "private": FileSystemStorage(location=tmp_path / "restored-private"),
    }


def user_model() -> str:
    return get_user_model()._meta.label


def checksums(storage) -> dict[str, str]:
    return {
        name: backups.sha256_of(Path(storage.path(name))) for name in backups.stored_names(storage)
    }


@committed
def test_a_backup_comes_back_whole_into_an_empty_database(
    content, empty_database, empty_storages, tmp_path
):
    result = backups.backup_create(destination=tmp_path / "backups")
    assert result.folder.parent == tmp_path / "backups" and result.skipped == []
    manifest = json.loads((result.folder / "manifest.json").read_text())
    assert manifest["engine"] == connection.vendor
    assert manifest["rows"] == backups.row_counts()
    assert manifest["rows"][user_model()] == 2 and manifest["rows"]["core.LibraryDocument"] == 1
    assert manifest["migrations"]["core"] == backups.applied_migrations()["core"]
    assert {(entry["storage"], entry["path"]) for entry in manifest["files"]} == {
        ("default", LibraryDocument.objects.get().file.name),
        ("private", "reports/a1b2.jpg"),
    }

    report = backups.backup_restore(
        source=tmp_path / "backups", using=empty_database, file_storages=empty_storages
    )

    assert report.errors == []
    assert report.files == 2 and report.models == len(manifest["rows"])
    assert backups.row_counts(empty_database) == backups.row_counts()
    assert backups.applied_migrations(empty_database) == backups.applied_migrations()
    for name, storage in backups.default_storages().items():
        assert checksums(empty_storages[name]) == checksums(storage), name


@committed
def test_a_database_with_tables_is_not_restored_over(content, tmp_path):
    call_command("backup", str(tmp_path / "backups"), stdout=io.StringIO())
    users = backups.row_counts()[user_model()]
    with pytest.raises(backups.BackupError, match="has tables"):
        backups.backup_restore(source=tmp_path / "backups")
    with pytest.raises(CommandError, match="has tables"):
        call_command("restore", str(tmp_path / "backups"), "--yes")
    with pytest.raises(CommandError, match="--yes"):
        call_command("restore", str(tmp_path / "backups"), "--force")
    assert backups.row_counts()[user_model()] == users


@committed
def test_a_damaged_file_is_reported_and_a_damaged_dump_not_restored(
    content, empty_database, empty_storages, tmp_path
):
    folder = backups.backup_create(destination=tmp_path / "backups").folder
    (folder / "files" / "private" / "reports" / "a1b2.jpg").write_bytes(b"something else")

    report = backups.backup_restore(
        source=folder, using=empty_database, file_storages=empty_storages
    )

    assert report.errors == ["private:reports/a1b2.jpg: SHA-256 differs from the manifest's"]
    dump = next(folder.glob("database.*"))
    dump.write_bytes(dump.read_bytes() + b"\0")
    with pytest.raises(backups.BackupError, match="damaged"):
        backups.backup_restore(source=folder, using=empty_database, file_storages=empty_storages)


@committed
def test_an_unfinished_backup_is_never_the_newest_and_keep_removes_the_oldest(content, tmp_path):
    destination = tmp_path / "backups"
    for day in (1, 2, 3):
        backups.backup_create(destination=destination, now=datetime(2025, 5, day, tzinfo=UTC))
    partial = destination / ".partial-20250504T000000Z"
    partial.mkdir()
    (partial / "manifest.json").write_text("{}")
    (destination / "20250505T000000Z").mkdir()  # a stamp without a manifest: not a backup

    assert backups.find_backup(destination).name == "20250503T000000Z"
    with pytest.raises(backups.BackupError, match="unfinished"):
        backups.find_backup(partial)

    backups.backup_create(destination=destination, keep=2, now=datetime(2025, 5, 6, tzinfo=UTC))
    assert sorted(path.name for path in destination.iterdir()) == [
        ".partial-20250504T000000Z",
        "20250503T000000Z",
        "20250505T000000Z",
        "20250506T000000Z",
    ]


class VanishingStorage(FileSystemStorage):
    """Lists a file that is deleted before it is read."""

    def listdir(self, path):
        folders, files = super().listdir(path)
        return folders, [*files, "deleted.txt"] if path == "" else files


@committed
def test_a_file_deleted_during_the_copy_is_skipped(content, settings, tmp_path):
    storages = {
        "default": VanishingStorage(location=settings.MEDIA_ROOT),
        "private": private_storage(),
    }
    result = backups.backup_create(destination=tmp_path / "backups", file_storages=storages)
    assert result.skipped == ["default:deleted.txt"] and result.files == 2
    assert not (result.folder / "files" / "default" / "deleted.txt").exists()


def test_a_missing_postgresql_tool_is_a_clear_error(monkeypatch):
    monkeypatch.setattr(backups.shutil, "which", lambda name: None)
    monkeypatch.setattr(backups, "glob", lambda pattern: [])
    with pytest.raises(backups.BackupError, match="pg_dump not found"):
        backups.postgresql_tool("pg_dump")


class Bucket(FileSystemStorage):
    """Where an S3 storage is, as its bucket and prefix say."""

    def __init__(self, location):
        super().__init__()
        self.bucket_name, self.location = "sovet", location


def test_on_object_storage_the_private_prefix_is_copied_once_as_the_private_storage():
    buckets = {"default": Bucket(""), "private": Bucket("private")}
    assert backups._nested_roots("default", buckets) == {"private"}
    assert backups._nested_roots("private", buckets) == set()
