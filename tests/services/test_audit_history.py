"""An application's audit history as a user reads it: who, when, field before → after."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from factories import make_application
from sqlalchemy import select

from licenseapp.domain.enums import ApplicationStatus as S
from licenseapp.errors import NotFoundError
from licenseapp.services.follow_up.tracking import StatusChange, change_status, reassign
from licenseapp.services.output import attachments
from licenseapp.services.safety.audit_history import application_audit, record_history
from licenseapp.store import audit
from licenseapp.store.database import Database
from licenseapp.store.models import AuditEntry, PersonDocument

NOW = datetime(2026, 11, 27, 16, 0, tzinfo=UTC)
PASSPORT = "XK7731945"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def filed(db: Database) -> Database:
    make_application(db)
    make_application(db, "LA-2026-0002", given="Layla", family="Haddad", native="ليلى حداد",
                     citizenship="JO")
    with db.unit_of_work() as s:
        s.add(PersonDocument(person_id=1, kind="passport", number=PASSPORT,
                             issuing_country="CN"))
    change_status(db, StatusChange("LA-2026-0001", S.INTERNAL_REVIEW, note="Legal review"),
                  actor="mchen", now=NOW)
    reassign(db, "LA-2026-0001", "dpatel", actor="mchen", now=NOW)
    change_status(db, StatusChange("LA-2026-0002", S.WITHDRAWN), actor="other", now=NOW)
    return db


def test_a_status_change_shows_who_when_and_the_field_before_and_after(filed: Database) -> None:
    newest, older = application_audit(filed, "la-2026-0001")
    assert (older.actor, older.occurred_at, older.action_label) == (
        "mchen", NOW, "Status changed")
    assert [c.text() for c in older.changes] == [
        "Status: Draft → Internal review", "Note: — → Legal review"]
    assert newest.action_label == "Reassigned"
    assert newest.changes_text == "Owner: tester → dpatel"
    with filed.reading() as s:
        stored = s.execute(select(AuditEntry.hash).where(AuditEntry.id == older.id)).scalar_one()
    assert older.hash == stored[:12]


def test_only_the_applications_own_entries_and_those_of_its_records(filed: Database) -> None:
    view = attachments.attach(filed, "LA-2026-0001", PDF, "resume", file_name="cv.pdf",
                              actor="mchen")
    attachments.remove(filed, view.id, actor="dpatel")
    entries = application_audit(filed, "LA-2026-0001")
    assert [(e.action_label, e.record) for e in entries[:2]] == [
        ("Document removed", "document cv.pdf"),
        ("Document attached", "document cv.pdf"),
    ]
    assert all(e.actor != "other" for e in entries)  # LA-2026-0002's withdrawal is not here
    assert "Application" not in entries[1].changes_text  # its own reference says nothing
    assert "File name: — → cv.pdf" in entries[1].changes_text
    removal = [c.label for c in entries[0].changes]
    assert "Removed by" in removal
    assert [e.id for e in record_history(filed, "attachments", view.id)] == [
        entries[0].id, entries[1].id]
    assert [e.action for e in record_history(filed, "application", "LA-2026-0001")] == [
        "reassign", "status"]
    (withdrawn,) = application_audit(filed, "LA-2026-0002")
    assert withdrawn.changes[0].text() == "Status: Draft → Withdrawn"


def test_passport_numbers_are_masked(filed: Database) -> None:
    attachments.attach(filed, "LA-2026-0001", PDF, "passport",
                       file_name=f"passport {PASSPORT}.pdf", actor="mchen")
    with filed.unit_of_work() as s:
        audit.record(s, actor="mchen", action="update", entity="application",
                     entity_id="LA-2026-0001", summary=f"passport {PASSPORT} checked",
                     before={"passport_number": ""},
                     after={"passport_number": "E00112233",
                            "documents": [{"kind": "passport", "number": "P998877"}]})
    entries = application_audit(filed, "LA-2026-0001")
    shown = "\n".join(f"{e.summary}\n{e.record}\n{e.changes_text}" for e in entries)
    assert PASSPORT not in shown and "E00112233" not in shown and "P998877" not in shown
    assert "passport ••••••945.pdf" in shown
    assert "Passport number: — → ••••••233" in shown
    assert "Documents: — → Kind: Passport; Number: ••••877" in shown


def test_an_unknown_application_is_named(filed: Database) -> None:
    with pytest.raises(NotFoundError, match="LA-2026-0404"):
        application_audit(filed, "LA-2026-0404")
    assert record_history(filed, "attachments", 999) == []
