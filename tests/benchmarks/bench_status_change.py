"""Benchmark: a status change made in the GUI at 100,000 applications, and one matrix cell.

Not part of the normal test run. Run either way:

    .venv/bin/python tests/benchmarks/bench_status_change.py [DB]
    .venv/bin/pytest -o addopts="" -s tests/benchmarks/bench_status_change.py

DB defaults to /tmp/big.db (made with ``demo --size 100000`` if missing, not timed); it is
copied first, so the benchmark never changes it. Timed, in the desktop app's own window
(offscreen), after every screen has loaded:

- a status change recorded through Change status… (Ctrl+T), its note typed and OK
  clicked as a user does, until it shows in the list's row, the details pane and the
  deadlines (the status bar's counts): the time the GUI thread was busy in all, and the
  longest stretch it was busy at once (the longest the window could not react) —
  targets under 100 ms and 50 ms;
- then the dashboard (Ctrl+0), until its counts show the change: the same two figures;
- the authorization matrix at 10,000 people × 10 items (a synthetic file, see
  bench_data.py): one access revoked, until its cell shows it — target under 50 ms busy.

Beside them, measured in the same run: the same status change made with no GUI attached
(the service call alone), and the ratios.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

DEFAULT_DB = Path("/tmp/big.db")
SIZE = 100_000
MATRIX_DB = Path("/tmp/bench-matrix-10k.db")


class BusyMeter:
    """How long the GUI thread is busy: from each wake-up of its event loop to the next
    time it waits (QAbstractEventDispatcher's awake / aboutToBlock)."""

    def __init__(self) -> None:
        from PySide6.QtCore import QAbstractEventDispatcher, QThread

        dispatcher = QAbstractEventDispatcher.instance(QThread.currentThread())
        assert dispatcher is not None
        self.busy: list[float] = []
        self._since: float | None = None
        self._on = False
        dispatcher.awake.connect(self._awake)
        dispatcher.aboutToBlock.connect(self._blocking)

    def start(self) -> None:
        self.busy, self._since, self._on = [], time.perf_counter(), True

    def stop(self) -> None:
        self._blocking()
        self._on = False

    def _awake(self) -> None:
        if self._on and self._since is None:
            self._since = time.perf_counter()

    def _blocking(self) -> None:
        if self._on and self._since is not None:
            self.busy.append(time.perf_counter() - self._since)
        self._since = None

    @property
    def total(self) -> float:
        return sum(self.busy)

    @property
    def longest(self) -> float:
        return max(self.busy, default=0.0)


def run_until(condition: Callable[[], bool], timeout: float = 300.0) -> float:
    """Run the GUI's event loop (waiting, not spinning) until ``condition()``."""
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    check = QTimer()
    check.setInterval(2)
    check.timeout.connect(lambda: condition() and loop.quit())
    t0 = time.perf_counter()
    deadline = QTimer()
    deadline.setSingleShot(True)
    deadline.timeout.connect(loop.quit)
    deadline.start(int(timeout * 1000))
    check.start()
    if not condition():
        loop.exec()
    check.stop()
    if not condition():
        raise TimeoutError("the window did not get there in time")
    return time.perf_counter() - t0


def _ensure(path: Path) -> None:
    if path.exists():
        return
    from licenseapp.demo.dataset import generate_demo
    from licenseapp.store.database import open_database

    db = open_database(str(path))
    try:
        generate_demo(db, size=SIZE)
    finally:
        db.dispose()


def _pick(db_path: str, status: str, count: int) -> list[str]:
    from sqlalchemy import text

    from licenseapp.store.database import open_database

    db = open_database(db_path)
    try:
        with db.engine.connect() as conn:
            return list(conn.execute(text(
                "SELECT ref FROM applications WHERE status = :s AND regulator_code = 'BIS' "
                "ORDER BY ref LIMIT :n"), {"s": status, "n": count}).scalars())
    finally:
        db.dispose()


def service_alone(db_path: str, ref: str) -> float:
    """The same change with no GUI: the service call, timed."""
    from licenseapp.domain.enums import ApplicationStatus
    from licenseapp.services.follow_up.tracking import StatusChange, change_status
    from licenseapp.store.database import open_database

    db = open_database(db_path)
    try:
        t0 = time.perf_counter()
        change_status(db, StatusChange(ref, ApplicationStatus.INFO_REQUESTED,
                                       note="Regulator asks for the resume"))
        return time.perf_counter() - t0
    finally:
        db.dispose()


def status_change_in_gui(db_path: str, ref: str) -> dict[str, float]:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from licenseapp.gui.main_window import MainWindow
    from licenseapp.gui.tasks import TaskRunner
    from licenseapp.gui.tracking.status_dialog import StatusChangeDialog

    _app = QApplication.instance() or QApplication([])
    runner = TaskRunner()
    window = MainWindow(runner)
    window.resize(1280, 800)
    window.show()
    window.open_database(db_path)
    apps = window.applications
    run_until(lambda: apps.is_loaded)
    window.show_page(window.deadlines)
    run_until(lambda: window.deadlines.model.rowCount() > 0 and runner.pending == 0)
    window.show_page(window.dashboard)
    run_until(lambda: window.dashboard.summary is not None and runner.pending == 0)
    window.show_page(window.applications)
    assert apps.select_ref(ref)
    run_until(lambda: window.details.detail is not None
              and window.details.detail.row.ref == ref and runner.pending == 0)
    before_info = window.dashboard.summary
    assert before_info is not None
    deadline_keys = {d.key for d in window.deadlines.model.deadlines()}
    meter = BusyMeter()

    # The change, as a user makes it: Change status…, the new status, a note, OK.
    window.tracking.change_status_action.trigger()
    dialog = window.tracking.dialog
    assert isinstance(dialog, StatusChangeDialog)
    dialog.target_combo.setCurrentIndex(dialog.target_combo.findData("info_requested"))
    QTest.keyClicks(dialog.note_edit, "Regulator asks for the resume")
    row = apps.model.row_of(ref)
    meter.start()
    QTest.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    waited = run_until(lambda: (
        apps.model.row_at(row).status == "info_requested"
        and "Information requested" in window.details.plain_text()
        and f"rfi:{ref}" in {d.key for d in window.deadlines.model.deadlines()}
        and runner.pending == 0))
    meter.stop()
    change = (meter.total, meter.longest, waited, len(meter.busy))
    assert f"rfi:{ref}" not in deadline_keys

    meter.start()
    window.show_page(window.dashboard)  # Ctrl+0 (the shortcut needs an active window)
    shown = run_until(lambda: window.dashboard.summary is not before_info and runner.pending == 0)
    meter.stop()
    dashboard = (meter.total, meter.longest, shown)
    window.close()
    runner.shutdown()
    return {"busy": change[0], "longest": change[1], "waited": change[2],
            "wakeups": change[3], "dashboard_busy": dashboard[0],
            "dashboard_longest": dashboard[1], "dashboard_waited": dashboard[2]}


def matrix_cell(db_path: Path) -> dict[str, float]:
    """One access revoked at 10,000 people × 10 items, until the cell shows it (on a copy
    of the file, with its own scratch configuration)."""
    if not db_path.exists():
        sys.path.insert(0, str(Path(__file__).parent))
        from bench_data import build

        build(db_path, 10_000).dispose()
    work = Path(tempfile.mkdtemp(prefix="bench-matrix-")) / "matrix.db"
    shutil.copy(db_path, work)
    try:
        with scratch_config(work):
            return _matrix_cell(work)
    finally:
        shutil.rmtree(work.parent)


def _matrix_cell(work: Path) -> dict[str, float]:
    from PySide6.QtWidgets import QApplication

    from licenseapp.gui.main_window import MainWindow
    from licenseapp.gui.tasks import TaskRunner
    from licenseapp.services.catalog.access import access_changes, revoke_access_many
    from licenseapp.services.directive.authorization import AuthState

    _app = QApplication.instance() or QApplication([])
    runner = TaskRunner()
    window = MainWindow(runner)
    window.resize(1280, 800)
    window.show()
    window.open_database(str(work))
    run_until(lambda: window.applications.is_loaded)
    page = window.authorization
    window.show_page(page)
    run_until(lambda: page.is_loaded and runner.pending == 0)
    model = page.model
    target = next(c for r in model.rows[5000:] for c in r.cells
                  if c is not None and c.access == "active")
    db = window.database
    assert db is not None
    t0 = time.perf_counter()
    records = revoke_access_many(db, [target.grant_id], reason="left the project")
    service = time.perf_counter() - t0
    meter = BusyMeter()
    meter.start()
    window.operations.announce(access_changes(records))

    def revoked() -> bool:
        index = model.index_of(target.person_id, target.item_id)
        cell = model.cell_at(index.row(), index.column())
        return cell is not None and cell.state == AuthState.REVOKED and runner.pending == 0

    waited = run_until(revoked)
    meter.stop()
    window.close()
    runner.shutdown()
    return {"busy": meter.total, "longest": meter.longest, "waited": waited,
            "service": service, "rows": float(len(model.rows)),
            "items": float(len(model.items))}


@contextmanager
def scratch_config(copy: Path) -> Iterator[None]:
    """A copy keeps the original's database id: the audit entries written to it would move
    this computer's witness of the original (whose ``verify`` then reports entries deleted).
    So, while working on the copy, a scratch configuration folder (next to the copy) holding
    only the copy's seal key."""
    import sqlite3

    from licenseapp import paths
    from licenseapp.store import keys

    with closing(sqlite3.connect(copy)) as conn:
        database_id = conn.execute(
            "SELECT value FROM licenseapp_meta WHERE key = 'database_id'").fetchone()[0]
    key = keys.key_path("sqlite", database_id)
    before = os.environ.get(paths.CONFIG_DIR_ENV)
    os.environ[paths.CONFIG_DIR_ENV] = str(copy.parent / "config")
    try:
        keys.key_path("sqlite", database_id).parent.mkdir(parents=True, exist_ok=True)
        if key.exists():
            shutil.copy(key, keys.key_path("sqlite", database_id))
        yield
    finally:
        if before is None:
            os.environ.pop(paths.CONFIG_DIR_ENV, None)
        else:
            os.environ[paths.CONFIG_DIR_ENV] = before


def run(path: Path = DEFAULT_DB) -> dict[str, float]:
    _ensure(path)
    folder = Path(tempfile.mkdtemp(prefix="bench-status-"))
    gui_copy = folder / "gui.db"  # one copy (a gigabyte): the service alone changes another
    shutil.copy(path, gui_copy)  # application in it first
    with scratch_config(gui_copy):
        first, second = _pick(str(gui_copy), "registered", 2)
        plain = service_alone(str(gui_copy), second)
        gui = status_change_in_gui(str(gui_copy), first)
    shutil.rmtree(folder)
    cell = matrix_cell(MATRIX_DB)
    print(f"status change at {SIZE:,} applications, the service alone (no GUI): "
          f"{plain * 1000:.0f} ms")
    print(f"  in the GUI, until the list row, the details pane and the deadlines show it: "
          f"GUI thread busy {gui['busy'] * 1000:.0f} ms in all over {gui['wakeups']:.0f} "
          f"wake-ups (ratio {gui['busy'] / plain:.2f}x the service alone; target < 100 ms), "
          f"longest at once {gui['longest'] * 1000:.0f} ms (target < 50 ms); "
          f"{gui['waited'] * 1000:.0f} ms from OK to all shown")
    print(f"  then the dashboard (Ctrl+0) until its counts show it: GUI thread busy "
          f"{gui['dashboard_busy'] * 1000:.0f} ms, longest at once "
          f"{gui['dashboard_longest'] * 1000:.0f} ms; {gui['dashboard_waited'] * 1000:.0f} ms "
          "until shown")
    print(f"authorization matrix, {cell['rows']:,.0f} people × {cell['items']:.0f} items, one "
          f"access revoked (service {cell['service'] * 1000:.0f} ms): the cell shows it "
          f"with the GUI thread busy {cell['busy'] * 1000:.0f} ms "
          f"(ratio {cell['busy'] / cell['service']:.2f}x; target < 50 ms), longest at once "
          f"{cell['longest'] * 1000:.0f} ms; {cell['waited'] * 1000:.0f} ms until shown")
    from figures import figure

    figure("status change (save and refresh), 100k: GUI thread busy in all", gui["busy"],
           plain, None, baseline_name="the service call alone")
    figure("status change (save and refresh), 100k: GUI thread busy in all, absolute",
           gui["busy"] * 1000, None, 100, "ms")
    figure("status change (save and refresh), 100k: longest GUI stretch at once",
           gui["longest"] * 1000, None, 50, "ms")
    figure("status change, then the dashboard: longest GUI stretch at once",
           gui["dashboard_longest"] * 1000, None, 50, "ms")
    figure(f"one access revoked, matrix of {cell['rows']:,.0f} people: GUI thread busy",
           cell["busy"] * 1000, None, 50, "ms")
    return {"plain": plain, **{f"gui_{k}": v for k, v in gui.items()},
            **{f"matrix_{k}": v for k, v in cell.items()}}


def test_status_change_at_100000() -> None:
    figures = run(Path(os.environ.get("LICENSEAPP_BENCH_DB", str(DEFAULT_DB))))
    assert figures["gui_busy"] < 0.1
    assert figures["gui_longest"] < 0.05
    assert figures["matrix_busy"] < 0.05


if __name__ == "__main__":
    run(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_DB)
