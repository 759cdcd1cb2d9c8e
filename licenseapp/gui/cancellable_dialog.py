"""A dialog that runs work in the background: while the work runs, Escape, its Cancel and
the window's close button ask the work to stop (:meth:`CancellableDialog.cancel`) instead
of closing the dialog over it; once the work is over they close it as usual."""

from __future__ import annotations

from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QDialog, QWidget


class CancellableDialog(QDialog):
    """Subclasses set :attr:`running` while their work runs and implement :meth:`cancel`."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.running = False

    def cancel(self) -> None:
        """Ask the running work to stop (it says when it has)."""
        raise NotImplementedError

    def reject(self) -> None:
        if self.running:
            self.cancel()
            return
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.running:
            self.cancel()
            event.ignore()
            return
        super().closeEvent(event)
