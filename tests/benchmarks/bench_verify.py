"""Benchmark: `verify` against its baseline, in the same run.

Not part of the normal test run. Run:

    .venv/bin/python tests/benchmarks/bench_verify.py [DB]

DB defaults to /tmp/big.db (100,000 applications; made with ``demo --size 100000`` if
missing, not timed). Ours: :func:`licenseapp.services.safety.integrity.verify` (integrity
check, audit chain, every sealed record's HMAC, attachments). Baseline: SQLite's
``PRAGMA integrity_check`` and the SHA-256 of every row of the same tables read with the
plain ``sqlite3`` module (the least any check of every record must do). Wall time and CPU
time of each (the machine's other load shows in the first, less in the second). The file
is read once first, untimed (in the page cache for both). Once each in the suite
(scripts/bench.sh, a minute or more each at 100k); alone, the medians of three in turn.
Target: ours ≤ 1.5× the baseline. Also timed once each at 1,000 and 10,000 applications
(bench_cli_growth.py's databases): the growth exponent of ``verify`` (target ≤ 1.15).
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from bench_cli_growth import SIZES, Growth, database
from bench_cli_growth import report as report_growth
from command_runs import cached
from figures import suite_or

DEFAULT_DB = Path(os.environ.get("LICENSEAPP_BENCH_DB", "/tmp/big.db"))


def timed(work: object) -> tuple[float, float]:
    t0, c0 = time.perf_counter(), time.process_time()
    work()  # type: ignore[operator]
    return time.perf_counter() - t0, time.process_time() - c0


def baseline(db: Path) -> None:
    from licenseapp.store.seals import SEALED_TABLES

    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    sha256 = hashlib.sha256
    for name in SEALED_TABLES:
        cursor = conn.execute(f"SELECT * FROM {name} ORDER BY 1")
        while rows := cursor.fetchmany(5_000):
            for row in rows:
                sha256(repr(row).encode("utf-8")).hexdigest()
    conn.close()


def ours(db: Path) -> None:
    from licenseapp.services.safety.integrity import verify
    from licenseapp.store.database import open_database

    database = open_database(str(db))
    try:
        report = verify(database)
        assert not report.findings and not report.key_missing, report.findings[:3]
    finally:
        database.dispose()


def main(db: Path = DEFAULT_DB) -> dict[str, tuple[float, float]]:
    if not db.exists() or db.stat().st_size == 0:
        subprocess.run([sys.executable, "-m", "licenseapp", "--db", str(db), "demo",
                        "--size", "100000"], check=True)
    cached(db)
    runs = [(timed(lambda: baseline(db)), timed(lambda: ours(db)))
            for _ in range(suite_or(3, 1))]
    base = (statistics.median(b[0] for b, _ in runs), statistics.median(b[1] for b, _ in runs))
    mine = (statistics.median(m[0] for _, m in runs), statistics.median(m[1] for _, m in runs))
    print(f"verify, {db}: ours {mine[0]:.1f} s (CPU {mine[1]:.1f} s), baseline "
          f"integrity_check + SHA-256 of every row {base[0]:.1f} s (CPU {base[1]:.1f} s): "
          f"{mine[0] / base[0]:.2f}× wall, {mine[1] / base[1]:.2f}× CPU (target ≤ 1.5×)")
    from figures import figure

    paths = {size: database(size) for size in SIZES[:-1]}
    smaller = {size: timed(lambda p=path: ours(p))[0] for size, path in paths.items()}
    report_growth(Growth("verify (in one process)", smaller | {SIZES[-1]: mine[0]}, False))
    figure("verify, 100k (wall)", mine[0], base[0], 1.5,
           baseline_name="integrity_check + SHA-256 of every row")
    figure("verify, 100k (CPU)", mine[1], base[1], 1.5,
           baseline_name="integrity_check + SHA-256 of every row")
    return {"ours": mine, "baseline": base}


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_DB)
