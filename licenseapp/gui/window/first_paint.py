"""Work held back until the main window has painted once: the first screen's building,
opening the database, importing the screens' modules. Before the first paint they would
compete with it for the GUI thread (and, on worker threads, for the interpreter's lock).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

#: If no paint comes (a window shown minimized, a platform that paints late), the work
#: starts anyway after this many milliseconds.
FALLBACK_MS = 1000


class AfterFirstPaint(QObject):
    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self._window = window
        self._waiting: list[Callable[[], object]] = []
        self.painted = False
        window.installEventFilter(self)

    def later(self, work: Callable[[], object]) -> None:
        """``work()`` soon after the first paint (soon, if it is past)."""
        if self.painted:
            QTimer.singleShot(0, self, work)
            return
        if not self._waiting:
            QTimer.singleShot(FALLBACK_MS, self, self._run)
        self._waiting.append(work)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._window and event.type() == QEvent.Type.Paint and not self.painted:
            QTimer.singleShot(0, self, self._run)
        return False

    def _run(self) -> None:
        if self.painted and not self._waiting:
            return
        self.painted = True
        self._window.removeEventFilter(self)
        waiting, self._waiting = self._waiting, []
        for work in waiting:
            work()
