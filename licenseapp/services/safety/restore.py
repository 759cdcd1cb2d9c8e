"""Restore a backup (either form, :mod:`.backup`) into an empty database.

Refuses a database that already holds records, and checks the whole archive before writing
anything (:mod:`.archive_checking`). Then it copies every row with its id in one transaction
and runs ``verify`` on the result. A malformed backup is refused with one sentence
(:class:`LicenseAppError`), and the database stays as it was.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import (
    Integer,
    Table,
    func,
    insert,
    select,
)
from sqlalchemy import text as sql_text
from sqlalchemy.exc import SQLAlchemyError

from licenseapp.errors import LicenseAppError
from licenseapp.services.safety.archive_checking import (
    archive_errors,
    archive_rows,
    check_storable,
    open_zip,
    read_manifest,
    refuse,
    validate,
)
from licenseapp.services.safety.archive_encryption import Passphrase
from licenseapp.services.safety.archive_format import (
    COPIED_META,
    META_FORMS,
    Progress,
    TableReader,
    backed_up_tables,
    binary_columns,
    sqlite_reader,
)
from licenseapp.store import migrate
from licenseapp.store.database import Database

#: Tables every database gets from its migrations; never copied.
_SEEDED = ("regulators", "form_types")
_INSERT_ROWS = 2000
_INSERT_BYTES = 32 << 20


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
            for t in backed_up_tables() if t.name not in _SEEDED
        )


def restore(db: Database, source: Path, progress: Progress | None = None, *,
            passphrase: Passphrase = None) -> RestoreResult:
    """Copy a backup into this database, which must be empty; then verify it.

    ``passphrase`` (a string, or a function asked only for an encrypted archive) opens an
    encrypted backup.
    """
    from licenseapp.services.safety.integrity import verify

    if not source.is_file():
        raise LicenseAppError(f"no backup file {source}")
    if _user_rows(db):
        raise LicenseAppError(
            f"{db.location.display} already holds records; restore into a new, empty "
            "database", code="restore_needs_empty_database")
    with source.open("rb") as fh:
        is_sqlite = fh.read(16) == migrate.SQLITE_HEADER
    if is_sqlite:
        rows, attachments = _restore_sqlite(db, source, progress)
    else:
        zf, underneath = open_zip(source, passphrase)
        try:
            with archive_errors(source):
                arc = read_manifest(source, zf)
                validate(arc, progress)
                rows, attachments = _insert_all(db, source, lambda t: archive_rows(arc, t),
                                                arc.meta, progress)
        finally:
            zf.close()
            if underneath is not None:
                underneath.close()
    report = verify(db)
    return RestoreResult(rows, attachments, report.ok, tuple(f.message for f in report.findings))


def _restore_sqlite(db: Database, source: Path, progress: Progress | None) -> tuple[int, int]:
    found = migrate.inspect_sqlite_file(source)
    if found.state is migrate.SchemaState.FOREIGN:
        raise LicenseAppError(f"{source} is not a LicenseApp backup or database "
                              f"({found.detail}); nothing was restored")
    if found.state is not migrate.SchemaState.CURRENT:
        raise LicenseAppError(
            f"{source} is not a LicenseApp database at this version's schema "
            f"({found.state.value}); open it once with this version of LicenseApp, which "
            "upgrades it, then restore from it", code="backup_needs_upgrade")
    conn = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)
    try:
        meta = dict(conn.execute("SELECT key, value FROM licenseapp_meta").fetchall())
        meta = {k: v for k, v in meta.items() if k in COPIED_META}
        for key, value in meta.items():
            if not isinstance(value, str) or not META_FORMS[key].fullmatch(value):
                raise refuse(source, f"has a malformed value for its setting {key}")
        reader = sqlite_reader(conn)

        def checked(tbl: Table) -> Iterator[dict[str, Any]]:
            for row in reader(tbl):
                check_storable(tbl, row, source)
                yield row

        try:
            return _insert_all(db, source, checked, meta, progress)
        except (ValueError, TypeError, OverflowError, sqlite3.Error) as exc:
            raise refuse(source, f"holds a value this version cannot read ({exc})") from None
    finally:
        conn.close()


def _insert_all(db: Database, source: Path, read: TableReader, meta: dict[str, str],
                progress: Progress | None) -> tuple[int, int]:
    """Every row, in one transaction: on any failure nothing stays."""
    rows = attachments = 0
    try:
        with db.engine.begin() as conn_t:
            for tbl in backed_up_tables():
                if tbl.name in _SEEDED:
                    continue  # seeded by the migrations in every database
                if progress:
                    progress(tbl.name)
                binary = binary_columns(tbl)
                batch: list[dict[str, Any]] = []
                size = 0
                for row in read(tbl):
                    batch.append(row)
                    for name in binary:
                        if row[name]:
                            attachments += 1
                            size += len(row[name])
                    if len(batch) >= _INSERT_ROWS or size >= _INSERT_BYTES:
                        conn_t.execute(insert(tbl), batch)
                        rows += len(batch)
                        batch, size = [], 0
                if batch:
                    conn_t.execute(insert(tbl), batch)
                    rows += len(batch)
            for key, value in meta.items():
                conn_t.execute(sql_text("DELETE FROM licenseapp_meta WHERE key = :k"), {"k": key})
                conn_t.execute(sql_text("INSERT INTO licenseapp_meta (key, value) VALUES (:k, :v)"),
                               {"k": key, "v": value})
            if db.dialect == "postgresql":
                _reset_sequences(conn_t)
    except SQLAlchemyError as exc:
        orig = getattr(exc, "orig", None) or exc
        detail = str(orig).strip().splitlines()[0][:200] if str(orig).strip() else "refused"
        raise refuse(source, f"does not fit this database ({detail})") from None
    return rows, attachments


def _reset_sequences(conn: Any) -> None:
    """After inserting explicit ids, PostgreSQL's sequences must continue after them."""
    for tbl in backed_up_tables():
        pk = list(tbl.primary_key.columns)
        serial = pk[0].autoincrement in (True, "auto") if len(pk) == 1 else False
        if serial and isinstance(pk[0].type, Integer):
            conn.execute(sql_text(
                f"SELECT setval(pg_get_serial_sequence('{tbl.name}', '{pk[0].name}'), "
                f"COALESCE((SELECT MAX({pk[0].name}) FROM {tbl.name}), 0) + 1, false)"))
