"""Benchmark: directive impact over 10,000 people x 10 items (100,000 access grants), < 2 s.

Not part of the normal test run (pytest ignores tests/benchmarks). Run either way:

    .venv/bin/python tests/benchmarks/bench_impact.py
    .venv/bin/pytest -o addopts="" -s tests/benchmarks/bench_impact.py

The data is :mod:`bench_data`'s (dated citizenships, dual nationals, a mix of statuses,
applications and licenses for a fifth of the people; Core inserts, not timed); the 4E091
models' grants are then given access modes in turn (parameters, use, fine-tuning). It
prints the time of ``impact`` for the 2026 directive (everyone who must lose access: newly
required, already required and unlicensed, undetermined; counts by item, mode and country)
and of a baseline measured in the same run: one plain SELECT of the 100,000 grants joined to
their people and items, with the ratio.
"""

from __future__ import annotations

import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from sqlalchemy import case, select, update

sys.path.insert(0, str(Path(__file__).parent))

from bench_authorization import clear_engine_memos
from bench_data import ECCNS, build

from licenseapp.domain.rules import load_rulesets
from licenseapp.domain.rules.reference import load_reference
from licenseapp.services.directive.impact import impact
from licenseapp.store.models import AccessGrant, ControlledItem, Person

PEOPLE = 10_000
ON = date(2026, 11, 27)
DIRECTIVE = "ai-access-directive-2026"
LIMIT = 2.0  # seconds (issue #14)


def run(folder: Path | None = None) -> dict[str, float]:
    where = folder or Path(tempfile.mkdtemp(prefix="bench-impact-"))
    t0 = time.perf_counter()
    db = build(where / "impact.db", PEOPLE, ECCNS)
    with db.unit_of_work() as s:  # each model's grants in one of its three modes, in turn
        models = select(ControlledItem.id).where(ControlledItem.classification == "4E091")
        s.execute(update(AccessGrant).where(AccessGrant.item_id.in_(models)).values(
            mode=case((AccessGrant.id % 3 == 0, "parameters"), (AccessGrant.id % 3 == 1, "use"),
                      else_="fine_tuning")))
    print(f"data built in {time.perf_counter() - t0:.1f} s (not timed below)")
    rulesets = load_rulesets()
    load_reference()
    try:
        t0 = time.perf_counter()
        with db.reading() as s:
            rows = s.execute(
                select(AccessGrant.id, AccessGrant.state, AccessGrant.mode, Person.ref,
                       Person.given_name, Person.immigration_status,
                       ControlledItem.classification)
                .join(Person, Person.id == AccessGrant.person_id)
                .join(ControlledItem, ControlledItem.id == AccessGrant.item_id)).all()
        baseline = time.perf_counter() - t0
        clear_engine_memos()
        t0 = time.perf_counter()
        report = impact(db, DIRECTIVE, ON, rulesets=rulesets)
        total = time.perf_counter() - t0
    finally:
        db.dispose()
    assert len(rows) == PEOPLE * len(ECCNS)
    stop = report.must_stop()
    print(f"impact over {len(rows):,} grants: {total:.3f} s ({total / len(rows) * 1e6:.1f} µs "
          f"per grant) — target < {LIMIT:.0f} s")
    print(f"  newly required {len(report.pairs):,}, already required and unlicensed "
          f"{len(report.already_required):,}, undetermined {len(report.undetermined):,}; "
          f"{len(stop):,} to suspend")
    print("  by mode: " + ", ".join(f"{c.label} {c.count:,}" for c in report.by_mode))
    print(f"baseline, one SELECT of the {len(rows):,} grants with person and item: "
          f"{baseline:.3f} s")
    print(f"ratio impact / baseline: {total / baseline:.1f}x")
    return {"total": total, "baseline": baseline, "must_stop": float(len(stop))}


def test_impact_benchmark(tmp_path: Path) -> None:
    figures = run(tmp_path)
    assert figures["total"] < LIMIT


if __name__ == "__main__":
    run()
