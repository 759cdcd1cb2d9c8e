"""Backups: a consistent copy of the whole database while the app may be running.

Two forms:
- ``*.db`` / ``*.sqlite``: a SQLite snapshot made with SQLite's online backup API (SQLite only);
- anything else (``.zip`` recommended): the portable archive (:mod:`.archive_format`) for
  either database, optionally encrypted with a passphrase (:mod:`.archive_encryption`).

Every backup is written whole or not at all, readable by its owner only from the first byte
(:func:`~licenseapp.services.output.output_files.write_atomically`), and streamed: row by row, never
the whole database in memory. :mod:`.restore` reads either form back.
"""

from __future__ import annotations

import sqlite3
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import text as sql_text

from licenseapp.errors import LicenseAppError
from licenseapp.services.safety.archive_encryption import MIN_PASSPHRASE, EncryptingWriter
from licenseapp.services.safety.archive_format import (
    Progress,
    backed_up_tables,
    engine_reader,
    sqlite_reader,
    write_archive,
)
from licenseapp.store.database import Database
from licenseapp.store.sqlite_copy import copy_sqlite

SQLITE_SUFFIXES = (".db", ".sqlite", ".sqlite3")


@dataclass(frozen=True)
class BackupResult:
    path: Path
    kind: str  # sqlite or archive
    rows: int
    attachments: int
    encrypted: bool = False


def _sqlite_snapshot(db: Database, target: Path) -> None:
    assert db.location.sqlite_path is not None
    copy_sqlite(db.location.sqlite_path, target)


def backup(db: Database, target: Path, progress: Progress | None = None, *,
           replace: bool = False, passphrase: str | None = None) -> BackupResult:
    """Write a consistent backup of the whole database to ``target``.

    Never over the database itself, over an existing file only with ``replace``; written
    whole or not at all and readable by its owner only (:mod:`~.output_files`). With
    ``passphrase``, a portable archive encrypted with it (see the module).
    """
    from licenseapp.services.output.output_files import check_output, write_atomically

    snapshot_kind = target.suffix.lower() in SQLITE_SUFFIXES
    if snapshot_kind and db.location.sqlite_path is None:
        raise LicenseAppError(
            "a .db snapshot needs a SQLite database; for PostgreSQL write a portable "
            "archive, e.g. backup.zip")
    if passphrase is not None:
        if snapshot_kind:
            raise LicenseAppError(
                "an encrypted backup is a portable archive; name it e.g. backup.zip, not "
                f"{target.name}")
        if len(passphrase) < MIN_PASSPHRASE:
            raise LicenseAppError(
                f"the passphrase must have at least {MIN_PASSPHRASE} characters")
    check_output(target, database=db, replace=replace)
    if snapshot_kind:
        def snapshot_into(tmp: Path) -> int:
            _sqlite_snapshot(db, tmp)
            conn = sqlite3.connect(tmp)
            try:
                return sum(conn.execute(f"SELECT count(*) FROM {t.name}").fetchone()[0]
                           for t in backed_up_tables())
            finally:
                conn.close()

        return BackupResult(target, "sqlite", write_atomically(target, snapshot_into), 0)

    def archive_into(tmp: Path) -> tuple[int, int]:
        with tmp.open("wb") as out:
            sink: Any = out
            writer = EncryptingWriter(out, passphrase) if passphrase is not None else None
            if writer is not None:
                sink = writer
            result = _archive_from(db, sink, progress)
            if writer is not None:
                writer.finish()
            return result

    rows, attachments = write_atomically(target, archive_into)
    return BackupResult(target, "archive", rows, attachments, passphrase is not None)


def _archive_from(db: Database, sink: Any, progress: Progress | None) -> tuple[int, int]:
    if db.location.sqlite_path is not None:
        # Snapshot first: one consistent state, even with other writers at work. The copy
        # sits in a private temporary folder (0700) and is removed at once.
        with tempfile.TemporaryDirectory() as folder:
            snap = Path(folder) / "snapshot.db"
            _sqlite_snapshot(db, snap)
            conn = sqlite3.connect(snap)
            try:
                meta = dict(conn.execute("SELECT key, value FROM licenseapp_meta").fetchall())
                return write_archive(sqlite_reader(conn), meta, sink, progress)
            finally:
                conn.close()
    snapshot = db.engine.connect().execution_options(isolation_level="REPEATABLE READ")
    with snapshot as c, c.begin():
        meta = dict(c.execute(sql_text("SELECT key, value FROM licenseapp_meta")).all())
        return write_archive(engine_reader(c), meta, sink, progress)
