"""Benchmark: start → first paint of the main window, against a bare QMainWindow.

Not part of the normal test run. Run:

    .venv/bin/python tests/benchmarks/bench_first_paint.py

Each start is a fresh process (its own imports): the app's own start (``gui/app.py``
``start``, no database yet: it is opened after the window shows) and, as the baseline, a
bare ``QMainWindow`` of the same size. Timed from the child's first line to the window's
first Paint event; medians of a few alternating runs. Also reported: the child's peak RSS.
Settings are read from a scratch HOME, so no remembered layout of the user's counts.

As an installed product starts: byte-code compiled (one untimed start of each kind first
writes it, to a scratch ``PYTHONPYCACHEPREFIX``) and output buffered — this machine's
``PYTHONDONTWRITEBYTECODE`` and ``PYTHONUNBUFFERED`` are unset for the children.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

T0 = time.perf_counter()
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).parent))

RUNS = 5


def child(mode: str) -> None:
    """Show the window, print the ms to its first paint and the peak RSS, quit."""
    import resource

    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow, QWidget

    class FirstPaintWatch(QObject):
        done = False

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint and not self.done:
                self.done = True
                print(f"PAINT {1000 * (time.perf_counter() - T0):.1f}", flush=True)
                QTimer.singleShot(0, QApplication.quit)
            return False

    watch = FirstPaintWatch()
    app = QApplication(sys.argv[:1])
    if mode == "bare":
        window = QMainWindow()
        window.resize(1280, 760)
        window.installEventFilter(watch)
        window.show()
        app.exec()
    else:
        from licenseapp.gui import main_window
        from licenseapp.gui.app import start

        shown = main_window.MainWindow.show

        def show(self: QWidget) -> None:
            self.installEventFilter(watch)
            shown(self)

        main_window.MainWindow.show = show  # type: ignore[method-assign]
        with tempfile.TemporaryDirectory() as scratch:
            desktop = start(str(Path(scratch) / "none.db"), sys.argv[:1], install_hooks=False)
            app.exec()
            desktop.close()
    print(f"RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.1f}", flush=True)


def one(mode: str, home: str) -> tuple[float, float]:
    env = dict(os.environ, HOME=home, XDG_CONFIG_HOME=str(Path(home) / ".config"),
               PYTHONPYCACHEPREFIX=str(Path(home) / "pycache"))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.pop("PYTHONUNBUFFERED", None)
    out = subprocess.run([sys.executable, __file__, "--child", mode], env=env, check=True,
                         capture_output=True, text=True, timeout=120).stdout
    found = dict(line.split(" ", 1) for line in out.splitlines()
                 if line.startswith(("PAINT ", "RSS ")))
    return float(found["PAINT"]), float(found["RSS"])


def run() -> dict[str, float]:
    from figures import figure

    bare: list[float] = []
    app: list[float] = []
    rss: list[float] = []
    with tempfile.TemporaryDirectory() as home:
        one("bare", home)  # byte-code written, not timed
        one("app", home)
        for _ in range(RUNS):
            bare.append(one("bare", home)[0])
            paint, peak = one("app", home)
            app.append(paint)
            rss.append(peak)
    ours, baseline = statistics.median(app), statistics.median(bare)
    print(f"app: {sorted(app)} ms; bare QMainWindow: {sorted(bare)} ms "
          "(byte-code compiled, output buffered)")
    figure("start → first paint of the main window", ours, baseline, 1.5, "ms",
           "bare QMainWindow, same start")
    figure("peak memory at first paint (no database yet)", max(rss), None, None, "MB")
    return {"app": ours, "bare": baseline, "rss": max(rss)}


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:
        child(sys.argv[2])
    else:
        run()
