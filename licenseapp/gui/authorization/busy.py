"""A busy bar with a note that counts the seconds, and says the outcome afterwards."""

from __future__ import annotations

from PySide6.QtCore import QElapsedTimer, Qt, QTimer, Slot
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QWidget


class BusyNote(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bar = QProgressBar()
        self.bar.setRange(0, 0)  # "busy": the service does not say how far it is
        self.bar.setMaximumWidth(160)
        self.bar.setTextVisible(False)
        self.bar.setAccessibleName("Working")
        self.bar.hide()
        self.label = QLabel()
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._text = ""
        self._elapsed = QElapsedTimer()
        self._timer = QTimer(self)
        self._timer.setInterval(250)
        self._timer.timeout.connect(self._tick)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.bar)
        layout.addWidget(self.label, 1)

    def start(self, text: str) -> None:
        """Show the busy bar and ``text``, with the seconds waited so far."""
        self._text = text
        self._elapsed.start()
        self._tick()
        self.bar.show()
        self._timer.start()

    def stop(self, note: str = "") -> None:
        self._timer.stop()
        self.bar.hide()
        self.label.setText(note)

    def say(self, note: str) -> None:
        self.label.setText(note)

    @Slot()
    def _tick(self) -> None:
        seconds = self._elapsed.elapsed() // 1000 if self._elapsed.isValid() else 0
        self.label.setText(f"{self._text} ({seconds} s)…" if seconds else f"{self._text}…")
