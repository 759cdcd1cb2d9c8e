"""Benchmark: the People screen's list at 50,000 people — open, header sort, clearing a search.

Not part of the normal test run (pytest ignores tests/benchmarks). Run:

    .venv/bin/python tests/benchmarks/bench_records_screens.py [PEOPLE]

The rows are made in memory (no database: this measures the screen, not the reading), put
in the People screen's own model, proxy and table (offscreen), and timed:

- open: the search keys and sort values made (on the worker thread, as the screen does), then
  the rows handed to the model until the sorted list is laid out;
- header sort: a click on the "Name" header, and back on "Ref.";
- search: a word typed, then the search cleared;

each with the longest gap of a 5 ms GUI-thread timer while it ran (a freeze the user would
feel). Beside them, the baseline measured in the same run: Qt's own C++ sort of the same
rows (a QStandardItemModel under a plain QSortFilterProxyModel, no Python per row).
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from collections.abc import Callable
from datetime import date

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

PEOPLE = 50_000
_NAMES = ["Wei Zhang", "José Álvarez", "Ana Müller", "Ivan Petrov", "Priya Sharma",
          "Kenji Sato", "Fatima Khan", "Olga Ivanova", "Liam O'Brien", "Chen Li"]
_NATIVE = ["张伟", "", "", "Иван Петров", "प्रिया शर्मा", "佐藤健二", "", "Ольга Иванова", "", "李晨"]
_COUNTRIES = [("CN",), ("ES", "MX"), ("DE",), ("RU",), ("IN",), ("JP",), ("PK",), ("RU", "UA"),
              ("IE",), ("CN", "SG")]


def people(count: int) -> list:  # type: ignore[type-arg]
    from licenseapp.services.catalog.people import PersonSummary

    return [
        PersonSummary(
            id=n + 1, ref=f"P-{n + 1:05d}", name=f"{_NAMES[n % 10]} {n}",
            native_name=_NATIVE[n % 10], citizenships=_COUNTRIES[n % 10],
            immigration_status=("h1b", "f1_opt", "l1", "")[n % 4],
            employer=f"Employer {n % 97}", job_title=f"Engineer {n % 13}",
            date_of_birth=date(1980 + n % 20, 1 + n % 12, 1 + n % 28),
        )
        for n in range(count)
    ]


class GapMeter:
    """The longest gap between ticks of a 5 ms GUI-thread timer while :meth:`run` runs
    ``work`` and the events it leaves queued."""

    def __init__(self) -> None:
        from PySide6.QtCore import QTimer

        self.longest = 0.0
        self._last = time.perf_counter()
        self._timer = QTimer()
        self._timer.setInterval(5)
        self._timer.timeout.connect(self._tick)

    def _tick(self) -> None:
        now = time.perf_counter()
        self.longest = max(self.longest, now - self._last)
        self._last = now

    def run(self, work: Callable[[], None]) -> tuple[float, float]:
        """(seconds until the work and its repaint are done, longest gap in seconds)."""
        from PySide6.QtWidgets import QApplication

        self._timer.start()
        QApplication.processEvents()
        self.longest, self._last = 0.0, time.perf_counter()
        t0 = time.perf_counter()
        work()
        QApplication.processEvents()
        took = time.perf_counter() - t0
        self._tick()
        self._timer.stop()
        return took, self.longest


def measure_ours(count: int) -> dict[str, tuple[float, float]]:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from licenseapp.gui.people.model import PeopleModel, PeopleProxy, PersonColumn
    from licenseapp.gui.tables import record_table

    rows = people(count)
    model, proxy = PeopleModel(), PeopleProxy()
    proxy.setSourceModel(model)
    table = record_table(proxy, "People", {})
    table.setSortingEnabled(True)
    table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    table.resize(1000, 700)
    table.show()
    QApplication.processEvents()
    meter = GapMeter()
    # As the screen loads: the rows with their search keys, the sorted column's values and
    # every column's order both ways made on the worker thread (timed apart, not on the GUI
    # thread), then handed to the model.
    t0 = time.perf_counter()
    ready = model.prepared(rows, [proxy.sortColumn()])
    out = {"open: keys made (worker thread)": (time.perf_counter() - t0, 0.0)}
    out["open: rows shown"] = meter.run(lambda: model.set_rows(*ready))
    assert proxy.rowCount() == count
    out["header sort (Name)"] = meter.run(
        lambda: table.sortByColumn(PersonColumn.NAME, Qt.SortOrder.AscendingOrder))
    out["header sort (Ref., back)"] = meter.run(
        lambda: table.sortByColumn(PersonColumn.REF, Qt.SortOrder.DescendingOrder))
    out["search typed"] = meter.run(lambda: proxy.set_text_filter("petrov 4"))
    assert 0 < proxy.rowCount() < count
    out["search cleared"] = meter.run(lambda: proxy.set_text_filter(""))
    assert proxy.rowCount() == count
    table.close()
    return out


def measure_deadlines(count: int) -> dict[str, tuple[float, float]]:
    """The Deadlines screen's list: ``count`` deadlines of four kinds; one kind chosen, then
    "All kinds" again, each with the summary line worked out as the screen does."""
    from datetime import timedelta

    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from licenseapp.domain.deadlines import Deadline
    from licenseapp.gui.tables import record_table
    from licenseapp.gui.tracking.deadlines_model import DeadlinesFilterProxy, DeadlinesTableModel
    from licenseapp.gui.tracking.deadlines_table import DeadlinesTable

    today = date(2026, 6, 1)
    kinds = ("renewal", "response", "report", "expiry")
    rows = [Deadline(key=f"LA-2026-{n}:{kinds[n % 4]}", kind=kinds[n % 4],
                     due_on=today + timedelta(days=n % 400 - 30), title=f"Due {n}",
                     application_ref=f"LA-2026-{n}") for n in range(count)]
    model, proxy = DeadlinesTableModel(today=today), DeadlinesFilterProxy()
    proxy.setSourceModel(model)
    table = record_table(proxy, "Deadlines", {})
    table.setSortingEnabled(True)
    table.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)
    table.resize(1000, 700)
    table.show()
    QApplication.processEvents()
    counts = type("Counts", (), {"overdue": 0, "due_this_week": 0})()
    summary = DeadlinesTable.show_summary

    class Holder:  # what show_summary reads from the screen's list
        def __init__(self) -> None:
            self.model, self.proxy = model, proxy
            self.summary_label = type("L", (), {"setText": lambda self, text: None})()

    holder = Holder()

    def step(work: Callable[[], None]) -> Callable[[], None]:
        def run() -> None:
            work()
            summary(holder, counts)  # type: ignore[arg-type]
        return run

    meter = GapMeter()
    ready, sort = model.sorted_for_display(rows)  # on the worker, as the screen does
    out = {"deadlines: loaded": meter.run(step(
        lambda: model.set_deadlines(ready, today, sorted_as=sort)))}
    out["deadlines: one kind"] = meter.run(step(lambda: proxy.set_kind("renewal")))
    out["deadlines: all kinds again"] = meter.run(step(lambda: proxy.set_kind(None)))
    assert proxy.rowCount() == count
    table.close()
    return out


def measure_baseline(count: int) -> float:
    """Qt's C++ sort of the same rows: names in a QStandardItemModel, sorted by a plain
    QSortFilterProxyModel (median of three)."""
    from PySide6.QtCore import QSortFilterProxyModel, Qt
    from PySide6.QtGui import QStandardItem, QStandardItemModel

    rows = people(count)
    source = QStandardItemModel(len(rows), 1)
    for n, p in enumerate(rows):
        source.setItem(n, 0, QStandardItem(p.name))
    times = []
    for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder,
                  Qt.SortOrder.AscendingOrder):
        proxy = QSortFilterProxyModel()
        proxy.setSourceModel(source)
        t0 = time.perf_counter()
        proxy.sort(0, order)
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main(count: int = PEOPLE) -> dict[str, tuple[float, float]]:
    from PySide6.QtWidgets import QApplication

    from licenseapp.gui.refcount_guard import guard_singletons

    guard_singletons()  # as the app does (PySide6 6.12 on Python 3.11)
    _app = QApplication.instance() or QApplication(sys.argv[:1])
    baseline = measure_baseline(count)
    ours = measure_ours(count)
    ours.update(measure_deadlines(65_000))
    print(f"People screen, {count:,} people (offscreen)")
    print(f"  baseline: C++ proxy sort of the same rows  {baseline:.3f} s")
    for name, (took, gap) in ours.items():
        print(f"  {name:<34} {took:7.3f} s   longest GUI gap {gap * 1000:6.0f} ms   "
              f"{took / baseline:5.1f}× baseline")
    from figures import figure

    for name, (took, gap) in ours.items():
        where = "People 50,000" if not name.startswith("deadlines") else "Deadlines 65,000"
        figure(f"{where}: {name}", took, baseline, None if "worker" in name else 1.0,
               baseline_name="C++ proxy sort")
        if gap:
            figure(f"{where}: {name}, longest GUI gap", gap * 1000, None, 50, unit="ms")
    return ours


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else PEOPLE)
