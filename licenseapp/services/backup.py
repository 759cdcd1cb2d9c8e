"""Backups: a consistent copy while the app may be running, and restore into an empty database.

Two forms:
- ``*.db`` / ``*.sqlite``: a SQLite snapshot made with SQLite's online backup API (SQLite only);
- anything else (``.zip`` recommended): a portable archive for either database — one JSON-lines
  file per table, each attachment's bytes as a file named by its SHA-256, and a manifest with
  row counts and hashes, so a SQLite backup restores into PostgreSQL and back.

Restore accepts either form, refuses a database that already holds records, copies every row
with its id, and runs ``verify`` on the result.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import tempfile
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    Integer,
    LargeBinary,
    Table,
    func,
    insert,
    select,
)
from sqlalchemy import text as sql_text

from licenseapp import __version__
from licenseapp.domain import text_limits
from licenseapp.errors import LicenseAppError
from licenseapp.store import migrate
from licenseapp.store.database import Database
from licenseapp.store.models import Base

FORMAT = "licenseapp-backup/1"
SQLITE_SUFFIXES = (".db", ".sqlite", ".sqlite3")
#: Archive schemas this version restores: its own, and those whose tables differ from it only
#: by nullable columns added since (0004 added ``form_values``), restored as NULL.
RESTORABLE_SCHEMAS = frozenset({migrate.HEAD_REVISION, "0003_record_seals"})
#: Meta keys that describe the data (copied) rather than the database file (kept).
_COPIED_META = ("audit_head",)
Progress = Callable[[str], None]


@dataclass(frozen=True)
class BackupResult:
    path: Path
    kind: str  # sqlite or archive
    rows: int
    attachments: int


def _tables() -> list[Table]:
    return [t for t in Base.metadata.sorted_tables if t.name != "licenseapp_meta"]


def _jsonable(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def _from_json(column_type: Any, value: Any) -> Any:
    if value is None:
        return None
    if isinstance(column_type, DateTime) or getattr(column_type, "impl", None) is DateTime or (
        type(column_type).__name__ == "UTCDateTime"
    ):
        moment = datetime.fromisoformat(value)
        return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    if isinstance(column_type, Date):
        return date.fromisoformat(value)
    if isinstance(column_type, Boolean):
        return bool(value)
    if isinstance(column_type, Integer):
        return int(value)
    if isinstance(column_type, JSON) and isinstance(value, str):  # SQLite keeps JSON as text
        return json.loads(value)
    return value


def _sqlite_snapshot(db: Database, target: Path) -> None:
    assert db.location.sqlite_path is not None
    source = sqlite3.connect(f"{db.location.sqlite_path.as_uri()}?mode=ro", uri=True)
    try:
        dest = sqlite3.connect(target)
        try:
            source.backup(dest)
        finally:
            dest.close()
    finally:
        source.close()


def backup(db: Database, target: Path, progress: Progress | None = None, *,
           replace: bool = False) -> BackupResult:
    """Write a consistent backup of the whole database to ``target``.

    Never over the database itself, over an existing file only with ``replace``; written
    whole or not at all and readable by its owner only (:mod:`~.output_files`).
    """
    from licenseapp.services.output_files import check_output, write_atomically

    if target.suffix.lower() in SQLITE_SUFFIXES and db.location.sqlite_path is None:
        raise LicenseAppError(
            "a .db snapshot needs a SQLite database; for PostgreSQL write a portable "
            "archive, e.g. backup.zip")
    check_output(target, database=db, replace=replace)
    if target.suffix.lower() in SQLITE_SUFFIXES:
        def snapshot_into(tmp: Path) -> int:
            _sqlite_snapshot(db, tmp)
            conn = sqlite3.connect(tmp)
            try:
                return sum(conn.execute(f"SELECT count(*) FROM {t.name}").fetchone()[0]
                           for t in _tables())
            finally:
                conn.close()

        return BackupResult(target, "sqlite", write_atomically(target, snapshot_into), 0)

    def archive_into(tmp: Path) -> tuple[int, int]:
        if db.location.sqlite_path is not None:
            # Snapshot first: one consistent state, even with other writers at work.
            with tempfile.TemporaryDirectory() as folder:
                snap = Path(folder) / "snapshot.db"
                _sqlite_snapshot(db, snap)
                conn = sqlite3.connect(snap)
                try:
                    meta = dict(conn.execute("SELECT key, value FROM licenseapp_meta").fetchall())
                    return _write_archive(_sqlite_reader(conn), meta, tmp, progress)
                finally:
                    conn.close()
        snapshot = db.engine.connect().execution_options(isolation_level="REPEATABLE READ")
        with snapshot as c, c.begin():
            meta = dict(c.execute(sql_text("SELECT key, value FROM licenseapp_meta")).all())
            return _write_archive(_engine_reader(c), meta, tmp, progress)

    rows, attachments = write_atomically(target, archive_into)
    return BackupResult(target, "archive", rows, attachments)


TableReader = Callable[[Table], Iterator[dict[str, Any]]]


def _sqlite_reader(conn: sqlite3.Connection) -> TableReader:
    """Rows from a SQLite file, converted through the models' column types."""
    def read(tbl: Table) -> Iterator[dict[str, Any]]:
        names = [c.name for c in tbl.columns]
        order = ", ".join(c.name for c in tbl.primary_key.columns)
        cursor = conn.execute(f"SELECT {', '.join(names)} FROM {tbl.name} ORDER BY {order}")
        for raw in cursor:
            yield {
                name: _from_json(col.type, value) if not isinstance(value, bytes) else value
                for name, col, value in zip(names, tbl.columns, raw, strict=True)
            }
    return read


def _engine_reader(conn: Any) -> TableReader:
    def read(tbl: Table) -> Iterator[dict[str, Any]]:
        query = select(tbl).order_by(*tbl.primary_key.columns)
        for row in conn.execute(query.execution_options(yield_per=2000)):
            yield dict(row._mapping)
    return read


def _write_archive(
    read: TableReader, meta: dict[str, str], target: Path, progress: Progress | None
) -> tuple[int, int]:
    manifest: dict[str, Any] = {
        "format": FORMAT, "product": "LicenseApp", "version": __version__,
        "schema": migrate.HEAD_REVISION,
        "created_at": datetime.now(UTC).isoformat(timespec="seconds"), "tables": {},
    }
    total = attachments = 0
    stored_blobs: set[str] = set()
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive, \
            tempfile.TemporaryDirectory() as tmp:
        for tbl in _tables():
            if progress:
                progress(tbl.name)
            digest = hashlib.sha256()
            count = 0
            binary = [c.name for c in tbl.columns if isinstance(c.type, LargeBinary)]
            staged = Path(tmp) / f"{tbl.name}.jsonl"
            with staged.open("wb") as out:
                for row in read(tbl):
                    for name in binary:
                        blob = row[name]
                        if blob is not None:
                            data = bytes(blob)
                            key = hashlib.sha256(data).hexdigest()
                            if key not in stored_blobs:
                                archive.writestr(f"blobs/{key}", data)
                                stored_blobs.add(key)
                            attachments += 1
                            row[name] = {"blob": key}
                    line = json.dumps({k: _jsonable(v) for k, v in row.items()},
                                      ensure_ascii=False, sort_keys=True) + "\n"
                    encoded = line.encode("utf-8")
                    digest.update(encoded)
                    out.write(encoded)
                    count += 1
            archive.write(staged, f"tables/{tbl.name}.jsonl")
            manifest["tables"][tbl.name] = {"rows": count, "sha256": digest.hexdigest()}
            total += count
        manifest["meta"] = {k: v for k, v in meta.items() if k in _COPIED_META}
        archive.writestr("manifest.json", json.dumps(manifest, indent=2))
    return total, attachments


# --- restore -----------------------------------------------------------------------------


@dataclass(frozen=True)
class RestoreResult:
    rows: int
    attachments: int
    verified: bool
    problems: tuple[str, ...]


def _user_rows(db: Database) -> int:
    with db.engine.connect() as conn:
        return sum(
            int(conn.execute(select(func.count()).select_from(t)).scalar_one())
            for t in _tables() if t.name not in ("regulators", "form_types")
        )


def _archive_source(path: Path) -> tuple[dict[str, Any], TableReader, zipfile.ZipFile]:
    try:
        archive = zipfile.ZipFile(path)
        manifest = json.loads(archive.read("manifest.json"))
    except (zipfile.BadZipFile, KeyError, json.JSONDecodeError):
        raise LicenseAppError(f"{path} is not a LicenseApp backup") from None
    if manifest.get("format") != FORMAT:
        archive.close()
        raise LicenseAppError(
            f"{path} is not a LicenseApp backup (format {manifest.get('format')!r})")

    def read(tbl: Table) -> Iterator[dict[str, Any]]:
        if tbl.name not in manifest["tables"]:
            return
        digest = hashlib.sha256()
        with archive.open(f"tables/{tbl.name}.jsonl") as lines:
            for line in lines:
                digest.update(line)
                raw = json.loads(line)
                row: dict[str, Any] = {}
                for col in tbl.columns:
                    value = raw.get(col.name)
                    if isinstance(col.type, LargeBinary) and isinstance(value, dict):
                        row[col.name] = archive.read(f"blobs/{value['blob']}")
                    else:
                        row[col.name] = _from_json(col.type, value)
                yield row
        if digest.hexdigest() != manifest["tables"][tbl.name]["sha256"]:
            raise LicenseAppError(f"{path}: the table {tbl.name} is damaged (hash mismatch)")
    return manifest, read, archive


def _check_storable(tbl: Table, row: dict[str, Any], source: Path) -> None:
    """Refuse a row whose text this database cannot store as the other would (a NUL byte or
    an over-long value that SQLite kept): the same limits as every other way in."""
    limits = text_limits.LIMITS.get(tbl.name)
    if not limits:
        return
    for column in limits:
        value = row.get(column)
        if isinstance(value, str) and value:
            problem = text_limits.column_problem(tbl.name, column, value)
            if problem:
                key = "|".join(str(row[c.name]) for c in tbl.primary_key.columns)
                raise LicenseAppError(
                    f"{source.name}: {tbl.name.replace('_', ' ')} #{key}, "
                    f"{column.replace('_', ' ')} {problem} in the source database (open it "
                    "in LicenseApp and correct that record), then restore again; nothing "
                    "was restored")


def restore(db: Database, source: Path, progress: Progress | None = None) -> RestoreResult:
    """Copy a backup into this database, which must be empty; then verify it."""
    from licenseapp.services.integrity import verify

    if not source.is_file():
        raise LicenseAppError(f"no backup file {source}")
    if _user_rows(db):
        raise LicenseAppError(
            f"{db.location.display} already holds records; restore into an empty database "
            "(e.g. --db restored.db)")
    with source.open("rb") as fh:
        is_sqlite = fh.read(16) == migrate.SQLITE_HEADER
    closer: Any
    if is_sqlite:
        found = migrate.inspect_sqlite_file(source)
        if found.state is not migrate.SchemaState.CURRENT:
            raise LicenseAppError(
                f"{source} is not a LicenseApp database at this version's schema "
                f"({found.state.value}); open it with --db to upgrade it first")
        conn = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)
        meta = dict(conn.execute("SELECT key, value FROM licenseapp_meta").fetchall())
        read, closer = _sqlite_reader(conn), conn
        meta = {k: v for k, v in meta.items() if k in _COPIED_META}
    else:
        manifest, read, closer = _archive_source(source)
        if manifest.get("schema") not in RESTORABLE_SCHEMAS:
            closer.close()
            raise LicenseAppError(
                f"{source} was written at schema {manifest.get('schema')}; this version "
                f"restores {migrate.HEAD_REVISION} backups")
        meta = dict(manifest.get("meta", {}))
    rows = attachments = 0
    try:
        with db.engine.begin() as conn_t:
            for tbl in _tables():
                if tbl.name in ("regulators", "form_types"):
                    continue  # seeded by the migrations in every database
                if progress:
                    progress(tbl.name)
                batch: list[dict[str, Any]] = []
                for row in read(tbl):
                    _check_storable(tbl, row, source)
                    batch.append(row)
                    attachments += sum(1 for c in tbl.columns
                                       if isinstance(c.type, LargeBinary) and row[c.name])
                    if len(batch) >= 2000:
                        conn_t.execute(insert(tbl), batch)
                        rows += len(batch)
                        batch = []
                if batch:
                    conn_t.execute(insert(tbl), batch)
                    rows += len(batch)
            for key, value in meta.items():
                conn_t.execute(sql_text("DELETE FROM licenseapp_meta WHERE key = :k"), {"k": key})
                conn_t.execute(sql_text("INSERT INTO licenseapp_meta (key, value) VALUES (:k, :v)"),
                               {"k": key, "v": value})
            if db.dialect == "postgresql":
                _reset_sequences(conn_t)
    finally:
        closer.close()
    report = verify(db)
    return RestoreResult(rows, attachments, report.ok, tuple(f.message for f in report.findings))


def _reset_sequences(conn: Any) -> None:
    """After inserting explicit ids, PostgreSQL's sequences must continue after them."""
    for tbl in _tables():
        pk = list(tbl.primary_key.columns)
        serial = pk[0].autoincrement in (True, "auto") if len(pk) == 1 else False
        if serial and isinstance(pk[0].type, Integer):
            conn.execute(sql_text(
                f"SELECT setval(pg_get_serial_sequence('{tbl.name}', '{pk[0].name}'), "
                f"COALESCE((SELECT MAX({pk[0].name}) FROM {tbl.name}), 0) + 1, false)"))
