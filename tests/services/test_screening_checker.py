"""The application checker and the "ready to file" gate hear from screening: an open hit or
a confirmed match on the foreign national or the applicant is an error with the reason; a
party not screened against the current list is a warning."""

from __future__ import annotations

from pathlib import Path

import pytest
from factories import complete_for_filing, make_application
from screening_lists import json_list
from sqlalchemy import select

from licenseapp.domain.checker import errors, warnings
from licenseapp.domain.enums import ApplicationStatus as S
from licenseapp.services.drafts.checking import check_application
from licenseapp.services.follow_up.tracking import (
    NotReadyToFile,
    StatusChange,
    WarningsNeedAcknowledgement,
    change_status,
)
from licenseapp.services.screening.dto import Decision, Subject
from licenseapp.services.screening.runs import rescreen_everyone, screen_subject
from licenseapp.services.screening.snapshots import import_snapshot
from licenseapp.store.database import Database
from licenseapp.store.models import Application

REF = "LA-2026-0001"


def _parties(db: Database) -> tuple[int, int]:
    with db.reading() as s:
        app = s.execute(select(Application)).scalar_one()
        assert app.person_id is not None
        return app.person_id, app.organization_id


def _screening(findings: list) -> list[tuple[str, str]]:  # type: ignore[type-arg]
    return [(f.severity.value, f.rule) for f in findings if f.field == "screening"]


def test_no_list_loaded_adds_nothing(db: Database) -> None:
    make_application(db)
    complete_for_filing(db)
    assert _screening(check_application(db, REF)) == []


def test_an_open_hit_blocks_ready_and_a_cleared_one_does_not(
        db: Database, tmp_path: Path) -> None:
    make_application(db)
    complete_for_filing(db)
    import_snapshot(db, json_list(tmp_path / "csl.json"))
    person_id, org_id = _parties(db)
    # Loaded but nobody screened yet: warnings only.
    assert _screening(check_application(db, REF)) == [
        ("warning", "screening-not-current"), ("warning", "screening-not-current")]
    rescreen_everyone(db)
    findings = check_application(db, REF)
    [error] = [f for f in errors(findings) if f.field == "screening"]
    assert error.rule == "screening-open-hit" and error.section == "foreign_national"
    assert "Wei Zhang, the foreign national, has an unreviewed screening hit: the SDN entry " \
           "“ZHANG, Wei” (1201" in error.message
    with pytest.raises(NotReadyToFile) as refused:
        change_status(db, StatusChange(REF, S.READY))
    assert any("screening" in e and "ZHANG, Wei" in e for e in refused.value.errors)

    from licenseapp.services.screening.results import decide, screening_state

    [hit] = screening_state(db, Subject.PERSON, person_id).hits
    decide(db, hit.id, Decision.CLEARED, "Different date of birth and passport")
    assert _screening(check_application(db, REF)) == []
    assert screening_state(db, Subject.ORGANIZATION, org_id).clear
    try:
        change_status(db, StatusChange(REF, S.READY))
    except WarningsNeedAcknowledgement:
        change_status(db, StatusChange(REF, S.READY, acknowledge_warnings=True))


def test_a_confirmed_match_blocks_with_the_reason(db: Database, tmp_path: Path) -> None:
    make_application(db)
    complete_for_filing(db)
    import_snapshot(db, json_list(tmp_path / "csl.json"))
    person_id, _org = _parties(db)
    from licenseapp.services.screening.results import decide

    state = screen_subject(db, Subject.PERSON, person_id)
    decide(db, state.hits[0].id, Decision.CONFIRMED, "Same passport as the SDN entry")
    findings = check_application(db, REF)
    [error] = [f for f in errors(findings) if f.field == "screening"]
    assert error.rule == "screening-confirmed-match"
    assert error.message.endswith(": Same passport as the SDN entry")
    assert [w.rule for w in warnings(findings) if w.field == "screening"] == [
        "screening-not-current"]  # the applicant was never screened
    with pytest.raises(NotReadyToFile):
        change_status(db, StatusChange(REF, S.READY))
