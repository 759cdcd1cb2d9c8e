"""Backups round-trip every record and attachment, across databases, and refuse to overwrite."""

from __future__ import annotations

import hashlib
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from factories import make_application
from sqlalchemy import select

from licenseapp.errors import LicenseAppError
from licenseapp.services.safety.backup import backup
from licenseapp.services.safety.integrity import verify
from licenseapp.services.safety.restore import restore
from licenseapp.store import seals
from licenseapp.store.database import Database, open_database
from licenseapp.store.models import Attachment

PDF = b"%PDF-1.4\n" + bytes(range(256)) * 40


@pytest.fixture
def source(tmp_path: Path) -> Iterator[Database]:
    """A SQLite database with records of every kind the factory makes, and an attachment."""
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


def _dump(db: Database) -> dict[str, list[tuple[object, ...]]]:
    out: dict[str, list[tuple[object, ...]]] = {}
    with db.engine.connect() as conn:
        for name in (*seals.SEALED_TABLES, "audit_entries", "record_seals"):
            tbl = seals.table(name)
            out[name] = [tuple(r) for r in conn.execute(
                select(tbl).order_by(*tbl.primary_key.columns))]
    return out


def test_archive_round_trip_into_the_backend_under_test(source: Database, db: Database,
                                                        tmp_path: Path) -> None:
    archive = tmp_path / "backup.zip"
    result = backup(source, archive)
    assert result.kind == "archive" and result.attachments == 1
    assert archive.stat().st_mode & 0o777 == 0o600
    restored = restore(db, archive)
    assert restored.verified, restored.problems
    assert _dump(db) == _dump(source)
    with db.reading() as s:
        att = s.execute(select(Attachment)).scalar_one()
        assert att.content == PDF


def test_sqlite_snapshot_round_trip(source: Database, db: Database, tmp_path: Path) -> None:
    snapshot = tmp_path / "snapshot.db"
    assert backup(source, snapshot).kind == "sqlite"
    assert open_database(str(snapshot)).dispose() is None  # a working LicenseApp database
    restored = restore(db, snapshot)
    assert restored.verified and _dump(db) == _dump(source)


def test_restore_refuses_a_database_with_records(source: Database, tmp_path: Path) -> None:
    archive = tmp_path / "b.zip"
    backup(source, archive)
    with pytest.raises(LicenseAppError, match="already holds records"):
        restore(source, archive)


def test_backup_never_overwrites(source: Database, tmp_path: Path) -> None:
    target = tmp_path / "exists.zip"
    target.write_text("keep me")
    with pytest.raises(LicenseAppError, match="already exists"):
        backup(source, target)
    assert target.read_text() == "keep me"


def test_a_damaged_archive_is_refused(source: Database, db: Database, tmp_path: Path) -> None:
    archive = tmp_path / "b.zip"
    backup(source, archive)
    damaged = tmp_path / "damaged.zip"
    with zipfile.ZipFile(archive) as zin, zipfile.ZipFile(damaged, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item)
            if item.filename == "tables/people.jsonl":
                data = data.replace("Смирнов".encode(), b"Smith")
            zout.writestr(item, data)
    with pytest.raises(LicenseAppError, match="table people does not match its hash"):
        restore(db, damaged)
    not_backup = tmp_path / "x.zip"
    not_backup.write_text("nope")
    with pytest.raises(LicenseAppError, match="not a LicenseApp backup"):
        restore(db, not_backup)


def test_restored_database_keeps_working(source: Database, db: Database, tmp_path: Path) -> None:
    """New records after a restore get fresh ids (PostgreSQL sequences continue)."""
    archive = tmp_path / "b.zip"
    backup(source, archive)
    restore(db, archive)
    make_application(db, "LA-2026-0003", given="Priya", family="Sharma", native="प्रिया शर्मा",
                     citizenship="IN")
    assert verify(db).ok


def test_text_one_database_cannot_hold_is_refused_whole(source: Database, db: Database,
                                                          tmp_path: Path) -> None:
    """A name with a NUL byte that SQLite kept (written behind the app's back or by an older
    version) is named, and nothing is restored, on SQLite and PostgreSQL alike."""
    from sqlalchemy import text

    with source.engine.begin() as conn:
        conn.execute(text("UPDATE people SET other_names = :v WHERE id = 2"),
                     {"v": "Alex\x00ey"})
    archive = tmp_path / "nul.labackup"
    backup(source, archive)
    with pytest.raises(LicenseAppError, match=r"people #2, other names contains a NUL"):
        restore(db, archive)
    with db.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM people")).scalar() == 0
