"""Benchmark: what is due, at 100,000 applications.

Not part of the normal test run (pytest ignores tests/benchmarks). Run either way:

    .venv/bin/python tests/benchmarks/bench_deadlines.py [DB] [--plain]
    .venv/bin/pytest -o addopts="" -s tests/benchmarks/bench_deadlines.py

DB defaults to /tmp/big.db (``$LICENSEAPP_BENCH_DB``); if it does not exist it is made with
``demo --size 100000`` (about 45 s, not timed). An existing database is opened without
upgrading it: nothing is written. Timed, best and median of five runs after a warm-up:

- ``upcoming_deadlines``: the open deadlines of the coming 90 days (the command's default,
  the status bar's count);
- ``tracked_deadlines`` for a year ahead with the done and snoozed ones (what the
  "Licenses & deadlines" screen loads).

Beside them, a baseline measured in the same run: one plain SELECT of the applications' ids
and statuses (the least any answer about 100,000 applications reads), with the ratios.
``--plain`` also times the straightforward computation (every license and document as ORM
objects; the reference the tests compare with) once, for the speed-up.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

from bench_list import DEFAULT_DB, _ensure  # the same 100,000-application data set
from figures import figure, suite_or

RUNS = suite_or(5, 3)


def _times(work: Callable[[], object], runs: int = RUNS) -> list[float]:
    work()  # warm-up: caches, compiled statements
    found = []
    for _ in range(runs):
        t0 = time.perf_counter()
        work()
        found.append(time.perf_counter() - t0)
    return found


def run(path: Path, *, plain: bool = False) -> dict[str, float]:
    from sqlalchemy import text

    from licenseapp.demo.dataset import DEMO_TODAY
    from licenseapp.services.follow_up.deadlines import tracked_deadlines, upcoming_deadlines
    from licenseapp.store.database import open_database

    _ensure(path)
    db = open_database(str(path), upgrade=False)
    try:
        with db.engine.connect() as conn:
            applications = conn.execute(text("SELECT count(*) FROM applications")).scalar_one()

            def baseline_select() -> None:
                conn.execute(text("SELECT id, status FROM applications")).all()

            baseline = min(_times(baseline_select))
        today = DEMO_TODAY
        due = upcoming_deadlines(db, today=today)
        upcoming = _times(lambda: upcoming_deadlines(db, today=today))
        screen = _times(lambda: tracked_deadlines(db, within_days=365, today=today,
                                                  include_done=True))
        shown = len(tracked_deadlines(db, within_days=365, today=today, include_done=True))
        figures = {"baseline": baseline, "upcoming": min(upcoming),
                   "upcoming_median": statistics.median(upcoming), "screen": min(screen),
                   "screen_median": statistics.median(screen)}
        if plain:
            figures["plain"] = _plain(db, today)
    finally:
        db.dispose()

    print(f"applications: {applications:,}; due within 90 days: {len(due):,}; "
          f"on the screen (a year, done and snoozed too): {shown:,}")
    print(f"baseline, one plain SELECT of the applications' ids and statuses: "
          f"{baseline * 1000:.1f} ms")
    print(f"upcoming_deadlines (90 days): best {figures['upcoming']:.3f} s, median "
          f"{figures['upcoming_median']:.3f} s (ratio {figures['upcoming'] / baseline:.0f}x)")
    print(f"tracked_deadlines (365 days, with done): best {figures['screen']:.3f} s, median "
          f"{figures['screen_median']:.3f} s (ratio {figures['screen'] / baseline:.0f}x)")
    if plain:
        print(f"straightforward computation (90 days), once: {figures['plain']:.2f} s "
              f"({figures['plain'] / figures['upcoming']:.0f}x the optimized one)")
    figure(f"upcoming deadlines (90 days), {applications // 1000}k (median of {RUNS})",
           figures["upcoming_median"], baseline, None,
           baseline_name="SELECT of the applications' ids and statuses, best")
    figure(f"deadlines screen's data (a year, done too), {applications // 1000}k (median of "
           f"{RUNS})", figures["screen_median"], baseline, None,
           baseline_name="SELECT of the applications' ids and statuses, best")
    figure("upcoming deadlines (90 days), absolute (the test's guard)", figures["upcoming"],
           None, 2.0)
    return figures


def _plain(db: object, today: object) -> float:
    """upcoming_deadlines with the tests' reference computation in place of the query."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "services"))
    from test_deadline_queries import plain_deadlines  # type: ignore[import-not-found]

    from licenseapp.services.follow_up import deadlines as service

    optimized = service.compute_deadlines
    service.compute_deadlines = plain_deadlines
    try:
        t0 = time.perf_counter()
        service.upcoming_deadlines(db, today=today)  # type: ignore[arg-type]
        return time.perf_counter() - t0
    finally:
        service.compute_deadlines = optimized


def test_deadlines_at_100000() -> None:
    figures = run(Path(os.environ.get("LICENSEAPP_BENCH_DB", str(DEFAULT_DB))))
    assert figures["upcoming"] < 2.0  # was 5.5 s before the query was narrowed


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    run(Path(args[0]) if args else DEFAULT_DB, plain="--plain" in sys.argv)
