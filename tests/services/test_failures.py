"""Failures of the database itself: a clear sentence, nothing half-saved, nothing leaked."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from dbsupport import postgres_url
from factories import make_application
from sqlalchemy import event, text
from sqlalchemy.exc import DBAPIError

from licenseapp.services.drafts.applications import get_application
from licenseapp.services.exchange.roster import import_people
from licenseapp.services.failures import explain
from licenseapp.store.database import Database, open_database


def test_a_full_disk_while_saving_says_so_and_saves_nothing(tmp_path: Path) -> None:
    """SQLite's max_page_count makes the file 'full' exactly as a full disk does."""
    db = open_database(str(tmp_path / "full.db"))
    try:
        make_application(db)
        roster = tmp_path / "roster.csv"
        rows = [f"Person{i},Family{i},1990-01-01,CN,p{i}@example.com" for i in range(3000)]
        roster.write_text("given_name,family_name,date_of_birth,citizenships,email\n"
                          + "\n".join(rows) + "\n", encoding="utf-8")
        with db.engine.connect() as conn:
            pages = conn.execute(text("PRAGMA page_count")).scalar_one()

        @event.listens_for(db.engine, "connect")
        def _cap(dbapi_conn, _record):  # type: ignore[no-untyped-def]
            dbapi_conn.execute(f"PRAGMA max_page_count = {pages + 5}")

        db.engine.dispose()  # new connections get the cap
        with pytest.raises(DBAPIError) as err:
            import_people(db, roster, today=date(2026, 11, 27))
        message = explain(err.value)
        assert message is not None and "disk holding the database is full" in message
        assert "nothing was saved" in message
        assert "Person1" not in str(err.value)  # parameters are hidden from errors
        with db.reading() as s:
            count = s.execute(text("SELECT count(*) FROM people")).scalar_one()
        assert count == 1  # only the person that was there before
        assert get_application(db, "LA-2026-0001").row.status == "draft"
    finally:
        db.dispose()


def test_a_read_only_database_is_explained(tmp_path: Path) -> None:
    path = tmp_path / "ro.db"
    open_database(str(path)).dispose()
    uri_db = open_database(str(path))
    try:
        with uri_db.engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA query_only = ON")
            with pytest.raises(DBAPIError) as err:
                conn.execute(text("INSERT INTO licenseapp_meta (key, value) VALUES ('x', 'y')"))
        message = explain(err.value)
        assert message is not None and "read-only" in message
    finally:
        uri_db.dispose()


@pytest.mark.skipif(postgres_url() is None, reason="needs a PostgreSQL server")
def test_a_server_that_drops_the_connection_is_survived(db: Database) -> None:
    """The server ends our session (restart, failover): the next action reconnects."""
    make_application(db)
    with db.engine.connect() as conn:
        pid = conn.execute(text("SELECT pg_backend_pid()")).scalar_one()
    with db.engine.connect() as killer:
        killer.execute(text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                            "WHERE datname = current_database() AND pid <> pg_backend_pid()"))
    assert pid  # the pooled connection is dead now; pre-ping replaces it
    assert get_application(db, "LA-2026-0001").row.ref == "LA-2026-0001"


def test_bugs_are_not_dressed_up_as_user_errors() -> None:
    assert explain(ValueError("boom")) is None
