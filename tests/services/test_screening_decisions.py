"""Screening where it belongs, and decisions that are kept: a person is screened when saved
or imported, a reviewer's decision is audited and lasts until the person's data or the list
entry changes, and a new snapshot re-screens everyone, surfacing only what changed."""

from __future__ import annotations

import dataclasses
from datetime import date
from pathlib import Path

import pytest
from factories import make_person_form
from screening_lists import LISTED, json_list
from sqlalchemy import func, select, text

from licenseapp.errors import ValidationError
from licenseapp.services.catalog.people import load_person, save_person
from licenseapp.services.changes import Kind
from licenseapp.services.screening.dto import Decision, Subject
from licenseapp.services.screening.results import all_hits, decide, open_hits, screening_state
from licenseapp.services.screening.runs import rescreen_everyone, screen_subject
from licenseapp.services.screening.snapshots import import_snapshot
from licenseapp.store.database import Database
from licenseapp.store.models import AuditEntry, ScreeningDecision


def _listed(db: Database, tmp_path: Path, name: str = "a.json", **kwargs: object) -> None:
    import_snapshot(db, json_list(tmp_path / name, **kwargs), accept_drop=True)  # type: ignore[arg-type]


def test_a_saved_person_is_screened_and_the_hit_explained(db: Database, tmp_path: Path) -> None:
    _listed(db, tmp_path)
    person = make_person_form(db)  # Wei Zhang, born 1990-02-28 in China
    assert person.id is not None
    state = screening_state(db, Subject.PERSON, person.id)
    assert state.screened_at is not None and state.snapshot is not None and not state.clear
    [view] = state.open_hits
    assert (view.subject_ref, view.hit.list_code, view.hit.entry_id) == (person.ref, "SDN", "1201")
    assert view.decision is Decision.OPEN and view.hit.score == 100
    labels = [f.label for f in view.hit.explanation]
    assert labels[0].startswith("name 'Wei Zhang' ~ 'ZHANG, Wei'")
    assert "country CN on both" in labels and "date of birth 1990-02-28 on both" in labels
    assert [v.id for v in open_hits(db)] == [view.id]


def test_a_cleared_hit_stays_cleared_until_the_person_changes(
        db: Database, tmp_path: Path) -> None:
    _listed(db, tmp_path)
    person = make_person_form(db)
    assert person.id is not None
    [view] = screening_state(db, Subject.PERSON, person.id).hits
    with pytest.raises(ValidationError) as refused:
        decide(db, view.id, Decision.CLEARED, "  ")
    assert refused.value.field == "note"
    changes = decide(db, view.id, Decision.CLEARED, "Different person: other date of birth")
    assert changes.ids(Kind.SCREENING) == {view.id} and changes.ids(Kind.PEOPLE) == {person.id}
    result = rescreen_everyone(db)
    assert (result.new_hits, result.changed, result.unchanged) == (0, 0, 1)
    [kept] = screening_state(db, Subject.PERSON, person.id).hits
    assert kept.decision is Decision.CLEARED and kept.decided_by == "tester"
    assert kept.note == "Different person: other date of birth" and open_hits(db) == []
    with db.reading() as s:
        entry = s.execute(select(AuditEntry).where(
            AuditEntry.action == "screening_decision")).scalar_one()
        assert entry.actor == "tester" and "cleared" in entry.summary
    # The person's screened data changes: the decision no longer applies.
    stored = load_person(db, person.id)
    save_person(db, dataclasses.replace(stored, date_of_birth=date(1991, 3, 1)), base=stored)
    [again] = screening_state(db, Subject.PERSON, person.id).hits
    assert again.decision is Decision.OPEN and again.id == view.id
    assert again.lapsed.startswith("cleared by tester on ") and "our record changed" in again.lapsed


def test_a_new_snapshot_surfaces_only_what_changed(db: Database, tmp_path: Path) -> None:
    _listed(db, tmp_path)
    person = make_person_form(db)
    other = make_person_form(db, given_name="Dmitri", family_name="Kuznetsov", native_name="",
                             citizenships=(), birth_country="RU")
    assert person.id is not None and other.id is not None
    [wei] = screening_state(db, Subject.PERSON, person.id).hits
    [dmitri] = screening_state(db, Subject.PERSON, other.id).hits
    decide(db, wei.id, Decision.CLEARED, "Not him")
    decide(db, dmitri.id, Decision.CLEARED, "Not him either")
    # The next list: Kuznetsov's entry gains an alias; everything else is as it was.
    listed = [list(row) for row in LISTED]
    listed[1][1] = ["KUZNETSOV, Dmitry", "KUZNETSOV, D. V."]
    _listed(db, tmp_path, "b.json", published="2026-08-07", listed=listed)
    seen: list[tuple[int, int]] = []
    result = rescreen_everyone(db, progress=lambda done, total: seen.append((done, total)))
    assert (result.new_hits, result.changed, result.unchanged, result.gone) == (0, 1, 1, 0)
    assert result.to_review == 1 and seen[-1] == (seen[-1][1], seen[-1][1])
    assert result.changes.ids(Kind.SCREENING) == {dmitri.id}
    assert [v.id for v in open_hits(db)] == [dmitri.id]
    assert "the list entry changed" in open_hits(db)[0].lapsed
    assert screening_state(db, Subject.PERSON, person.id).hits[0].decision is Decision.CLEARED


def test_a_hit_no_longer_found_is_gone_but_kept(db: Database, tmp_path: Path) -> None:
    _listed(db, tmp_path)
    person = make_person_form(db)
    assert person.id is not None
    _listed(db, tmp_path, "b.json", listed=LISTED[1:])
    result = rescreen_everyone(db)
    assert result.gone == 1 and open_hits(db) == []
    assert screening_state(db, Subject.PERSON, person.id).clear
    [kept] = all_hits(db, subject=Subject.PERSON, subject_id=person.id)
    assert not kept.current


def test_decisions_are_append_only(db: Database, tmp_path: Path) -> None:
    _listed(db, tmp_path)
    person = make_person_form(db)
    assert person.id is not None
    state = screen_subject(db, Subject.PERSON, person.id)
    decide(db, state.hits[0].id, Decision.ESCALATED, "")
    decide(db, state.hits[0].id, Decision.CONFIRMED, "Same passport number")
    with db.reading() as s:
        assert s.execute(select(func.count()).select_from(ScreeningDecision)).scalar() == 2
    with pytest.raises(Exception, match="append-only"), db.unit_of_work() as s:
        s.execute(text("UPDATE screening_decisions SET decision = 'cleared'"))
    [view] = screening_state(db, Subject.PERSON, person.id).confirmed
    assert view.note == "Same passport number"


def test_an_imported_roster_is_screened_in_one_go(db: Database, tmp_path: Path) -> None:
    from licenseapp.services.exchange.roster import import_people

    _listed(db, tmp_path)
    roster = tmp_path / "roster.csv"
    lines = ["given_name,family_name,citizenships,date_of_birth"]
    lines += [f"Person{n},Example{n},FR,1980-01-01" for n in range(200)]
    lines += ["Dmitry,Kuznetsov,RU,1975-05-05"]
    roster.write_text("\n".join(lines) + "\n", encoding="utf-8")
    report = import_people(db, roster)
    assert report.applied
    hits = open_hits(db)
    assert [(v.subject_name, v.hit.entry_id) for v in hits] == [("Dmitry Kuznetsov", "1202")]
    assert "year of birth 1975 on both" in hits[0].hit.explained
    result = rescreen_everyone(db)
    assert (result.screened, result.new_hits, result.unchanged) == (201, 0, 1)


def test_screening_records_are_sealed_and_a_change_behind_the_app_is_named(
        db: Database, tmp_path: Path) -> None:
    from licenseapp.services.safety.integrity import verify

    _listed(db, tmp_path)
    person = make_person_form(db)
    assert person.id is not None
    [hit] = screening_state(db, Subject.PERSON, person.id).hits
    decide(db, hit.id, Decision.CLEARED, "Other person")
    _listed(db, tmp_path, "b.json", published="2026-08-07", fillers=29)
    rescreen_everyone(db)
    assert verify(db).ok
    with db.unit_of_work() as s:
        s.execute(text("UPDATE screening_hits SET score = 12"))
    findings = [f.message for f in verify(db).findings]
    assert any("screening hit #" in m for m in findings)


def test_a_cancelled_rescreen_keeps_what_it_did(db: Database, tmp_path: Path) -> None:
    _listed(db, tmp_path)
    make_person_form(db)
    result = rescreen_everyone(db, cancelled=lambda: True)
    assert result.cancelled and result.screened == 0
