"""Everything a restore checks in an archive before it writes anything.

The manifest, the names and sizes of its members (no path, no zip bomb), every table's and
attachment's hash, the shape and types of every row, the text limits, and which meta keys
it may carry. A malformed archive is refused with one sentence (:class:`LicenseAppError`).
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    Integer,
    LargeBinary,
    String,
    Table,
    Text,
)

from licenseapp.domain import text_limits
from licenseapp.errors import LicenseAppError
from licenseapp.services.safety.archive_encryption import (
    PASSPHRASE_ENV,
    DecryptingReader,
    Passphrase,
    is_encrypted,
)
from licenseapp.services.safety.archive_format import (
    COPIED_META,
    FORMAT,
    META_FORMS,
    PRODUCT,
    RESTORABLE_SCHEMAS,
    TABLE_SINCE,
    Progress,
    backed_up_tables,
    binary_columns,
    from_json,
    is_datetime,
)
from licenseapp.store import migrate

#: What no LicenseApp backup exceeds; checked before anything is read.
MAX_MANIFEST = 1 << 20  # 1 MiB
MAX_LINE = 8 << 20  # one JSON row without its attachment
MAX_TABLE_MEMBER = 16 << 30
MAX_BLOB_MEMBER = 256 << 20
MAX_TOTAL = 64 << 30
MAX_MEMBERS = 2_000_000
#: Uncompressed / compressed above which a member larger than 1 MiB is taken for a zip bomb.
MAX_RATIO = 200
_HEX64 = re.compile(r"[0-9a-f]{64}")


def refuse(source: Path, why: str) -> LicenseAppError:
    return LicenseAppError(f"{source.name} {why}; nothing was restored")


@contextmanager
def archive_errors(source: Path) -> Iterator[None]:
    """What zipfile, zlib or the file system raise on a damaged archive, in one sentence."""
    try:
        yield
    except LicenseAppError:
        raise
    except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
        raise refuse(source, f"is damaged ({exc})") from None
    except NotImplementedError:
        raise refuse(source, "uses a zip compression this version does not read") from None
    except RuntimeError as exc:  # a zip member with a zip password
        raise refuse(source, f"cannot be read ({exc})") from None
    except OSError as exc:
        raise refuse(source, f"cannot be read ({exc.strerror or exc})") from None


def open_zip(source: Path, passphrase: Passphrase) -> tuple[zipfile.ZipFile, io.RawIOBase | None]:
    """The archive, and the decrypting stream beneath it (to close) if it is encrypted."""
    if is_encrypted(source):
        if passphrase is None:
            raise LicenseAppError(f"{source.name} is an encrypted backup; give its passphrase "
                                  f"(asked for, or in {PASSPHRASE_ENV})")
        given = passphrase() if callable(passphrase) else passphrase
        reader = DecryptingReader(source, given)
        try:
            with archive_errors(source):
                try:
                    return zipfile.ZipFile(reader), reader
                except (zipfile.BadZipFile, ValueError):
                    raise refuse(source, "is not a LicenseApp backup") from None
        except BaseException:
            reader.close()
            raise
    with archive_errors(source):
        try:
            return zipfile.ZipFile(source), None
        except (zipfile.BadZipFile, ValueError):
            if _starts_as_zip(source):  # a backup copied only in part, or overwritten at its end
                raise refuse(source, "is damaged or cut short: it begins as a zip archive "
                             "but its end is missing or broken; copy the backup again from "
                             "where it is kept") from None
            raise refuse(source, "is not a LicenseApp backup (not a zip archive nor a "
                          "database)") from None


def _starts_as_zip(source: Path) -> bool:
    try:
        with source.open("rb") as fh:
            return fh.read(4) == b"PK\x03\x04"
    except OSError:
        return False


@dataclass
class Archive:
    source: Path
    zip: zipfile.ZipFile
    manifest: dict[str, Any]
    tables: dict[str, dict[str, Any]]
    meta: dict[str, str]


def read_manifest(source: Path, zf: zipfile.ZipFile) -> Archive:
    try:
        info = zf.getinfo("manifest.json")
    except KeyError:
        raise refuse(source, "is not a LicenseApp backup (it has no manifest)") from None
    if info.file_size > MAX_MANIFEST:
        raise refuse(source, "has a manifest too large to be a LicenseApp manifest")
    try:
        manifest = json.loads(zf.read(info).decode("utf-8"))
    except (ValueError, UnicodeDecodeError):
        raise refuse(source, "is not a LicenseApp backup (its manifest is not valid "
                      "JSON)") from None
    if not isinstance(manifest, dict):
        raise refuse(source, "is not a LicenseApp backup (its manifest is not an object)")
    if manifest.get("format") != FORMAT:
        raise refuse(source, f"is not a LicenseApp backup (format "
                      f"{str(manifest.get('format'))[:40]!r})")
    if manifest.get("product", PRODUCT) != PRODUCT:
        raise refuse(source, "was not written by LicenseApp")
    schema = manifest.get("schema")
    if schema not in RESTORABLE_SCHEMAS:
        raise LicenseAppError(
            f"{source.name} was written at schema {str(schema)[:40]}; this version restores "
            f"{migrate.HEAD_REVISION} backups; nothing was restored")
    tables = manifest.get("tables")
    known = {t.name for t in backed_up_tables()}
    if not isinstance(tables, dict):
        raise refuse(source, "has a manifest without its list of tables")
    unknown = sorted(set(tables) - known)
    if unknown:
        raise refuse(source, f"names a table this version does not have "
                      f"({str(unknown[0])[:40]!r})")
    missing = sorted(name for name in known - set(tables)
                     if not str(schema) < TABLE_SINCE.get(name, ""))
    if missing:
        raise refuse(source, f"has no entry for the table {missing[0]} in its manifest")
    for name, entry in tables.items():
        if not (isinstance(entry, dict) and set(entry) == {"rows", "sha256"}
                and type(entry["rows"]) is int and entry["rows"] >= 0
                and isinstance(entry["sha256"], str) and _HEX64.fullmatch(entry["sha256"])):
            raise refuse(source, f"has a malformed manifest entry for the table {name}")
    meta = manifest.get("meta", {})
    if not isinstance(meta, dict):
        raise refuse(source, "has malformed meta data in its manifest")
    for key, value in meta.items():
        if key not in COPIED_META:
            raise refuse(source, f"carries the setting {str(key)[:40]!r}, which a backup "
                          "never holds (the archive was altered)")
        if not isinstance(value, str) or not META_FORMS[key].fullmatch(value):
            raise refuse(source, f"has a malformed value for its setting {key}")
    return Archive(source, zf, manifest, tables, dict(meta))


def _check_members(arc: Archive) -> None:
    """Names (nothing unexpected, no path), sizes and compression ratios, before reading."""
    infos = arc.zip.infolist()
    if len(infos) > MAX_MEMBERS:
        raise refuse(arc.source, "holds more files than any LicenseApp backup")
    expected_tables = {f"tables/{name}.jsonl" for name in arc.tables}
    seen: set[str] = set()
    total = 0
    for info in infos:
        name = info.filename
        shown = name[:60]
        if name in seen:
            raise refuse(arc.source, f"holds {shown!r} twice")
        seen.add(name)
        if name.startswith(("/", "\\")) or ".." in name or "\\" in name or ":" in name:
            raise refuse(arc.source, f"holds a file with an unsafe name ({shown!r})")
        is_blob = name.startswith("blobs/") and _HEX64.fullmatch(name[6:]) is not None
        if name != "manifest.json" and name not in expected_tables and not is_blob:
            raise refuse(arc.source, f"holds an unexpected file ({shown!r})")
        if info.flag_bits & 0x1:
            raise refuse(arc.source, f"holds a password-protected file ({shown!r})")
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise refuse(arc.source, f"holds {shown!r} in a compression this version does "
                          "not read")
        limit = MAX_BLOB_MEMBER if is_blob else (
            MAX_MANIFEST if name == "manifest.json" else MAX_TABLE_MEMBER)
        if info.file_size > limit:
            raise refuse(arc.source, f"declares {shown!r} larger than a LicenseApp backup "
                          "holds")
        if info.file_size > (1 << 20) and info.file_size > MAX_RATIO * max(1, info.compress_size):
            raise refuse(arc.source, f"holds {shown!r} compressed beyond any real data (a "
                          "zip bomb)")
        total += info.file_size
        if total > MAX_TOTAL:
            raise refuse(arc.source, "declares more data than a LicenseApp backup holds")
    lacking = sorted(expected_tables - seen)
    if lacking:
        raise refuse(arc.source, f"lacks the file for the table "
                      f"{lacking[0][len('tables/'):-len('.jsonl')]}")


def _lines(arc: Archive, tbl: Table) -> Iterator[bytes]:
    with arc.zip.open(f"tables/{tbl.name}.jsonl") as member:
        while True:
            line = member.readline(MAX_LINE + 1)
            if not line:
                return
            if len(line) > MAX_LINE:
                raise refuse(arc.source, f"has a row of {tbl.name} longer than any record")
            yield line


def _expected_kind(column_type: Any) -> str:
    if isinstance(column_type, LargeBinary):
        return "blob"
    if is_datetime(column_type):
        return "datetime"
    if isinstance(column_type, Date):
        return "date"
    if isinstance(column_type, Boolean):
        return "boolean"
    if isinstance(column_type, Integer):
        return "integer"
    if isinstance(column_type, JSON):
        return "json"
    if isinstance(column_type, String | Text):
        return "text"
    return "any"


def _convert(arc: Archive, tbl: Table, raw: Any, number: int) -> dict[str, Any]:
    """One row of the archive, checked (known columns, types, nullability) and converted."""
    where = f"{tbl.name} row {number}"
    if not isinstance(raw, dict):
        raise refuse(arc.source, f"has a malformed {where} (not an object)")
    unknown = [k for k in raw if k not in tbl.columns]
    if unknown:
        raise refuse(arc.source, f"has an unknown column {str(unknown[0])[:40]!r} in {where}")
    row: dict[str, Any] = {}
    for col in tbl.columns:
        value = raw.get(col.name)
        if value is None:
            if not col.nullable:
                raise refuse(arc.source, f"lacks {col.name} in {where}")
            row[col.name] = None
            continue
        kind = _expected_kind(col.type)
        ok = {
            "blob": isinstance(value, dict) and set(value) == {"blob"}
            and isinstance(value["blob"], str) and _HEX64.fullmatch(value["blob"]) is not None,
            "datetime": isinstance(value, str), "date": isinstance(value, str),
            "boolean": isinstance(value, bool),
            "integer": isinstance(value, int) and not isinstance(value, bool),
            "text": isinstance(value, str), "json": True, "any": True,
        }[kind]
        if not ok:
            raise refuse(arc.source, f"has a wrong type for {col.name} in {where} "
                          f"({type(value).__name__}, not {kind})")
        if kind == "blob":
            row[col.name] = value  # {"blob": sha256}, read when inserted
            continue
        try:
            row[col.name] = from_json(col.type, value)
        except (ValueError, TypeError, OverflowError):
            raise refuse(arc.source, f"has an invalid {kind} for {col.name} in {where}") \
                from None
        if kind == "integer" and not -(1 << 63) <= value < (1 << 63):
            raise refuse(arc.source, f"has an out-of-range number for {col.name} in {where}")
    return row


def _rows(arc: Archive, tbl: Table) -> Iterator[dict[str, Any]]:
    """Every row of one table, checked; the count and hash are checked at its end (none for
    a table created after the archive was written)."""
    if tbl.name not in arc.tables:
        return
    digest = hashlib.sha256()
    count = 0
    for line in _lines(arc, tbl):
        digest.update(line)
        count += 1
        try:
            raw = json.loads(line)
        except (ValueError, UnicodeDecodeError):
            raise refuse(arc.source, f"has a malformed {tbl.name} row {count} (not JSON)") \
                from None
        row = _convert(arc, tbl, raw, count)
        check_storable(tbl, row, arc.source)
        yield row
    entry = arc.tables[tbl.name]
    if digest.hexdigest() != entry["sha256"]:
        raise refuse(arc.source, f"is damaged: the table {tbl.name} does not match its "
                      "hash")
    if count != entry["rows"]:
        raise refuse(arc.source, f"is damaged: the table {tbl.name} holds {count} rows, "
                      f"its manifest says {entry['rows']}")


def validate(arc: Archive, progress: Progress | None) -> None:
    """The whole archive, read once, before anything is written."""
    _check_members(arc)
    referenced: set[str] = set()
    for tbl in backed_up_tables():
        if progress:
            progress(f"checking {tbl.name}")
        pk = [c.name for c in tbl.primary_key.columns]
        integer_key = len(pk) == 1 and isinstance(tbl.c[pk[0]].type, Integer)
        last: int | None = None
        keys: set[tuple[Any, ...]] = set()
        binary = binary_columns(tbl)
        for number, row in enumerate(_rows(arc, tbl), start=1):
            key = tuple(row[name] for name in pk)
            if integer_key:  # written in key order: a repeat shows as a step back
                if last is not None and key[0] <= last:
                    raise refuse(arc.source, f"has a repeated or misplaced key in {tbl.name} "
                                  f"row {number} ({key[0]})")
                last = key[0]
            elif key in keys:
                raise refuse(arc.source, f"has a repeated key in {tbl.name} row {number}")
            else:
                keys.add(key)
            for name in binary:
                if row[name] is not None:
                    referenced.add(row[name]["blob"])
    present = set()
    for info in arc.zip.infolist():
        if not info.filename.startswith("blobs/"):
            continue
        name = info.filename[len("blobs/"):]
        if name not in referenced:
            raise refuse(arc.source, "holds an attachment no record refers to")
        digest = hashlib.sha256()
        with arc.zip.open(info) as member:
            for piece in iter(lambda m=member: m.read(1 << 20), b""):  # type: ignore[misc]
                digest.update(piece)
        if digest.hexdigest() != name:
            raise refuse(arc.source, "is damaged: an attachment does not match its hash")
        present.add(name)
    if referenced - present:
        raise refuse(arc.source, "lacks the bytes of an attachment a record refers to")


def check_storable(tbl: Table, row: dict[str, Any], source: Path) -> None:
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


def archive_rows(arc: Archive, tbl: Table) -> Iterator[dict[str, Any]]:
    """The checked rows again, now with each attachment's bytes."""
    binary = binary_columns(tbl)
    for row in _rows(arc, tbl):
        for name in binary:
            if row[name] is not None:
                data = arc.zip.read(f"blobs/{row[name]['blob']}")
                if hashlib.sha256(data).hexdigest() != row[name]["blob"]:
                    raise refuse(arc.source, "is damaged: an attachment does not match its "
                                  "hash")
                row[name] = data
        yield row
