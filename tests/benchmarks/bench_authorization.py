"""Benchmark: the authorization matrix for 10,000 people x 10 items (100,000 access grants).

Not part of the normal test run (pytest ignores tests/benchmarks). Run either way:

    .venv/bin/python tests/benchmarks/bench_authorization.py
    .venv/bin/pytest -o addopts="" -s tests/benchmarks/bench_authorization.py

The data (a SQLite file, built with Core inserts, not timed) has realistic people: dated
citizenships, dual nationals, a mix of statuses, applications and licenses for a fifth of
them. It prints the time of ``authorization_matrix`` (reading everything, determining every
pair, deriving every state), split into its parts, and the time of a baseline measured in the
same run: one plain SELECT of the 100,000 grants joined to their people and items (the
reading any matrix needs), with the ratio.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import select

sys.path.insert(0, str(Path(__file__).parent))

from bench_data import ECCNS, build
from figures import figure

from licenseapp.domain.rules import load_rulesets
from licenseapp.domain.rules.reference import load_reference
from licenseapp.services.catalog.access_data import Determiner, load_snapshot
from licenseapp.services.collector import collector_paused
from licenseapp.services.directive.authorization import authorization_matrix
from licenseapp.store.models import AccessGrant, ControlledItem, Person

PEOPLE = 10_000


def clear_engine_memos() -> None:
    from licenseapp.domain.rules import ruleset_evaluation

    ruleset_evaluation._VIEWS.clear()
    ruleset_evaluation._PARTS.clear()

ON = date(2026, 11, 27)


def run(folder: Path | None = None) -> dict[str, float]:
    where = folder or Path(tempfile.mkdtemp(prefix="bench-auth-"))
    t0 = time.perf_counter()
    db = build(where / "auth.db", PEOPLE, ECCNS)
    print(f"data built in {time.perf_counter() - t0:.1f} s (not timed below)")
    rulesets = load_rulesets()
    load_reference()
    try:
        def select_grants() -> list[Any]:
            with db.reading() as s:
                return list(s.execute(
                    select(AccessGrant.id, AccessGrant.state, Person.ref, Person.given_name,
                           Person.immigration_status, ControlledItem.classification)
                    .join(Person, Person.id == AccessGrant.person_id)
                    .join(ControlledItem, ControlledItem.id == AccessGrant.item_id)).all())

        rows = select_grants()  # warm-up: one cold SELECT swings a ratio with no change
        times = []
        for _ in range(3):
            t0 = time.perf_counter()
            select_grants()
            times.append(time.perf_counter() - t0)
        baseline = statistics.median(times)

        t0 = time.perf_counter()
        matrix = authorization_matrix(db, ON, rulesets=rulesets)
        total = time.perf_counter() - t0

        clear_engine_memos()  # the parts below, measured cold like the whole above
        with collector_paused():  # as the matrix does
            t0 = time.perf_counter()
            with db.reading() as s:
                snap = load_snapshot(s)
            loading = time.perf_counter() - t0
            t0 = time.perf_counter()
            determiner = Determiner(rulesets, ON)
            for g in snap.grants:
                determiner(snap.people[g.person_id].facts, snap.items[g.item_id].facts)
            determining = time.perf_counter() - t0
    finally:
        db.dispose()
    cells = len(matrix.cells)
    assert cells == len(rows) == PEOPLE * len(ECCNS)
    print(f"authorization matrix, {cells:,} grants: {total:.3f} s "
          f"({total / cells * 1e6:.1f} µs per grant)")
    print(f"  of which reading (snapshot): {loading:.3f} s; determining: {determining:.3f} s "
          f"({determiner.calls:,} distinct person-facts x item determinations); the rest "
          f"(states, cells): {max(0.0, total - loading - determining):.3f} s")
    print(f"baseline, one SELECT of the {len(rows):,} grants with person and item (warmed, "
          f"median of 3): {baseline:.3f} s")
    print(f"ratio matrix / baseline: {total / baseline:.1f}x")
    print("states: " + ", ".join(f"{k.value} {v:,}" for k, v in matrix.counts().items() if v))
    figure(f"authorization matrix, {PEOPLE:,} people × {len(ECCNS)} items", total, baseline,
           None, baseline_name="SELECT of the grants with person and item")
    return {"total": total, "baseline": baseline, "loading": loading,
            "determining": determining}


def test_authorization_benchmark(tmp_path: Path) -> None:
    run(tmp_path)


if __name__ == "__main__":
    run()
