"""Backups are written whole or not at all, may be encrypted, and a damaged or malicious
archive is refused with one sentence before anything is written."""

from __future__ import annotations

import hashlib
import json
import stat
import struct
import warnings
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from factories import make_application
from sqlalchemy import func, select
from sqlalchemy import text as sql_text

from licenseapp.errors import LicenseAppError
from licenseapp.services.safety import archive_encryption
from licenseapp.services.safety import backup as backup_module
from licenseapp.services.safety.backup import backup
from licenseapp.services.safety.restore import restore
from licenseapp.store import migrate
from licenseapp.store.database import Database, open_database
from licenseapp.store.models import Attachment, Base

PDF = b"%PDF-1.4\n" + bytes(range(256)) * 40
PASSPHRASE = "correct horse battery"


@pytest.fixture
def source(tmp_path: Path) -> Iterator[Database]:
    database = open_database(str(tmp_path / "source.db"))
    make_application(database, status="draft")
    make_application(database, "LA-2026-0002", given="Алексей", family="Смирнов",
                     native="Алексей Смирнов", citizenship="RU")
    with database.unit_of_work() as s:
        s.add(Attachment(application_id=1, kind="passport", file_name="pass.pdf",
                         media_type="application/pdf", size=len(PDF),
                         sha256=hashlib.sha256(PDF).hexdigest(), content=PDF))
    yield database
    database.dispose()


@pytest.fixture
def archive(source: Database, tmp_path: Path) -> Path:
    path = tmp_path / "good.zip"
    backup(source, path)
    return path


def _empty(db: Database) -> None:
    """Nothing was written: no record, and the database's own settings as they were."""
    with db.engine.connect() as conn:
        for tbl in Base.metadata.sorted_tables:
            if tbl.name in ("regulators", "form_types", "licenseapp_meta"):
                continue
            assert conn.execute(select(func.count()).select_from(tbl)).scalar_one() == 0, tbl
        meta = dict(conn.execute(sql_text("SELECT key, value FROM licenseapp_meta")).all())
    assert meta[migrate.MARKER_KEY] == migrate.MARKER_VALUE
    assert "seal_backfill" not in meta


# --- building damaged archives ------------------------------------------------------------

Members = dict[str, bytes]


def _members(path: Path) -> Members:
    with zipfile.ZipFile(path) as zf:
        return {info.filename: zf.read(info) for info in zf.infolist()}


def _write(path: Path, members: Members | list[tuple[str, bytes]]) -> Path:
    items = list(members.items()) if isinstance(members, dict) else members
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # a duplicate name is what one case is about
        with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
            for name, data in items:
                zf.writestr(name, data)
    return path


def _manifest(members: Members) -> dict[str, object]:
    result: dict[str, object] = json.loads(members["manifest.json"])
    return result


def _set_manifest(members: Members, manifest: dict[str, object]) -> None:
    members["manifest.json"] = json.dumps(manifest).encode()


def _table_rows(members: Members, table: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in members[f"tables/{table}.jsonl"].splitlines()]


def _set_table(members: Members, table: str, lines: list[bytes]) -> None:
    """New content for a table, with its manifest entry made to match (so the deeper check
    is the one that must catch it)."""
    data = b"".join(line + b"\n" for line in lines)
    members[f"tables/{table}.jsonl"] = data
    manifest = _manifest(members)
    tables = manifest["tables"]
    assert isinstance(tables, dict)
    tables[table] = {"rows": len(lines), "sha256": hashlib.sha256(data).hexdigest()}
    _set_manifest(members, manifest)


def _rows_edit(table: str, edit: Callable[[list[dict[str, object]]], None]
               ) -> Callable[[Members], None]:
    def change(members: Members) -> None:
        rows = _table_rows(members, table)
        edit(rows)
        _set_table(members, table, [json.dumps(r, ensure_ascii=False, sort_keys=True).encode()
                                    for r in rows])
    return change


def _manifest_edit(edit: Callable[[dict[str, object]], None]) -> Callable[[Members], None]:
    def change(members: Members) -> None:
        manifest = _manifest(members)
        edit(manifest)
        _set_manifest(members, manifest)
    return change


def _declare_huge(path: Path) -> Path:
    """Patch the central directory so one attachment declares 4 GB uncompressed."""
    data = bytearray(path.read_bytes())
    at = data.find(b"PK\x01\x02")
    while at >= 0:
        name_len = struct.unpack_from("<H", data, at + 28)[0]
        name = bytes(data[at + 46:at + 46 + name_len])
        if name.startswith(b"blobs/"):
            struct.pack_into("<I", data, at + 24, 0xFFFFFFF0)
            break
        at = data.find(b"PK\x01\x02", at + 4)
    path.write_bytes(bytes(data))
    return path


def _encrypted(source_db: Database, path: Path) -> Path:
    backup(source_db, path, passphrase=PASSPHRASE)
    return path


def _bomb(members: Members) -> None:
    zeros = bytes(8 << 20)
    members[f"blobs/{hashlib.sha256(zeros).hexdigest()}"] = zeros


def _pop(name: str) -> Callable[[Members], None]:
    return lambda members: members.pop(name) and None


def _assign(table: str, column: str, value: object, row: int = 0
            ) -> Callable[[list[dict[str, object]]], None]:
    def edit(rows: list[dict[str, object]]) -> None:
        rows[row][column] = value
    return edit


#: name -> (how to damage the good archive's members, the message expected).
CASES: dict[str, tuple[Callable[[Members], None], str]] = {
    "bad manifest JSON": (lambda m: m.update({"manifest.json": b"{not json"}),
                          "its manifest is not valid JSON"),
    "wrong format": (_manifest_edit(lambda m: m.update(format="other-backup/9")),
                     "is not a LicenseApp backup (format 'other-backup/9')"),
    "newer schema": (_manifest_edit(lambda m: m.update(schema="0099_from_the_future")),
                     "was written at schema 0099_from_the_future"),
    "hash mismatch": (lambda m: m.update({"tables/people.jsonl": m["tables/people.jsonl"]
                                          .replace("Смирнов".encode(), b"Smith")}),
                      "the table people does not match its hash"),
    "row count mismatch": (_manifest_edit(
        lambda m: m["tables"]["people"].update(rows=7)),  # type: ignore[index]
        "the table people holds 2 rows, its manifest says 7"),
    "extra member": (lambda m: m.update({"notes.txt": b"hello"}),
                     "holds an unexpected file ('notes.txt')"),
    "path traversal": (lambda m: m.update({"../../outside.txt": b"x"}),
                       "holds a file with an unsafe name ('../../outside.txt')"),
    "absolute path": (lambda m: m.update({"/etc/cron.d/x": b"x"}),
                      "holds a file with an unsafe name"),
    "zip bomb": (_bomb, "compressed beyond any real data (a zip bomb)"),
    "unknown column": (_rows_edit("people", _assign("people", "shoe_size", 42)),
                       "has an unknown column 'shoe_size' in people row 1"),
    "wrong type": (_rows_edit("people", _assign("people", "id", "1")),
                   "has a wrong type for id in people row 1 (str, not integer)"),
    "invalid date": (_rows_edit("people", _assign("people", "date_of_birth", "1990-13-45")),
                     "has an invalid date for date_of_birth in people row 1"),
    "null in a required column": (_rows_edit("people", _assign("people", "family_name", None)),
                                  "lacks family_name in people row 1"),
    "row not an object": (lambda m: _set_table(m, "people", [b"[1, 2, 3]"]),
                          "has a malformed people row 1 (not an object)"),
    "forged product marker": (_manifest_edit(lambda m: m.update(meta={"product": "Forged"})),
                              "carries the setting 'product'"),
    "seal_backfill meta": (_manifest_edit(lambda m: m.update(meta={"seal_backfill": "pending"})),
                           "carries the setting 'seal_backfill'"),
    "database id naming another path": (_manifest_edit(
        lambda m: m.update(meta={"database_id": "../../../tmp/evil"})),
        "has a malformed value for its setting database_id"),
    "missing table file": (_pop("tables/people.jsonl"), "lacks the file for the table people"),
    "table missing from manifest": (_manifest_edit(
        lambda m: m["tables"].pop("people")),  # type: ignore[attr-defined]
        "has no entry for the table people"),
    "unknown table": (_manifest_edit(
        lambda m: m["tables"].update(  # type: ignore[attr-defined]
            shadow={"rows": 0, "sha256": "0" * 64})),
        "names a table this version does not have ('shadow')"),
    "duplicate primary key": (_rows_edit("people", lambda rows: rows.append(dict(rows[0]))),
                              "has a repeated or misplaced key in people row 3 (1)"),
    "attachment bytes missing": (lambda m: [m.pop(k) for k in list(m) if k.startswith("blobs/")]
                                 and None, "lacks the bytes of an attachment"),
    "attachment bytes altered": (lambda m: [m.update({k: b"%PDF-forged"}) for k in list(m)
                                            if k.startswith("blobs/")] and None,
                                 "an attachment does not match its hash"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_malformed_archive_is_refused_in_one_sentence(
        case: str, archive: Path, db: Database, tmp_path: Path) -> None:
    damage, message = CASES[case]
    members = _members(archive)
    damage(members)
    bad = _write(tmp_path / "bad.zip", members)
    with pytest.raises(LicenseAppError) as caught:
        restore(db, bad)
    assert message in caught.value.message
    assert "\n" not in caught.value.message and caught.value.message.endswith(
        "nothing was restored")
    _empty(db)


def test_more_malformed_archives(archive: Path, source: Database, db: Database,
                                 tmp_path: Path) -> None:
    """Damage that is not to the members: the zip itself, the encryption."""
    data = archive.read_bytes()
    truncated = tmp_path / "truncated.zip"
    truncated.write_bytes(data[: len(data) // 2])
    duplicate = _write(tmp_path / "dup.zip", [*_members(archive).items(),
                                             ("tables/people.jsonl", b"")])
    huge = _declare_huge(_write(tmp_path / "huge.zip", _members(archive)))
    enc = _encrypted(source, tmp_path / "enc.zip")
    enc_cut = tmp_path / "enc-cut.zip"
    enc_cut.write_bytes(enc.read_bytes()[:-100])
    enc_header = tmp_path / "enc-header.zip"
    enc_header.write_bytes(enc.read_bytes()[:40])
    cases: list[tuple[Path, str | None, str]] = [
        (truncated, None, "truncated.zip is damaged or cut short: it begins as a zip archive"),
        (duplicate, None, "holds 'tables/people.jsonl' twice"),
        (huge, None, "larger than a LicenseApp backup holds"),
        (enc, "the wrong passphrase", "wrong passphrase for enc.zip"),
        (enc, None, "enc.zip is an encrypted backup; give its passphrase"),
        (enc_cut, PASSPHRASE, "is damaged or truncated"),
        (enc_header, PASSPHRASE, "cut short"),
    ]
    for path, passphrase, message in cases:
        with pytest.raises(LicenseAppError) as caught:
            restore(db, path, passphrase=passphrase)
        assert message in caught.value.message, (path.name, caught.value.message)
        assert "\n" not in caught.value.message
        _empty(db)


# --- encryption ---------------------------------------------------------------------------


def test_an_encrypted_archive_round_trips_and_hides_everything(
        source: Database, db: Database, tmp_path: Path) -> None:
    path = _encrypted(source, tmp_path / "secret.zip")
    raw = path.read_bytes()
    assert raw.startswith(archive_encryption.MAGIC)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    for plain in ("Смирнов".encode(), b"manifest.json", b"people", PDF[:64]):
        assert plain not in raw
    asked: list[bool] = []

    def ask() -> str:
        asked.append(True)
        return PASSPHRASE

    result = restore(db, path, passphrase=ask)
    assert asked == [True] and result.rows > 0 and result.attachments == 1
    with db.reading() as s:
        assert s.execute(select(Attachment.content)).scalar_one() == PDF


def test_encrypted_chunks_cut_swapped_or_dropped_are_refused(
        source: Database, db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(archive_encryption, "CHUNK", 4096)  # several chunks from a small archive
    path = _encrypted(source, tmp_path / "chunks.zip")
    raw = path.read_bytes()
    head, stored = archive_encryption.HEADER_SIZE, 4096 + 16
    body = raw[head:]
    chunks = [body[i:i + stored] for i in range(0, len(body), stored)]
    assert len(chunks) >= 3
    swapped = tmp_path / "swapped.zip"
    swapped.write_bytes(raw[:head] + b"".join([chunks[1], chunks[0], *chunks[2:]]))
    dropped_last = tmp_path / "dropped.zip"  # cut exactly at a chunk boundary
    dropped_last.write_bytes(raw[:head] + b"".join(chunks[:-1]))
    flipped = bytearray(raw)
    flipped[head + 10] ^= 1
    flipped_path = tmp_path / "flipped.zip"
    flipped_path.write_bytes(bytes(flipped))
    for bad in (swapped, dropped_last, flipped_path):
        with pytest.raises(LicenseAppError, match="is damaged or truncated"):
            restore(db, bad, passphrase=PASSPHRASE)
        _empty(db)
    assert restore(db, path, passphrase=PASSPHRASE).rows > 0  # the intact file restores


def test_encryption_needs_an_archive_and_a_real_passphrase(source: Database,
                                                          tmp_path: Path) -> None:
    with pytest.raises(LicenseAppError, match="portable archive"):
        backup(source, tmp_path / "snap.db", passphrase=PASSPHRASE)
    with pytest.raises(LicenseAppError, match="at least 8 characters"):
        backup(source, tmp_path / "b.zip", passphrase="short")
    assert list(tmp_path.glob("*b.zip*")) == [] and list(tmp_path.glob("*snap*")) == []


# --- atomic writing -----------------------------------------------------------------------


def test_a_backup_is_private_while_written_and_a_failure_leaves_nothing(
        source: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out"
    out.mkdir()
    target = out / "b.zip"
    seen: list[tuple[str, int]] = []

    def progress(_: str) -> None:
        assert not target.exists()  # never under its final name while incomplete
        seen.extend((p.name, stat.S_IMODE(p.stat().st_mode)) for p in out.iterdir())

    backup(source, target, progress)
    assert seen and all(mode == 0o600 and name.startswith(".") for name, mode in seen)
    assert [p.name for p in out.iterdir()] == ["b.zip"]

    def fail(*_: object) -> tuple[int, int]:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(backup_module, "write_archive", fail)
    for name in ("again.zip", "again-encrypted.zip"):
        with pytest.raises(LicenseAppError, match="No space left on device"):
            backup(source, out / name,
                   passphrase=PASSPHRASE if "encrypted" in name else None)
    assert [p.name for p in out.iterdir()] == ["b.zip"]  # no partial file, no temporary


def test_a_failed_pre_upgrade_copy_leaves_nothing_under_its_name(tmp_path: Path) -> None:
    garbled = tmp_path / "old.db"
    garbled.write_bytes(migrate.SQLITE_HEADER + b"\x00" * 200)  # SQLite cannot copy it
    with pytest.raises(Exception):  # noqa: B017 - SQLite's own error; the point is what stays
        migrate.backup_sqlite(garbled)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["old.db"]


def test_the_pre_upgrade_copy_is_private_and_complete(source: Database, tmp_path: Path) -> None:
    assert source.location.sqlite_path is not None
    copy = migrate.backup_sqlite(source.location.sqlite_path)
    assert stat.S_IMODE(copy.stat().st_mode) == 0o600
    assert migrate.inspect_sqlite_file(copy).state is migrate.SchemaState.CURRENT
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]
