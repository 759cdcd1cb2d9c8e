"""Files the desktop hands to the running program: on macOS the Finder's "Open With" (and a
database dropped on the Dock icon) arrive as a QFileOpenEvent, not on the command line.
Each one opens that database in the main window, as File › Open database would."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QFileOpenEvent

if TYPE_CHECKING:
    from licenseapp.gui.main_window import MainWindow


class FileOpenForwarder(QObject):
    """Installed on the application: a file-open request opens the database it names."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FileOpen and isinstance(event, QFileOpenEvent):
            path = event.file()
            if path:
                self._window.open_database(path)
                return True
        return super().eventFilter(watched, event)


def install(app: QObject, window: MainWindow) -> FileOpenForwarder:
    forwarder = FileOpenForwarder(window)
    app.installEventFilter(forwarder)
    return forwarder
