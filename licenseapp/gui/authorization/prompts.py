"""Questions and notices to the user, in one replaceable object (tests answer them).

Confirmations wait for the answer (a modal question); notices and warnings are opened
without a nested event loop, so a worker's result never blocks the GUI thread.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget


class Prompts:
    """The real dialogs. A test passes a subclass that records and answers."""

    def confirm(self, parent: QWidget | None, title: str, text: str, action: str,
                detail: str = "") -> bool:
        """Ask before doing something that changes records; ``action`` names the button."""
        box = QMessageBox(QMessageBox.Icon.Question, title, text,
                          QMessageBox.StandardButton.NoButton, parent)
        box.setInformativeText(detail)
        yes = box.addButton(action, QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        return box.clickedButton() is yes

    def inform(self, parent: QWidget | None, title: str, text: str, detail: str = "") -> None:
        self._show(QMessageBox.Icon.Information, parent, title, text, detail)

    def warn(self, parent: QWidget | None, title: str, text: str, detail: str = "") -> None:
        self._show(QMessageBox.Icon.Warning, parent, title, text, detail)

    def save_path(self, parent: QWidget | None, title: str, suggested: str,
                  filters: str) -> Path | None:
        path, _ = QFileDialog.getSaveFileName(parent, title, suggested, filters)
        return Path(path) if path else None

    def open_path(self, parent: QWidget | None, title: str, filters: str) -> Path | None:
        path, _ = QFileDialog.getOpenFileName(parent, title, "", filters)
        return Path(path) if path else None

    def _show(self, icon: QMessageBox.Icon, parent: QWidget | None, title: str, text: str,
              detail: str) -> None:
        box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, parent)
        box.setInformativeText(detail)
        box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
