"""One-file backups of an installation: the database, the media and a manifest to check them by.

The archive (tar.gz) holds `manifest.json`, the database (`database.sqlite3` through SQLite's
backup API, or `database.pgdump` from `pg_dump --format=custom` on PostgreSQL) and the files of
MEDIA_ROOT under `media/` and of the private storage root (PORTAL_PRIVATE_ROOT, when the portal
has one) under `private/`. The manifest lists every table's row count and every file's SHA-256,
taken from the same snapshot as the dump, so a restore can prove it brought everything back.
"""

import datetime
import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from pathlib import Path

from django.conf import settings
from django.db import connection, connections

FORMAT = 1
DUMP_NAMES = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}


class BackupError(Exception):
    """A backup or restore that cannot go on; the message says why and what to do."""


def file_roots() -> dict[str, Path]:
    """The folders whose files belong to the installation, by their name inside the archive."""
    roots = {"media": Path(settings.MEDIA_ROOT)}
    private = getattr(settings, "PORTAL_PRIVATE_ROOT", None)
    if private:
        roots["private"] = Path(private)
    return roots


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _files(root: Path):
    if root.is_dir():
        for path in sorted(root.rglob("*")):
            if path.is_file() and not path.is_symlink():
                yield path


def _vendor() -> str:
    if connection.vendor not in DUMP_NAMES:
        raise BackupError(f"backups support SQLite and PostgreSQL, not {connection.vendor}")
    return connection.vendor


def _pg_args_and_env() -> tuple[list[str], dict]:
    db = connection.settings_dict
    args = ["--dbname", db["NAME"]]
    if db.get("HOST"):
        args += ["--host", db["HOST"]]
    if db.get("PORT"):
        args += ["--port", str(db["PORT"])]
    if db.get("USER"):
        args += ["--username", db["USER"]]
    env = {**os.environ}
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = db["PASSWORD"]
    return args, env


def _run(command: list[str], env: dict) -> None:
    try:
        result = subprocess.run(command, env=env, capture_output=True, text=True)
    except FileNotFoundError as error:
        raise BackupError(f"{command[0]} is not installed (Debian: postgresql-client)") from error
    if result.returncode:
        raise BackupError(f"{command[0]} failed: {result.stderr.strip()}")


def _table_counts(cursor, tables) -> dict[str, int]:
    counts = {}
    for table in sorted(tables):
        cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")
        counts[table] = cursor.fetchone()[0]
    return counts


def _dump_sqlite(target: Path) -> dict[str, int]:
    connection.ensure_connection()
    destination = sqlite3.connect(target)
    try:
        connection.connection.backup(destination)
    finally:
        destination.close()
    snapshot = sqlite3.connect(target)
    try:
        query = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        tables = [row[0] for row in snapshot.execute(query)]
        return _table_counts(snapshot.cursor(), tables)
    finally:
        snapshot.close()


def _dump_postgresql(target: Path) -> dict[str, int]:
    """pg_dump and the row counts from one exported snapshot, so both describe the same moment."""
    own = connections.create_connection("default")
    raw = own.get_new_connection(own.get_connection_params())
    try:
        with raw.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = cursor.fetchone()[0]
            args, env = _pg_args_and_env()
            _run(
                [
                    "pg_dump",
                    "--format=custom",
                    "--no-owner",
                    "--no-privileges",
                    f"--snapshot={snapshot}",
                    "--file",
                    str(target),
                    *args,
                ],
                env,
            )
            counts = _table_counts(cursor, connection.introspection.table_names(cursor))
        raw.rollback()
    finally:
        raw.close()
    return counts


def backup(path: Path) -> dict:
    """Write the archive at `path` and return its manifest."""
    vendor = _vendor()
    path = Path(path)
    with tempfile.TemporaryDirectory() as scratch:
        dump = Path(scratch) / DUMP_NAMES[vendor]
        counts = _dump_sqlite(dump) if vendor == "sqlite" else _dump_postgresql(dump)
        files = {}
        members = [(dump, dump.name)]
        for name, root in file_roots().items():
            for file in _files(root):
                arcname = f"{name}/{file.relative_to(root).as_posix()}"
                files[arcname] = {"sha256": sha256(file), "size": file.stat().st_size}
                members.append((file, arcname))
        manifest = {
            "format": FORMAT,
            "created_at": datetime.datetime.now(datetime.UTC).isoformat(),
            "vendor": vendor,
            "database": {"file": dump.name, "sha256": sha256(dump), "tables": counts},
            "files": files,
        }
        partial = path.with_name(path.name + ".partial")
        with tarfile.open(partial, "w:gz") as archive:
            data = json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True).encode()
            info = tarfile.TarInfo("manifest.json")
            info.size = len(data)
            info.mtime = int(datetime.datetime.now().timestamp())
            archive.addfile(info, io.BytesIO(data))
            for file, arcname in members:
                archive.add(file, arcname=arcname, recursive=False)
        partial.replace(path)  # never a half-written archive under the final name
    return manifest


def read_manifest(path: Path) -> dict:
    with tarfile.open(path, "r:gz") as archive:
        member = archive.extractfile("manifest.json")
        if member is None:
            raise BackupError(f"{path} has no manifest.json: not a portal backup")
        return json.load(member)


def _extract_verified(path: Path, into: Path) -> dict:
    """Unpack the archive and check every file against the manifest before anything is restored."""
    with tarfile.open(path, "r:gz") as archive:
        archive.extractall(into, filter="data")
    manifest = json.loads((into / "manifest.json").read_text())
    expected = {manifest["database"]["file"]: manifest["database"]["sha256"]}
    expected |= {name: entry["sha256"] for name, entry in manifest["files"].items()}
    for name, digest in expected.items():
        file = into / name
        if not file.is_file():
            raise BackupError(f"the archive lacks {name}, which its manifest lists")
        if sha256(file) != digest:
            raise BackupError(f"{name} does not match its checksum: the archive is damaged")
    return manifest


def database_tables() -> list[str]:
    with connection.cursor() as cursor:
        return connection.introspection.table_names(cursor)


def current_counts() -> dict[str, int]:
    with connection.cursor() as cursor:
        return _table_counts(cursor, connection.introspection.table_names(cursor))


def _restore_sqlite(dump: Path, force: bool) -> None:
    target = Path(connection.settings_dict["NAME"])
    connection.close()
    target.parent.mkdir(parents=True, exist_ok=True)
    source, destination = sqlite3.connect(dump), sqlite3.connect(target)
    try:
        source.backup(destination)  # replaces the whole destination database
    finally:
        source.close()
        destination.close()


def _restore_postgresql(dump: Path, force: bool) -> None:
    connection.close()
    args, env = _pg_args_and_env()
    clean = ["--clean", "--if-exists"] if force else []
    _run(
        [
            "pg_restore",
            "--no-owner",
            "--no-privileges",
            "--exit-on-error",
            "--single-transaction",
            *clean,
            *args,
            str(dump),
        ],
        env,
    )


def restore(path: Path, *, force: bool = False) -> dict:
    """Bring this (empty) installation to the state of the archive; return a report of what was checked."""
    vendor = _vendor()
    path = Path(path)
    manifest = read_manifest(path)
    if manifest.get("format") != FORMAT:
        raise BackupError(f"unknown backup format {manifest.get('format')!r}")
    if manifest["vendor"] != vendor:
        raise BackupError(
            f"the backup is of a {manifest['vendor']} database and this installation uses {vendor}; "
            "restore it into the same kind of database"
        )
    roots = file_roots()
    if not force:
        tables = database_tables()
        if tables:
            raise BackupError(
                f"the database is not empty ({len(tables)} tables): restore into a new empty database "
                "(do not migrate it first), or give --force to replace it"
            )
        for name, root in roots.items():
            if any(_files(root)):
                raise BackupError(f"{root} ({name}) is not empty: restore into an empty folder, or give --force")
    with tempfile.TemporaryDirectory() as scratch:
        unpacked = Path(scratch)
        manifest = _extract_verified(path, unpacked)
        dump = unpacked / manifest["database"]["file"]
        (_restore_sqlite if vendor == "sqlite" else _restore_postgresql)(dump, force)
        for name in manifest["files"]:
            area, _, relative = name.partition("/")
            if area not in roots:
                raise BackupError(
                    f"the archive holds {area} files but this installation has no {area} folder configured "
                    "(PORTAL_PRIVATE_ROOT)"
                )
            target = roots[area] / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(unpacked / name, target)
    return verify(manifest)


def verify(manifest: dict) -> dict:
    """Compare this installation with a manifest: row counts per table and every file's checksum."""
    counts = current_counts()
    expected = manifest["database"]["tables"]
    wrong_tables = {t: (n, counts.get(t)) for t, n in expected.items() if counts.get(t) != n}
    roots = file_roots()
    wrong_files = []
    for name, entry in manifest["files"].items():
        area, _, relative = name.partition("/")
        file = roots[area] / relative if area in roots else None
        if file is None or not file.is_file() or sha256(file) != entry["sha256"]:
            wrong_files.append(name)
    report = {
        "tables": len(expected),
        "rows": sum(expected.values()),
        "files": len(manifest["files"]),
        "wrong_tables": wrong_tables,
        "wrong_files": wrong_files,
    }
    if wrong_tables or wrong_files:
        raise BackupError(f"the restored installation differs from the backup: {report}")
    return report
