"""Directive impact on the demo data: exactly who is newly affected, and suspending them."""

from __future__ import annotations

import csv
import json
from collections import Counter
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select

from licenseapp.demo.dataset import generate_demo
from licenseapp.domain.rules import (
    ItemFacts,
    PersonFacts,
    determine,
    load_rulesets,
    parse_ruleset,
    shipped_rulesets_dir,
)
from licenseapp.errors import ValidationError
from licenseapp.services.catalog.access_data import load_snapshot
from licenseapp.services.directive.authorization import AuthState, authorization_matrix
from licenseapp.services.directive.impact import (
    SUSPENSION_HEADERS,
    AffectedPair,
    export_suspension_list,
    impact,
    resolve,
    suspend_access,
)
from licenseapp.services.safety.integrity import verify
from licenseapp.store.database import Database
from licenseapp.store.models import (
    AccessGrant,
    Application,
    ApplicationItem,
    AuditEntry,
    License,
    Person,
    StatusEvent,
)

DIRECTIVE = "ai-access-directive-2026"
ON = date(2026, 11, 27)
NOW = datetime(2026, 11, 27, 15, 30, tzinfo=UTC)


@pytest.fixture
def demo(db: Database) -> Database:
    generate_demo(db)
    return db


def _expected(db: Database) -> set[tuple[str, str]]:
    """Worked out apart from the service: live 4E091 grants whose holder is no U.S. citizen
    and whom ``ear-baseline`` alone does not require a license for (on the demo data: the
    permanent residents and protected individuals)."""
    baseline = [r for r in load_rulesets() if r.id == "ear-baseline"]
    with db.reading() as s:
        snap = load_snapshot(s)
    out = set()
    for g in snap.grants:
        person, item = snap.people[g.person_id], snap.items[g.item_id]
        if g.state not in ("active", "requested") or item.classification != "4E091":
            continue
        status = person.facts.immigration_status
        alone = determine(person.facts, item.facts, ON, baseline).license_required
        if status is not None and status.value in ("lpr", "protected"):
            assert alone is False, person.ref
            out.add((person.ref, item.ref))
        elif status is not None and status.value != "citizen":
            assert alone is True, person.ref  # e.g. an H-1B holder: RS, worldwide
    return out


def test_the_directive_newly_affects_exactly_permanent_residents_and_protected_people(
        demo: Database) -> None:
    expected = _expected(demo)
    report = impact(demo, DIRECTIVE, ON)
    assert {(p.person_ref, p.item_ref) for p in report.pairs} == expected
    assert _statuses(demo, report.pairs) == {"lpr", "protected"}  # both occur in the demo
    assert report.people == len({p for p, _ in expected})
    assert all(p.missing and p.group == "undetermined" for p in report.undetermined)
    assert all(p.before == "required" and not p.license_number
               for p in report.already_required)
    assert all(p.before == "not_required" and p.access in ("active", "requested")
               for p in report.pairs)
    assert all(p.regulator == "BIS" and p.form == "BIS-748P" for p in report.pairs)
    assert all(p.person_name in p.reason and "Directive" in p.reason for p in report.pairs)
    stop = report.pairs + report.already_required + report.undetermined
    by_item = Counter(p.item_ref for p in stop)
    assert {c.key: c.count for c in report.by_item} == dict(by_item)
    by_country = Counter(p.country or "" for p in stop)
    assert {c.key: c.count for c in report.by_country} == dict(by_country)
    assert sum(c.count for c in report.by_mode) == len(stop)
    assert report.to_json()["count"] == len(expected)


def _statuses(db: Database, pairs: tuple[AffectedPair, ...]) -> set[str | None]:
    with db.reading() as s:
        return set(s.execute(select(Person.immigration_status).where(
            Person.id.in_([p.person_id for p in pairs]))).scalars())


def test_an_h1b_holder_is_not_newly_affected() -> None:
    rulesets = load_rulesets()
    person, item = PersonFacts.of("IN", status="h1b"), ItemFacts.from_eccn("4E091")
    baseline = [r for r in rulesets if r.id == "ear-baseline"]
    assert determine(person, item, ON, baseline).license_required is True
    assert determine(person, item, ON, rulesets).license_required is True


def test_unknown_rule_sets_and_dates_out_of_force_are_refused(demo: Database) -> None:
    with pytest.raises(ValidationError) as err:
        impact(demo, "no-such-directive", ON)
    assert err.value.field == "ruleset" and "ai-access-directive-2026" in str(err.value)
    with pytest.raises(ValidationError) as err:
        impact(demo, DIRECTIVE, date(2026, 11, 19))
    assert err.value.field == "impact_date"


def test_the_default_date_is_the_effective_date_of_a_rule_set_not_yet_in_force() -> None:
    shipped = {r.id: r for r in load_rulesets()}
    text = (shipped_rulesets_dir() / f"{DIRECTIVE}.json").read_text("utf-8")
    future = parse_ruleset(text.replace(DIRECTIVE, "future-directive")
                           .replace("2026-11-20", "2099-01-01"), "future-directive.json")
    _, _, on = resolve("future-directive", None, (shipped["ear-baseline"], future))
    assert on == date(2099, 1, 1)


def test_suspending_is_recorded_audited_and_idempotent(demo: Database) -> None:
    affected = impact(demo, DIRECTIVE, ON)
    n = len(affected.must_stop())
    first = suspend_access(demo, DIRECTIVE, on=ON, actor="mchen", now=NOW)
    assert len(first.suspended) == n and first.already_suspended == 0
    with demo.reading() as s:
        grants = s.execute(select(AccessGrant).where(
            AccessGrant.id.in_(first.suspended))).scalars().all()
        audits = s.execute(select(func.count(AuditEntry.id)).where(
            AuditEntry.action == "suspend")).scalar()
    assert audits == n
    for g in grants:
        assert g.state == "suspended" and g.suspended_at == NOW and g.suspended_by == "mchen"
        assert g.suspended_ruleset_id == DIRECTIVE and "Directive" in g.suspended_reason
    assert verify(demo).ok
    again = suspend_access(demo, DIRECTIVE, on=ON, actor="other", now=NOW.replace(hour=16))
    assert again.suspended == () and again.already_suspended == n
    assert verify(demo).ok
    with demo.reading() as s:
        assert s.execute(select(func.count(AuditEntry.id)).where(
            AuditEntry.action == "suspend")).scalar() == n
        assert {g.suspended_by for g in s.execute(select(AccessGrant).where(
            AccessGrant.id.in_(first.suspended))).scalars()} == {"mchen"}
    # The list is the same after suspending, so drafting can follow.
    after = impact(demo, DIRECTIVE, ON)
    assert [p.grant_id for p in after.must_stop()] == [p.grant_id for p in affected.must_stop()]
    assert {p.access for p in after.must_stop()} == {"suspended"}
    cells = [c for c in authorization_matrix(demo, ON).cells if c.grant_id in first.suspended]
    assert {c.state for c in cells} == {AuthState.SUSPENDED}
    assert all("mchen" in c.detail for c in cells)


def test_suspending_some_pairs_leaves_the_others(demo: Database) -> None:
    report = impact(demo, DIRECTIVE, ON)
    chosen = report.pairs[:2]
    with demo.reading() as s:
        unrelated = s.execute(select(AccessGrant.id).where(
            AccessGrant.id.notin_([p.grant_id for p in report.must_stop()]))).scalars().first()
    assert unrelated is not None
    result = suspend_access(demo, DIRECTIVE, [*chosen, unrelated], on=ON, reason="Directive "
                            "of 2026-11-20, ticket SEC-114", now=NOW)
    assert set(result.suspended) == {p.grant_id for p in chosen}
    assert result.not_affected == 1
    assert {p.access for p in impact(demo, DIRECTIVE, ON).pairs} == {"suspended", "active"}
    assert verify(demo).ok


def test_an_access_covered_by_a_valid_license_is_not_suspended(demo: Database) -> None:
    before = impact(demo, DIRECTIVE, ON)
    pair = before.pairs[-1]
    with demo.unit_of_work() as s:
        template = s.execute(select(Application).limit(1)).scalar_one()
        app = Application(ref="LA-2026-0900", organization_id=template.organization_id,
                          regulator_code="BIS", form_code="BIS-748P", person_id=pair.person_id,
                          status="approved", status_changed_at=NOW, ruleset_id=DIRECTIVE)
        app.items.append(ApplicationItem(item_id=pair.item_id, eccn="4E091"))
        s.add(app)
        s.flush()
        s.add(StatusEvent(application_id=app.id, from_status=None, to_status="approved",
                          occurred_at=NOW, actor="tester"))
        s.add(License(application_id=app.id, number="D7654321", issued_on=ON,
                      expires_on=date(2030, 11, 26)))
    report = impact(demo, DIRECTIVE, ON)
    covered = next(p for p in report.pairs if p.grant_id == pair.grant_id)
    assert covered.license_number == "D7654321"
    result = suspend_access(demo, DIRECTIVE, on=ON, now=NOW)
    assert result.licensed == 1 and pair.grant_id not in result.suspended
    assert len(result.suspended) == len(before.must_stop()) - 1
    assert verify(demo).ok


def test_the_suspension_list_for_the_it_team(demo: Database, tmp_path: Path) -> None:
    n = len(suspend_access(demo, DIRECTIVE, on=ON, actor="mchen", now=NOW).suspended)
    assert n > 0
    assert export_suspension_list(demo, DIRECTIVE, tmp_path / "s.csv") == n
    with (tmp_path / "s.csv").open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert tuple(rows[0]) == SUSPENSION_HEADERS
    assert all(r["suspended_at_utc"] == "2026-11-27T15:30:00Z" for r in rows)
    local = datetime.fromisoformat(rows[0]["suspended_at_local"])
    assert local == NOW and rows[0]["suspended_by"] == "mchen"
    assert all(r["email"] for r in rows)
    assert {"Mythos 5", "Fable 5"} <= {r["system_or_model"] for r in rows}
    assert export_suspension_list(demo, DIRECTIVE, tmp_path / "s.json") == n
    objects = json.loads((tmp_path / "s.json").read_text("utf-8"))
    assert {o["person_ref"] for o in objects} == {r["person_ref"] for r in rows}
    assert export_suspension_list(demo, DIRECTIVE, tmp_path / "s.xlsx") == n
    sheet = load_workbook(tmp_path / "s.xlsx").worksheets[0]
    assert sheet.max_row == n + 1
