"""The wizard's check of a stored draft with what is typed (issue #18 point 2): the same
findings as ``check`` once saved, judged before saving; what cannot be judged yet is judged
as stored, never a failure."""

from __future__ import annotations

import dataclasses
from datetime import date

from factories import complete_for_filing, make_application

from licenseapp.services.drafts.checking import check_application, draft_findings
from licenseapp.services.drafts.draft_editing import load_draft, save_draft

REF = "LA-2026-0001"
TODAY = date(2026, 12, 1)


def _rules(findings: list) -> set[str]:  # type: ignore[type-arg]
    return {f.rule for f in findings}


def test_typed_text_is_judged_as_check_will_judge_it_once_saved(db) -> None:  # type: ignore[no-untyped-def]
    make_application(db, REF)
    complete_for_filing(db, REF)
    stored = load_draft(db, REF)
    typed = dataclasses.replace(stored, end_use=stored.end_use + " and/or more", items=(
        dataclasses.replace(stored.items[0], technical_description="weights etc."),))
    before = draft_findings(db, typed, stored, TODAY)
    assert "vague-phrase" in _rules(before)
    assert "vague-phrase" not in _rules(check_application(db, REF, TODAY))
    save_draft(db, typed, base=stored)
    assert before == check_application(db, REF, TODAY)  # the same check, once saved


def test_what_cannot_be_judged_before_saving_is_judged_as_stored(db) -> None:  # type: ignore[no-untyped-def]
    make_application(db, REF)
    make_application(db, "LA-2026-0002", given="Layla", family="Haddad")
    complete_for_filing(db, REF)
    stored = load_draft(db, REF)
    as_stored = check_application(db, REF, TODAY)
    half_typed = dataclasses.replace(stored, end_use="", items=(
        dataclasses.replace(stored.items[0], eccn="4E9"),))
    assert draft_findings(db, half_typed, stored, TODAY) == as_stored
    other = load_draft(db, "LA-2026-0002")
    someone_else = dataclasses.replace(stored, person_id=other.person_id, end_use="")
    assert draft_findings(db, someone_else, stored, TODAY) == as_stored
