"""The schema is made only by Alembic, on both databases, and upgrades keep data."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from factories import seal_as_an_older_version_did
from sqlalchemy import create_engine, insert, inspect, text
from sqlalchemy.exc import DBAPIError

from licenseapp.store import migrate
from licenseapp.store.database import Database, open_database
from licenseapp.store.engine import make_engine, resolve
from licenseapp.store.models import Base


def test_head_constant_matches_the_migration_scripts() -> None:
    assert migrate.script_head() == migrate.HEAD_REVISION


def test_empty_database_reaches_head_with_every_table(db: Database) -> None:
    tables = set(inspect(db.engine).get_table_names())
    assert set(Base.metadata.tables) <= tables
    assert migrate.inspect_engine(db.engine).state is migrate.SchemaState.CURRENT
    with db.engine.connect() as conn:
        regulators = conn.execute(text("SELECT code FROM regulators ORDER BY code")).scalars()
        assert list(regulators) == ["BIS", "DDTC", "ECJU"]


def test_migrations_and_models_agree(db: Database) -> None:
    """Autogenerate finds nothing to do: the models and the shipped migrations match."""
    import warnings

    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    with db.engine.connect() as conn, warnings.catch_warnings():
        # The one-record-per-mode index is on an expression, which neither reflection nor
        # autogenerate compares (test_access_records checks that it holds on both databases).
        warnings.filterwarnings("ignore", "Skipped unsupported reflection of expression-based")
        warnings.filterwarnings("ignore", "autogenerate skipping metadata-specified expression")
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert diff == []


EARLIER_REVISIONS = ["0001_initial", "0002_append_only_history", "0003_record_seals",
                     "0004_form_values", "0005_items_access_modes", "0006_keyed_seals",
                     "0007_attachment_safety", "0008_team_settings", "0009_screening",
                     "0010_determination_records"]


def _seed_at_first_revision(location_arg: str, revision: str = "0001_initial") -> None:
    """A database at an earlier revision, with an organization, a person and an application
    with its history written as that version would have written them."""
    location = resolve(location_arg)
    engine = make_engine(location)
    when = datetime(2026, 1, 5, 9, 30, tzinfo=UTC)
    tables = Base.metadata.tables
    try:
        migrate.upgrade(engine, revision)
        with engine.begin() as conn:
            conn.execute(insert(tables["organizations"]), [
                {"id": 1, "legal_name": "Acme Ünïcode Labs", "created_at": when,
                 "updated_at": when}])
            conn.execute(insert(tables["people"]), [
                {"id": 1, "ref": "P-0001", "given_name": "Wei", "family_name": "Zhang",
                 "native_name": "张伟", "created_at": when, "updated_at": when}])
            conn.execute(insert(tables["citizenships"]), [
                {"id": 1, "person_id": 1, "country": "CN"}])
            conn.execute(insert(tables["controlled_items"]), [
                {"id": 1, "ref": "IT-0001", "name": "Mythos 5", "kind": "ai_model_access",
                 "regime": "EAR", "classification": "4E091", "created_at": when,
                 "updated_at": when}])
            conn.execute(insert(tables["access_grants"]), [
                {"id": 1, "person_id": 1, "item_id": 1, "state": "active", "created_at": when,
                 "updated_at": when}])
            conn.execute(insert(tables["applications"]), [
                {"id": 1, "ref": "LA-2026-0001", "organization_id": 1, "regulator_code": "BIS",
                 "form_code": "BIS-748P", "person_id": 1, "status": "submitted",
                 "status_changed_at": when, "created_at": when, "updated_at": when}])
            conn.execute(insert(tables["status_events"]), [
                {"id": 1, "application_id": 1, "from_status": None, "to_status": "draft",
                 "occurred_at": when, "recorded_at": when, "actor": "mchen"},
                {"id": 2, "application_id": 1, "from_status": "draft",
                 "to_status": "submitted", "occurred_at": when, "recorded_at": when,
                 "actor": "mchen"}])
        if revision >= "0006_keyed_seals":  # keyed seals, with the key 0006 created
            from sqlalchemy.orm import Session

            from licenseapp.store import seals

            with engine.begin() as conn, Session(bind=conn) as session:
                present = set(inspect(conn).get_table_names())
                seals.seal_tables(session, [t for t in seals.SEALED_TABLES if t in present])
                session.flush()
        elif revision >= "0003_record_seals":  # those versions sealed what they wrote
            seal_as_an_older_version_did(engine)
    finally:
        engine.dispose()


@pytest.mark.parametrize("revision", EARLIER_REVISIONS)
def test_older_database_is_upgraded_without_loss(db_url: str, revision: str) -> None:
    assert set(EARLIER_REVISIONS) | {migrate.HEAD_REVISION} == migrate.known_revisions()
    _seed_at_first_revision(db_url, revision)
    database = open_database(db_url)
    try:
        assert migrate.inspect_engine(database.engine).state is migrate.SchemaState.CURRENT
        with database.engine.connect() as conn:
            name = conn.execute(text("SELECT legal_name FROM organizations")).scalar_one()
            native = conn.execute(text("SELECT native_name FROM people")).scalar_one()
            events = conn.execute(text("SELECT count(*) FROM status_events")).scalar_one()
            grant = conn.execute(text("SELECT person_id, item_id, state, mode FROM "
                                      "access_grants")).one()
        assert (name, native, events) == ("Acme Ünïcode Labs", "张伟", 2)
        assert tuple(grant) == (1, 1, "active", None)
        from licenseapp.services.drafts.applications import get_application
        from licenseapp.services.safety.integrity import verify

        detail = get_application(database, "LA-2026-0001")
        assert [e.to_status for e in detail.events] == ["draft", "submitted"]
        assert verify(database).ok  # the records written before seals existed were sealed
    finally:
        database.dispose()


def test_older_sqlite_database_is_backed_up_before_upgrade(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    _seed_at_first_revision(str(path))
    open_database(str(path)).dispose()
    backups = list(tmp_path.glob("old.db.*.bak"))
    assert len(backups) == 1
    # The backup is the database as it was: still at the first revision, with the data.
    engine = create_engine(f"sqlite:///{backups[0]}")
    with engine.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == (
            "0001_initial"
        )
        assert conn.execute(text("SELECT count(*) FROM organizations")).scalar() == 1
    engine.dispose()
    assert backups[0].stat().st_mode & 0o777 == 0o600


def test_status_history_cannot_be_edited_in_place(db: Database) -> None:
    """Append-only is enforced by the database itself, also against raw SQL."""
    with db.engine.begin() as conn:
        conn.execute(
            text("INSERT INTO audit_entries (occurred_at, actor, action, entity, entity_id,"
                 " summary, before_json, after_json, prev_hash, hash) VALUES"
                 " (:t, 'x', 'create', 'application', '1', '', '', '', '', 'h')"),
            {"t": datetime(2026, 1, 1)},
        )
    for statement in ("UPDATE audit_entries SET actor = 'mallory'", "DELETE FROM audit_entries"):
        with pytest.raises(DBAPIError, match="append-only"), db.engine.begin() as conn:
            conn.execute(text(statement))
