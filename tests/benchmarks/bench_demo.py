"""Benchmark: ``generate_demo`` with 100,000 applications on SQLite (the goal: under 60 s).

Not part of the normal test run (pytest ignores tests/benchmarks). Run either way:

    .venv/bin/python tests/benchmarks/bench_demo.py [SIZE]
    .venv/bin/pytest -o addopts="" -s tests/benchmarks/bench_demo.py

It prints the wall-clock seconds, the processor seconds (all threads) and what was written,
then checks the result with ``verify`` (not timed).
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from figures import figure, suite_or

from licenseapp.demo.dataset import generate_demo
from licenseapp.services.safety.integrity import verify
from licenseapp.store.database import open_database

SIZE = 100_000
LIMIT_SECONDS = 60.0
SUITE_SIZE = 10_000  # in scripts/bench.sh: the 100,000 one takes a tenth of its budget


def run(size: int = SIZE, folder: Path | None = None) -> float:
    where = folder or Path(tempfile.mkdtemp(prefix="bench-demo-"))
    db = open_database(str(where / "demo.db"))
    try:
        wall, cpu = time.perf_counter(), time.process_time()
        summary = generate_demo(db, size=size)
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        print(f"demo size={size}: {wall:.1f} s ({cpu:.1f} s of processor time); {summary}")
        started = time.perf_counter()
        report = verify(db)
        print(f"verify: {report.records_checked} records, ok={report.ok} "
              f"({time.perf_counter() - started:.1f} s, not part of the figure above)")
        assert report.ok, report.findings[:5]
        figure(f"demo data set, {size:,} applications (wall)", wall, None,
               LIMIT_SECONDS * size / SIZE)
        return wall
    finally:
        db.dispose()


def test_demo_100k_is_under_a_minute(tmp_path: Path) -> None:
    assert run(SIZE, tmp_path) < LIMIT_SECONDS


if __name__ == "__main__":
    run(int(sys.argv[1]) if len(sys.argv) > 1 else suite_or(SIZE, SUITE_SIZE))
