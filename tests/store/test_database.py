"""Opening databases: where, with which settings, and what is refused untouched."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import select, text
from sqlalchemy.orm.exc import StaleDataError

from licenseapp.errors import DatabaseError
from licenseapp.store.database import Database, open_database
from licenseapp.store.engine import resolve
from licenseapp.store.models import Organization


def test_default_database_lives_in_the_user_data_directory(tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LICENSEAPP_DATA_DIR", str(tmp_path / "userdata"))
    location = resolve(None)
    assert location.sqlite_path == tmp_path / "userdata" / "licenseapp.db"


def test_env_var_and_argument_choose_the_database(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LICENSEAPP_DB", str(tmp_path / "env.db"))
    assert resolve(None).sqlite_path == tmp_path / "env.db"
    assert resolve(str(tmp_path / "arg.db")).sqlite_path == tmp_path / "arg.db"
    pg = resolve("postgresql://app@db.example/licenses")
    assert pg.url.startswith("postgresql+psycopg://") and pg.sqlite_path is None
    with pytest.raises(DatabaseError, match="not supported"):
        resolve("mysql://x@y/z")


def test_sqlite_file_is_private_with_wal_and_foreign_keys(tmp_path: Path) -> None:
    path = tmp_path / "private.db"
    database = open_database(str(path))
    try:
        assert path.stat().st_mode & 0o777 == 0o600
        with database.engine.connect() as conn:
            assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
            assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
    finally:
        database.dispose()


def _fingerprint(path: Path) -> tuple[bytes, float]:
    return path.read_bytes(), path.stat().st_mtime


def test_a_file_that_is_not_a_database_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_bytes(b"Quarterly notes, not a database\n")
    before = _fingerprint(path)
    with pytest.raises(DatabaseError, match="not a LicenseApp database"):
        open_database(str(path))
    assert _fingerprint(path) == before
    assert not list(tmp_path.glob("notes.db-*"))  # no WAL or journal left behind


def test_another_programs_sqlite_database_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)")
    conn.commit()
    conn.close()
    before = _fingerprint(path)
    with pytest.raises(DatabaseError, match=r"not a LicenseApp database.*invoices"):
        open_database(str(path))
    assert _fingerprint(path) == before
    assert not list(tmp_path.glob("other.db-*"))


def test_a_database_from_a_newer_version_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "newer.db"
    open_database(str(path)).dispose()
    conn = sqlite3.connect(path)
    conn.execute("UPDATE alembic_version SET version_num = '0099_from_the_future'")
    conn.commit()
    conn.close()
    before = _fingerprint(path)
    with pytest.raises(DatabaseError, match="newer version of LicenseApp"):
        open_database(str(path))
    assert _fingerprint(path) == before


def test_newer_postgres_schema_is_refused(db: Database, db_url: str) -> None:
    with db.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '0099_from_the_future'"))
    with pytest.raises(DatabaseError, match="newer version"):
        open_database(db_url)


def test_missing_directory_is_created(tmp_path: Path) -> None:
    path = tmp_path / "a" / "b" / "new.db"
    open_database(str(path)).dispose()
    assert path.exists()


def test_unwritable_location_gives_a_clear_message(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("in the way")
    with pytest.raises(DatabaseError, match="cannot create the database"):
        open_database(str(blocker / "x.db"))


def test_stale_save_is_refused_by_the_version_counter(db: Database) -> None:
    with db.unit_of_work() as session:
        session.add(Organization(legal_name="Acme Labs"))
    with db.reading() as s1, db.reading() as s2:
        first = s1.execute(select(Organization)).scalar_one()
        second = s2.execute(select(Organization)).scalar_one()
        first.city = "Austin"
        s1.commit()
        second.city = "Boston"
        with pytest.raises(StaleDataError):
            s2.commit()
    with db.reading() as session:
        org = session.execute(select(Organization)).scalar_one()
        assert (org.city, org.version) == ("Austin", 2)
