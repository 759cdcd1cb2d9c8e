"""The portable backup archive: what it holds, and writing one.

A ``.zip`` for either database: one JSON-lines file per table (``tables/<name>.jsonl``,
rows in key order), each attachment's bytes once as ``blobs/<sha256>``, and
``manifest.json`` with the format, the schema, each table's row count and SHA-256, and the
meta keys that describe the data (:data:`COPIED_META`). So a SQLite backup restores into
PostgreSQL and back. Written streaming, row by row, never the whole database in memory.
"""

from __future__ import annotations

import hashlib
import json
import re
import sqlite3
import zipfile
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    Integer,
    LargeBinary,
    Table,
    select,
)

from licenseapp import __version__
from licenseapp.store import migrate
from licenseapp.store.models import Base

FORMAT = "licenseapp-backup/1"
PRODUCT = "LicenseApp"
#: Archive schemas this version restores: its own, and those whose tables differ from it only
#: by nullable columns added since (0004 added ``form_values``), restored as NULL.
RESTORABLE_SCHEMAS = frozenset({migrate.HEAD_REVISION, "0010_determination_records",
                                "0009_screening", "0008_team_settings",
                                "0007_attachment_safety",
                                "0005_items_access_modes", "0003_record_seals"})
#: Tables a later revision created, by that revision: an archive written before it has none
#: and restores them empty (team settings then have their defaults).
TABLE_SINCE = {"attachment_safety": "0007_attachment_safety",
               "team_settings": "0008_team_settings",
               **dict.fromkeys(("screening_snapshots", "screening_entries", "screened_subjects",
                                "screening_hits", "screening_decisions"), "0009_screening"),
               **dict.fromkeys(("rule_set_versions", "determinations"),
                               "0010_determination_records"),
               **dict.fromkeys(("directive_orders", "directive_suspensions"),
                               "0011_directive_orders")}
#: Meta keys that describe the data (copied) rather than the database file (kept). Nothing
#: else is taken from an archive: never the product marker, never ``seal_backfill``.
COPIED_META = ("audit_head", "database_id", "chain_keyed")  # keys and witness go by id
#: What each copied value looks like: the database id names files (its seal key, its
#: witness), so nothing but hex gets through.
META_FORMS = {
    "audit_head": re.compile(r"[0-9a-f]{64}"),
    "database_id": re.compile(r"[0-9a-f]{32}"),
    "chain_keyed": re.compile(r"[0-9]{1,19}:[0-9a-f]{64}"),
}
Progress = Callable[[str], None]


def backed_up_tables() -> list[Table]:
    return [t for t in Base.metadata.sorted_tables if t.name != "licenseapp_meta"]


def _jsonable(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def is_datetime(column_type: Any) -> bool:
    return isinstance(column_type, DateTime) or getattr(column_type, "impl", None) is DateTime or (
        type(column_type).__name__ == "UTCDateTime")


def from_json(column_type: Any, value: Any) -> Any:
    if value is None:
        return None
    if is_datetime(column_type):
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


TableReader = Callable[[Table], Iterator[dict[str, Any]]]


def sqlite_reader(conn: sqlite3.Connection) -> TableReader:
    """Rows from a SQLite file, converted through the models' column types."""
    def read(tbl: Table) -> Iterator[dict[str, Any]]:
        names = [c.name for c in tbl.columns]
        order = ", ".join(c.name for c in tbl.primary_key.columns)
        cursor = conn.execute(f"SELECT {', '.join(names)} FROM {tbl.name} ORDER BY {order}")
        for raw in cursor:
            yield {
                name: from_json(col.type, value) if not isinstance(value, bytes) else value
                for name, col, value in zip(names, tbl.columns, raw, strict=True)
            }
    return read


def engine_reader(conn: Any) -> TableReader:
    def read(tbl: Table) -> Iterator[dict[str, Any]]:
        query = select(tbl).order_by(*tbl.primary_key.columns)
        for row in conn.execute(query.execution_options(yield_per=2000)):
            yield dict(row._mapping)
    return read


def binary_columns(tbl: Table) -> list[str]:
    return [c.name for c in tbl.columns if isinstance(c.type, LargeBinary)]


def write_archive(
    read: TableReader, meta: dict[str, str], sink: Any, progress: Progress | None
) -> tuple[int, int]:
    """Stream the archive into ``sink`` (a file, or the encrypting writer): first every
    attachment's bytes, once each, then each table row by row, then the manifest."""
    manifest: dict[str, Any] = {
        "format": FORMAT, "product": PRODUCT, "version": __version__,
        "schema": migrate.HEAD_REVISION,
        "created_at": datetime.now(UTC).isoformat(timespec="seconds"), "tables": {},
    }
    total = attachments = 0
    with zipfile.ZipFile(sink, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        stored_blobs: set[str] = set()
        for tbl in backed_up_tables():
            binary = binary_columns(tbl)
            if not binary:
                continue
            for row in read(tbl):
                for name in binary:
                    if row[name] is not None:
                        data = bytes(row[name])
                        key = hashlib.sha256(data).hexdigest()
                        if key not in stored_blobs:
                            archive.writestr(f"blobs/{key}", data)
                            stored_blobs.add(key)
        for tbl in backed_up_tables():
            if progress:
                progress(tbl.name)
            digest = hashlib.sha256()
            count = 0
            binary = binary_columns(tbl)
            with archive.open(f"tables/{tbl.name}.jsonl", "w", force_zip64=True) as out:
                for row in read(tbl):
                    for name in binary:
                        blob = row[name]
                        if blob is not None:
                            attachments += 1
                            row[name] = {"blob": hashlib.sha256(bytes(blob)).hexdigest()}
                    line = json.dumps({k: _jsonable(v) for k, v in row.items()},
                                      ensure_ascii=False, sort_keys=True) + "\n"
                    encoded = line.encode("utf-8")
                    digest.update(encoded)
                    out.write(encoded)
                    count += 1
            manifest["tables"][tbl.name] = {"rows": count, "sha256": digest.hexdigest()}
            total += count
        manifest["meta"] = {k: v for k, v in meta.items() if k in COPIED_META}
        archive.writestr("manifest.json", json.dumps(manifest, indent=2))
    return total, attachments
