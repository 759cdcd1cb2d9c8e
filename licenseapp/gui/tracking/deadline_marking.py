"""Actions on the deadline selected: mark done, snooze until a date, reopen.

Each opens :class:`DeadlineMarkDialog` (reopen does not need one), then runs the service
off the GUI thread; ``marked(message)`` says it is recorded (the page reloads), a refusal
or failure goes out by ``failed(exception)``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

from licenseapp.domain.deadlines import Deadline
from licenseapp.gui.tasks import TaskRunner
from licenseapp.gui.tracking.deadline_dialog import DeadlineMarkDialog
from licenseapp.gui.tracking.deadlines_model import what_text

if TYPE_CHECKING:
    from licenseapp.services.follow_up.deadlines import DeadlineMark
    from licenseapp.store.database import Database


def _complete(db: Database, key: str, note: str) -> DeadlineMark:
    from licenseapp.services.follow_up.deadline_completion import complete_deadline

    return complete_deadline(db, key, note=note)


def _snooze(db: Database, key: str, until: date, note: str, today: date) -> DeadlineMark:
    from licenseapp.services.follow_up.deadline_completion import snooze_deadline

    return snooze_deadline(db, key, until, note=note, today=today)


def _reopen(db: Database, key: str) -> DeadlineMark:
    from licenseapp.services.follow_up.deadline_completion import reopen_deadline

    return reopen_deadline(db, key)


class DeadlineMarker(QObject):
    marked = Signal(str)
    failed = Signal(object)

    def __init__(
        self, runner: TaskRunner, parent_widget: QWidget, today: Callable[[], date]
    ) -> None:
        super().__init__(parent_widget)
        self._runner = runner  # the parent widget is not kept here: a reference cycle
        # with it would leave the page to the garbage collector, on whatever thread
        self._today = today
        self._db: Database | None = None
        self._deadline: Deadline | None = None
        self._mark: DeadlineMark | None = None
        self._busy = False
        self.dialog: DeadlineMarkDialog | None = None

        self.done_action = QAction("&Mark done…", parent_widget)
        self.done_action.setShortcut(QKeySequence("Ctrl+D"))
        self.done_action.setToolTip("Mark the selected deadline done, with an optional note")
        self.snooze_action = QAction("&Snooze…", parent_widget)
        self.snooze_action.setToolTip("Hide the selected deadline until a date you choose")
        self.reopen_action = QAction("&Reopen", parent_widget)
        self.reopen_action.setToolTip("Put a done or snoozed deadline back on the list")
        for action in (self.done_action, self.snooze_action, self.reopen_action):
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            parent_widget.addAction(action)
        self.done_action.triggered.connect(self.ask_done)
        self.snooze_action.triggered.connect(self.ask_snooze)
        self.reopen_action.triggered.connect(self.reopen)
        self._update()

    def set_database(self, db: Database | None) -> None:
        self._db = db
        self.set_current(None, None)

    def set_current(self, deadline: Deadline | None, mark: DeadlineMark | None) -> None:
        self._deadline, self._mark = deadline, mark
        self._update()

    def _update(self) -> None:
        today = self._today()
        usable = self._db is not None and self._deadline is not None and not self._busy
        done = self._mark is not None and self._mark.done
        snoozed = self._mark is not None and self._mark.snoozed(today)
        self.done_action.setEnabled(usable and not done)
        self.snooze_action.setEnabled(usable and not done)
        self.reopen_action.setEnabled(usable and (done or snoozed))

    # --- asking ------------------------------------------------------------------------

    @Slot()
    def ask_done(self) -> None:
        self._ask(snooze=False)

    @Slot()
    def ask_snooze(self) -> None:
        self._ask(snooze=True)

    def _ask(self, *, snooze: bool) -> None:
        if self._deadline is None or self._db is None:
            return
        parent = self.parent()
        dialog = DeadlineMarkDialog(self._deadline, self._today(), snooze=snooze,
                                    parent=parent if isinstance(parent, QWidget) else None)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(partial(self._accepted, dialog))
        self.dialog = dialog
        dialog.open()

    def _accepted(self, dialog: DeadlineMarkDialog) -> None:
        db = self._db
        if db is None:
            return
        d = dialog.deadline
        if dialog.snooze:
            until = dialog.until
            work = partial(_snooze, db, d.key, until, dialog.note, self._today())
            said = f"Snoozed until {until.isoformat()}: {what_text(d)}"
        else:
            work = partial(_complete, db, d.key, dialog.note)
            said = f"Marked done: {what_text(d)}"
        if d.application_ref:
            said += f" ({d.application_ref})"
        self._run(work, said)

    @Slot()
    def reopen(self) -> None:
        if self._deadline is None or self._db is None:
            return
        d = self._deadline
        self._run(partial(_reopen, self._db, d.key), f"Reopened: {what_text(d)}")

    def _run(self, work: Callable[[], DeadlineMark], said: str) -> None:
        self._busy = True
        self._update()
        self._runner.submit(work, lambda _mark: self._finished(said), self._failed,
                            context=self)

    def _finished(self, said: str) -> None:
        self._busy = False
        self._update()
        self.marked.emit(said)

    def _failed(self, exc: BaseException) -> None:
        self._busy = False
        self._update()
        self.failed.emit(exc)
