"""Finds out, off the GUI thread, what the open database holds yet: on opening (does it
need the welcome page?) and after each change (which next steps are done?)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal, Slot

from licenseapp.gui.tasks import TaskRunner

if TYPE_CHECKING:
    from licenseapp.services.catalog.getting_started import SetupState
    from licenseapp.store.database import Database


def load_setup_state(db: Database) -> SetupState:
    from licenseapp.services.catalog.getting_started import setup_state

    return setup_state(db)


class SetupWatcher(QObject):
    """``opened(state)``: the first answer for a database just opened; ``changed(state)``:
    every answer, that one included. Answers for a database no longer open are dropped."""

    opened = Signal(object)
    changed = Signal(object)

    def __init__(self, runner: TaskRunner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._db: Database | None = None
        self._first = False
        self.state: SetupState | None = None

    def set_database(self, db: Database | None) -> None:
        self._db = db
        self._first = True
        self.state = None
        self.reload()

    @Slot()
    def reload(self) -> None:
        db = self._db
        if db is None:
            return
        self._runner.submit(lambda: load_setup_state(db),
                            lambda state: self._answered(db, state), context=self,
                            latest="setup")

    def _answered(self, db: Database, state: SetupState) -> None:
        if db is not self._db:
            return
        self.state = state
        if self._first:
            self._first = False
            self.opened.emit(state)
        self.changed.emit(state)
