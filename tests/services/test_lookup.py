"""One way to find an application by the reference a user typed, and one refusal."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from factories import make_application

from licenseapp.domain.enums import ApplicationStatus
from licenseapp.errors import NotFoundError
from licenseapp.services.drafts.applications import get_application
from licenseapp.services.drafts.draft_editing import load_draft
from licenseapp.services.drafts.templating import fill_letter
from licenseapp.services.follow_up.tracking import StatusChange, change_status, reassign
from licenseapp.services.lookup import application_by_ref
from licenseapp.services.output.attachments import attach, list_attachments
from licenseapp.services.output.filing import filed_packet
from licenseapp.services.output.packets import application_record
from licenseapp.services.safety.audit_history import application_audit
from licenseapp.store.database import Database

UNKNOWN = "LA-2026-9999"

USE_CASES: dict[str, Callable[[Database, str], object]] = {
    "show": get_application,
    "edit the draft": load_draft,
    "fill the letter": fill_letter,
    "record a status": lambda db, ref: change_status(
        db, StatusChange(ref, ApplicationStatus.INTERNAL_REVIEW)),
    "reassign": lambda db, ref: reassign(db, ref, "someone else"),
    "list the documents": list_attachments,
    "attach a document": lambda db, ref: attach(db, ref, b"%PDF-1.4\n%%EOF\n", "other",
                                                file_name="loe.pdf"),
    "the filed packet": filed_packet,
    "the packet's record": application_record,
    "the audit history": application_audit,
}


def test_a_reference_is_found_in_any_case_and_with_spaces_around(db: Database) -> None:
    make_application(db, "LA-2026-0042")
    with db.reading() as session:
        assert application_by_ref(session, "  la-2026-0042 ").ref == "LA-2026-0042"


@pytest.mark.parametrize("use_case", sorted(USE_CASES))
def test_every_use_case_refuses_an_unknown_reference_in_the_same_words(
    db: Database, use_case: str
) -> None:
    make_application(db, "LA-2026-0042")
    with pytest.raises(NotFoundError) as refused:
        USE_CASES[use_case](db, f" {UNKNOWN.lower()} ")
    assert refused.value.message == f"no application {UNKNOWN.lower()!r} in this database"
