"""A file name field with a Browse… button that opens Qt's file dialog (to open or to save),
and the height a dialog of such fields needs for its wrapped texts."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLineEdit, QPushButton, QWidget

from licenseapp.gui.dialog_handles import hold_until_closed


def fit_height(dialog: QWidget) -> None:
    """Grow ``dialog`` to the height its wrapped texts need at its width (a layout's
    minimum counts a wrapped label as one line, and squeezed the fields above it)."""
    layout = dialog.layout()
    if layout is None:
        return
    layout.activate()
    width = dialog.width()
    needed = (layout.totalHeightForWidth(width) if layout.hasHeightForWidth()
              else layout.totalSizeHint().height())
    if needed > dialog.height():
        dialog.resize(width, needed)


class PathField(QWidget):
    """``chosen(path)`` when the user picked a file in the dialog (it asked before replacing
    an existing file, for a file to save)."""

    chosen = Signal(str)

    def __init__(self, name: str, title: str, filters: list[str], *, saving: bool,
                 suffix: str = "", browse_text: str = "&Browse…",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._title = title
        self._filters = filters
        self._saving = saving
        self._suffix = suffix
        self.file_dialog: QFileDialog | None = None
        self.edit = QLineEdit()
        self.edit.setAccessibleName(name)
        self.edit.setClearButtonEnabled(True)
        self.browse_button = QPushButton(browse_text)
        self.browse_button.setAccessibleName(f"Choose the {name.lower()}")
        self.browse_button.clicked.connect(self.browse)
        self.browse_button.setAutoDefault(False)  # Enter in the dialog is its own button's
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.browse_button)
        self.setFocusProxy(self.edit)

    def path(self) -> Path | None:
        text = self.edit.text().strip()
        return Path(text).expanduser() if text else None

    def set_path(self, path: str | Path) -> None:
        self.edit.setText(str(path))

    def set_filters(self, filters: list[str], suffix: str) -> None:
        self._filters, self._suffix = filters, suffix

    @Slot()
    def browse(self) -> None:
        if self.file_dialog is not None:
            self.file_dialog.raise_()
            return
        dialog = QFileDialog(self.window(), self._title)
        if self._saving:
            dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
            dialog.setFileMode(QFileDialog.FileMode.AnyFile)
            dialog.setDefaultSuffix(self._suffix)
        else:
            dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.setNameFilters(self._filters)
        current = self.path()
        if current is not None:
            dialog.setDirectory(str(current.parent))
            dialog.selectFile(current.name)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.fileSelected.connect(self._picked)
        hold_until_closed(self, "file_dialog", dialog)
        dialog.open()

    @Slot(str)
    def _picked(self, path: str) -> None:
        if path:
            self.edit.setText(path)
            self.chosen.emit(path)
