"""Keyed seals and chain, the witness and the triggers: what an attacker with SQL access
(but not the seal key) does is named by ``verify``; nothing stored in the database makes the
app re-seal; a missing key is said plainly."""

from __future__ import annotations

import json
import stat
from datetime import date

import pytest
from factories import complete_for_filing, make_application
from sqlalchemy import text

from licenseapp.domain.enums import ApplicationStatus as S
from licenseapp.errors import LicenseAppError
from licenseapp.services.follow_up.tracking import StatusChange, change_status
from licenseapp.services.safety.integrity import reseal, verify
from licenseapp.store import audit, keys
from licenseapp.store.database import Database, open_database
from licenseapp.store.models import AuditEntry


@pytest.fixture
def filled(db: Database) -> Database:
    make_application(db, status="ready")
    complete_for_filing(db)
    make_application(db, "LA-2026-0002", given="Layla", family="Haddad", native="ليلى حداد",
                     citizenship="LB")
    change_status(db, StatusChange("LA-2026-0001", S.SUBMITTED, on=date(2026, 9, 2)),
                  actor="mchen")
    return db


def _raw(db: Database, *statements: str) -> None:
    with db.engine.begin() as conn:
        for statement in statements:
            conn.execute(text(statement))


def _drop_audit_guards(db: Database) -> None:
    on = "" if db.dialect == "sqlite" else " ON audit_entries"
    _raw(db, f"DROP TRIGGER trg_audit_entries_no_update{on}",
         f"DROP TRIGGER trg_audit_entries_no_delete{on}")


def _context(db: Database) -> keys.KeyContext:
    with db.reading() as s:
        return keys.context(s)


def test_the_key_and_the_witness_live_outside_the_database(filled: Database) -> None:
    found = _context(filled)
    assert found.key is not None and found.key_path is not None and found.database_id
    assert found.key_path.name == f"{found.database_id}.key"
    assert stat.S_IMODE(found.key_path.stat().st_mode) == 0o600
    assert "/config/keys/" in str(found.key_path)  # the test's config dir, never the real one
    witness = json.loads(keys.witness_path(found.database_id).read_text())
    with filled.reading() as s:
        newest = s.query(AuditEntry).order_by(AuditEntry.id.desc()).first()
        assert newest is not None
        assert (witness["last_id"], witness["hash"]) == (newest.id, newest.hash)
    report = verify(filled)
    assert report.ok, report.findings
    assert report.chain_head == witness["hash"]


def test_a_forged_backfill_flag_reseals_nothing(filled: Database, db_url: str) -> None:
    _raw(filled, "UPDATE applications SET end_use = 'forged' WHERE ref = 'LA-2026-0002'",
         "INSERT INTO licenseapp_meta (key, value) VALUES ('seal_backfill', 'pending')")
    filled.dispose()
    reopened = open_database(db_url)
    try:
        messages = [f.message for f in verify(reopened).findings]
        assert messages == [
            "application LA-2026-0002 (applications #2) was changed outside LicenseApp"]
    finally:
        reopened.dispose()


def test_emptying_the_audit_trail_is_noticed(filled: Database) -> None:
    _drop_audit_guards(filled)
    _raw(filled, "DELETE FROM audit_entries",
         f"DELETE FROM licenseapp_meta WHERE key = '{audit.HEAD_KEY}'")
    report = verify(filled)
    assert not report.ok and report.audit_entries_checked == 0
    messages = [f.message for f in report.findings if f.check == "audit"]
    assert len(messages) == 1 and "no longer holds entry #" in messages[0]
    assert {f.row_id for f in report.findings if f.check == "trigger"} == {
        "trg_audit_entries_no_update", "trg_audit_entries_no_delete"}


def test_a_chain_recomputed_without_the_key_is_noticed(filled: Database) -> None:
    _drop_audit_guards(filled)
    with filled.engine.begin() as conn:
        prev = audit.GENESIS
        rows = conn.execute(text(
            "SELECT id, occurred_at, actor, action, entity, entity_id, summary, before_json, "
            "after_json FROM audit_entries ORDER BY id")).all()
        for row in rows:
            with filled.reading() as s:
                entry = s.get(AuditEntry, row.id)
                assert entry is not None
                occurred = entry.occurred_at
            actor = "mallory" if row.id == rows[0].id else row.actor
            digest = audit.entry_hash(prev, occurred, actor, row.action, row.entity,
                                      row.entity_id, row.summary, row.before_json,
                                      row.after_json)  # unkeyed: the attacker has no key
            conn.execute(text("UPDATE audit_entries SET actor = :a, prev_hash = :p, hash = :h "
                              "WHERE id = :i"), {"a": actor, "p": prev, "h": digest, "i": row.id})
            prev = digest
        conn.execute(text("UPDATE licenseapp_meta SET value = :v WHERE key = :k"),
                     {"v": prev, "k": audit.HEAD_KEY})
    audit_findings = [f for f in verify(filled).findings if f.check == "audit"]
    assert len(audit_findings) == 1
    assert "audit entry #1" in audit_findings[0].message
    assert "without the seal key" in audit_findings[0].message


def test_a_dropped_or_altered_trigger_is_named(filled: Database) -> None:
    if filled.dialect == "sqlite":
        _raw(filled, "DROP TRIGGER trg_status_events_no_update",
             "DROP TRIGGER trg_audit_entries_no_delete",
             "CREATE TRIGGER trg_audit_entries_no_delete BEFORE DELETE ON audit_entries "
             "BEGIN SELECT 1; END")
    else:
        _raw(filled, "DROP TRIGGER trg_status_events_no_update ON status_events",
             "ALTER TABLE audit_entries DISABLE TRIGGER trg_audit_entries_no_delete")
    messages = sorted(f.message for f in verify(filled).findings)
    assert messages == [
        "the trigger trg_audit_entries_no_delete that keeps audit_entries append-only was "
        "altered outside LicenseApp",
        "the trigger trg_status_events_no_update that keeps status_events append-only was "
        "dropped outside LicenseApp",
    ]


def test_a_missing_key_is_said_plainly_and_the_app_still_opens(
        filled: Database, db_url: str) -> None:
    found = _context(filled)
    assert found.key_path is not None
    found.key_path.rename(found.key_path.with_suffix(".away"))
    filled.dispose()
    reopened = open_database(db_url)
    try:
        report = verify(reopened)
        assert not report.ok and report.key_missing and not report.findings
        assert any("seal key" in line and "is missing" in line for line in report.unvouched)
        with pytest.raises(LicenseAppError, match="seal key"):
            reseal(reopened, "try", "mallory")
    finally:
        reopened.dispose()


def test_reseal_is_explicit_and_audited(filled: Database) -> None:
    _raw(filled, "UPDATE applications SET end_use = 'fixed by hand' WHERE ref = 'LA-2026-0002'")
    assert not verify(filled).ok
    with pytest.raises(LicenseAppError):
        reseal(filled, "  ", "mchen")
    result = reseal(filled, "fixed by hand, ticket 42", "mchen")
    assert result.changed == (
        "application LA-2026-0002 (applications #2) was changed outside LicenseApp",)
    report = verify(filled)
    assert report.ok, report.findings
    with filled.reading() as s:
        entry = s.get(AuditEntry, result.audit_id)
        assert entry is not None
        assert (entry.actor, entry.action, entry.summary) == (
            "mchen", "reseal", "fixed by hand, ticket 42")
        assert json.loads(entry.after_json)["changed_outside"] == list(result.changed)
        assert report.chain_head == entry.hash


def test_entries_chained_before_keys_still_verify_but_new_unkeyed_ones_do_not(
        db_url: str) -> None:
    from datetime import UTC, datetime

    from licenseapp.store import migrate
    from licenseapp.store.engine import make_engine, resolve

    engine = make_engine(resolve(db_url))
    when = datetime(2026, 1, 5, 9, 30, tzinfo=UTC)

    def append(conn, entry_id: int, prev: str, action: str) -> str:  # type: ignore[no-untyped-def]
        digest = audit.entry_hash(prev, when, "mchen", action, "application", "1", "", "", "")
        conn.execute(text(
            "INSERT INTO audit_entries (id, occurred_at, actor, action, entity, entity_id, "
            "summary, before_json, after_json, prev_hash, hash) VALUES (:i, :t, 'mchen', :a, "
            "'application', '1', '', '', '', :p, :h)"),
            {"i": entry_id, "t": when.replace(tzinfo=None), "a": action, "p": prev, "h": digest})
        conn.execute(text("DELETE FROM licenseapp_meta WHERE key = :k"), {"k": audit.HEAD_KEY})
        conn.execute(text("INSERT INTO licenseapp_meta (key, value) VALUES (:k, :v)"),
                     {"k": audit.HEAD_KEY, "v": digest})
        return digest

    try:
        migrate.upgrade(engine, "0005_items_access_modes")
        with engine.begin() as conn:
            first = append(conn, 1, audit.GENESIS, "create")
            second = append(conn, 2, first, "update")
    finally:
        engine.dispose()
    database = open_database(db_url)  # upgraded to 0006: keyed from here on
    try:
        report = verify(database)
        assert report.ok, report.findings
        assert report.audit_entries_checked == 2 and report.chain_head == second
        with database.engine.begin() as conn:
            append(conn, 3, second, "forged")  # unkeyed, after the keyed mark
        (finding,) = verify(database).findings
        assert "audit entry #3" in finding.message and "without the seal key" in finding.message
    finally:
        database.dispose()


def test_a_database_id_that_is_not_one_names_no_file(filled: Database, tmp_path) -> None:  # type: ignore[no-untyped-def]
    _raw(filled, "UPDATE licenseapp_meta SET value = '../../../escape' WHERE key = 'database_id'")
    report = verify(filled)
    assert not report.ok and report.key_missing
    make_application(filled, "LA-2026-0003", given="Ana", family="Lima", native="Ana Lima",
                     citizenship="BR")  # writes audit entries: no witness outside the folder
    escaped = (keys.witness_path("x").parent / "../../../escape.json").resolve()
    assert not escaped.exists() and not escaped.with_suffix(".key").exists()
