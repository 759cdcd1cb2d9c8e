""""Screen now" on the People and Organizations screens: the selected record screened
against the list in use at once, off the GUI thread, and where it stands said — with the way
to its hits on the Screening screen."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMessageBox, QPushButton, QTableView, QWidget

from licenseapp.gui.dialog_handles import hold_until_closed
from licenseapp.gui.screening.wording import state_text
from licenseapp.gui.tasks import TaskRunner
from licenseapp.services.changes import Changes, Kind
from licenseapp.services.screening.dto import ScreeningState, Subject

if TYPE_CHECKING:
    from licenseapp.store.database import Database


class RecordsScreen(Protocol):
    """What Screen now needs of a records screen (People, Organizations)."""

    table: QTableView

    @property
    def database(self) -> Database | None: ...

    def selected_id(self) -> int | None: ...


def screen_one(db: Database, subject: Subject, subject_id: int) -> ScreeningState:
    from licenseapp.services.screening.runs import screen_subject

    return screen_subject(db, subject, subject_id)


class ScreenNow(QObject):
    """Signals: ``changed(Changes)`` once screened; ``reviewRequested(hit_id)`` when the
    user asks to see the hits."""

    changed = Signal(object)
    reviewRequested = Signal(int)

    def __init__(self, runner: TaskRunner, screen: RecordsScreen, subject: Subject,
                 parent: QWidget) -> None:
        super().__init__(parent)
        self._runner = runner
        self._screen = screen
        self._subject = subject
        self._parent = parent
        self.result_box: QMessageBox | None = None
        self.action = QAction("Scr&een now", self)
        self.action.setShortcut(QKeySequence("Ctrl+Shift+S"))
        self.action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.action.setStatusTip("Screen the selected record against the restricted-party list "
                                 "in use now (Ctrl+Shift+S)")
        self.action.triggered.connect(self.screen)
        table = screen.table
        table.addAction(self.action)
        if table.contextMenuPolicy() == Qt.ContextMenuPolicy.DefaultContextMenu:
            table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)

    def screen(self) -> None:
        db, record_id = self._screen.database, self._screen.selected_id()
        if db is None or record_id is None:
            return
        self.action.setEnabled(False)
        subject = self._subject
        self._runner.submit(lambda: screen_one(db, subject, record_id), self._screened,
                            self._failed, context=self)

    def _screened(self, state: ScreeningState) -> None:
        self.action.setEnabled(True)
        kind = Kind.PEOPLE if state.subject is Subject.PERSON else Kind.ORGANIZATIONS
        self.changed.emit(Changes.of(Kind.SCREENING, [h.id for h in state.hits])
                          | Changes.of(kind, [state.subject_id]))
        name = state.hits[0].subject_name if state.hits else ""
        box = QMessageBox(QMessageBox.Icon.Information, "Screened",
                          (f"{name}: " if name else "") + state_text(state),
                          QMessageBox.StandardButton.Close, self._parent)
        first = (state.open_hits or state.confirmed or state.hits or (None,))[0]
        if first is not None:
            review: QPushButton = box.addButton("Show on the Screening screen",
                                               QMessageBox.ButtonRole.AcceptRole)
            box.setDefaultButton(review)
            hit_id = first.id
            box.finished.connect(lambda _r: self._answered(box, review, hit_id))
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        hold_until_closed(self, "result_box", box)
        box.open()

    def _answered(self, box: QMessageBox, review: QPushButton, hit_id: int) -> None:
        if box.clickedButton() is review:
            self.reviewRequested.emit(hit_id)

    def _failed(self, exc: BaseException) -> None:
        self.action.setEnabled(True)
        self._runner.report_error(exc)


def install(runner: TaskRunner, screens: list[tuple[RecordsScreen, Subject]], parent: QWidget,
            announce: Callable[[Changes], None], review: Callable[[int], None]
            ) -> list[ScreenNow]:
    """Screen now on each of ``screens``."""
    found = []
    for screen, subject in screens:
        action = ScreenNow(runner, screen, subject, parent)
        action.changed.connect(announce)
        action.reviewRequested.connect(review)
        found.append(action)
    return found
