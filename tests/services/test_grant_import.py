"""``import_grants`` on both databases: people named by e-mail, reference or employee
number and items by reference or name; states written as people write them; a mode the
item is not offered in, or any mode for an item that is not an AI model, rejected with the
reason and the fix; revoked and suspended rows revoke; the same file again changes nothing;
a dry run counts what the import then does; 10,000 rows in a few seconds."""

from __future__ import annotations

import time
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event, func, select

from licenseapp.domain.import_outcomes import Outcome
from licenseapp.domain.item_form import ItemForm
from licenseapp.errors import LicenseAppError
from licenseapp.services.catalog.access import (
    grant_access,
    list_access,
    resolve_item,
    resolve_person,
)
from licenseapp.services.catalog.items import save_item
from licenseapp.services.directive.impact import suspend_access
from licenseapp.services.exchange.grant_columns import grant_state
from licenseapp.services.exchange.grant_import import grants_mapping, import_grants
from licenseapp.services.exchange.roster import import_people
from licenseapp.services.safety.integrity import verify
from licenseapp.store.database import Database
from licenseapp.store.models import AccessGrant, AuditEntry

TODAY = date(2026, 11, 27)


def _catalog(db: Database, tmp_path: Path, people: int = 3) -> None:
    save_item(db, ItemForm(name="Mythos 5", kind="AI model", access_modes=("parameters", "use"),
                           classification="4E091"))
    save_item(db, ItemForm(name="Fable 5", kind="AI model",
                           access_modes=("parameters", "use", "fine-tuning"),
                           classification="4E091"))
    save_item(db, ItemForm(name="GaN process technology", kind="technology",
                           classification="3E001"))
    roster = tmp_path / "roster.csv"
    lines = ["Employee ID,Given name,Family name,E-mail,Nationality"]
    lines += [f"E{i:05d},Given{i},Family{i},p{i}@acme.example,China" for i in range(people)]
    roster.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert import_people(db, roster, today=TODAY).ok


def _file(path: Path, *rows: str,
          header: str = "Employee;Model;Access mode;Start date;Status") -> Path:
    path.write_bytes("\r\n".join((header, *rows)).encode("cp1252") + b"\r\n")
    return path


def _records(db: Database) -> dict[tuple[str, str, str | None], tuple[Any, ...]]:
    return {(r.person_ref, r.item_name, r.mode): (r.state, r.since, r.suspended_reason)
            for r in list_access(db)}


def _counts(report: Any) -> dict[str, int]:
    return {o.value: n for o, n in report.counts.items() if n}


def test_grants_by_e_mail_reference_employee_number_and_item_name(
        db: Database, tmp_path: Path) -> None:
    _catalog(db, tmp_path)
    path = _file(tmp_path / "access.csv",
                 "p0@acme.example;Mythos 5;parameters;01.03.2026;Active",
                 "P-0002;ITM-002;fine tuning;;pending",
                 "E00002;gan process technology;;2026-01-05;on",
                 "P0@ACME.EXAMPLE;mythos 5;Parameters;2026-03-01;active")  # the same again
    assert grants_mapping(path).describe() == [
        "Employee → person", "Model → item", "Access mode → mode", "Start date → since",
        "Status → state"]
    report = import_grants(db, path)
    assert report.read_as == "CSV, semicolon-separated, UTF-8"
    assert _counts(report) == {"added": 3, "unchanged": 1} and report.applied
    assert [r.record for r in report.rows] == [
        "P-0001 Given0 Family0: ITM-001 Mythos 5 (parameters)",
        "P-0002 Given1 Family1: ITM-002 Fable 5 (fine-tuning)",
        "P-0003 Given2 Family2: ITM-003 GaN process technology",
        "P-0001 Given0 Family0: ITM-001 Mythos 5 (parameters)"]
    assert report.rows[3].note == "the record added by row 2"
    records = _records(db)
    assert records[("P-0001", "Mythos 5", "parameters")] == ("active", date(2026, 3, 1), "")
    assert records[("P-0002", "Fable 5", "fine_tuning")][0] == "requested"
    assert records[("P-0003", "GaN process technology", None)] == (
        "active", date(2026, 1, 5), "")
    assert len(records) == 3
    assert verify(db).ok
    with db.reading() as s:
        (entry,) = s.execute(select(AuditEntry).where(AuditEntry.entity == "grants")).scalars()
        per_grant = s.execute(select(func.count()).select_from(AuditEntry).where(
            AuditEntry.entity == "access_grant")).scalar_one()
    assert entry.action == "import" and entry.entity_id == "access.csv"
    assert "3 added, 0 updated, 1 unchanged, 0 rejected" in entry.summary
    assert '"P-0002 ITM-002 fine_tuning"' in entry.after_json
    assert per_grant == 0  # one entry for the file, not one per record

    again = import_grants(db, path)
    assert _counts(again) == {"unchanged": 4}


def test_bad_rows_are_rejected_with_the_reason_and_the_fix(db: Database,
                                                           tmp_path: Path) -> None:
    _catalog(db, tmp_path)
    path = _file(tmp_path / "access.csv",
                 "P-0001;Mythos 5;fine-tuning;;active",  # 2: not offered for fine-tuning
                 "P-0001;GaN process technology;use;;active",  # 3: not an AI model
                 "P-0001;Fable 5;;;active",  # 4: an AI model needs a mode
                 "nobody@acme.example;Mythos 6;use;31.02.2026;maybe",  # 5: four problems
                 "P-0001;Mythos 5;use;;active",  # 6: good
                 "P-0001;Mythos 5;parameters, use;;active")  # 7: one mode per row
    errors = tmp_path / "errors.xlsx"
    report = import_grants(db, path, errors_file=errors)
    assert _counts(report) == {"added": 1, "rejected": 5}
    bad = {r.row: [(p.column, p.value, p.reason, p.fix) for p in r.problems]
           for r in report.not_imported}
    assert bad[2] == [("Access mode", "fine-tuning", "Mythos 5 is not offered for fine-tuning",
                       "it is offered for parameters, use (add the mode to the item first)")]
    assert bad[3] == [("Access mode", "use",
                       "GaN process technology is technology, not an AI model",
                       "it has no access modes, leave the mode out")]
    assert bad[4] == [("Access mode", "", "Fable 5 is an AI model",
                       "choose the access mode (parameters, use, fine-tuning)")]
    assert [p[:2] for p in bad[5]] == [
        ("Employee", "nobody@acme.example"), ("Model", "Mythos 6"),
        ("Start date", "31.02.2026"), ("Status", "maybe")]
    assert bad[5][1][3] == "did you mean 'Mythos 5'? Or add the item first"
    assert bad[5][3][2:] == ("'maybe' is not a state of access",
                             "write active, requested, suspended or revoked")
    assert bad[7][0][:3] == ("Access mode", "parameters, use",
                             "'parameters, use' is not an access mode")
    assert report.unknown == {"person": ("nobody@acme.example",), "item": ("Mythos 6",)}
    assert errors.exists()
    assert list(_records(db)) == [("P-0001", "Mythos 5", "use")]

    refused = import_grants(db, path, all_or_nothing=True)
    assert not refused.applied and refused.counts[Outcome.REJECTED] == 5


def test_revoked_and_suspended_rows_revoke_and_states_change(db: Database,
                                                             tmp_path: Path) -> None:
    _catalog(db, tmp_path)
    person, mythos = resolve_person(db, "P-0001").id, resolve_item(db, "Mythos 5").id
    fable = resolve_item(db, "Fable 5").id
    grant_access(db, person, mythos, mode="parameters", since=date(2026, 1, 1))
    grant_access(db, person, mythos, mode="use", since=date(2026, 1, 1))
    grant_access(db, person, fable, mode="use", state="requested", since=date(2026, 1, 1))
    report = import_grants(db, _file(
        tmp_path / "changes.csv",
        "P-0001;Mythos 5;;;Revoked",  # 2: every mode of the pair
        "P-0001;Fable 5;use;2026-02-01;Active",  # 3: requested → active, since changes
        "P-0002;Mythos 5;use;;revoked",  # 4: nothing to revoke
        "P-0001;Mythos 5;use;;ended",  # 5: revoked already
        "P-0001;Fable 5;use;;on hold",  # 6: suspended → revoked with the reason
        "P-0001;Mythos 5;use;;active"))  # 7: granted again
    outcome = {r.row: (r.outcome.value, [str(c) for c in r.changes]) for r in report.rows}
    assert outcome[2] == ("updated", ["state (parameters): active → revoked",
                                      "state (use): active → revoked"])
    assert outcome[3] == ("updated", ["state: requested → active",
                                      "since: 2026-01-01 → 2026-02-01"])
    assert outcome[4][0] == "rejected"
    (problem,) = report.rows[2].problems
    assert problem.column == "Status" and problem.value == "revoked"
    assert problem.reason == ("P-0002 Given1 Family1 has no access record for ITM-001 "
                              "Mythos 5 for use, so there is nothing to revoke")
    assert outcome[5] == ("unchanged", [])
    assert outcome[6] == ("updated", ["state: active → revoked"])
    assert outcome[7] == ("updated", ["state: revoked → active",  # access begins again
                                      f"since: 2026-01-01 → {date.today().isoformat()}"])
    records = _records(db)
    assert records[("P-0001", "Mythos 5", "parameters")] == ("revoked", date(2026, 1, 1),
                                                             "import")
    assert records[("P-0001", "Mythos 5", "use")][0] == "active"
    assert records[("P-0001", "Fable 5", "use")] == ("revoked", date(2026, 2, 1), "import")
    with db.reading() as s:
        revoked = s.execute(select(AccessGrant).where(AccessGrant.mode == "parameters")
                            ).scalar_one()
        assert revoked.suspended_by == "tester" and revoked.suspended_at is not None
    assert verify(db).ok


def test_an_import_never_lifts_a_directive_suspension(db: Database, tmp_path: Path) -> None:
    _catalog(db, tmp_path)
    person, mythos = resolve_person(db, "P-0001").id, resolve_item(db, "Mythos 5").id
    grant_access(db, person, mythos, mode="use", since=date(2026, 1, 1))
    assert len(suspend_access(db, "ai-access-directive-2026").suspended) == 1
    before = _records(db)
    report = import_grants(db, _file(tmp_path / "it-list.csv",
                                     "P-0001;Mythos 5;use;;active",  # the list from before
                                     "P-0001;Mythos 5;use;;",  # no state: left as it is
                                     "P-0001;Mythos 5;use;;suspended"))  # already so
    outcome = {r.row: (r.outcome.value, r.note) for r in report.rows}
    assert outcome[2][0] == "rejected"
    (problem,) = report.rows[0].problems
    assert problem.column == "Status" and problem.value == "active"
    assert problem.reason.startswith(
        "P-0001 Given0 Family0: ITM-001 Mythos 5 (use) was suspended on ")
    assert "ai-access-directive-2026" in problem.reason
    assert problem.fix.startswith("an import does not lift a suspension")
    assert outcome[3] == ("unchanged", "no state given: left suspended")
    assert outcome[4] == ("unchanged", "")
    assert _records(db) == before
    with db.reading() as s:
        grant = s.execute(select(AccessGrant)).scalar_one()
        assert grant.state == "suspended"
        assert grant.suspended_ruleset_id == "ai-access-directive-2026"


def test_a_dry_run_counts_what_the_import_does_and_writes_nothing(
        db: Database, tmp_path: Path) -> None:
    _catalog(db, tmp_path)
    import_grants(db, _file(tmp_path / "first.csv", "P-0001;Mythos 5;use;;active",
                            "P-0002;Fable 5;use;;requested"))
    path = _file(tmp_path / "second.csv",
                 "P-0001;Mythos 5;use;;active",  # unchanged
                 "P-0002;Fable 5;use;;active",  # updated
                 "P-0001;Mythos 5;use;;revoked",  # updated: revoked
                 "P-0003;GaN process technology;;;",  # added
                 "P-0003;GaN process technology;;;",  # unchanged: the same record
                 "P-0003;Fable 5;use;;revoked")  # rejected: nothing to revoke
    before = _records(db)
    dry = import_grants(db, path, dry_run=True)
    assert dry.dry_run and not dry.applied and _records(db) == before
    real = import_grants(db, path)
    assert dry.counts == real.counts
    assert _counts(real) == {"added": 1, "updated": 2, "unchanged": 2, "rejected": 1}
    assert [o.outcome for o in dry.rows] == [o.outcome for o in real.rows]


@pytest.mark.parametrize("text,state", [
    ("Active", "active"), ("on", "active"), ("YES", "active"), ("granted", "active"),
    ("pending", "requested"), ("Requested", "requested"), ("on hold", "suspended"),
    ("Suspended", "suspended"), ("off", "revoked"), ("Revoked", "revoked"),
    ("ended", "revoked")])
def test_states_as_people_write_them(text: str, state: str) -> None:
    assert grant_state(text).value == state


def test_a_file_without_an_item_column_is_refused(db: Database, tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    path.write_text("E-mail,Mode\na@x.example,use\n", encoding="utf-8")
    with pytest.raises(LicenseAppError, match="item are missing"):
        import_grants(db, path)


def test_ten_thousand_grants_in_a_few_seconds(db: Database, tmp_path: Path) -> None:
    _catalog(db, tmp_path, people=2_500)
    rows = []
    for i in range(2_500):
        who = (f"p{i}@acme.example", f"P-{i + 1:04d}", f"E{i:05d}")[i % 3]
        rows += [f"{who};Mythos 5;parameters;01.03.2026;active",
                 f"{who};ITM-001;use;;requested",
                 f"{who};Fable 5;fine-tuning;2026-04-01;Active",
                 f"{who};GaN process technology;;;on"]
    path = _file(tmp_path / "access.csv", *rows)
    started = time.perf_counter()
    dry = import_grants(db, path, dry_run=True)
    dry_seconds = time.perf_counter() - started
    started = time.perf_counter()
    report = import_grants(db, path)
    seconds = time.perf_counter() - started
    assert _counts(report) == _counts(dry) == {"added": 10_000}
    started = time.perf_counter()
    again = import_grants(db, path)
    again_seconds = time.perf_counter() - started
    assert _counts(again) == {"unchanged": 10_000}
    print(f"\n10,000 grants: dry run {dry_seconds:.1f} s, import {seconds:.1f} s, "
          f"again {again_seconds:.1f} s")
    assert seconds < 30 and dry_seconds < 30 and again_seconds < 30
    assert len(list_access(db)) == 10_000
    assert verify(db).ok


def _statements(db: Database, run: Any) -> int:
    """How many SQL statements ``run()`` sends."""
    sent = []

    def count(*_: Any) -> None:
        sent.append(1)

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        run()
    finally:
        event.remove(db.engine, "before_cursor_execute", count)
    return len(sent)


def test_no_query_per_row(db: Database, tmp_path: Path) -> None:
    _catalog(db, tmp_path, people=600)
    small = _file(tmp_path / "small.csv",
                  *(f"P-{i + 1:04d};Mythos 5;use;;active" for i in range(20)))
    large = _file(tmp_path / "large.csv",
                  *(f"E{i:05d};ITM-002;fine-tuning;2026-01-01;pending" for i in range(600)))
    changed = _file(tmp_path / "changed.csv",
                    *(f"E{i:05d};ITM-002;fine-tuning;2026-01-01;active" for i in range(600)))
    revoked = _file(tmp_path / "revoked.csv",
                    *(f"E{i:05d};ITM-002;;;revoked" for i in range(600)))
    added = [_statements(db, lambda p=p: import_grants(db, p)) for p in (small, large)]
    again = [_statements(db, lambda p=p: import_grants(db, p)) for p in (small, large)]
    updated = [_statements(db, lambda p=p: import_grants(db, p)) for p in (changed, revoked)]
    print(f"\nstatements: 20 rows added {added[0]}, 600 rows added {added[1]}; "
          f"again {again}; 600 updated {updated[0]}, 600 revoked {updated[1]}")
    assert added[1] - added[0] < 15 and again[1] - again[0] < 15
    assert max(updated) < added[1] + 30
