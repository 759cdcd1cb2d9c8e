"""Benchmark: memory at 100,000 applications with every screen opened, against a bare table.

Not part of the normal test run. Run:

    .venv/bin/python tests/benchmarks/bench_memory.py [DB] [--trace]

DB defaults to ``$LICENSEAPP_BENCH_DB`` or /tmp/big.db (made with ``demo --size 100000`` when
missing, not timed; see bench_list.py). Each side runs in a fresh process of its own, since
the peak (``ru_maxrss``) is a process's:

- ours: the desktop app as it starts (``gui/app.py`` ``start``, offscreen, a scratch HOME),
  the database opened, then every screen opened in turn through the navigation list (as a
  user clicks it), each left until nothing is loading and a second more; after each screen,
  the process's RSS now and its peak so far;
- the baseline, in the same run: a bare ``QTableView`` over 100,000 plain tuples of the
  applications list's columns (one SELECT), shown — the issue's "bare table with 100k rows".

``--trace`` runs ours under tracemalloc and prints, after each screen, the allocation sites
that grew most (slower, and its own bookkeeping adds memory: for finding holders, not for
the figures).
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).parent))

DEFAULT_DB = Path(os.environ.get("LICENSEAPP_BENCH_DB", "/tmp/big.db"))
#: Nothing loading for this long: the screen is idle.
QUIET = 1.0
TIMEOUT = 600.0


def _mb_now() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def _mb_peak() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _report(label: str) -> None:
    print(f"RSS|{label}|{_mb_now():.1f}|{_mb_peak():.1f}", flush=True)


def _settle(app, busy) -> None:  # type: ignore[no-untyped-def]
    """Run the event loop until ``busy()`` has been false for :data:`QUIET` seconds."""
    start = quiet_since = time.perf_counter()
    while True:
        app.processEvents()
        now = time.perf_counter()
        if busy():
            quiet_since = now
        elif now - quiet_since >= QUIET:
            return
        if now - start > TIMEOUT:
            raise TimeoutError("the screens did not finish loading")
        time.sleep(0.005)


def child_app(db: str, trace: bool) -> None:
    if trace:
        import tracemalloc

        tracemalloc.start(3)
    from licenseapp.gui.app import start

    desktop = start(db, sys.argv[:1], install_hooks=False)
    window, runner, app = desktop.window, desktop.runner, desktop.app
    snapshot = _snapshot() if trace else None
    t0 = time.perf_counter()
    _settle(app, lambda: window.database is None or runner.pending > 0)
    print(f"opened and the first screen loaded in {time.perf_counter() - t0:.1f} s", flush=True)
    _report("opened, " + window.nav.currentItem().text())
    snapshot = _growth(snapshot, "opened")
    for row in range(window.nav.count()):
        title = window.nav.item(row).text()
        t = time.perf_counter()
        window.nav.setCurrentRow(row)  # as a click on the navigation list
        _settle(app, lambda: runner.pending > 0)
        print(f"{title}: idle after {time.perf_counter() - t:.1f} s", flush=True)
        _report(title)
        snapshot = _growth(snapshot, title)
    desktop.close()


def _snapshot() -> Any:
    import gc
    import tracemalloc

    gc.collect()
    return tracemalloc.take_snapshot().filter_traces(
        [tracemalloc.Filter(False, tracemalloc.__file__)])


def _growth(before: Any, label: str) -> Any:
    """The allocation sites that grew most since ``before`` (under ``--trace``)."""
    if before is None:
        return None
    after = _snapshot()
    total = sum(s.size for s in after.statistics("filename")) / 1e6
    print(f"TRACE {label}: traced {total:.1f} MB", flush=True)
    for stat in after.compare_to(before, "traceback")[:8]:
        if stat.size_diff < 1_000_000:
            break
        frames = " <- ".join(f"{Path(f.filename).name}:{f.lineno}" for f in stat.traceback)
        print(f"TRACE   {stat.size_diff / 1e6:+7.1f} MB {stat.count_diff:+9,} objects  {frames}",
              flush=True)
    return after


def child_bare(db: str) -> None:
    """A bare QTableView over the list's 100,000 rows, as plain tuples from one SELECT."""
    import sqlite3

    from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
    from PySide6.QtWidgets import QApplication, QTableView

    app = QApplication(sys.argv[:1])
    with sqlite3.connect(db) as conn:
        rows = conn.execute(
            "SELECT a.ref, a.status, a.regulator_code, a.form_code, o.legal_name, "
            "p.given_name, p.family_name, p.native_name, a.regulator_ref, a.owner, "
            "a.updated_at FROM applications a "
            "JOIN organizations o ON o.id = a.organization_id "
            "LEFT JOIN people p ON p.id = a.person_id ORDER BY a.ref DESC").fetchall()

    class Rows(QAbstractTableModel):
        def rowCount(self, parent=QModelIndex()) -> int:  # type: ignore[no-untyped-def]  # noqa: B008
            return len(rows)

        def columnCount(self, parent=QModelIndex()) -> int:  # type: ignore[no-untyped-def]  # noqa: B008
            return len(rows[0]) if rows else 0

        def data(self, index, role=Qt.ItemDataRole.DisplayRole):  # type: ignore[no-untyped-def]
            if role != Qt.ItemDataRole.DisplayRole:
                return None
            value = rows[index.row()][index.column()]
            return "" if value is None else str(value)

    table = QTableView()
    model = Rows()
    table.setModel(model)
    table.resize(1280, 800)
    table.show()
    _settle(app, lambda: False)
    print(f"bare table: {len(rows):,} rows", flush=True)
    _report("bare table shown")


def _run_child(mode: str, db: Path, trace: bool = False) -> list[tuple[str, float, float]]:
    with tempfile.TemporaryDirectory() as home:
        env = dict(os.environ, HOME=home, XDG_CONFIG_HOME=str(Path(home) / ".config"),
                   XDG_DATA_HOME=str(Path(home) / ".local/share"),
                   XDG_CACHE_HOME=str(Path(home) / ".cache"))
        command = [sys.executable, __file__, "--child", mode, str(db)]
        if trace:
            command.append("--trace")
        done = subprocess.run(command, env=env, check=True, capture_output=True, text=True,
                              timeout=2 * TIMEOUT)
    figures = []
    for line in done.stdout.splitlines():
        if line.startswith("RSS|"):
            _, label, now, peak = line.split("|")
            figures.append((label, float(now), float(peak)))
        elif not line.startswith("qt."):
            print(f"  {line}")
    return figures


def run(db: Path = DEFAULT_DB, trace: bool = False) -> dict[str, float]:
    from bench_list import _ensure
    from figures import figure

    _ensure(db)
    bare = _run_child("bare", db)[-1]
    ours = _run_child("app", db, trace)
    print(f"Memory, {db} (100,000 applications), every screen opened in turn, each left idle")
    print(f"  baseline, bare QTableView over 100,000 tuples: {bare[1]:.0f} MB now, "
          f"{bare[2]:.0f} MB peak")
    print(f"  {'after':<34} {'RSS now':>9} {'added':>8} {'peak':>8}")
    before = 0.0
    for label, now, peak in ours:
        print(f"  {label:<34} {now:7.0f} MB {now - before:+6.0f} MB {peak:6.0f} MB")
        before = now
    opened, last = ours[0], ours[-1]
    peak = max(max(n, p) for _, n, p in ours)
    figure("peak memory, 100k, every screen opened", peak, bare[2], None, "MB",
           "bare QTableView with 100k rows of tuples")
    figure("peak memory, 100k, every screen opened, absolute", peak, None, 250, "MB")
    figure("memory now, 100k, every screen opened", last[1], bare[1], None, "MB",
           "bare QTableView with 100k rows of tuples")
    figure("memory now, 100k, database opened (applications list loaded)", opened[1],
           bare[1], None, "MB", "bare QTableView with 100k rows of tuples")
    before = opened[1]
    for label, now, _peak in ours[1:]:
        if now - before >= 5:
            figure(f"memory added by opening {label}", now - before, None, None, "MB")
        before = now
    return {"peak": peak, "now": last[1], "bare_peak": bare[2], "bare_now": bare[1]}


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if a != "--trace"]
    traced = "--trace" in sys.argv
    if args[:1] == ["--child"]:
        if args[1] == "bare":
            child_bare(args[2])
        else:
            child_app(args[2], traced)
    else:
        run(Path(args[0]) if args else DEFAULT_DB, traced)
