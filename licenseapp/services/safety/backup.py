"""Backups: a consistent copy while the app may be running, and restore into an empty database.

Two forms:
- ``*.db`` / ``*.sqlite``: a SQLite snapshot made with SQLite's online backup API (SQLite only);
- anything else (``.zip`` recommended): a portable archive for either database — one JSON-lines
  file per table, each attachment's bytes as a file named by its SHA-256, and a manifest with
  row counts and hashes, so a SQLite backup restores into PostgreSQL and back.

Every backup is written whole or not at all, readable by its owner only from the first byte
(:func:`~licenseapp.services.output.output_files.write_atomically`), and streamed: row by row, never
the whole database in memory.

An archive may be encrypted with a passphrase (``passphrase=``). The encrypted file is:

- a header: the magic ``LICENSEAPP-ENC1\\n`` (16 bytes), scrypt's log2(n), r and p (one byte
  each), the chunk size (4 bytes, big-endian), a random 16-byte salt and a random 8-byte nonce
  prefix, then a 16-byte key check (the AES-GCM tag of nothing, so a wrong passphrase is told
  apart from damage);
- then the zip archive in chunks of ``CHUNK`` bytes (the last one shorter, possibly empty),
  each AES-256-GCM encrypted with the key scrypt derives from the passphrase and salt
  (n=2**15, r=8, p=1), nonce = the prefix + the chunk's 4-byte counter, associated data = the
  header + the chunk's index + a flag set on the last chunk only, so a truncated, cut or
  reordered file does not decrypt.

Restore accepts either form, refuses a database that already holds records, and checks the
whole archive before writing anything: the manifest, the names and sizes of its members, every
table's and attachment's hash, the shape and types of every row, the text limits, and which
meta keys it may carry. Then it copies every row with its id in one transaction and runs
``verify`` on the result. A malformed archive is refused with one sentence
(:class:`LicenseAppError`), and the database stays as it was.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import sqlite3
import struct
import tempfile
import zipfile
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import IO, Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    Integer,
    LargeBinary,
    String,
    Table,
    Text,
    func,
    insert,
    select,
)
from sqlalchemy import text as sql_text
from sqlalchemy.exc import SQLAlchemyError

from licenseapp import __version__
from licenseapp.domain import text_limits
from licenseapp.errors import LicenseAppError
from licenseapp.store import migrate
from licenseapp.store.database import Database
from licenseapp.store.models import Base
from licenseapp.store.sqlite_copy import copy_sqlite

FORMAT = "licenseapp-backup/1"
PRODUCT = "LicenseApp"
SQLITE_SUFFIXES = (".db", ".sqlite", ".sqlite3")
#: Archive schemas this version restores: its own, and those whose tables differ from it only
#: by nullable columns added since (0004 added ``form_values``), restored as NULL.
RESTORABLE_SCHEMAS = frozenset({migrate.HEAD_REVISION, "0005_items_access_modes",
                                "0003_record_seals"})
#: Meta keys that describe the data (copied) rather than the database file (kept). Nothing
#: else is taken from an archive: never the product marker, never ``seal_backfill``.
_COPIED_META = ("audit_head", "database_id", "chain_keyed")  # keys and witness go by id
#: What each copied value looks like: the database id names files (its seal key, its
#: witness), so nothing but hex gets through.
_META_FORMS = {
    "audit_head": re.compile(r"[0-9a-f]{64}"),
    "database_id": re.compile(r"[0-9a-f]{32}"),
    "chain_keyed": re.compile(r"[0-9]{1,19}:[0-9a-f]{64}"),
}
#: Tables every database gets from its migrations; never copied.
_SEEDED = ("regulators", "form_types")
Progress = Callable[[str], None]
#: A passphrase, or a function asked for it only when the archive turns out to be encrypted.
Passphrase = str | Callable[[], str] | None

# --- limits a restore checks before reading ------------------------------------------------
MAX_MANIFEST = 1 << 20  # 1 MiB
MAX_LINE = 8 << 20  # one JSON row without its attachment
MAX_TABLE_MEMBER = 16 << 30
MAX_BLOB_MEMBER = 256 << 20
MAX_TOTAL = 64 << 30
MAX_MEMBERS = 2_000_000
#: Uncompressed / compressed above which a member larger than 1 MiB is taken for a zip bomb.
MAX_RATIO = 200
_INSERT_ROWS = 2000
_INSERT_BYTES = 32 << 20
_HEX64 = re.compile(r"[0-9a-f]{64}")

# --- encryption ----------------------------------------------------------------------------
MAGIC = b"LICENSEAPP-ENC1\n"
CHUNK = 1 << 20
SCRYPT_LOG2_N, SCRYPT_R, SCRYPT_P = 15, 8, 1
_FIXED = struct.Struct(">16sBBBI16s8s")  # magic, log2 n, r, p, chunk size, salt, nonce prefix
_TAG = 16
HEADER_SIZE = _FIXED.size + _TAG
_CHECK_COUNTER = 0xFFFFFFFF  # the key check's nonce; chunks count from 0 below it
PASSPHRASE_ENV = "LICENSEAPP_BACKUP_PASSPHRASE"
MIN_PASSPHRASE = 8


@dataclass(frozen=True)
class BackupResult:
    path: Path
    kind: str  # sqlite or archive
    rows: int
    attachments: int
    encrypted: bool = False


def _tables() -> list[Table]:
    return [t for t in Base.metadata.sorted_tables if t.name != "licenseapp_meta"]


def _jsonable(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def _is_datetime(column_type: Any) -> bool:
    return isinstance(column_type, DateTime) or getattr(column_type, "impl", None) is DateTime or (
        type(column_type).__name__ == "UTCDateTime")


def _from_json(column_type: Any, value: Any) -> Any:
    if value is None:
        return None
    if _is_datetime(column_type):
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
    copy_sqlite(db.location.sqlite_path, target)


# --- encryption: a stream of authenticated chunks -------------------------------------------


def _derive_key(passphrase: str, salt: bytes, log2_n: int, r: int, p: int) -> bytes:
    from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

    return Scrypt(salt=salt, length=32, n=1 << log2_n, r=r, p=p).derive(
        passphrase.encode("utf-8"))


def _chunk_ad(fixed: bytes, index: int, final: bool) -> bytes:
    return fixed + struct.pack(">QB", index, 1 if final else 0)


class _EncryptingWriter:
    """A write-only stream (no seek, so :mod:`zipfile` streams into it) that encrypts."""

    def __init__(self, out: IO[bytes], passphrase: str) -> None:
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        salt, self._prefix = os.urandom(16), os.urandom(8)
        self._fixed = _FIXED.pack(MAGIC, SCRYPT_LOG2_N, SCRYPT_R, SCRYPT_P, CHUNK, salt,
                                  self._prefix)
        self._aead = AESGCM(_derive_key(passphrase, salt, SCRYPT_LOG2_N, SCRYPT_R, SCRYPT_P))
        check = self._aead.encrypt(self._prefix + struct.pack(">I", _CHECK_COUNTER), b"",
                                   self._fixed)
        self._out = out
        out.write(self._fixed + check)
        self._buffer = bytearray()
        self._index = 0
        self._position = 0

    def _emit(self, data: bytes, final: bool) -> None:
        if self._index >= _CHECK_COUNTER:
            raise LicenseAppError("the backup is too large to encrypt (over 4 TiB)")
        nonce = self._prefix + struct.pack(">I", self._index)
        self._out.write(self._aead.encrypt(nonce, data, _chunk_ad(self._fixed, self._index,
                                                                   final)))
        self._index += 1

    def write(self, data: bytes | bytearray | memoryview) -> int:
        self._buffer += data
        self._position += len(data)
        while len(self._buffer) > CHUNK:  # keep at least one byte back for the final chunk
            self._emit(bytes(self._buffer[:CHUNK]), final=False)
            del self._buffer[:CHUNK]
        return len(data)

    def tell(self) -> int:
        return self._position

    def flush(self) -> None:
        pass

    def finish(self) -> None:
        """The last chunk (possibly empty), marked final."""
        if len(self._buffer) == CHUNK:
            self._emit(bytes(self._buffer), final=False)
            self._buffer.clear()
        self._emit(bytes(self._buffer), final=True)
        self._buffer.clear()
        self._out.flush()


class _DecryptingReader(io.RawIOBase):
    """The plain archive inside an encrypted backup, seekable, decrypted a chunk at a time.

    Opening checks the passphrase and then authenticates every chunk once (a truncated,
    cut or reordered file is refused before anything is read); every chunk read later is
    authenticated again.
    """

    def __init__(self, path: Path, passphrase: str) -> None:
        super().__init__()
        from cryptography.exceptions import InvalidTag
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        self._invalid = InvalidTag
        self._name = path.name
        self._file = path.open("rb")
        try:
            header = self._file.read(HEADER_SIZE)
            if len(header) < HEADER_SIZE:
                raise LicenseAppError(f"{path.name} is an encrypted backup cut short (its "
                                      "header is incomplete); nothing was restored")
            self._fixed = header[:_FIXED.size]
            _magic, log2_n, r, p, chunk, salt, self._prefix = _FIXED.unpack(self._fixed)
            if not (14 <= log2_n <= 20 and 1 <= r <= 16 and p == 1
                    and 4096 <= chunk <= 16 << 20):
                raise LicenseAppError(f"{path.name} is an encrypted backup with settings this "
                                      "version does not read; nothing was restored")
            self._chunk = chunk
            self._aead = AESGCM(_derive_key(passphrase, salt, log2_n, r, p))
            try:
                self._aead.decrypt(self._prefix + struct.pack(">I", _CHECK_COUNTER),
                                   header[_FIXED.size:], self._fixed)
            except InvalidTag:
                raise LicenseAppError(f"wrong passphrase for {path.name} (or its header is "
                                      "damaged); nothing was restored") from None
            body = os.fstat(self._file.fileno()).st_size - HEADER_SIZE
            stored = chunk + _TAG
            full, rest = divmod(body, stored)
            if rest < _TAG:  # the last chunk always carries its tag, even when empty
                raise self._damaged(full)
            self._count = full + 1
            if self._count > _CHECK_COUNTER:
                raise self._damaged(full)
            self._size = full * chunk + rest - _TAG
            self._position = 0
            self._cached: tuple[int, bytes] | None = None
            for index in range(self._count):  # authenticate everything once, up front
                self._decrypt(index)
        except BaseException:
            self._file.close()
            raise

    def _damaged(self, index: int) -> LicenseAppError:
        return LicenseAppError(
            f"{self._name} is damaged or truncated: part {index + 1} of the encrypted backup "
            "does not authenticate; nothing was restored")

    def _decrypt(self, index: int) -> bytes:
        if self._cached is not None and self._cached[0] == index:
            return self._cached[1]
        final = index == self._count - 1
        self._file.seek(HEADER_SIZE + index * (self._chunk + _TAG))
        length = (self._size - index * self._chunk if final else self._chunk) + _TAG
        data = self._file.read(length)
        try:
            plain = self._aead.decrypt(self._prefix + struct.pack(">I", index), data,
                                       _chunk_ad(self._fixed, index, final))
        except self._invalid:
            raise self._damaged(index) from None
        self._cached = (index, plain)
        return plain

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def tell(self) -> int:
        return self._position

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        base = {io.SEEK_SET: 0, io.SEEK_CUR: self._position, io.SEEK_END: self._size}[whence]
        if base + offset < 0:
            raise OSError("seek before the start")
        self._position = base + offset
        return self._position

    def readinto(self, buffer: Any) -> int:
        view = memoryview(buffer).cast("B")
        done = 0
        while done < len(view) and self._position < self._size:
            index, skip = divmod(self._position, self._chunk)
            plain = self._decrypt(index)
            piece = plain[skip:skip + len(view) - done]
            view[done:done + len(piece)] = piece
            done += len(piece)
            self._position += len(piece)
        return done

    def close(self) -> None:
        self._file.close()
        super().close()


def is_encrypted(path: Path) -> bool:
    """Whether ``path`` is an encrypted backup (by its first bytes)."""
    try:
        with path.open("rb") as fh:
            return fh.read(len(MAGIC)) == MAGIC
    except OSError:
        return False


# --- backup -------------------------------------------------------------------------------


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
                           for t in _tables())
            finally:
                conn.close()

        return BackupResult(target, "sqlite", write_atomically(target, snapshot_into), 0)

    def archive_into(tmp: Path) -> tuple[int, int]:
        with tmp.open("wb") as out:
            sink: Any = out
            writer = _EncryptingWriter(out, passphrase) if passphrase is not None else None
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
                return _write_archive(_sqlite_reader(conn), meta, sink, progress)
            finally:
                conn.close()
    snapshot = db.engine.connect().execution_options(isolation_level="REPEATABLE READ")
    with snapshot as c, c.begin():
        meta = dict(c.execute(sql_text("SELECT key, value FROM licenseapp_meta")).all())
        return _write_archive(_engine_reader(c), meta, sink, progress)


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


def _binary_columns(tbl: Table) -> list[str]:
    return [c.name for c in tbl.columns if isinstance(c.type, LargeBinary)]


def _write_archive(
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
        for tbl in _tables():
            binary = _binary_columns(tbl)
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
        for tbl in _tables():
            if progress:
                progress(tbl.name)
            digest = hashlib.sha256()
            count = 0
            binary = _binary_columns(tbl)
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
            for t in _tables() if t.name not in _SEEDED
        )


def _refuse(source: Path, why: str) -> LicenseAppError:
    return LicenseAppError(f"{source.name} {why}; nothing was restored")


@contextmanager
def _archive_errors(source: Path) -> Iterator[None]:
    """What zipfile, zlib or the file system raise on a damaged archive, in one sentence."""
    try:
        yield
    except LicenseAppError:
        raise
    except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
        raise _refuse(source, f"is damaged ({exc})") from None
    except NotImplementedError:
        raise _refuse(source, "uses a zip compression this version does not read") from None
    except RuntimeError as exc:  # a zip member with a zip password
        raise _refuse(source, f"cannot be read ({exc})") from None
    except OSError as exc:
        raise _refuse(source, f"cannot be read ({exc.strerror or exc})") from None


def _open_zip(source: Path, passphrase: Passphrase) -> tuple[zipfile.ZipFile, io.RawIOBase | None]:
    """The archive, and the decrypting stream beneath it (to close) if it is encrypted."""
    if is_encrypted(source):
        if passphrase is None:
            raise LicenseAppError(f"{source.name} is an encrypted backup; give its passphrase "
                                  f"(asked for, or in {PASSPHRASE_ENV})")
        given = passphrase() if callable(passphrase) else passphrase
        reader = _DecryptingReader(source, given)
        try:
            with _archive_errors(source):
                try:
                    return zipfile.ZipFile(reader), reader
                except (zipfile.BadZipFile, ValueError):
                    raise _refuse(source, "is not a LicenseApp backup") from None
        except BaseException:
            reader.close()
            raise
    with _archive_errors(source):
        try:
            return zipfile.ZipFile(source), None
        except (zipfile.BadZipFile, ValueError):
            raise _refuse(source, "is not a LicenseApp backup (not a zip archive nor a "
                          "database)") from None


@dataclass
class _Archive:
    source: Path
    zip: zipfile.ZipFile
    manifest: dict[str, Any]
    tables: dict[str, dict[str, Any]]
    meta: dict[str, str]


def _read_manifest(source: Path, zf: zipfile.ZipFile) -> _Archive:
    try:
        info = zf.getinfo("manifest.json")
    except KeyError:
        raise _refuse(source, "is not a LicenseApp backup (it has no manifest)") from None
    if info.file_size > MAX_MANIFEST:
        raise _refuse(source, "has a manifest too large to be a LicenseApp manifest")
    try:
        manifest = json.loads(zf.read(info).decode("utf-8"))
    except (ValueError, UnicodeDecodeError):
        raise _refuse(source, "is not a LicenseApp backup (its manifest is not valid "
                      "JSON)") from None
    if not isinstance(manifest, dict):
        raise _refuse(source, "is not a LicenseApp backup (its manifest is not an object)")
    if manifest.get("format") != FORMAT:
        raise _refuse(source, f"is not a LicenseApp backup (format "
                      f"{str(manifest.get('format'))[:40]!r})")
    if manifest.get("product", PRODUCT) != PRODUCT:
        raise _refuse(source, "was not written by LicenseApp")
    schema = manifest.get("schema")
    if schema not in RESTORABLE_SCHEMAS:
        raise LicenseAppError(
            f"{source.name} was written at schema {str(schema)[:40]}; this version restores "
            f"{migrate.HEAD_REVISION} backups; nothing was restored")
    tables = manifest.get("tables")
    known = {t.name for t in _tables()}
    if not isinstance(tables, dict):
        raise _refuse(source, "has a manifest without its list of tables")
    unknown = sorted(set(tables) - known)
    if unknown:
        raise _refuse(source, f"names a table this version does not have "
                      f"({str(unknown[0])[:40]!r})")
    missing = sorted(known - set(tables))
    if missing:
        raise _refuse(source, f"has no entry for the table {missing[0]} in its manifest")
    for name, entry in tables.items():
        if not (isinstance(entry, dict) and set(entry) == {"rows", "sha256"}
                and type(entry["rows"]) is int and entry["rows"] >= 0
                and isinstance(entry["sha256"], str) and _HEX64.fullmatch(entry["sha256"])):
            raise _refuse(source, f"has a malformed manifest entry for the table {name}")
    meta = manifest.get("meta", {})
    if not isinstance(meta, dict):
        raise _refuse(source, "has malformed meta data in its manifest")
    for key, value in meta.items():
        if key not in _COPIED_META:
            raise _refuse(source, f"carries the setting {str(key)[:40]!r}, which a backup "
                          "never holds (the archive was altered)")
        if not isinstance(value, str) or not _META_FORMS[key].fullmatch(value):
            raise _refuse(source, f"has a malformed value for its setting {key}")
    return _Archive(source, zf, manifest, tables, dict(meta))


def _check_members(arc: _Archive) -> None:
    """Names (nothing unexpected, no path), sizes and compression ratios, before reading."""
    infos = arc.zip.infolist()
    if len(infos) > MAX_MEMBERS:
        raise _refuse(arc.source, "holds more files than any LicenseApp backup")
    expected_tables = {f"tables/{name}.jsonl" for name in arc.tables}
    seen: set[str] = set()
    total = 0
    for info in infos:
        name = info.filename
        shown = name[:60]
        if name in seen:
            raise _refuse(arc.source, f"holds {shown!r} twice")
        seen.add(name)
        if name.startswith(("/", "\\")) or ".." in name or "\\" in name or ":" in name:
            raise _refuse(arc.source, f"holds a file with an unsafe name ({shown!r})")
        is_blob = name.startswith("blobs/") and _HEX64.fullmatch(name[6:]) is not None
        if name != "manifest.json" and name not in expected_tables and not is_blob:
            raise _refuse(arc.source, f"holds an unexpected file ({shown!r})")
        if info.flag_bits & 0x1:
            raise _refuse(arc.source, f"holds a password-protected file ({shown!r})")
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise _refuse(arc.source, f"holds {shown!r} in a compression this version does "
                          "not read")
        limit = MAX_BLOB_MEMBER if is_blob else (
            MAX_MANIFEST if name == "manifest.json" else MAX_TABLE_MEMBER)
        if info.file_size > limit:
            raise _refuse(arc.source, f"declares {shown!r} larger than a LicenseApp backup "
                          "holds")
        if info.file_size > (1 << 20) and info.file_size > MAX_RATIO * max(1, info.compress_size):
            raise _refuse(arc.source, f"holds {shown!r} compressed beyond any real data (a "
                          "zip bomb)")
        total += info.file_size
        if total > MAX_TOTAL:
            raise _refuse(arc.source, "declares more data than a LicenseApp backup holds")
    lacking = sorted(expected_tables - seen)
    if lacking:
        raise _refuse(arc.source, f"lacks the file for the table "
                      f"{lacking[0][len('tables/'):-len('.jsonl')]}")


def _lines(arc: _Archive, tbl: Table) -> Iterator[bytes]:
    with arc.zip.open(f"tables/{tbl.name}.jsonl") as member:
        while True:
            line = member.readline(MAX_LINE + 1)
            if not line:
                return
            if len(line) > MAX_LINE:
                raise _refuse(arc.source, f"has a row of {tbl.name} longer than any record")
            yield line


def _expected_kind(column_type: Any) -> str:
    if isinstance(column_type, LargeBinary):
        return "blob"
    if _is_datetime(column_type):
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


def _convert(arc: _Archive, tbl: Table, raw: Any, number: int) -> dict[str, Any]:
    """One row of the archive, checked (known columns, types, nullability) and converted."""
    where = f"{tbl.name} row {number}"
    if not isinstance(raw, dict):
        raise _refuse(arc.source, f"has a malformed {where} (not an object)")
    unknown = [k for k in raw if k not in tbl.columns]
    if unknown:
        raise _refuse(arc.source, f"has an unknown column {str(unknown[0])[:40]!r} in {where}")
    row: dict[str, Any] = {}
    for col in tbl.columns:
        value = raw.get(col.name)
        if value is None:
            if not col.nullable:
                raise _refuse(arc.source, f"lacks {col.name} in {where}")
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
            raise _refuse(arc.source, f"has a wrong type for {col.name} in {where} "
                          f"({type(value).__name__}, not {kind})")
        if kind == "blob":
            row[col.name] = value  # {"blob": sha256}, read when inserted
            continue
        try:
            row[col.name] = _from_json(col.type, value)
        except (ValueError, TypeError, OverflowError):
            raise _refuse(arc.source, f"has an invalid {kind} for {col.name} in {where}") \
                from None
        if kind == "integer" and not -(1 << 63) <= value < (1 << 63):
            raise _refuse(arc.source, f"has an out-of-range number for {col.name} in {where}")
    return row


def _rows(arc: _Archive, tbl: Table) -> Iterator[dict[str, Any]]:
    """Every row of one table, checked; the count and hash are checked at its end."""
    digest = hashlib.sha256()
    count = 0
    for line in _lines(arc, tbl):
        digest.update(line)
        count += 1
        try:
            raw = json.loads(line)
        except (ValueError, UnicodeDecodeError):
            raise _refuse(arc.source, f"has a malformed {tbl.name} row {count} (not JSON)") \
                from None
        row = _convert(arc, tbl, raw, count)
        _check_storable(tbl, row, arc.source)
        yield row
    entry = arc.tables[tbl.name]
    if digest.hexdigest() != entry["sha256"]:
        raise _refuse(arc.source, f"is damaged: the table {tbl.name} does not match its "
                      "hash")
    if count != entry["rows"]:
        raise _refuse(arc.source, f"is damaged: the table {tbl.name} holds {count} rows, "
                      f"its manifest says {entry['rows']}")


def _validate(arc: _Archive, progress: Progress | None) -> None:
    """The whole archive, read once, before anything is written."""
    _check_members(arc)
    referenced: set[str] = set()
    for tbl in _tables():
        if progress:
            progress(f"checking {tbl.name}")
        pk = [c.name for c in tbl.primary_key.columns]
        integer_key = len(pk) == 1 and isinstance(tbl.c[pk[0]].type, Integer)
        last: int | None = None
        keys: set[tuple[Any, ...]] = set()
        binary = _binary_columns(tbl)
        for number, row in enumerate(_rows(arc, tbl), start=1):
            key = tuple(row[name] for name in pk)
            if integer_key:  # written in key order: a repeat shows as a step back
                if last is not None and key[0] <= last:
                    raise _refuse(arc.source, f"has a repeated or misplaced key in {tbl.name} "
                                  f"row {number} ({key[0]})")
                last = key[0]
            elif key in keys:
                raise _refuse(arc.source, f"has a repeated key in {tbl.name} row {number}")
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
            raise _refuse(arc.source, "holds an attachment no record refers to")
        digest = hashlib.sha256()
        with arc.zip.open(info) as member:
            for piece in iter(lambda m=member: m.read(1 << 20), b""):  # type: ignore[misc]
                digest.update(piece)
        if digest.hexdigest() != name:
            raise _refuse(arc.source, "is damaged: an attachment does not match its hash")
        present.add(name)
    if referenced - present:
        raise _refuse(arc.source, "lacks the bytes of an attachment a record refers to")


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
            f"{db.location.display} already holds records; restore into an empty database "
            "(e.g. --db restored.db)")
    with source.open("rb") as fh:
        is_sqlite = fh.read(16) == migrate.SQLITE_HEADER
    if is_sqlite:
        rows, attachments = _restore_sqlite(db, source, progress)
    else:
        zf, underneath = _open_zip(source, passphrase)
        try:
            with _archive_errors(source):
                arc = _read_manifest(source, zf)
                _validate(arc, progress)
                rows, attachments = _insert_all(db, source, lambda t: _archive_rows(arc, t),
                                                arc.meta, progress)
        finally:
            zf.close()
            if underneath is not None:
                underneath.close()
    report = verify(db)
    return RestoreResult(rows, attachments, report.ok, tuple(f.message for f in report.findings))


def _archive_rows(arc: _Archive, tbl: Table) -> Iterator[dict[str, Any]]:
    """The checked rows again, now with each attachment's bytes."""
    binary = _binary_columns(tbl)
    for row in _rows(arc, tbl):
        for name in binary:
            if row[name] is not None:
                data = arc.zip.read(f"blobs/{row[name]['blob']}")
                if hashlib.sha256(data).hexdigest() != row[name]["blob"]:
                    raise _refuse(arc.source, "is damaged: an attachment does not match its "
                                  "hash")
                row[name] = data
        yield row


def _restore_sqlite(db: Database, source: Path, progress: Progress | None) -> tuple[int, int]:
    found = migrate.inspect_sqlite_file(source)
    if found.state is not migrate.SchemaState.CURRENT:
        raise LicenseAppError(
            f"{source} is not a LicenseApp database at this version's schema "
            f"({found.state.value}); open it with --db to upgrade it first")
    conn = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)
    try:
        meta = dict(conn.execute("SELECT key, value FROM licenseapp_meta").fetchall())
        meta = {k: v for k, v in meta.items() if k in _COPIED_META}
        for key, value in meta.items():
            if not isinstance(value, str) or not _META_FORMS[key].fullmatch(value):
                raise _refuse(source, f"has a malformed value for its setting {key}")
        reader = _sqlite_reader(conn)

        def checked(tbl: Table) -> Iterator[dict[str, Any]]:
            for row in reader(tbl):
                _check_storable(tbl, row, source)
                yield row

        try:
            return _insert_all(db, source, checked, meta, progress)
        except (ValueError, TypeError, OverflowError, sqlite3.Error) as exc:
            raise _refuse(source, f"holds a value this version cannot read ({exc})") from None
    finally:
        conn.close()


def _insert_all(db: Database, source: Path, read: TableReader, meta: dict[str, str],
                progress: Progress | None) -> tuple[int, int]:
    """Every row, in one transaction: on any failure nothing stays."""
    rows = attachments = 0
    try:
        with db.engine.begin() as conn_t:
            for tbl in _tables():
                if tbl.name in _SEEDED:
                    continue  # seeded by the migrations in every database
                if progress:
                    progress(tbl.name)
                binary = _binary_columns(tbl)
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
        raise _refuse(source, f"does not fit this database ({detail})") from None
    return rows, attachments


def _reset_sequences(conn: Any) -> None:
    """After inserting explicit ids, PostgreSQL's sequences must continue after them."""
    for tbl in _tables():
        pk = list(tbl.primary_key.columns)
        serial = pk[0].autoincrement in (True, "auto") if len(pk) == 1 else False
        if serial and isinstance(pk[0].type, Integer):
            conn.execute(sql_text(
                f"SELECT setval(pg_get_serial_sequence('{tbl.name}', '{pk[0].name}'), "
                f"COALESCE((SELECT MAX({pk[0].name}) FROM {tbl.name}), 0) + 1, false)"))
