"""Files the desktop hands to the running program: on macOS the Finder's "Open With" (and a
database dropped on the Dock icon) arrive as a QFileOpenEvent, not on the command line.
Each one opens that database in the main window, as File › Open database would."""

from __future__ import annotations

import sys
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


#: Where the desktop hands files as events: macOS (elsewhere they come on the command line).
SENDS_FILE_OPEN_EVENTS = sys.platform == "darwin"


def install(app: QObject, window: MainWindow) -> FileOpenForwarder:
    """The forwarder, installed on the application. A filter there sees every event of
    every object (a call into Python each, waiting for the interpreter while a loading
    worker runs), so the desktop installs it only where :data:`SENDS_FILE_OPEN_EVENTS`."""
    forwarder = FileOpenForwarder(window)
    app.installEventFilter(forwarder)
    return forwarder
