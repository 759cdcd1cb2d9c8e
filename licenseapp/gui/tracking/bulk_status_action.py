"""Application › Change status of selected… (Ctrl+Shift+B): the bulk status change for the
applications selected in the list (several with Ctrl or Shift and a click), in list order."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

from licenseapp.gui.applications.view import ApplicationsWidget
from licenseapp.gui.dialog_handles import hold_until_closed
from licenseapp.gui.tasks import TaskRunner
from licenseapp.services.dto import ApplicationRow

if TYPE_CHECKING:
    from collections.abc import Callable

    from licenseapp.gui.main_window import MainWindow
    from licenseapp.gui.tracking.bulk_status_dialog import BulkStatusDialog
    from licenseapp.services.follow_up.bulk_status import BulkProgress, BulkStatusOutcome
    from licenseapp.store.database import Database


def _change_statuses(db: Database, refs: Sequence[str], target: str, on: date | None,
                     note: str, progress: BulkProgress,
                     cancelled: Callable[[], bool]) -> BulkStatusOutcome:
    from licenseapp.services.follow_up.bulk_status import change_statuses

    return change_statuses(db, refs, target, on=on, note=note, progress=progress,
                           cancelled=cancelled)


def selected_rows(applications: ApplicationsWidget) -> list[ApplicationRow]:
    """The applications selected in the list, in the order shown."""
    indexes = sorted(applications.table.selectionModel().selectedRows(), key=lambda i: i.row())
    return [row for index in indexes if (row := applications.row_shown_at(index)) is not None]


class BulkStatusActions(QObject):
    """Signals: ``changed(Changes)`` after changes were recorded, ``message(text)``."""

    changed = Signal(object)
    message = Signal(str)

    def __init__(self, runner: TaskRunner, window: QWidget,
                 applications: ApplicationsWidget) -> None:
        super().__init__(window)
        self._runner = runner
        self._window = window
        self._applications = applications
        self._db: Database | None = None
        self.dialog: BulkStatusDialog | None = None
        self.action = QAction("&Change status of selected…", self)
        self.action.setShortcut(QKeySequence("Ctrl+Shift+B"))
        self.action.triggered.connect(self.open_dialog)
        applications.table.selectionModel().selectionChanged.connect(self._update)
        applications.selectionCleared.connect(self._update)
        self._update()

    def set_database(self, db: Database | None) -> None:
        self._db = db
        self._update()

    @Slot()
    def _update(self, *_args: object) -> None:
        count = len(self._applications.table.selectionModel().selectedRows())
        self.action.setEnabled(self._db is not None and count > 0)
        self.action.setStatusTip(
            f"One new status for the {count} selected application{'s' if count != 1 else ''}"
            if count else "Select applications in the list first (Ctrl or Shift and a click)")

    @Slot()
    def open_dialog(self) -> BulkStatusDialog | None:
        rows = selected_rows(self._applications)
        if self._db is None or not rows:
            return None
        if self.dialog is not None:
            self.dialog.raise_()
            return self.dialog
        from licenseapp.gui.tracking.bulk_status_dialog import BulkStatusDialog

        dialog = BulkStatusDialog(self._runner, partial(_change_statuses, self._db), rows,
                                  self._window, today=self._db.clock.today())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.changed.connect(self.changed)
        dialog.finishedChanges.connect(lambda outcome: self.message.emit(
            f"Status change of selected applications: {outcome.summary()}."))
        hold_until_closed(self, "dialog", dialog)
        dialog.open()
        return dialog


def install(window: MainWindow, runner: TaskRunner) -> BulkStatusActions:
    """Application › Change status of selected…, after Change status…; what it changed goes
    to the screens, its outcome to the status bar."""
    actions = BulkStatusActions(runner, window, window.applications)
    window.databaseChanged.connect(actions.set_database)
    menu = window.application_menu
    single = window.tracking.reassign_action
    later = menu.actions()[menu.actions().index(single) + 1:] if single in menu.actions() else []
    menu.insertAction(later[0] if later else None, actions.action)  # type: ignore[arg-type]
    window.applications.table.addAction(actions.action)
    actions.changed.connect(window.operations.announce)
    actions.message.connect(lambda text: window.statusBar().showMessage(text, 10_000))
    return actions
