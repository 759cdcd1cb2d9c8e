"""The drafting actions: New application… (Ctrl+N), Edit in wizard…, Renew… and Resubmit…,
and the offer, once a database is open, of a draft left unsaved by a crash."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMessageBox, QWidget

from licenseapp.domain.days import local_time
from licenseapp.domain.draft_form import EDITABLE_STATUSES, DraftForm
from licenseapp.errors import LicenseAppError
from licenseapp.gui.tasks import TaskRunner
from licenseapp.services.changes import Changes, application_changes
from licenseapp.services.drafts import draft_recovery
from licenseapp.services.dto import ApplicationRow

if TYPE_CHECKING:  # the window is built without SQLAlchemy: the wizard loads when opened
    from licenseapp.gui.wizard.wizard import DraftWizard
    from licenseapp.store.database import Database

RENEWABLE = frozenset({"approved", "approved_with_conditions", "partially_approved"})
RESUBMITTABLE = frozenset({"returned_without_action", "returned_unregistered"})


class DraftingActions(QObject):
    """Signals: ``changed(Changes)`` when a draft was stored, ``message(text)``,
    ``finished(ref)`` when the wizard's Finish closed it on a stored draft."""

    changed = Signal(object)
    message = Signal(str)
    finished = Signal(str)

    def __init__(self, runner: TaskRunner, window: QWidget) -> None:
        super().__init__(window)
        self._runner = runner
        self._window = window
        self._db: Database | None = None
        self._row: ApplicationRow | None = None
        self.wizard: DraftWizard | None = None
        self.new_action = QAction("&New application…", self)
        self.new_action.setShortcut(QKeySequence.StandardKey.New)
        self.new_action.setStatusTip("Draft a new application, step by step")
        self.edit_action = QAction("&Edit in wizard…", self)
        self.edit_action.setShortcut(QKeySequence("Ctrl+E"))
        self.renew_action = QAction("Start &renewal…", self)
        self.resubmit_action = QAction("Start resu&bmission…", self)
        self.new_action.triggered.connect(lambda: self.open_wizard(DraftForm()))
        self.edit_action.triggered.connect(self.edit_current)
        self.renew_action.triggered.connect(lambda: self.start_from_current("renewal"))
        self.resubmit_action.triggered.connect(lambda: self.start_from_current("resubmission"))
        self.actions = (self.new_action, self.edit_action, self.renew_action,
                        self.resubmit_action)
        self.set_application(None)
        self.set_database(None)

    def set_database(self, db: Database | None) -> None:
        self._db = db
        self.new_action.setEnabled(db is not None)
        self.set_application(self._row)

    def set_application(self, row: ApplicationRow | None) -> None:
        self._row = row
        ok = self._db is not None and row is not None
        self.edit_action.setEnabled(ok and row is not None and row.status in EDITABLE_STATUSES)
        self.renew_action.setEnabled(ok and row is not None and row.status in RENEWABLE)
        self.resubmit_action.setEnabled(ok and row is not None and row.status in RESUBMITTABLE)

    # -- opening the wizard ----------------------------------------------------------------
    def open_wizard(self, form: DraftForm, page: int = 0) -> DraftWizard | None:
        if self._db is None:
            return None
        if self.wizard is not None and self.wizard.isVisible():
            self.wizard.raise_()
            self.wizard.activateWindow()
            self.message.emit("Finish or cancel the draft that is open first.")
            return self.wizard
        from licenseapp.gui.wizard.wizard import DraftWizard

        wizard = DraftWizard(self._db, self._runner, form=form, start_page=page,
                             parent=self._window)
        wizard.stored.connect(lambda ref: self.message.emit(f"Draft {ref} saved"))
        wizard.stored.connect(lambda ref: self.changed.emit(application_changes([ref])))
        wizard.changed.connect(self.changed)
        wizard.accepted.connect(self._finished)
        self.wizard = wizard
        wizard.open()
        return wizard

    def _finished(self) -> None:
        if self.wizard is not None and self.wizard.saved is not None:
            self.finished.emit(self.wizard.saved.ref)

    def deliver(self, changes: Changes) -> None:
        """Records changed anywhere in the app: the open wizard checks its draft again if
        it is built from them."""
        if self.wizard is not None and self.wizard.isVisible():
            self.wizard.apply_changes(changes)

    def _load_then_open(self, work: Callable[[], DraftForm]) -> None:
        self._runner.submit(work, lambda form: self._open(form), self._refused, context=self)

    def _open(self, form: DraftForm) -> None:
        self.open_wizard(form)

    def edit_current(self) -> None:
        if self._row is not None:
            self.edit(self._row)

    def edit(self, row: ApplicationRow) -> None:
        """Open ``row``'s draft in the wizard (loaded off the GUI thread)."""
        if self._db is None or row.status not in EDITABLE_STATUSES:
            return
        from licenseapp.services.drafts.draft_editing import load_draft

        db, ref = self._db, row.ref
        self._load_then_open(lambda: load_draft(db, ref))

    def start_from_current(self, purpose: str) -> None:
        if self._db is None or self._row is None:
            return
        from licenseapp.services.drafts.draft_editing import start_from

        db, ref = self._db, self._row.ref
        self._load_then_open(lambda: start_from(db, ref, purpose))

    def _refused(self, exc: BaseException) -> None:
        if isinstance(exc, LicenseAppError):
            QMessageBox.warning(self._window, "Cannot open the draft", exc.message)
        else:
            self._runner.report_error(exc)

    # -- after a crash ---------------------------------------------------------------------
    def offer_recovery(self) -> None:
        """If a draft was left unsaved in this database, ask whether to open it again."""
        if self._db is None:
            return
        where = self._db.location.display
        self._runner.submit(lambda: draft_recovery.recover(where), self._recovered,
                            context=self)

    def _recovered(self, found: draft_recovery.RecoveredDraft | None) -> None:
        if found is None or (self.wizard is not None and self.wizard.isVisible()):
            return
        what = found.form.ref or "a new application"
        when = local_time(found.saved_at)
        box = QMessageBox(QMessageBox.Icon.Question, "Unsaved draft found",
                          f"LicenseApp stopped while you were drafting {what} (last typed "
                          f"{when}). Open it again with what you had typed?",
                          QMessageBox.StandardButton.Open | QMessageBox.StandardButton.Discard,
                          self._window)
        box.setDefaultButton(QMessageBox.StandardButton.Open)
        box.finished.connect(lambda result: self._recovery_answer(box, found))
        self.recovery_box = box
        box.open()

    def _recovery_answer(self, box: QMessageBox, found: draft_recovery.RecoveredDraft) -> None:
        if box.clickedButton() is box.button(QMessageBox.StandardButton.Open):
            self.open_wizard(found.form, found.page)
        else:
            self._runner.submit(draft_recovery.discard, lambda _: None, context=self)

