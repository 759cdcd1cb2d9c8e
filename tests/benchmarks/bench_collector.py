"""Benchmark: collector pauses with big lists loaded (50,000 people, 100,000 applications).

Not part of the normal test run. Run:

    .venv/bin/python tests/benchmarks/bench_collector.py

With the app's own collector (gui/garbage.py: automatic collection off, collections on the
GUI thread's timer), the People and applications lists are loaded in their own models
(offscreen, rows made in memory), then for a few seconds the GUI thread makes the small
cyclic garbage a session makes (dialogs, signals, closures) while a 5 ms timer ticks.
Reported: the longest gap of that timer (the longest freeze) and the time of one full
collection, with what was loaded frozen (as the app does) and, as the baseline in the same
run, not frozen.
"""

from __future__ import annotations

import gc
import os
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).parent))

from bench_records_screens import GapMeter, people

APPLICATIONS = 100_000
PEOPLE = 50_000
CHURN_SECONDS = 4.0


def applications(count: int) -> list:  # type: ignore[type-arg]
    from licenseapp.services.dto import ApplicationRow

    fields = ApplicationRow.__dataclass_fields__
    now = datetime(2026, 1, 1, tzinfo=UTC)
    sample = {"ref": "", "status": "draft", "status_label": "Draft", "regulator": "BIS",
              "form": "BIS-748P", "foreign_national": "", "native_name": "",
              "citizenships": ("CN",), "items": ("Model",), "eccns": ("4E091",), "acn": "",
              "owner": "alice", "updated_at": now, "applicant": "Acme"}
    rows = []
    for n in range(count):
        values = {name: sample.get(name, "") for name in fields}
        values.update(ref=f"LA-2026-{n:06d}", foreign_national=f"Person {n}")
        rows.append(ApplicationRow(**values))
    return rows


class _Node:
    def __init__(self) -> None:
        self.me = self
        self.payload = [object() for _ in range(20)]


def run(freeze: bool) -> tuple[float, float]:
    """(longest timer gap, one full collection) in seconds."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from licenseapp.gui import garbage
    from licenseapp.gui.applications.model import ApplicationsTableModel
    from licenseapp.gui.people.model import PeopleModel

    collector = garbage.MainThreadCollector()
    threshold = garbage.FREEZE_ROWS
    if not freeze:
        garbage.FREEZE_ROWS = 10**12
    try:
        person_model, application_model = PeopleModel(), ApplicationsTableModel()
        person_model.set_rows(people(PEOPLE))
        application_model.set_rows(applications(APPLICATIONS))
        churn = QTimer()
        churn.setInterval(2)
        churn.timeout.connect(lambda: [_Node() for _ in range(50)])
        churn.start()
        meter = GapMeter()
        end = time.perf_counter() + CHURN_SECONDS

        def wait() -> None:
            while time.perf_counter() < end:
                QApplication.processEvents()

        _took, gap = meter.run(wait)
        churn.stop()
        t0 = time.perf_counter()
        gc.collect(2)
        full = time.perf_counter() - t0
        del person_model, application_model
    finally:
        garbage.FREEZE_ROWS = threshold
        collector.stop()
    return gap, full


def main() -> dict[str, tuple[float, float]]:
    from PySide6.QtWidgets import QApplication

    from licenseapp.gui.refcount_guard import guard_singletons

    guard_singletons()
    _app = QApplication.instance() or QApplication(sys.argv[:1])
    baseline = run(freeze=False)
    ours = run(freeze=True)
    print(f"Collector, {APPLICATIONS:,} applications + {PEOPLE:,} people loaded, "
          f"{CHURN_SECONDS:.0f} s of use")
    print(f"  longest 5 ms-timer gap: {ours[0] * 1000:5.0f} ms frozen, "
          f"{baseline[0] * 1000:5.0f} ms not frozen (baseline)")
    print(f"  one full collection:    {ours[1] * 1000:5.0f} ms frozen, "
          f"{baseline[1] * 1000:5.0f} ms not frozen (baseline)")
    from figures import figure

    figure("longest 5 ms-timer gap, 100k + 50k loaded, in use", ours[0] * 1000, None, 50, "ms")
    figure("one full collection, 100k + 50k loaded", ours[1] * 1000, baseline[1] * 1000, None,
           "ms", "the same, nothing frozen")
    return {"longest gap": (ours[0], baseline[0]), "full collection": (ours[1], baseline[1])}


if __name__ == "__main__":
    main()
