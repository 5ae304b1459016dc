"""Backups: one consistent copy of the database and the stored files, and its restore.

A backup is a folder ``DEST/<stamp>/`` (``20250501T031500Z``, UTC, so names sort by date)::

    database.dump | database.sqlite3    pg_dump's custom format, or a copy of the SQLite file
    files/<storage>/<name>              every file of the "default" (media) and "private" storages
    manifest.json                       what is in it, with sizes and SHA-256, row counts per model,
                                        the latest applied migration per app, date, engine

Consistency. The database is copied first, as one snapshot: on PostgreSQL the row counts, the
migration state and pg_dump all read one exported snapshot (``pg_export_snapshot``); on SQLite the
backup API copies the file in one step while the site keeps writing, and the counts are read from
the copy. The files are copied after: a file is stored before the row that names it is committed,
so every file the snapshot names was there when the copy began. A file uploaded since the
snapshot is copied too, and is harmless: no row of the backup names it. A file deleted since
(with its row, after the snapshot) is logged and skipped, never a failure: the backup then holds
a record deleted a moment after its snapshot, which a restore brings back without its file, and
nothing else is lost. This holds because stored files are written once and never changed in
place: an upload gets a name of its own.

Atomicity. Everything is written to ``DEST/.partial-<stamp>/`` and renamed to ``DEST/<stamp>/`` at
the end, so a folder with a stamp for a name is always whole. A failed run removes its
``.partial-`` folder; one that stays is a run still going or killed, and is never taken for a
backup (delete it by hand).

The destination is a folder (local or mounted); to keep copies off the machine, sync that folder
to object storage (``aws s3 sync``, rclone). The storages themselves may be S3: they are read and
written through Django's storage API.
"""

import hashlib
import itertools
import json
import logging
import os
import posixpath
import re
import shutil
import sqlite3
import subprocess
from collections.abc import Iterator, Mapping
from contextlib import closing, contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from glob import glob
from pathlib import Path

from django.apps import apps
from django.core.files import File
from django.core.files.storage import Storage, storages
from django.db import connections, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.db.utils import load_backend

logger = logging.getLogger(__name__)

STORAGE_NAMES = ("default", "private")
MANIFEST = "manifest.json"
PARTIAL = ".partial-"
STAMP_FORMAT = "%Y%m%dT%H%M%SZ"
_STAMP = re.compile(r"\d{8}T\d{6}Z")
_DUMP_NAMES = {"postgresql": "database.dump", "sqlite": "database.sqlite3"}
_CHUNK = 1024 * 1024
_aliases = itertools.count(1)


class BackupError(Exception):
    """A backup or a restore that cannot go on; the message says why."""


@dataclass
class BackupResult:
    folder: Path
    files: int
    size: int
    rows: int
    skipped: list[str] = field(default_factory=list)


@dataclass
class RestoreReport:
    folder: Path
    files: int = 0
    models: int = 0
    errors: list[str] = field(default_factory=list)


# The backup


def backup_create(
    *,
    destination: str | Path,
    keep: int | None = None,
    using: str = "default",
    file_storages: Mapping[str, Storage] | None = None,
    now: datetime | None = None,
) -> BackupResult:
    """Write one backup of database ``using`` and the storages into a new folder of ``destination``;
    then, with ``keep``, remove the older backups beyond the ``keep`` newest."""
    if str(destination).startswith("s3://"):
        raise BackupError("Backups go to a folder; sync it to object storage afterwards.")
    if keep is not None and keep < 1:
        raise BackupError("--keep must be at least 1.")
    destination = Path(destination)
    file_storages = file_storages or default_storages()
    stamp = (now or datetime.now(UTC)).strftime(STAMP_FORMAT)
    final = destination / stamp
    if final.exists():
        raise BackupError(f"{final} exists already: one backup a second at most.")
    partial = destination / f"{PARTIAL}{stamp}"
    engine = _engine(using)
    if connections[using].in_atomic_block:
        raise BackupError("A backup takes its own snapshot: run it outside a transaction.")
    partial.mkdir(parents=True)
    try:
        dump = partial / _DUMP_NAMES[engine]
        if engine == "postgresql":
            rows, migrations = _dump_postgresql(using, dump)
        else:
            rows, migrations = _dump_sqlite(using, dump)
        files, skipped = _copy_files(file_storages, partial / "files")
        manifest = {
            "format": 1,
            "created": datetime.now(UTC).isoformat(timespec="seconds"),
            "engine": engine,
            "database": {"file": dump.name, "size": dump.stat().st_size, "sha256": sha256_of(dump)},
            "migrations": migrations,
            "rows": rows,
            "files": files,
            "skipped": skipped,
        }
        (partial / MANIFEST).write_text(json.dumps(manifest, indent=1, ensure_ascii=False))
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    partial.rename(final)
    if keep:
        for old in complete_backups(destination)[:-keep]:
            shutil.rmtree(old)
    return BackupResult(
        folder=final,
        files=len(files),
        size=sum(entry["size"] for entry in files),
        rows=sum(rows.values()),
        skipped=skipped,
    )


def complete_backups(folder: str | Path) -> list[Path]:
    """The whole backups in ``folder``, oldest first (never a ``.partial-`` one)."""
    folder = Path(folder)
    if not folder.is_dir():
        return []
    return sorted(
        path
        for path in folder.iterdir()
        if _STAMP.fullmatch(path.name) and (path / MANIFEST).is_file()
    )


def default_storages() -> dict[str, Storage]:
    return {name: storages[name] for name in STORAGE_NAMES}


def _engine(using: str) -> str:
    vendor = connections[using].vendor
    if vendor not in _DUMP_NAMES:
        raise BackupError(f"Backups support PostgreSQL and SQLite, not {vendor}.")
    return vendor


def _dump_postgresql(using: str, dump: Path) -> tuple[dict, dict]:
    """pg_dump, the row counts and the migrations, all from one snapshot."""
    connection = connections[using]
    with transaction.atomic(using=using), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        (snapshot,) = cursor.fetchone()
        rows, migrations = row_counts(using), applied_migrations(using)
        # pg_dump joins the snapshot while this transaction holds it open.
        _run(
            "pg_dump",
            ["--format=custom", f"--snapshot={snapshot}", f"--file={dump}"],
            connection.settings_dict,
        )
    return rows, migrations


def _dump_sqlite(using: str, dump: Path) -> tuple[dict, dict]:
    """The backup API's online copy (in one step, so one state); counts read from the copy."""
    connection = connections[using]
    connection.ensure_connection()
    with closing(sqlite3.connect(dump)) as copy:
        connection.connection.backup(copy)
        copy.execute("PRAGMA journal_mode=DELETE")  # one file, readable read-only
    read_only = {**connection.settings_dict, "NAME": f"{dump.resolve().as_uri()}?mode=ro"}
    with database_connection({**read_only, "OPTIONS": {}}) as alias:
        return row_counts(alias), applied_migrations(alias)


def _copy_files(file_storages: Mapping[str, Storage], into: Path) -> tuple[list, list]:
    files, skipped = [], []
    for storage_name, storage in file_storages.items():
        for name in stored_names(storage, skip=_nested_roots(storage_name, file_storages)):
            target = into / storage_name / name
            target.parent.mkdir(parents=True, exist_ok=True)
            try:
                with storage.open(name, "rb") as source, open(target, "wb") as copy:
                    digest, size = _copy(source, copy)
            except FileNotFoundError:
                # Deleted since it was listed: see the module's docstring.
                logger.warning("Backup: %s:%s deleted during the copy, skipped", storage_name, name)
                target.unlink(missing_ok=True)
                skipped.append(f"{storage_name}:{name}")
                continue
            files.append({"storage": storage_name, "path": name, "size": size, "sha256": digest})
    return files, skipped


def stored_names(
    storage: Storage, folder: str = "", skip: frozenset = frozenset()
) -> Iterator[str]:
    """Every file's name in ``storage`` (listdir all the way down, so S3 works too)."""
    try:
        folders, names = storage.listdir(folder)
    except FileNotFoundError:  # a storage folder nothing was ever saved to
        return
    for name in sorted(names):
        yield posixpath.join(folder, name)
    for sub in sorted(folders):
        path = posixpath.join(folder, sub)
        if path not in skip:
            yield from stored_names(storage, path, skip)


def _nested_roots(name: str, file_storages: Mapping[str, Storage]) -> frozenset:
    """The folders of storage ``name`` that are another storage's root, copied as that one (on
    S3 the private files are the bucket's ``private/`` prefix)."""
    root = _root(file_storages[name])
    inside = frozenset()
    for other_name, other in file_storages.items():
        other_root = _root(other)
        if other_name != name and root and other_root and other_root.startswith(root + "/"):
            inside |= {other_root.removeprefix(root + "/")}
    return inside


def _root(storage: Storage) -> str | None:
    if bucket := getattr(storage, "bucket_name", None):
        return f"s3://{bucket}/{storage.location}".rstrip("/")
    if location := getattr(storage, "location", None):
        return Path(location).resolve().as_posix()
    return None


# What a database holds


def row_counts(using: str = "default") -> dict[str, int]:
    """The rows of every concrete model whose table exists (a migration may be pending), by
    ``app_label.ModelName``."""
    tables = set(connections[using].introspection.table_names())
    return {
        model._meta.label: model._base_manager.using(using).count()
        for model in apps.get_models()
        if not model._meta.proxy and model._meta.managed and model._meta.db_table in tables
    }


def applied_migrations(using: str = "default") -> dict[str, str]:
    """The latest applied migration of each app."""
    latest = {}
    recorder = MigrationRecorder(connections[using])
    if not recorder.has_table():
        return latest
    for app, name in recorder.migration_qs.order_by("id").values_list("app", "name"):
        latest[app] = name
    return latest


def database_is_empty(using: str = "default") -> bool:
    """No tables at all: what ``CREATE DATABASE`` or a new SQLite file gives.

    A migrated database is not empty: ``migrate`` writes rows of its own (content types,
    permissions, Wagtail's root page, site and locale), so "no content" would be a guess.
    """
    return not connections[using].introspection.table_names()


@contextmanager
def database_connection(settings_dict: dict) -> Iterator[str]:
    """A connection alias to the database ``settings_dict`` describes (a complete one, as
    ``connections["default"].settings_dict``), apart from the site's, closed at the end."""
    alias = f"backup-{next(_aliases)}"
    wrapper = load_backend(settings_dict["ENGINE"]).DatabaseWrapper(settings_dict, alias)
    connections[alias] = wrapper
    try:
        yield alias
    finally:
        wrapper.close()
        del connections[alias]


# The restore


def backup_restore(
    *,
    source: str | Path,
    using: str = "default",
    file_storages: Mapping[str, Storage] | None = None,
    force: bool = False,
) -> RestoreReport:
    """Restore the backup ``source`` (or the newest in that folder) into database ``using`` and
    the storages, then check every file and every model's row count against its manifest.

    Refused unless the database has no tables, or with ``force``: on PostgreSQL, pg_restore
    drops and re-creates what the dump has; on SQLite, the file is replaced whole. Stop the
    site first: a restore under it serves a mix.
    """
    folder = find_backup(source)
    manifest = json.loads((folder / MANIFEST).read_text())
    file_storages = file_storages or default_storages()
    engine = _engine(using)
    if manifest["engine"] != engine:
        raise BackupError(f"This backup is of {manifest['engine']}; the database is {engine}.")
    dump = folder / manifest["database"]["file"]
    if not dump.is_file() or sha256_of(dump) != manifest["database"]["sha256"]:
        raise BackupError(f"{dump} is missing or damaged (its SHA-256 is not the manifest's).")
    unknown = {entry["storage"] for entry in manifest["files"]} - set(file_storages)
    if unknown:
        raise BackupError(f"No storage named {', '.join(sorted(unknown))} here.")
    if not force and not database_is_empty(using):
        raise BackupError(
            "The database has tables: restore into an empty database (drop and create it), "
            "or give --yes --force to replace what is there."
        )

    connection = connections[using]
    connection.close()  # no connection of ours may hold the tables or the file
    if engine == "postgresql":
        _run(
            "pg_restore",
            ["--no-owner", "--no-privileges", "--clean", "--if-exists", "--single-transaction"]
            + [f"--dbname={connection.settings_dict['NAME']}", str(dump)],
            connection.settings_dict,
        )
    else:
        with (
            closing(sqlite3.connect(dump)) as backup,
            closing(sqlite3.connect(connection.settings_dict["NAME"], uri=True)) as target,
        ):
            backup.backup(target)

    report = RestoreReport(folder=folder)
    for entry in manifest["files"]:
        storage, name = file_storages[entry["storage"]], entry["path"]
        _restore_file(storage, name, folder / "files" / entry["storage"], report)
    _check_files(manifest["files"], file_storages, report)
    _check_rows(manifest["rows"], using, report)
    return report


def find_backup(source: str | Path) -> Path:
    """``source`` if it is a backup, else the newest whole backup in it."""
    source = Path(source)
    if source.name.startswith(PARTIAL):
        raise BackupError(f"{source} is an unfinished backup.")
    if (source / MANIFEST).is_file():
        return source
    found = complete_backups(source)
    if not found:
        raise BackupError(f"No backup in {source}.")
    return found[-1]


def _restore_file(storage: Storage, name: str, files: Path, report: RestoreReport):
    path = (files / name).resolve()
    if not path.is_relative_to(files.resolve()):
        report.errors.append(f"{name}: a name outside the backup, not restored")
        return
    try:
        with open(path, "rb") as content:
            if storage.exists(name):
                storage.delete(name)  # else the storage would save it under another name
            saved = storage.save(name, File(content))
    except FileNotFoundError:
        report.errors.append(f"{name}: missing from the backup")
        return
    if saved != name:
        report.errors.append(f"{name}: saved as {saved}")


def _check_files(entries: list, file_storages: Mapping[str, Storage], report: RestoreReport):
    for entry in entries:
        label = f"{entry['storage']}:{entry['path']}"
        try:
            with file_storages[entry["storage"]].open(entry["path"], "rb") as stored:
                digest, _size = _copy(stored, None)
        except FileNotFoundError:
            report.errors.append(f"{label}: missing after the restore")
            continue
        if digest != entry["sha256"]:
            report.errors.append(f"{label}: SHA-256 differs from the manifest's")
        report.files += 1


def _check_rows(expected: dict[str, int], using: str, report: RestoreReport):
    for label, count in expected.items():
        try:
            model = apps.get_model(label)
        except LookupError:
            report.errors.append(f"{label}: a model this code does not have")
            continue
        found = model._base_manager.using(using).count()
        if found != count:
            report.errors.append(f"{label}: {found} rows, the backup has {count}")
        report.models += 1


# Small tools


def sha256_of(path: Path) -> str:
    with open(path, "rb") as content:
        return _copy(content, None)[0]


def _copy(source, target) -> tuple[str, int]:
    """Copy ``source`` into ``target`` (or nowhere), returning its SHA-256 and size."""
    digest, size = hashlib.sha256(), 0
    while chunk := source.read(_CHUNK):
        digest.update(chunk)
        size += len(chunk)
        if target is not None:
            target.write(chunk)
    return digest.hexdigest(), size


def postgresql_tool(name: str) -> str:
    """Where PostgreSQL's ``name`` (pg_dump, pg_restore) is: PATH, else the newest of
    /usr/lib/postgresql/*/bin (Debian keeps them there)."""
    found = shutil.which(name)
    if not found:
        candidates = glob(f"/usr/lib/postgresql/*/bin/{name}")
        candidates.sort(key=lambda path: int(re.sub(r"\D", "", Path(path).parts[-3]) or 0))
        found = candidates[-1] if candidates else None
    if not found:
        raise BackupError(
            f"{name} not found: install PostgreSQL's client tools (postgresql-client)."
        )
    return found


def _run(tool: str, arguments: list[str], settings_dict: dict):
    """Run a PostgreSQL tool against the database of ``settings_dict`` (libpq's variables)."""
    from django.db.backends.postgresql.client import DatabaseClient

    _args, env = DatabaseClient.settings_to_cmd_args_env(settings_dict, [])
    env = {**os.environ, **(env or {})}
    for key, variable in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER")):
        if settings_dict.get(key):
            env[variable] = str(settings_dict[key])
    if settings_dict.get("NAME"):
        env["PGDATABASE"] = settings_dict["NAME"]
    done = subprocess.run(  # noqa: S603 - a fixed tool, arguments from settings, no shell
        [postgresql_tool(tool), *arguments], env=env, capture_output=True, text=True, check=False
    )
    if done.returncode:
        raise BackupError(f"{tool} failed: {done.stderr.strip()}")
