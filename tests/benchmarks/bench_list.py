"""Benchmark: the applications list at 100,000 applications — ready, filtered, sorted.

Not part of the normal test run (pytest ignores tests/benchmarks). Run either way:

    .venv/bin/python tests/benchmarks/bench_list.py [DB]
    .venv/bin/pytest -o addopts="" -s tests/benchmarks/bench_list.py

DB defaults to /tmp/big.db; if it does not exist it is made with ``demo --size 100000``
(about 45 s, not timed). Timed, in the desktop app's own widgets (offscreen):

- list ready: from ``open_database`` to the first rows shown (the newest page), and to the
  whole list loaded, sortable and filterable — target under 2 s;
- a filter keystroke to the updated view (the work after the typing pause), median over
  typed letters, a status choice and "Mine" — target under 100 ms;
- a click on a column header to the re-sorted view.

Beside them, a baseline measured in the same run: one plain SELECT of the list's columns
(the reading any list needs), with the ratios.
"""

from __future__ import annotations

import itertools
import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

DEFAULT_DB = Path(os.environ.get("LICENSEAPP_BENCH_DB", "/tmp/big.db"))
SIZE = 100_000


def _ensure(path: Path) -> None:
    if path.exists() and path.stat().st_size > 0:
        return
    from licenseapp.demo.dataset import generate_demo
    from licenseapp.store.database import open_database

    t0 = time.perf_counter()
    db = open_database(str(path))
    try:
        generate_demo(db, size=SIZE)
    finally:
        db.dispose()
    print(f"demo data ({SIZE:,} applications) made in {time.perf_counter() - t0:.0f} s "
          "(not timed)")


def _baseline(path: Path) -> float:
    from sqlalchemy import text

    from licenseapp.store.database import open_database

    db = open_database(str(path))
    try:
        with db.engine.connect() as conn:
            query = text(
                "SELECT a.id, a.ref, a.status, a.regulator_code, a.form_code, o.legal_name, "
                "p.id, p.given_name, p.family_name, p.native_name, a.regulator_ref, a.owner, "
                "a.updated_at, a.status_changed_at, a.submitted_on FROM applications a "
                "JOIN organizations o ON o.id = a.organization_id "
                "LEFT JOIN people p ON p.id = a.person_id ORDER BY a.ref DESC")
            # Warmed, then the median of three: one cold SELECT swung the ratio 1.9×–6.3×
            # with no change in the product.
            conn.execute(query).all()
            times = []
            for _ in range(3):
                t0 = time.perf_counter()
                conn.execute(query).all()
                times.append(time.perf_counter() - t0)
            return statistics.median(times)
    finally:
        db.dispose()


def _wait(app, condition, timeout: float = 120.0) -> float:
    """Run the event loop until ``condition()``; returns the seconds it took."""
    t0 = time.perf_counter()
    while not condition():
        app.processEvents()
        if time.perf_counter() - t0 > timeout:
            raise TimeoutError("the list did not get there in time")
        time.sleep(0.001)
    return time.perf_counter() - t0


def _first_switch(app, window, runner, ticks: list[float], row: int) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    """Go to the screen at navigation ``row`` (not built yet): the seconds its building and
    showing took, and the longest gap of the 5 ms timer from the switch until its loading
    is done (and 0.3 s more)."""
    before = ticks[-1] if ticks else time.perf_counter()
    t0 = time.perf_counter()
    window.nav.setCurrentRow(row)
    built = time.perf_counter() - t0
    _wait(app, lambda: runner.pending == 0, timeout=600)
    until = time.perf_counter() + 0.3
    _wait(app, lambda: time.perf_counter() >= until)
    after = [before] + [t for t in ticks if t > before]
    return built, max((b - a for a, b in itertools.pairwise(after)), default=0.0)


def run(path: Path = DEFAULT_DB) -> dict[str, float]:
    _ensure(path)
    baseline = _baseline(path)

    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from licenseapp.gui.applications.model import ApplicationColumn
    from licenseapp.gui.garbage import MainThreadCollector
    from licenseapp.gui.main_window import MainWindow
    from licenseapp.gui.tasks import TaskRunner

    app = QApplication.instance() or QApplication([])
    collector = MainThreadCollector(app)  # as the app runs: collections on the GUI thread
    runner = TaskRunner()
    window = MainWindow(runner)
    window.resize(1280, 800)
    window.show()
    window.show_page(window.applications)
    apps = window.applications
    app.processEvents()
    if hasattr(window, "first_paint"):  # (absent before screens were built when shown)
        from licenseapp.gui.window.warm_up import import_screens_later

        window.first_paint.later(lambda: import_screens_later(runner))  # as gui/app.py does

    # A 5 ms timer on the GUI thread: the longest gap between its ticks is the longest the
    # window could not react (to a scroll, a click, a key) while the list loaded.
    from PySide6.QtCore import QTimer

    ticks: list[float] = []
    ticker = QTimer()
    ticker.setInterval(5)
    ticker.timeout.connect(lambda: ticks.append(time.perf_counter()))
    ticker.start()
    t0 = time.perf_counter()
    window.open_database(str(path))
    _wait(app, lambda: apps.model.rowCount() > 0)
    first_rows = time.perf_counter() - t0
    _wait(app, lambda: apps.is_loaded)
    all_rows = time.perf_counter() - t0
    stall = max((b - a for a, b in itertools.pairwise(ticks)), default=0.0)
    # Then every screen opened in turn for the first time (each built then), until nothing
    # is left to load, and two seconds more of idling (the collector's checks run on a
    # one-second timer): the freeze figure covers the deadlines' load and the collector's
    # pauses, not only the list's.
    first_switches = {}
    for row in range(window.nav.count()):
        title = window.nav.item(row).text()
        if title == "Applications":
            continue
        first_switches[title] = _first_switch(app, window, runner, ticks, row)
    window.show_page(window.applications)
    _wait(app, lambda: runner.pending == 0, timeout=600)  # the other screens' loading
    settled = time.perf_counter() - t0
    idle_until = time.perf_counter() + 2.0
    _wait(app, lambda: time.perf_counter() >= idle_until)
    ticker.stop()
    stall_idle = max((b - a for a, b in itertools.pairwise(ticks)), default=0.0)

    def filtered(action) -> float:
        """Seconds from ``action`` to the updated view, the typing pause left out."""
        t = time.perf_counter()
        action()
        apps._filter_timer.stop()  # as if the pause were over: measure the work itself
        apps._apply_text_filter()
        apps.table.viewport().repaint()
        return time.perf_counter() - t

    times = []
    for letter in "zhang":
        times.append(filtered(lambda ch=letter: QTest.keyClick(apps.filter_edit, ch)))
    shown_zhang = apps.proxy.rowCount()
    for _ in "zhang":
        times.append(filtered(lambda: QTest.keyClick(apps.filter_edit, Qt.Key.Key_Backspace)))
    times.append(filtered(lambda: apps.status_combo.setCurrentIndex(
        apps.status_combo.findText("With the regulator"))))
    times.append(filtered(lambda: apps.mine_check.setChecked(True)))
    times.append(filtered(lambda: apps.mine_check.setChecked(False)))
    times.append(filtered(lambda: apps.status_combo.setCurrentIndex(0)))
    filter_median = statistics.median(times)
    debounce_ms = apps._filter_timer.interval()

    sorts = []
    for column in (ApplicationColumn.FOREIGN_NATIONAL, ApplicationColumn.STATUS,
                   ApplicationColumn.UPDATED, ApplicationColumn.REF):
        t = time.perf_counter()
        apps.table.sortByColumn(column, Qt.SortOrder.AscendingOrder)
        apps.table.viewport().repaint()
        sorts.append(time.perf_counter() - t)

    window.close()
    runner.shutdown()
    collector.stop()
    print(f"applications: {apps.model.rowCount():,}")
    print(f"baseline, one plain SELECT of the list's columns: {baseline:.3f} s")
    print(f"list ready, open → first rows shown: {first_rows:.3f} s "
          f"(ratio {first_rows / baseline:.1f}x)  target < 2 s")
    print(f"list ready, open → all rows loaded, sortable and filterable: {all_rows:.3f} s "
          f"(ratio {all_rows / baseline:.1f}x)")
    print(f"longest the window could not react while the list loaded: {stall * 1000:.0f} ms")
    for title, (built, gap) in first_switches.items():
        print(f"first switch to {title}: built and shown in {built * 1000:.0f} ms; longest "
              f"GUI gap until it was loaded {gap * 1000:.0f} ms  target < 50 ms")
    print(f"every screen loaded (dashboard, deadlines, authorization...): {settled:.1f} s")
    print(f"longest the window could not react until every screen was loaded and idle: "
          f"{stall_idle * 1000:.0f} ms  target < 50 ms")
    print(f"filter change → updated view, median of {len(times)}: "
          f"{filter_median * 1000:.0f} ms (max {max(times) * 1000:.0f} ms; "
          f"ratio {filter_median / baseline:.2f}x)  target < 100 ms; "
          f"typing waits {debounce_ms} ms for a pause first above 20,000 rows; "
          f"'zhang' left {shown_zhang:,} rows")
    print(f"sort by a column → re-sorted view: median {statistics.median(sorts) * 1000:.0f} ms "
          f"(max {max(sorts) * 1000:.0f} ms)")
    from figures import figure

    figure("applications list, open → first rows, 100k", first_rows, baseline, None,
           baseline_name="warm SELECT of the columns")
    figure("applications list, open → all rows, 100k", all_rows, baseline, None,
           baseline_name="warm SELECT of the columns")
    figure("open → every screen loaded, 100k", settled, baseline, None,
           baseline_name="warm SELECT of the columns")
    worst = max(first_switches, key=lambda t: first_switches[t][1])
    figure(f"first switch to a screen, longest GUI gap (worst: {worst}), 100k",
           first_switches[worst][1] * 1000, None, 50, "ms")
    figure("longest GUI freeze until every screen loaded and idle, 100k", stall_idle * 1000,
           None, 50, "ms")
    figure("filter keystroke, 100k (median)", filter_median, baseline, 1.0,
           baseline_name="warm SELECT of the columns")
    figure("header sort, 100k (median)", statistics.median(sorts), None, 0.05)
    return {"baseline": baseline, "first_rows": first_rows, "all_rows": all_rows,
            "settled": settled, "filter_median": filter_median, "stall": stall,
            "stall_idle": stall_idle, "sort_median": statistics.median(sorts)}


def test_list_at_100000() -> None:
    figures = run(Path(os.environ.get("LICENSEAPP_BENCH_DB", str(DEFAULT_DB))))
    assert figures["first_rows"] < 2.0  # the target
    assert figures["filter_median"] < 0.25  # a guard against freezes; the target is 0.1


if __name__ == "__main__":
    run(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_DB)
