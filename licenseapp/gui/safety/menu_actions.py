"""File › Back up… and Restore… (beside Verify database…); Application › Checklist… and
Supporting documents… for the application shown in the details pane — any status."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QAction, QDesktopServices
from PySide6.QtWidgets import QDialog, QWidget

from licenseapp.gui.dialog_handles import hold_until_closed
from licenseapp.gui.row_actions import RowActions
from licenseapp.gui.tasks import TaskRunner

if TYPE_CHECKING:
    from licenseapp.domain.checker import Finding
    from licenseapp.domain.draft_form import DraftForm
    from licenseapp.gui.main_window import MainWindow
    from licenseapp.gui.safety.attachment_opener import UrlOpener
    from licenseapp.gui.safety.backup_dialog import BackupDialog
    from licenseapp.gui.safety.checklist_dialog import ChecklistDialog
    from licenseapp.gui.safety.documents_dialog import SupportingDocumentsDialog
    from licenseapp.gui.safety.restore_dialog import RestoreDialog
    from licenseapp.services.output.attachments import AttachmentView
    from licenseapp.store.database import Database


def _check(db: Database, ref: str) -> list[Finding]:
    from licenseapp.services.drafts.checking import check_application

    return check_application(db, ref)


def _draft(db: Database, ref: str) -> DraftForm:
    from licenseapp.services.drafts.draft_editing import load_draft

    return load_draft(db, ref)


def _attachments(db: Database, ref: str) -> list[AttachmentView]:
    from licenseapp.services.output.attachments import list_attachments

    return list_attachments(db, ref)


class SafetyActions(RowActions):
    def __init__(self, runner: TaskRunner, window: QWidget) -> None:
        super().__init__(runner, window)
        self.backup_dialog: BackupDialog | None = None
        self.restore_dialog: RestoreDialog | None = None
        self.checklist_dialog: ChecklistDialog | None = None
        self.documents_dialog: SupportingDocumentsDialog | None = None
        #: How a copy of an attachment reaches the system's viewer (tests record it instead).
        self.open_url: UrlOpener = QDesktopServices.openUrl
        self._pending_fix: Finding | None = None  # to go to once the wizard is ready

        self.backup_action = QAction("&Back up…", self)
        self.backup_action.setStatusTip(
            "Copy the whole database, with the attachments, to a backup file")
        self.backup_action.triggered.connect(self.show_backup)
        self.restore_action = QAction("Res&tore a backup…", self)
        self.restore_action.setStatusTip(
            "Restore a backup into a new database file, check it, and open it")
        self.restore_action.triggered.connect(self.show_restore)
        self.checklist_action = QAction("Chec&klist…", self)
        self.checklist_action.triggered.connect(self.show_checklist)
        self.documents_action = QAction("Supporting &documents…", self)
        self.documents_action.triggered.connect(self.show_documents)
        self._update_actions()

    @property
    def actions(self) -> tuple[QAction, ...]:
        return (self.backup_action, self.restore_action, self.checklist_action,
                self.documents_action)

    def set_database(self, db: Database | None) -> None:
        """Another database is open: the dialogs about the one before close (a backup under
        way finishes first)."""
        super().set_database(db)
        for name in ("checklist_dialog", "documents_dialog", "backup_dialog"):
            dialog = getattr(self, name)
            if dialog is not None and not getattr(dialog, "running", False):
                dialog.close()

    @Slot(object)
    def _update_actions(self) -> None:
        self.backup_action.setEnabled(self._db is not None)
        chosen = self._db is not None and self._row is not None
        for action, tip in ((self.checklist_action, "What is missing or wrong in {}"),
                            (self.documents_action, "The supporting documents of {}")):
            action.setEnabled(chosen)
            text = tip.format(self._row.ref) if self._row else "Select an application first"
            action.setStatusTip(text)
            action.setToolTip(text)

    def _show(self, name: str, dialog: QDialog) -> None:
        old = getattr(self, name)
        if old is not None:
            old.close()
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        hold_until_closed(self, name, dialog)
        dialog.open()

    @Slot()
    def show_backup(self) -> None:
        if self._db is None:
            return
        if self.backup_dialog is not None and self.backup_dialog.running:
            self.backup_dialog.raise_()
            return
        from licenseapp.gui.safety.backup_dialog import BackupDialog  # (imported when used)

        self._show("backup_dialog", BackupDialog(self._runner, self._db, self._window))

    @Slot()
    def show_restore(self) -> None:
        if self.restore_dialog is not None and self.restore_dialog.running:
            self.restore_dialog.raise_()
            return
        from licenseapp.gui.safety.restore_dialog import RestoreDialog

        dialog = RestoreDialog(self._runner, self._window)
        open_database = getattr(self._window, "open_database", None)
        if open_database is not None:
            dialog.openRequested.connect(open_database)
        self._show("restore_dialog", dialog)

    @Slot()
    def show_checklist(self) -> None:
        if self._db is None or self._row is None:
            return
        from licenseapp.gui.safety.checklist_dialog import ChecklistDialog

        dialog = ChecklistDialog(self._runner, partial(_check, self._db, self._row.ref),
                                 self._row, self._window)
        dialog.fixRequested.connect(self.fix_in_wizard)
        self._show("checklist_dialog", dialog)
        dialog.start()

    @Slot(object)
    def fix_in_wizard(self, finding: Finding) -> None:
        """Open the draft shown in the wizard, then go to the field that fixes ``finding``."""
        drafting = getattr(self._window, "drafting", None)
        if self._db is None or self._row is None or drafting is None:
            return
        self._pending_fix = finding
        db, ref = self._db, self._row.ref
        self._runner.submit(lambda: _draft(db, ref), self._draft_loaded, context=self)

    def _draft_loaded(self, form: DraftForm) -> None:
        drafting = getattr(self._window, "drafting", None)
        wizard = drafting.open_wizard(form) if drafting is not None else None
        if wizard is None or wizard.form.ref != form.ref:  # another draft is open: finish it
            self._pending_fix = None
            return
        if wizard.choices is None:
            wizard.choicesLoaded.connect(self._go_to_pending_fix)
        else:
            self._go_to_pending_fix()

    @Slot()
    def _go_to_pending_fix(self) -> None:
        finding, self._pending_fix = self._pending_fix, None
        drafting = getattr(self._window, "drafting", None)
        wizard = drafting.wizard if drafting is not None else None
        if finding is not None and wizard is not None:
            wizard.go_to_finding(finding)

    @Slot()
    def show_documents(self) -> None:
        if self._db is None or self._row is None:
            return
        # Imported when first asked for: it brings the wizard's documents page and the
        # database layer, which the window must not load before it is shown.
        from licenseapp.gui.safety.documents_dialog import SupportingDocumentsDialog

        dialog = SupportingDocumentsDialog(
            self._runner, self._db, partial(_attachments, self._db, self._row.ref), self._row,
            self._window, open_url=self.open_url)
        self._show("documents_dialog", dialog)
        dialog.load()


def install(window: MainWindow, runner: TaskRunner) -> SafetyActions:
    """Put the actions in the window's File and Application menus and keep them told of
    the open database and the application in the details pane."""
    safety = SafetyActions(runner, window)
    verify = window.audit.verify_action
    window.file_menu.insertActions(verify, [safety.backup_action, safety.restore_action])
    window.application_menu.addSeparator()
    window.application_menu.addActions([safety.checklist_action, safety.documents_action])
    window.databaseChanged.connect(safety.set_database)
    details = window.details
    details.detailShown.connect(
        lambda _ref: safety.set_application(details.detail.row if details.detail else None))
    window.applications.selectionCleared.connect(partial(safety.set_application, None))
    return safety
