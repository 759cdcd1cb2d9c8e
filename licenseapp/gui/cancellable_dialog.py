"""A dialog that runs work in the background: while the work runs, Escape, its Cancel and
the window's close button ask the work to stop (:meth:`CancellableDialog.cancel`) instead
of closing the dialog over it; once the work is over Cancel gives way to Close, and they
close it as usual."""

from __future__ import annotations

from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QWidget


class CancellableDialog(QDialog):
    """Subclasses set :attr:`running` while their work runs, implement :meth:`cancel`, put
:attr:`buttons` (Cancel, and Close once done) in their layout and may add their own."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.running = False
        self.buttons = QDialogButtonBox()
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.clicked.connect(self.reject)
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.close_button.clicked.connect(self.accept)
        self.close_button.hide()

    def show_close(self) -> None:
        """The work is over: Close (the default, with the focus) in Cancel's place."""
        self.cancel_button.hide()
        self.close_button.show()
        self.close_button.setDefault(True)
        self.close_button.setFocus()

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
