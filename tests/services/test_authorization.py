"""The authorization matrix: each access grant's derived state, on the demo data and by rule."""

from __future__ import annotations

import csv
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from licenseapp.demo.dataset import generate_demo
from licenseapp.domain.enums import LICENSED_STATUSES, PENDING_STATUSES
from licenseapp.domain.rules import Determination, ItemFacts, PersonFacts, load_rulesets
from licenseapp.services.catalog.access_data import CaseInfo, Determiner, GrantInfo, personal
from licenseapp.services.directive.authorization import (
    AuthState,
    MatrixCell,
    authorization_matrix,
    case_standing,
    derive,
    export_matrix_csv,
)
from licenseapp.services.safety.integrity import verify
from licenseapp.store.database import Database
from licenseapp.store.models import AccessGrant, ControlledItem, Person

ON = date(2026, 11, 27)
BEFORE_DIRECTIVE = date(2026, 11, 1)
T = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)


@pytest.fixture
def demo(db: Database) -> Database:
    generate_demo(db)
    return db


def _lpr_4e091_grants(db: Database) -> set[tuple[str, str]]:
    with db.reading() as s:
        rows = s.execute(
            select(Person.ref, ControlledItem.ref)
            .join(AccessGrant, AccessGrant.person_id == Person.id)
            .join(ControlledItem, ControlledItem.id == AccessGrant.item_id)
            .where(Person.immigration_status == "lpr", ControlledItem.classification == "4E091",
                   AccessGrant.state.in_(("active", "requested")))
        ).all()
    return {(p, i) for p, i in rows}


def test_every_grant_has_one_cell_with_a_state_that_fits_its_evidence(demo: Database) -> None:
    matrix = authorization_matrix(demo, ON)
    with demo.reading() as s:
        grants = s.execute(select(AccessGrant.id)).scalars().all()
    assert sorted(c.grant_id for c in matrix.cells) == sorted(grants)
    assert sum(matrix.counts().values()) == len(grants)
    for c in matrix.cells:
        assert c.reason and c.detail
        if c.state is AuthState.LICENSED:
            assert c.license_number and c.license_expires and c.license_expires >= ON
            assert c.application_status in LICENSED_STATUSES
            assert c.license_number in c.detail
        if c.state is AuthState.PENDING:
            assert c.application_status in PENDING_STATUSES and c.application_ref in c.detail
        if c.state is AuthState.SUSPENDED:
            assert c.access == "suspended" and c.suspended_at is not None and c.suspended_by
        if c.state is AuthState.UNKNOWN:
            assert c.missing
        assert c.person_name in c.reason or c.reason.startswith("No rule set")
        assert "this person" not in c.reason.lower()
    counts = matrix.counts()
    for state in (AuthState.LICENSED, AuthState.PENDING, AuthState.APPLICATION_DRAFTED,
                  AuthState.LICENSE_NEEDED, AuthState.NOT_REQUIRED, AuthState.DENIED,
                  AuthState.SUSPENDED, AuthState.UNKNOWN):
        assert counts[state] > 0, state
    assert matrix.cell(matrix.cells[0].person_id, matrix.cells[0].item_id) == matrix.cells[0]
    assert len(matrix.people) == len({c.person_id for c in matrix.cells})


def test_a_permanent_resident_needs_a_license_for_4e091_only_from_the_directive(
        demo: Database) -> None:
    pairs = _lpr_4e091_grants(demo)
    assert pairs
    after = {(c.person_ref, c.item_ref): c for c in authorization_matrix(demo, ON).cells}
    before = {(c.person_ref, c.item_ref): c
              for c in authorization_matrix(demo, BEFORE_DIRECTIVE).cells}
    for pair in pairs:
        assert before[pair].state is AuthState.NOT_REQUIRED
        assert before[pair].ruleset == "ear-baseline"
        # Needed from the directive on: drafted, or already filed (pending).
        assert after[pair].state in (AuthState.LICENSE_NEEDED, AuthState.APPLICATION_DRAFTED,
                                     AuthState.PENDING)
        assert after[pair].ruleset == "ai-access-directive-2026"
        assert "permanent resident" in after[pair].reason


def _grant(state: str = "active", **kw: object) -> GrantInfo:
    values: dict[str, object] = {"suspended_at": None, "suspended_by": "",
                                 "suspended_reason": "", "suspended_ruleset_id": None, **kw}
    return GrantInfo(1, 1, 1, state, **values)  # type: ignore[arg-type]


def _case(status: str, ref: str = "LA-2026-0001", **kw: Any) -> CaseInfo:
    values: dict[str, object] = {"license_number": "", "license_expires": None,
                                 "license_state": "", **kw}
    return CaseInfo(1, ref, status, "BIS", None, T, **values)  # type: ignore[arg-type]


def _answer(required: bool | None) -> Determination:
    return Determination(required, "IN", "BIS", "BIS-748P", "ear-baseline", "reason", (),
                         ("citizenship",) if required is None else (), (), ON, "4E091")


LICENSE: dict[str, Any] = {"license_number": "D1234567", "license_expires": date(2030, 1, 1),
           "license_state": "active"}


@pytest.mark.parametrize(("grant", "required", "cases", "state"), [
    (_grant("suspended", suspended_at=T, suspended_by="mchen", suspended_reason="directive"),
     True, [_case("approved", **LICENSE)], AuthState.SUSPENDED),
    (_grant("revoked"), False, [], AuthState.REVOKED),
    (_grant(), False, [_case("draft")], AuthState.NOT_REQUIRED),
    (_grant(), True, [_case("submitted"), _case("approved", **LICENSE)], AuthState.LICENSED),
    (_grant(), None, [_case("approved", **LICENSE)], AuthState.LICENSED),
    (_grant(), True, [_case("approved", license_number="D1", license_expires=date(2026, 1, 1),
                            license_state="active")], AuthState.LICENSE_NEEDED),
    (_grant(), True, [_case("approved", license_number="D1", license_expires=date(2030, 1, 1),
                            license_state="suspended")], AuthState.LICENSE_NEEDED),
    (_grant(), True, [_case("denied"), _case("registered")], AuthState.PENDING),
    (_grant(), True, [_case("registered"), _case("draft")], AuthState.PENDING),
    (_grant(), True, [_case("returned_unregistered")], AuthState.APPLICATION_DRAFTED),
    (_grant(), True, [_case("ready")], AuthState.APPLICATION_DRAFTED),
    (_grant(), True, [_case("withdrawn"), _case("denied")], AuthState.DENIED),
    (_grant(), True, [_case("denied"), _case("returned_without_action")],
     AuthState.LICENSE_NEEDED),
    (_grant(), True, [], AuthState.LICENSE_NEEDED),
    (_grant(), None, [], AuthState.UNKNOWN),
])
def test_the_state_follows_the_documented_order(
        grant: GrantInfo, required: bool | None, cases: list[CaseInfo], state: AuthState) -> None:
    got, detail, _ = derive(grant, _answer(required), case_standing(cases, ON))
    assert got is state
    if state is AuthState.SUSPENDED:
        assert "mchen" in detail and "directive" in detail
    if state is AuthState.LICENSED:
        assert "D1234567" in detail and "2030-01-01" in detail
    if state is AuthState.UNKNOWN:
        assert "citizenship" in detail


def test_people_with_the_same_facts_share_one_determination() -> None:
    determiner = Determiner(load_rulesets(), ON)
    item = ItemFacts.from_eccn("4E091")
    a = PersonFacts.of("IN", status="lpr")
    b = PersonFacts.of("IN", status="lpr")
    first, second = determiner(a, item), determiner(b, item)
    assert first is second and determiner.calls == 1
    assert personal(first.reason, "Priya Sharma").startswith("Priya Sharma is")


def _cell(name: str) -> MatrixCell:
    return MatrixCell(1, 1, "P-0001", name, "", 1, "ITM-001", "Mythos 5", "4E091", "active",
                      AuthState.LICENSE_NEEDED, "License required", "=reason", "ear-baseline",
                      "IN")


def test_the_csv_export_cannot_run_formulas(demo: Database, tmp_path: Path) -> None:
    path = tmp_path / "matrix.csv"
    count = export_matrix_csv(demo, path, ON)
    with path.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert count == len(rows) == len(authorization_matrix(demo, ON).cells)
    assert {r["state"] for r in rows} >= {"licensed", "license_needed", "pending"}
    export_matrix_csv(demo, path, cells=(_cell("=HYPERLINK(\"http://x\")"),), replace=True)
    with path.open(encoding="utf-8-sig", newline="") as fh:
        row = next(csv.DictReader(fh))
    assert row["person"].startswith("'=") and row["reason"] == "'=reason"
    assert verify(demo).ok
