"""Benchmark: directive day's one action — every access of 1,000 people x 3 items suspended
against the order, < 5 s (issue #14), beside a plain UPDATE of the same grants.

Not part of the normal test run (pytest ignores tests/benchmarks). Run either way:

    .venv/bin/python tests/benchmarks/bench_suspension.py [URL URL]
    .venv/bin/pytest -o addopts="" -s tests/benchmarks/bench_suspension.py

It records the 2026 directive's order, then times ``suspend_under_order`` (every access the
impact lists: each grant suspended, sealed and audited, a suspension row against the order,
and the determination it acted on stored), and, on a second copy of the same data in the
same run, the baseline: one UPDATE setting those grants' state, with the ratio. SQLite by
default; two URLs of empty PostgreSQL databases (ours, baseline) measure the server.
"""

from __future__ import annotations

import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import update

sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(0, str(Path(__file__).parents[1]))

from directive_population import populate
from figures import figure

from licenseapp.services.directive.impact import impact
from licenseapp.services.directive.orders import record_order, suspend_under_order
from licenseapp.store.database import Database, open_database
from licenseapp.store.models import AccessGrant

PEOPLE = 1_000
DIRECTIVE = "ai-access-directive-2026"
RECEIVED = datetime(2026, 12, 1, 14, 0, tzinfo=UTC)
LIMIT = 5.0  # seconds (issue #14)


def _fresh(url: str) -> Database:
    db = open_database(url)
    populate(db, PEOPLE, 3)
    return db


def run(urls: list[str] | None = None) -> dict[str, float]:
    if not urls:
        folder = Path(tempfile.mkdtemp(prefix="bench-suspension-"))
        urls = [str(folder / "ours.db"), str(folder / "baseline.db")]
    where = "PostgreSQL" if urls[0].startswith("postgresql") else "SQLite"
    db = _fresh(urls[0])
    try:
        order = record_order(db, DIRECTIVE, RECEIVED, "America/New_York", 90, actor="bench")
        must = impact(db, DIRECTIVE, RECEIVED.date()).must_stop()
        t0 = time.perf_counter()
        result = suspend_under_order(db, order.id, actor="bench")
        ours = time.perf_counter() - t0
        assert len(result.suspended) == len(must)
        grant_ids = [p.grant_id for p in must]
    finally:
        db.dispose()
    db = _fresh(urls[1])
    try:
        t0 = time.perf_counter()
        with db.unit_of_work() as s:
            s.execute(update(AccessGrant).where(AccessGrant.id.in_(grant_ids))
                      .values(state="suspended"))
        baseline = time.perf_counter() - t0
    finally:
        db.dispose()
    print(f"{where}: {len(must):,} accesses of {PEOPLE:,} people suspended in one action: "
          f"{ours:.2f} s — target < {LIMIT:.0f} s")
    print(f"baseline, one UPDATE of the same grants: {baseline:.3f} s; "
          f"ratio {ours / baseline:.1f}x")
    figure(f"suspend every access, {PEOPLE:,} people × 3 items ({where})", ours, None, LIMIT)
    figure(f"suspend every access vs one UPDATE ({where})", ours, baseline, None,
           baseline_name="one UPDATE")
    return {"ours": ours, "baseline": baseline}


def test_suspension_benchmark() -> None:
    assert run()["ours"] < LIMIT


if __name__ == "__main__":
    run(sys.argv[1:3] or None)
