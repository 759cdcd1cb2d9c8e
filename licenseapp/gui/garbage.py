"""Collect Python's reference cycles on the GUI thread only.

Python's cyclic garbage collector runs in whichever thread happens to allocate when a
generation's threshold is crossed. When that is a worker thread (a database query on the
task pool, the demo writer, a packet batch) and the garbage holds a Qt object, the object
is destroyed off the GUI thread and Qt crashes: CI saw exactly that, a segmentation fault
"Garbage-collecting" inside a pool thread's SQLAlchemy query.

So the desktop app turns automatic collection off and collects on the GUI thread instead,
generation by generation as the thresholds Python would have used are crossed, checked on
a timer (the pattern used by Anki, pyqtgraph and others). Reference counting still frees
everything that is not in a cycle at once; only cycles wait for the next check.

A full collection walks every object alive: with 100,000 applications' rows loaded that is
a third of a second with the window frozen. So once a big list is loaded, what is alive is
frozen (``gc.freeze()``: moved out of the collector's sight, still freed by reference
counting when let go); later full collections walk only what came after. The lists' rows
hold no cycles, so nothing frozen waits on the collector to be freed. The price: a cycle
that was already garbage at that moment (a closed dialog's wrappers not yet collected) is
frozen with the rest and freed only when the collector stops, at exit — a few objects per
big load, against a third of a second's freeze at every full collection.

The same holds for the youngest generation: automatic collection is off, so everything
allocated between two checks is young, and after a worker has loaded a screen's rows that
is hundreds of thousands of objects — a "generation 0" collection walking them froze the
window for 0.1–0.4 s, and the generation-1 collection that followed for 1.1 s
(``bench_list.py`` at 100,000 applications). Objects that many, still alive a second after
they were made, are a load's results that stay: when the young generation holds more than
:data:`FREEZE_YOUNG` objects it is frozen rather than walked (the same price as above:
cycles already garbage then wait until exit).
"""

from __future__ import annotations

import gc
import threading

from PySide6.QtCore import QObject, QTimer

#: How often the GUI thread looks at the collector's counts.
CHECK_INTERVAL_MS = 1000
#: A list loaded of at least this many rows freezes what is alive (see above).
FREEZE_ROWS = 5_000
#: A young generation this big is frozen, not collected (see above): walking 50,000
#: objects takes a few milliseconds, the loads' millions a large part of a second.
FREEZE_YOUNG = 50_000

_active: list[MainThreadCollector] = []


def collect_due(thresholds: tuple[int, int, int] | None = None) -> int:
    """Collect the generations whose thresholds are crossed; returns objects found unreachable.

    Must be called on the GUI thread (it is a no-op elsewhere, which would defeat its point).
    """
    if threading.current_thread() is not threading.main_thread():
        return 0
    limit0, limit1, limit2 = thresholds or gc.get_threshold()
    count0, count1, count2 = gc.get_count()
    if count0 <= limit0:
        return 0
    if count0 > FREEZE_YOUNG and _active:
        gc.freeze()
        return 0
    if count1 < limit1:
        return gc.collect(0)
    if count2 < limit2:
        return gc.collect(1)
    return gc.collect(2)


class MainThreadCollector(QObject):
    """Turns automatic collection off while it lives, and collects on a GUI-thread timer."""

    def __init__(self, parent: QObject | None = None, interval_ms: int = CHECK_INTERVAL_MS):
        super().__init__(parent)
        self._was_enabled = gc.isenabled()
        gc.disable()
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.check)
        self._timer.start()
        _active.append(self)

    def check(self) -> int:
        return collect_due()

    def stop(self) -> None:
        """Stop checking, collect what is left on this thread, and restore automatic collection."""
        self._timer.stop()
        if self in _active:
            _active.remove(self)
        gc.unfreeze()
        gc.collect()
        if self._was_enabled:
            gc.enable()


def loaded(rows: int) -> bool:
    """A list of ``rows`` rows was loaded on the GUI thread: if it is a big one and the app's
    collector runs, what is alive now is frozen (see above). True if it was."""
    if rows < FREEZE_ROWS or not _active:
        return False
    if threading.current_thread() is not threading.main_thread():
        return False
    gc.freeze()
    return True
