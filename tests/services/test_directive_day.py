"""Directive day (#14, 2 and 3): everyone who must lose access now, grouped; the order as
received, suspension of all in one call against it, and the countdown's count."""

from __future__ import annotations

import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from directive_population import populate
from sqlalchemy import func, select

from licenseapp.errors import ValidationError
from licenseapp.services.catalog.access_data import rulesets_in_use
from licenseapp.services.directive.compliance_record import write_compliance_record
from licenseapp.services.directive.impact import (
    ALREADY_REQUIRED,
    NEWLY_REQUIRED,
    impact,
)
from licenseapp.services.directive.new_directive import new_directive, read_spec_file
from licenseapp.services.directive.orders import (
    get_order,
    order_progress,
    received_moment,
    record_order,
    suspend_under_order,
)
from licenseapp.store.database import Database
from licenseapp.store.models import AccessGrant, DirectiveSuspension

DIRECTIVE = "ai-access-directive-2026"
ON = date(2026, 12, 1)
RECEIVED = datetime(2026, 12, 1, 14, 0, tzinfo=UTC)


def _groups(db: Database) -> dict[str, set[tuple[str, str]]]:
    report = impact(db, DIRECTIVE, ON)
    return {g: {(p.person_ref, p.item_ref) for p in report.group(g)}
            for g in ("newly_required", "already_required", "undetermined")}


def test_h1b_citizen_and_permanent_resident(db: Database) -> None:
    populate(db, 10, 3)  # P-00001 h1b IN, P-00002 lpr CN, P-00003 U.S. citizen ...
    groups = _groups(db)
    listed = set().union(*groups.values())
    # The H-1B holder's unlicensed access to Fable 5's parameters was already a violation;
    # his use of Mythos 5 is newly required by the directive.
    assert ("P-00001", "ITM-M2") in groups[ALREADY_REQUIRED]
    assert ("P-00001", "ITM-M1") in groups[NEWLY_REQUIRED]
    # A U.S. citizen is never listed, for any item.
    assert not {pair for pair in listed if pair[0] in ("P-00003", "P-00009")}
    # A permanent resident only under the directive: newly required, for AI models only.
    assert {i for p, i in listed if p == "P-00002"} == {"ITM-M1", "ITM-M2"}
    assert {i for p, i in groups[NEWLY_REQUIRED] if p == "P-00002"} == {"ITM-M1", "ITM-M2"}
    # China: 3E001 needs a license under the ordinary rule (NS); the F-1 student's is listed.
    assert ("P-00005", "ITM-T1") in groups[ALREADY_REQUIRED]
    report = impact(db, DIRECTIVE, ON)
    assert {c.key for c in report.by_mode} == {"use", "parameters", ""}
    h1b = next(p for p in report.already_required if p.person_ref == "P-00001")
    assert h1b.before == "required" and "India" in h1b.reason


def test_the_order_clock_and_suspending_a_thousand_in_one_call(db: Database) -> None:
    populate(db, 1000, 3)
    order = record_order(db, DIRECTIVE, RECEIVED, "America/New_York", 90, actor="mchen")
    report = impact(db, DIRECTIVE, ON)
    must = report.must_stop()
    assert order.to_suspend == len(must) > 1000
    assert order.received_text == "2026-12-01 09:00 EST"
    assert order.deadline_at == RECEIVED + timedelta(minutes=90)
    progress = order_progress(db, order.id)
    assert progress.suspended == 0 and not progress.done
    assert progress.summary(RECEIVED + timedelta(minutes=30)) == (
        f"0 of {len(must):,} accesses suspended; 1:00:00 left.")
    seen: list[tuple[int, int]] = []
    start = time.perf_counter()
    result = suspend_under_order(db, order.id, actor="mchen",
                                 now=RECEIVED + timedelta(minutes=52),
                                 progress=lambda done, total: seen.append((done, total)) or True)
    elapsed = time.perf_counter() - start
    assert len(result.suspended) == len(must) and not result.cancelled
    assert seen[0] == (0, len(must)) and seen[-1] == (len(must), len(must)) and len(seen) > 3
    print(f"suspended {len(must)} accesses in {elapsed:.2f} s")
    # The 5 s target is measured by tests/benchmarks/bench_suspension.py on a quiet machine
    # (1.6 s SQLite, 3.2 s PostgreSQL); here only a gross regression fails (a shared machine).
    assert elapsed < 15.0
    done = order_progress(db, order.id)
    assert done.done and done.suspended == len(must)
    assert done.summary(RECEIVED + timedelta(hours=3)) == (
        f"All {len(must):,} accesses suspended 52 minutes after the order.")
    with db.reading() as s:
        assert s.execute(select(func.count(AccessGrant.id)).where(
            AccessGrant.state == "suspended", AccessGrant.suspended_by == "mchen")
        ).scalar() == len(must)
        rows = s.execute(select(DirectiveSuspension)).scalars().all()
    assert {r.order_id for r in rows} == {order.id} and {r.suspended_by for r in rows} == {"mchen"}
    # The list stays the same after suspending; nothing is left to do.
    again = suspend_under_order(db, order.id, now=RECEIVED + timedelta(minutes=60))
    assert again.suspended == () and again.already_suspended == len(must)


def test_suspension_acts_on_the_chosen_groups_and_can_be_cancelled(db: Database) -> None:
    populate(db, 40, 3)
    order = record_order(db, DIRECTIVE, RECEIVED, "Europe/London", 90)
    report = impact(db, DIRECTIVE, ON)
    result = suspend_under_order(db, order.id, groups=(NEWLY_REQUIRED,),
                                 now=RECEIVED + timedelta(minutes=5))
    assert set(result.suspended) == {p.grant_id for p in report.must_stop((NEWLY_REQUIRED,))}
    after = impact(db, DIRECTIVE, ON)
    assert {p.access for p in after.already_required} == {"active"}
    calls = iter([True, False])
    stopped = suspend_under_order(db, order.id, progress=lambda d, t: next(calls), now=RECEIVED,
                                  batch=3)
    assert stopped.cancelled and len(stopped.suspended) == 3
    assert order_progress(db, order.id).suspended == len(result.suspended) + 3


def test_an_order_is_checked_in_the_users_words(db: Database) -> None:
    with pytest.raises(ValidationError) as err:
        received_moment(ON, "9.30", "America/New_York")
    assert "HH:MM" in str(err.value)
    with pytest.raises(ValidationError) as err:
        received_moment(ON, "09:30", "Mars/Olympus")
    assert "not a time zone" in str(err.value)
    assert received_moment(ON, "09:30", "America/New_York") == RECEIVED.replace(minute=30)
    assert received_moment(date(2026, 7, 1), "09:30", "America/New_York").hour == 13  # EDT
    with pytest.raises(ValidationError) as err:
        record_order(db, DIRECTIVE, RECEIVED, "UTC", 0)
    assert "give 1 to" in str(err.value) and "--" not in str(err.value)
    with pytest.raises(ValidationError) as err:
        record_order(db, DIRECTIVE, datetime.now(UTC) + timedelta(hours=2), "UTC", 90)
    assert "later than now" in str(err.value)


def test_the_compliance_record_lists_every_access_with_its_time_since_the_order(
        db: Database, tmp_path: Path) -> None:
    populate(db, 30, 3)
    order = record_order(db, DIRECTIVE, RECEIVED, "America/New_York", 90, actor="mchen")
    suspend_under_order(db, order.id, groups=(NEWLY_REQUIRED,), actor="mchen",
                        now=RECEIVED + timedelta(minutes=41))
    suspend_under_order(db, order.id, actor="jdoe", now=RECEIVED + timedelta(minutes=95))
    report = write_compliance_record(db, order.id, tmp_path / "record.pdf")
    text = _pdf_text(tmp_path / "record.pdf")
    table = report.sections[1].table
    total = get_order(db, order.id).to_suspend
    assert table is not None and len(table.rows) == total
    assert (f"All {total} accesses suspended 95 minutes after the order, after the deadline."
            in text)
    assert "Received: 2026-12-01 09:00 EST (America/New_York); recorded by mchen" in text
    assert "0:41" in text and "1:35 (late)" in text and "jdoe" in text
    assert "2026-12-01 09:41:00" in text  # the time of suspension in the order's zone


def _pdf_text(path: Path) -> str:
    import subprocess

    return subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True,
                          capture_output=True, text=True).stdout


def test_a_new_directive_from_a_small_yaml_file(db: Database, tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LICENSEAPP_DATA_DIR", str(tmp_path / "data"))
    populate(db, 10, 3)
    spec = tmp_path / "order.yaml"
    spec.write_text("""# as the order reads
title: Directive on model use by Country Group D:5 nationals
authority: U.S. Department of Commerce, Bureau of Industry and Security
citation: 91 FR 70001 (Dec. 1, 2026)
received: 2026-12-01 09:00
zone: America/New_York
deadline_minutes: 90
eccns: [4E091]
modes:
  - use
  - fine-tuning
country_groups: D:5
requires: prohibited
""", encoding="utf-8")
    made = new_directive(db, read_spec_file(spec), name=spec.name)
    rid = made.imported.ruleset.id
    assert rid == "directive-on-model-use-by-country-group-d-5-nationals"
    assert made.order is not None and made.order.to_suspend > 0
    # Judged beside the ordinary rule only (the shipped 2026 directive reaches the same).
    report = impact(db, rid, ON, rulesets=tuple(
        r for r in rulesets_in_use() if r.id != "ai-access-directive-2026"))
    newly = {(p.person_ref, p.item_ref) for p in report.pairs}
    # China is in D:5; use of Mythos 5 by the Chinese permanent resident is newly required,
    # release of Fable 5's parameters (a mode it leaves out) is not; India is not in D:5.
    assert ("P-00002", "ITM-M1") in newly and ("P-00002", "ITM-M2") not in newly
    assert not {p for p, _ in newly} & {"P-00001", "P-00003"}
    bad = tmp_path / "bad.yaml"
    bad.write_text(spec.read_text("utf-8").replace("[4E091]", "[4E09]")
                   .replace("title: Directive", "title: Other directive"), encoding="utf-8")
    with pytest.raises(ValidationError) as err:
        new_directive(db, read_spec_file(bad), name=bad.name)
    assert err.value.field == "eccns" and "'4E09' is not an ECCN" in str(err.value)


def test_a_refused_order_writes_nothing_and_can_be_entered_again(
        db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An order received "later than now" (a wrong zone or date) is refused before its rule
    set is written: correcting the time and entering it again works (it said the rule set
    "exists already")."""
    from licenseapp.services.directive.rulesets import available_rulesets

    monkeypatch.setenv("LICENSEAPP_DATA_DIR", str(tmp_path / "data"))
    spec = tmp_path / "order.yaml"
    text = """title: Directive on model use in the future
authority: U.S. Department of Commerce, Bureau of Industry and Security
citation: 91 FR 70002
received: 2099-12-01 09:00
zone: America/New_York
deadline_minutes: 90
eccns: [4E091]
requires: license
"""
    spec.write_text(text, encoding="utf-8")
    before = {r.id for r in available_rulesets()}
    with pytest.raises(ValidationError) as err:
        new_directive(db, read_spec_file(spec), name=spec.name)
    assert err.value.field == "received_at" and "later than now" in str(err.value)
    assert {r.id for r in available_rulesets()} == before
    spec.write_text(text.replace("2099-12-01", "2026-12-01"), encoding="utf-8")
    made = new_directive(db, read_spec_file(spec), name=spec.name)
    assert made.order is not None


def test_orders_and_their_suspensions_are_sealed_and_verify_names_a_change(
        db: Database) -> None:
    from sqlalchemy import text

    from licenseapp.services.safety.integrity import verify
    from licenseapp.store.seals import seal_tables

    populate(db, 20, 3)
    with db.unit_of_work() as s:  # the population is written in bulk: sealed as it is
        seal_tables(s)
    order = record_order(db, DIRECTIVE, RECEIVED, "America/New_York", 90, actor="mchen")
    result = suspend_under_order(db, order.id, actor="mchen",
                                 now=RECEIVED + timedelta(minutes=20), batch=7)
    assert len(result.suspended) > 7
    assert verify(db).ok, verify(db).findings
    with db.unit_of_work() as s:
        first = s.execute(select(func.min(DirectiveSuspension.id))).scalar_one()
        s.execute(text("UPDATE directive_orders SET deadline_minutes = 600"))
        s.execute(text(f"UPDATE directive_suspensions SET suspended_by = 'someone' "
                       f"WHERE id = {first}"))
    messages = sorted(f.message for f in verify(db).findings if f.check == "record")
    assert messages == [
        f"directive order #{order.id} (directive_orders) was changed outside LicenseApp",
        f"directive suspension #{first} (directive_suspensions) was changed outside "
        "LicenseApp"]
