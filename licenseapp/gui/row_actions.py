"""The base of the action groups that act on the open database and on the application shown
in the details pane: each keeps both and enables its actions to fit them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Slot
from PySide6.QtWidgets import QWidget

from licenseapp.gui.tasks import TaskRunner
from licenseapp.services.dto import ApplicationRow

if TYPE_CHECKING:
    from licenseapp.store.database import Database


class RowActions(QObject):
    """Keeps the open database and the application chosen; :meth:`_update_actions` enables
    the subclass's actions to fit them."""

    def __init__(self, runner: TaskRunner, window: QWidget) -> None:
        super().__init__(window)
        self._runner = runner
        self._window = window
        self._db: Database | None = None
        self._row: ApplicationRow | None = None

    def set_database(self, db: Database | None) -> None:
        """Another database is open (or none): no application is chosen in it yet."""
        self._db = db
        self._row = None
        self._update_actions()

    @Slot(object)
    def set_application(self, row: ApplicationRow | None) -> None:
        """The application in the details pane, or None."""
        self._row = row
        self._update_actions()

    def _update_actions(self) -> None:
        """Enable the actions to fit the database and the application chosen."""
