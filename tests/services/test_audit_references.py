"""The audit history says which person, item, organization or document, not its database id
(#18 point 7: "Person: — → 13")."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest
from factories import make_application
from sqlalchemy import select

from licenseapp.services.drafts.draft_editing import load_draft, save_draft
from licenseapp.services.output import attachments
from licenseapp.services.safety.audit_history import application_audit, record_history
from licenseapp.store import audit
from licenseapp.store.database import Database
from licenseapp.store.models import ControlledItem, Organization, Person

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
BARE_ID = re.compile(r"(?:→|^|: )\s*#?\d+\s*(?:$|,)")


@pytest.fixture
def two(db: Database) -> Database:
    make_application(db)
    make_application(db, "LA-2026-0002", given="Layla", family="Haddad", native="ليلى حداد",
                     citizenship="JO")
    return db


def _id(db: Database, model, **where) -> int:  # type: ignore[no-untyped-def]
    with db.reading() as s:
        return int(s.execute(select(model.id).filter_by(**where)).scalar_one())


def test_a_change_of_person_names_both_people(two: Database) -> None:
    layla = _id(two, Person, ref="P-0002")
    draft = load_draft(two, "LA-2026-0001")
    save_draft(two, replace(draft, person_id=layla), base=draft, actor="mchen")
    newest = application_audit(two, "LA-2026-0001")[0]
    assert "Person: Wei Zhang (P-0001) → Layla Haddad (P-0002)" in newest.changes_text
    assert not BARE_ID.search(newest.changes_text), newest.changes_text


def test_a_new_draft_names_its_person_and_items(two: Database) -> None:
    with two.unit_of_work() as s:
        person = s.execute(select(Person).filter_by(ref="P-0002")).scalar_one()
        item = s.execute(select(ControlledItem).filter_by(ref="ITM-001")).scalar_one()
        audit.record(s, actor="mchen", action="create", entity="application",
                     entity_id="LA-2026-0002",
                     after={"status": "draft", "person_id": person.id, "items": [item.id]})
    created = application_audit(two, "LA-2026-0002")[0]
    assert "Person: — → Layla Haddad (P-0002)" in created.changes_text
    assert "Items: — → Mythos 5 (ITM-001)" in created.changes_text
    assert not BARE_ID.search(created.changes_text), created.changes_text


def test_records_kept_by_id_are_named_and_a_record_gone_is_said_to_be(two: Database) -> None:
    view = attachments.attach(two, "LA-2026-0001", PDF, "resume", file_name="cv.pdf",
                              actor="mchen")
    entries = application_audit(two, "LA-2026-0001")
    assert entries[0].record == "document cv.pdf"
    org = _id(two, Organization, legal_name="Northwind Frontier AI, Inc.")
    with two.unit_of_work() as s:
        audit.record(s, actor="mchen", action="update", entity="person", entity_id="P-0002",
                     before={"employer_id": org}, after={"employer_id": 999})
    (change,) = record_history(two, "person", "P-0002")
    assert change.changes_text == (
        "Employer: Northwind Frontier AI, Inc. → organization #999, no longer recorded")
    assert record_history(two, "attachments", view.id)[0].record == "document cv.pdf"
