"""Application › Determination and memo… (also above the application's details), the
details pane's line saying whether the application's stored determination is out of date
with the rules now, and Determination memo… beside the matrix's access details."""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QBoxLayout, QLabel, QMenu, QPushButton, QWidget

from licenseapp.gui.determinations.determination_dialog import DeterminationDialog
from licenseapp.gui.determinations.determination_html import out_of_date_html
from licenseapp.gui.determinations.notices_dialog import NoticesDialog
from licenseapp.gui.dialog_handles import hold_until_closed
from licenseapp.gui.row_actions import RowActions
from licenseapp.gui.tasks import TaskRunner

if TYPE_CHECKING:
    from licenseapp.gui.authorization.page import AuthorizationPage
    from licenseapp.gui.main_window import MainWindow
    from licenseapp.services.directive.determination_records import ApplicationDeterminations
    from licenseapp.services.directive.notices import NoticeResult
    from licenseapp.store.database import Database


def _determinations(db: Database, ref: str) -> ApplicationDeterminations:
    from licenseapp.services.directive.determination_records import application_determinations

    return application_determinations(db, ref)


def _application_memo(db: Database, ref: str, path: Path) -> Path:
    from licenseapp.services.directive.memo import application_memo, write_memo

    return write_memo(db, application_memo(db, ref), path, replace=True)


def _pair_memo(db: Database, person: str, item: str, path: Path) -> Path:
    from licenseapp.services.directive.memo import pair_memo, write_memo

    return write_memo(db, pair_memo(db, person, item), path, replace=True)


def _rulesets(db: Database) -> list[tuple[str, str]]:
    from licenseapp.services.directive.rulesets import available_rulesets

    return [(r.id, r.title) for r in available_rulesets(db)]


def _write_notices(db: Database, ruleset_id: str, folder: Path) -> NoticeResult:
    from licenseapp.services.directive.notices import write_notices

    return write_notices(db, ruleset_id, folder)


def ask_pdf_path(parent: QWidget, suggested: str) -> Path | None:
    """The save dialog (it asks before replacing the file it names)."""
    from licenseapp.gui.authorization.prompts import Prompts

    path = Prompts().save_path(parent, "Save the determination memo", suggested, "PDF (*.pdf)")
    if path is not None and path.suffix.lower() != ".pdf":
        path = path.with_suffix(".pdf")
    return path


class DeterminationActions(RowActions):
    def __init__(self, runner: TaskRunner, window: QWidget) -> None:
        super().__init__(runner, window)
        self.dialog: DeterminationDialog | None = None
        self.notices_dialog: NoticesDialog | None = None
        self.notices_action = QAction("&Write notices…", self)
        self.notices_action.setStatusTip("E-mail files to everyone a directive affects and to "
                                         "their supervisors")
        self.notices_action.triggered.connect(self.show_notices)
        self.ask_path = ask_pdf_path  # tests answer it
        self.action = QAction("Determination and &memo…", self)
        self.action.triggered.connect(self.show_determination)
        #: In the application's details: the stored answer, and whether it is out of date.
        self.status_label = QLabel()
        self.status_label.setAccessibleName("Determination status")
        self.status_label.setWordWrap(True)
        self.status_label.setTextFormat(Qt.TextFormat.RichText)
        self.status_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status_label.setContentsMargins(6, 4, 6, 4)
        self.status_label.hide()
        self.matrix_button = QPushButton("Determination memo…")
        self.matrix_button.setAccessibleName("Determination memo of the selected access")
        self.matrix_button.setToolTip("A PDF for counsel: this person and item's determination, "
                                      "answered now and stored")
        self.matrix_button.clicked.connect(self.save_matrix_memo)
        self.matrix_status = QLabel()
        self.matrix_status.setAccessibleName("Memo status")
        self.matrix_status.setWordWrap(True)
        self.matrix_status.hide()
        self._cell_of: object = None  # the matrix details widget, once installed
        self._update_actions()

    def _update_actions(self) -> None:
        chosen = self._db is not None and self._row is not None
        self.action.setEnabled(chosen)
        tip = (f"The determination stored for {self._row.ref}, and its memo" if self._row
               else "Select an application first")
        self.action.setStatusTip(tip)
        self.action.setToolTip(tip)
        self.matrix_button.setEnabled(self._db is not None)
        self.notices_action.setEnabled(self._db is not None)
        if not chosen:
            self.status_label.hide()

    @Slot(str)
    def application_shown(self, ref: str) -> None:
        """Read (and store, the first time) the shown application's determination."""
        db = self._db
        if db is None or not ref:
            return
        self._runner.submit(partial(_determinations, db, ref),
                            partial(self._status_read, ref), self._status_failed,
                            context=self, latest="determination-status")

    def _status_read(self, ref: str, found: ApplicationDeterminations) -> None:
        if self._row is None or self._row.ref != ref:
            return
        self.status_label.setText(out_of_date_html(found))
        self.status_label.setProperty("outOfDate", found.out_of_date)
        self.status_label.show()

    def _status_failed(self, exc: BaseException) -> None:
        message = getattr(exc, "message", "")
        self.status_label.setText(f"The determination could not be read. {message}".strip())
        self.status_label.show()

    @Slot()
    def show_determination(self) -> None:
        if self._db is None or self._row is None:
            return
        db, ref = self._db, self._row.ref
        if self.dialog is not None:
            self.dialog.close()
        dialog = DeterminationDialog(self._runner, ref, partial(_determinations, db, ref),
                                     partial(_application_memo, db, ref),
                                     lambda parent, name: self.ask_path(parent, name),
                                     self._window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        hold_until_closed(self, "dialog", dialog)
        dialog.open()
        dialog.start()

    @Slot()
    def show_notices(self) -> None:
        db = self._db
        if db is None:
            return
        if self.notices_dialog is not None:
            self.notices_dialog.close()
        dialog = NoticesDialog(self._runner, _rulesets(db), partial(_write_notices, db),
                               self._window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        hold_until_closed(self, "notices_dialog", dialog)
        dialog.open()

    @Slot()
    def save_matrix_memo(self) -> None:
        cell = getattr(self._cell_of, "cell", None)
        db = self._db
        if db is None:
            return
        if cell is None:
            self._say("Select an access (a cell of the matrix) first.")
            return
        path = self.ask_path(self._window, f"determination-memo-{cell.person_ref}-"
                                           f"{cell.item_ref}.pdf")
        if path is None:
            return
        self._say(f"Saving the memo of {cell.person_name} × {cell.item_name}…")
        self._runner.submit(partial(_pair_memo, db, cell.person_ref, cell.item_ref, path),
                            lambda saved: self._say(f"Memo saved to {saved}."),
                            lambda exc: self._say("The memo was not saved: " + getattr(
                                exc, "message", str(exc))), context=self)

    def _say(self, text: str) -> None:
        self.matrix_status.setText(text)
        self.matrix_status.show()


def install(window: MainWindow, runner: TaskRunner) -> DeterminationActions:
    """Put the action in the Application menu and above the details, the status line in the
    details pane, and the memo button beside the matrix's access details."""
    actions = DeterminationActions(runner, window)
    window.application_menu.addAction(actions.action)
    details = window.details
    details.add_actions([actions.action])
    layout = details.layout()
    if isinstance(layout, QBoxLayout):
        layout.insertWidget(1, actions.status_label)  # under the actions, above the text
    def beside_matrix(page: AuthorizationPage) -> None:  # when the screen is built
        actions._cell_of = matrix = page.details
        matrix_layout = matrix.layout()
        if matrix_layout is not None:
            matrix_layout.addWidget(actions.matrix_button)
            matrix_layout.addWidget(actions.matrix_status)

    window.screens.when_built("Authorization", beside_matrix)
    rules = next((a.menu() for a in window.menuBar().actions() if a.text() == "&Rules"), None)
    if isinstance(rules, QMenu):
        rules.addSeparator()
        rules.addAction(actions.notices_action)
    window.databaseChanged.connect(actions.set_database)

    def shown(ref: str) -> None:
        actions.set_application(details.detail.row if details.detail else None)
        actions.application_shown(ref)

    details.detailShown.connect(shown)
    window.applications.selectionCleared.connect(partial(actions.set_application, None))
    return actions
