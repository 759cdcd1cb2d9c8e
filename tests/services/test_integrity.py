"""``verify`` passes on what the app wrote and names what was changed behind its back."""

from __future__ import annotations

import hashlib
from datetime import UTC, date, datetime

import pytest
from factories import complete_for_filing, make_application
from sqlalchemy import text

from licenseapp.domain.enums import ApplicationStatus as S
from licenseapp.services.follow_up.tracking import StatusChange, change_status
from licenseapp.services.safety.integrity import verify
from licenseapp.store.database import Database
from licenseapp.store.models import Attachment

NOW = datetime(2026, 11, 27, 16, 0, tzinfo=UTC)


@pytest.fixture
def filled(db: Database) -> Database:
    make_application(db, status="ready")
    complete_for_filing(db)
    make_application(db, "LA-2026-0002", given="Layla", family="Haddad", native="ليلى حداد",
                     citizenship="LB")
    change_status(db, StatusChange("LA-2026-0001", S.SUBMITTED, on=date(2026, 9, 2)),
                  actor="mchen", now=NOW)
    change_status(db, StatusChange("LA-2026-0001", S.REGISTERED, regulator_ref="Z1234567",
                                   on=date(2026, 9, 4)), actor="mchen", now=NOW)
    with db.unit_of_work() as s:
        content = b"%PDF-1.4 passport scan"
        s.add(Attachment(application_id=1, kind="passport", file_name="passport.pdf",
                         media_type="application/pdf", size=len(content),
                         sha256=hashlib.sha256(content).hexdigest(), content=content))
    return db


def _raw(db: Database, *statements: str) -> None:
    with db.engine.begin() as conn:
        for statement in statements:
            conn.execute(text(statement))


def _drop_audit_guards(db: Database) -> None:
    if db.dialect == "sqlite":
        _raw(db, "DROP TRIGGER trg_audit_entries_no_update",
             "DROP TRIGGER trg_audit_entries_no_delete")
    else:
        _raw(db, "DROP TRIGGER trg_audit_entries_no_update ON audit_entries",
             "DROP TRIGGER trg_audit_entries_no_delete ON audit_entries")


def _audit_findings(db: Database) -> list:  # type: ignore[type-arg]
    report = verify(db)
    dropped = sorted(f.row_id for f in report.findings if f.check == "trigger")
    assert dropped == ["trg_audit_entries_no_delete", "trg_audit_entries_no_update"]
    return [f for f in report.findings if f.check == "audit"]


def test_what_the_app_wrote_verifies(filled: Database) -> None:
    report = verify(filled)
    assert report.ok, report.findings
    assert report.records_checked > 10 and report.audit_entries_checked == 2
    assert report.attachments_checked == 2  # the passport scan and the packet as filed


def test_an_update_outside_the_app_is_named(filled: Database) -> None:
    _raw(filled, "UPDATE applications SET end_use = 'something else' WHERE ref = 'LA-2026-0002'")
    (finding,) = verify(filled).findings
    assert finding.message == (
        "application LA-2026-0002 (applications #2) was changed outside LicenseApp")


def test_deleted_and_inserted_rows_are_named(filled: Database) -> None:
    _raw(filled, "DELETE FROM citizenships WHERE person_id = 2",
         "INSERT INTO resume_entries (person_id, kind, organization, location, title,"
         " description, start_year, start_month) VALUES (1, 'employment', 'Ghost Corp', '',"
         " '', '', 2020, 1)")
    messages = sorted(f.message for f in verify(filled).findings)
    assert messages == [
        "citizenship #2 (citizenships) was deleted outside LicenseApp",
        "resume entry #2 (resume_entries) was added outside LicenseApp",  # #1: the factory's
    ]


def test_a_rewritten_audit_entry_breaks_the_chain_there(filled: Database) -> None:
    _drop_audit_guards(filled)
    _raw(filled, "UPDATE audit_entries SET actor = 'mallory' WHERE id = 1")
    (finding,) = _audit_findings(filled)
    assert "audit entry #1" in finding.message and "changed after it was written" in finding.message


def test_deleting_the_newest_audit_entry_is_noticed(filled: Database) -> None:
    _drop_audit_guards(filled)
    _raw(filled, "DELETE FROM audit_entries WHERE id = 2")
    (finding,) = _audit_findings(filled)
    assert "newest entries were deleted" in finding.message


def test_attachment_bytes_are_checked_against_their_hash(filled: Database) -> None:
    with filled.engine.begin() as conn:
        conn.execute(text("UPDATE attachments SET content = :c"), {"c": b"forged"})
    messages = [f.message for f in verify(filled).findings]
    assert "attachment #1: its bytes no longer match the SHA-256 recorded" in messages
