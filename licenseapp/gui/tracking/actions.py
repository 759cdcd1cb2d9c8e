"""The Application menu's tracking actions: Change status… (Ctrl+T) and Reassign….

They act on the application shown in the details pane (:meth:`set_application`), open the
focused dialogs, and say ``changed`` with the service's change set once something was
recorded; the main window hands it to the screens.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QStyle, QWidget

from licenseapp.domain.lifecycle import lifecycle
from licenseapp.gui.applications.model import ApplicationsTableModel
from licenseapp.gui.dialog_handles import hold_until_closed
from licenseapp.gui.tasks import TaskRunner
from licenseapp.gui.themed_icons import follow_standard_icon
from licenseapp.gui.tracking.reassign_dialog import ReassignDialog
from licenseapp.gui.tracking.status_dialog import StatusChangeDialog, allowed_targets
from licenseapp.services.dto import ApplicationRow

if TYPE_CHECKING:
    from licenseapp.services.follow_up.tracking import StatusChange, StatusChangeResult
    from licenseapp.store.database import Database


def _change_status(db: Database, change: StatusChange) -> StatusChangeResult:
    from licenseapp.services.follow_up.tracking import change_status

    return change_status(db, change)


def _reassign(db: Database, ref: str, owner: str, note: str) -> StatusChangeResult:
    from licenseapp.services.follow_up.tracking import reassign

    return reassign(db, ref, owner, note=note)


def owners_in(model: ApplicationsTableModel) -> list[str]:
    """Everyone who owns an application in the list (the reassign dialog offers them)."""
    return sorted({row.owner for row, _ in model.rows_with_keys() if row.owner},
                  key=str.casefold)


class ApplicationActions(QObject):
    """Signals: ``changed(Changes)`` after a change was recorded, ``message(text)`` to show."""

    changed = Signal(object)
    message = Signal(str)

    def __init__(
        self,
        runner: TaskRunner,
        window: QWidget,
        owners: Callable[[], Sequence[str]] = tuple,
    ) -> None:
        super().__init__(window)
        self._runner = runner
        self._window = window
        self._owners = owners
        self._db: Database | None = None
        self._row: ApplicationRow | None = None
        self.dialog: StatusChangeDialog | ReassignDialog | None = None

        self.change_status_action = QAction("Change &status…", self)
        follow_standard_icon(self.change_status_action, "go-next",
                             QStyle.StandardPixmap.SP_ArrowForward)
        self.change_status_action.setShortcut(QKeySequence("Ctrl+T"))
        self.change_status_action.triggered.connect(self.change_status)
        self.reassign_action = QAction("Reass&ign…", self)
        self.reassign_action.setStatusTip("Hand the selected application to another owner")
        self.reassign_action.triggered.connect(self.reassign)
        self._update_actions()

    @property
    def actions(self) -> tuple[QAction, ...]:
        return (self.change_status_action, self.reassign_action)

    def set_database(self, db: Database | None) -> None:
        self._db = db
        self.set_application(None)

    @Slot(object)
    def set_application(self, row: ApplicationRow | None) -> None:
        """The application the actions apply to (the one in the details pane), or None."""
        self._row = row
        self._update_actions()

    def _update_actions(self) -> None:
        row, ready = self._row, self._db is not None and self._row is not None
        final = ready and row is not None and not allowed_targets(
            lifecycle(row.regulator), row.status
        )
        self.change_status_action.setEnabled(ready and not final)
        self.reassign_action.setEnabled(ready)
        if row is None:
            tip = "Select an application first"
        elif final:
            tip = f"{row.ref} is {lifecycle(row.regulator).label(row.status).lower()}: final"
        else:
            tip = f"Record a new status for {row.ref}"
        self.change_status_action.setStatusTip(tip)
        self.change_status_action.setToolTip(f"{tip} (Ctrl+T)")

    # --- the dialogs -------------------------------------------------------------------

    @Slot()
    def change_status(self) -> None:
        if self._db is None or self._row is None or not self.change_status_action.isEnabled():
            return
        dialog = StatusChangeDialog(
            self._runner, partial(_change_status, self._db), self._row, self._window
        )
        dialog.succeeded.connect(self._status_changed)
        self._open(dialog)

    @Slot()
    def reassign(self) -> None:
        if self._db is None or self._row is None:
            return
        dialog = ReassignDialog(
            self._runner, partial(_reassign, self._db), self._row, self._owners(), self._window,
            me=self._db.actor,
        )
        dialog.succeeded.connect(self._reassigned)
        self._open(dialog)

    def _open(self, dialog: StatusChangeDialog | ReassignDialog) -> None:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        hold_until_closed(self, "dialog", dialog)
        self.dialog = dialog
        dialog.open()

    @Slot()
    def _status_changed(self, result: StatusChangeResult) -> None:
        cycle = lifecycle(self._row.regulator) if self._row else None
        label = cycle.label(result.to_status) if cycle else str(result.to_status)
        self.message.emit(f"{result.ref} is now {label.lower()}.")
        self.changed.emit(result.changes)

    def _reassigned(self, result: StatusChangeResult) -> None:
        self.message.emit(f"{result.ref} reassigned.")
        self.changed.emit(result.changes)
