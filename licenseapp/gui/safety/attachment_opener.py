"""Open an attachment with the system viewer: a read-only copy of the stored bytes in a
private temporary folder (``services.output.viewing_copies``), handed to the desktop.

An attachment flagged unsafe and not yet accepted asks first. The copy is written off the
GUI thread into one private folder (0700) for the whole run, removed when the program ends.
"""

from __future__ import annotations

import atexit
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QUrl, Signal, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox, QWidget

from licenseapp.gui.dialog_handles import hold_until_closed
from licenseapp.gui.safety.failure_text import failure_text
from licenseapp.gui.tasks import TaskRunner

if TYPE_CHECKING:
    from licenseapp.services.output.attachments import AttachmentView
    from licenseapp.services.output.viewing_copies import ViewingCopy
    from licenseapp.store.database import Database

UrlOpener = Callable[[QUrl], object]


def _write_copy(db: Database, attachment_id: int, folder: Path) -> ViewingCopy:
    from licenseapp.services.output.viewing_copies import write_viewing_copy

    return write_viewing_copy(db, attachment_id, folder)


_session: Path | None = None


def session_folder() -> Path:
    """The private folder (0700) of this run's copies, made on first use; it is removed
    when the program ends — not when a dialog closes: a viewer may still be reading."""
    global _session
    if _session is None or not _session.is_dir():
        _session = Path(tempfile.mkdtemp(prefix="licenseapp-view-"))
        atexit.register(remove_copies)
    return _session


def remove_copies() -> None:
    """Remove this run's copies (at exit, and by tests)."""
    global _session
    if _session is not None:
        shutil.rmtree(_session, ignore_errors=True)
        _session = None


class AttachmentOpener(QObject):
    """``opened(path)`` once the copy was handed to the viewer; ``failed(message)``."""

    opened = Signal(str)
    failed = Signal(str)

    def __init__(self, runner: TaskRunner, parent: QWidget,
                 open_url: UrlOpener = QDesktopServices.openUrl) -> None:
        super().__init__(parent)
        self._runner = runner
        self._parent = parent
        self._open_url = open_url
        self.question_box: QMessageBox | None = None
        self._pending: tuple[Database, AttachmentView] | None = None

    def open(self, db: Database, attachment: AttachmentView) -> None:
        """Open ``attachment``; one flagged unsafe asks first."""
        if not attachment.blocks:
            self._copy(db, attachment)
            return
        box = QMessageBox(QMessageBox.Icon.Warning, "Open a file flagged unsafe?",
                          f"{attachment.shown_name} was flagged unsafe:\n"
                          + "\n".join(f"• {h}" for h in attachment.hazards)
                          + "\n\nOpen it only if you trust where it came from; the viewer "
                          "may run what it holds.", parent=self._parent)
        box.addButton("&Open anyway", QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._pending = (db, attachment)
        box.accepted.connect(self._open_pending)
        hold_until_closed(self, "question_box", box)
        box.open()

    @Slot()
    def _open_pending(self) -> None:
        if self._pending is not None:
            db, attachment = self._pending
            self._pending = None
            self._copy(db, attachment)

    def _copy(self, db: Database, attachment: AttachmentView) -> None:
        folder = session_folder()
        self._runner.submit(lambda: _write_copy(db, attachment.id, folder), self._written,
                            self._failed, context=self)

    def _written(self, copy: ViewingCopy) -> None:
        if not self._open_url(QUrl.fromLocalFile(str(copy.path))):
            self.failed.emit(f"No program on this computer opens {copy.shown_name} "
                             f"({copy.media_type}); a copy is at {copy.path}.")
            return
        self.opened.emit(str(copy.path))

    def _failed(self, exc: BaseException) -> None:
        self.failed.emit(failure_text(self._runner, exc, "opening of the attachment"))
