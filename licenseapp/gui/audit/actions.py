"""Application › Audit history… (Ctrl+Shift+H) and File › Verify database….

The history acts on the application shown in the details pane; it reloads when data
changes (a status change shows up at once). Both run their service off the GUI thread.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QWidget

from licenseapp.gui.row_actions import RowActions
from licenseapp.gui.tasks import TaskRunner
from licenseapp.services.dto import ApplicationRow

if TYPE_CHECKING:
    from licenseapp.gui.audit.history import AuditHistoryDialog
    from licenseapp.gui.audit.verify import VerifyDialog
    from licenseapp.services.safety.audit_history import AuditHistoryEntry
    from licenseapp.services.safety.integrity import IntegrityReport
    from licenseapp.store.database import Database


def _application_audit(db: Database, ref: str) -> list[AuditHistoryEntry]:
    from licenseapp.services.safety.audit_history import application_audit

    return application_audit(db, ref)


def _verify(db: Database, progress: Callable[[str], None]) -> IntegrityReport:
    from licenseapp.services.safety.integrity import verify

    return verify(db, progress)


def subject_of(row: ApplicationRow) -> str:
    """The foreign national, with the name in their own script when it differs."""
    if row.native_name and row.native_name != row.foreign_national:
        return f"{row.foreign_national} ({row.native_name})"
    return row.foreign_national


class AuditActions(RowActions):
    def __init__(self, runner: TaskRunner, window: QWidget) -> None:
        super().__init__(runner, window)
        self.history_dialog: AuditHistoryDialog | None = None
        self.verify_dialog: VerifyDialog | None = None

        self.history_action = QAction("Audit &history…", self)
        self.history_action.setShortcut(QKeySequence("Ctrl+Shift+H"))
        self.history_action.triggered.connect(self.show_history)
        self.verify_action = QAction("&Verify database…", self)
        self.verify_action.setStatusTip(
            "Check the database and its audit chain for changes made outside LicenseApp")
        self.verify_action.triggered.connect(self.verify_database)
        self._update_actions()

    def install(self, file_menu: QMenu, application: QMenu) -> None:
        """Audit history… at the end of the Application menu, Verify… above File › Quit."""
        application.addSeparator()
        application.addAction(self.history_action)
        separators = [a for a in file_menu.actions() if a.isSeparator()]
        before = separators[-1] if separators else None
        file_menu.insertAction(before, self.verify_action)  # type: ignore[arg-type]

    def _update_actions(self) -> None:
        self.history_action.setEnabled(self._db is not None and self._row is not None)
        tip = (f"Who changed what in {self._row.ref}, and when" if self._row
               else "Select an application first")
        self.history_action.setStatusTip(tip)
        self.history_action.setToolTip(f"{tip} (Ctrl+Shift+H)")
        self.verify_action.setEnabled(self._db is not None)

    @Slot()
    def reload(self) -> None:
        """Data changed: an open history shows the new entries."""
        dialog = self.history_dialog
        if dialog is not None and dialog.isVisible():
            dialog.load()

    @Slot()
    def show_history(self) -> None:
        if self._db is None or self._row is None:
            return
        if self.history_dialog is not None:
            self.history_dialog.close()
        row = self._row
        from licenseapp.gui.audit.history import AuditHistoryDialog

        dialog = AuditHistoryDialog(self._runner, partial(_application_audit, self._db, row.ref),
                                    row.ref, subject_of(row), self._window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.destroyed.connect(partial(self._forget, "history_dialog", dialog))
        self.history_dialog = dialog
        dialog.show()  # not modal: the user may keep working beside it
        dialog.load()

    @Slot()
    def verify_database(self) -> None:
        if self._db is None:
            return
        if self.verify_dialog is not None and self.verify_dialog.isVisible():
            self.verify_dialog.raise_()
            self.verify_dialog.start()
            return
        from licenseapp.gui.audit.verify import VerifyDialog

        dialog = VerifyDialog(self._runner, partial(_verify, self._db),
                              self._db.location.display, self._window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.destroyed.connect(partial(self._forget, "verify_dialog", dialog))
        self.verify_dialog = dialog
        dialog.open()
        dialog.start()

    def _forget(self, name: str, dialog: Any, *_: object) -> None:
        if getattr(self, name) is dialog:
            setattr(self, name, None)
