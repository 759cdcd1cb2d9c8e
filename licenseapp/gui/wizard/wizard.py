"""The drafting wizard: holds the draft form, keeps it on disk while typing, stores it in the
database when a page is left, and runs the checker on the stored draft with what is typed.

Database and file work go through the task runner; the wizard never blocks the GUI thread.
The draft reaches the database when the items page is left (the first moment it can be a
valid application); from then on each page stores it on leaving. Until finished or
discarded, every change is also written to the recovery file, so a crash loses nothing.

The findings stay current: once the draft is stored they are checked again, shortly after
(debounced), whenever a field is typed, the draft is stored, or a record it is built from
changes — here (Edit person…, an attachment) or anywhere in the app (:meth:`apply_changes`,
fed by the main window's change sets). A check superseded by a newer one is dropped.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget, QWizard

from licenseapp.domain.checker import Finding
from licenseapp.domain.draft_form import DRAFT_LABELS, DraftForm
from licenseapp.domain.edit_conflict import EditConflict
from licenseapp.domain.form_problems import FormInvalid
from licenseapp.domain.person_form import PersonForm
from licenseapp.errors import LicenseAppError
from licenseapp.gui.first_field import focus_first_field
from licenseapp.gui.tasks import TaskRunner
from licenseapp.gui.window_state import fit_on_screen
from licenseapp.gui.wizard.page_base import DraftPage
from licenseapp.gui.wizard.screening_state import ScreeningStateLine
from licenseapp.services.catalog.people import load_person
from licenseapp.services.changes import Changes, Kind
from licenseapp.services.drafts import draft_recovery
from licenseapp.services.drafts.checking import draft_findings
from licenseapp.services.drafts.draft_editing import save_draft
from licenseapp.services.drafts.wizard_data import WizardChoices, wizard_choices
from licenseapp.store.database import Database

if TYPE_CHECKING:
    from licenseapp.gui.wizard.finding_jumps import FindingJumps

AUTOSAVE_MS = 400
#: The findings are checked again this long after the last change (typing, a save).
CHECK_DELAY_MS = 300
#: The draft's findings, from the stored draft and the form as typed.
Check = Callable[[Database, DraftForm, DraftForm, date], list[Finding]]


class DraftWizard(QWizard):
    """Signals: ``stored(ref)`` after each database save, ``choicesLoaded``,
    ``findingsChanged``, ``personLoaded``, ``busyChanged(bool)``."""

    stored = Signal(str)
    #: Records other than the draft changed from the wizard (an item added): a Changes.
    changed = Signal(object)
    choicesLoaded = Signal()
    findingsChanged = Signal()
    personLoaded = Signal()
    busyChanged = Signal(bool)
    problem = Signal(str)  # a refusal shown to the user (tests read it)

    def __init__(self, db: Database, runner: TaskRunner, *, form: DraftForm | None = None,
                 start_page: int = 0, today: date | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.runner = runner
        self.today = today or date.today()
        self.form = form or DraftForm()
        self.saved: DraftForm | None = form if form is not None and form.id is not None \
            else None
        self.findings: list[Finding] = []
        self.choices: WizardChoices | None = None
        self.person: PersonForm | None = None
        #: The items page's determination says none of the chosen items needs a license.
        self.no_license_needed = False
        self.busy = False
        #: The check run (the same as ``licenseapp check``); tests may slow it down.
        self.check: Check = draft_findings
        self._check_soon = QTimer(self, singleShot=True, interval=CHECK_DELAY_MS)
        self._check_soon.timeout.connect(self._check_now)
        self.jumps: FindingJumps | None = None
        self._autosave = QTimer(self, singleShot=True, interval=AUTOSAVE_MS)
        self._autosave.timeout.connect(self._keep_on_disk)
        self.setWindowTitle(self._title())
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setOption(QWizard.WizardOption.HaveCustomButton1, True)
        self.setButtonText(QWizard.WizardButton.CustomButton1, "Save draft")
        # after going from Review to a finding's field: back to Review in one press
        self.setOption(QWizard.WizardOption.HaveCustomButton2, True)
        self.setButtonText(QWizard.WizardButton.CustomButton2, "Back to &Review")
        self.button(QWizard.WizardButton.CustomButton2).setVisible(False)
        self.customButtonClicked.connect(self._custom_button)
        self.setMinimumSize(980, 720)
        fit_on_screen(self, QSize(980, 720))  # at 125% on 1440×900: 1152×720 in all
        from licenseapp.gui.wizard.pages import all_pages

        self.pages: list[DraftPage] = all_pages()
        for page in self.pages:
            self.addPage(page)
        self._start_page = start_page
        # Back does not initialize the page again: show it the newest findings on arrival.
        self.currentIdChanged.connect(self._show_findings)
        self.currentIdChanged.connect(self._focus_page)
        self.load_choices()
        if self.form.person_id is not None:
            self.load_person(self.form.person_id)
        if self.saved is not None:
            self.run_check()

    def _focus_page(self, _page_id: int) -> None:
        """A page opens with the keyboard in its first field (QWizard leaves it on Next,
        once it has moved it: hence after the event loop's turn)."""
        QTimer.singleShot(0, self, self._focus_first_field)

    def _focus_first_field(self) -> None:
        page = self.currentPage()
        if page is None:
            return
        focus_first_field(page)
        focused = QApplication.focusWidget()
        if isinstance(page, DraftPage) and (focused is None or not page.isAncestorOf(focused)) \
                and page.findings.count():
            # nothing to type here (Review with errors): the findings, where Enter goes to
            # the field that fixes one, rather than Back
            page.findings.list.setFocus(Qt.FocusReason.TabFocusReason)

    # -- state -----------------------------------------------------------------------------
    def _title(self) -> str:
        ref = self.saved.ref if self.saved else "new application"
        return f"Draft application — {ref}"

    def set_form(self, form: DraftForm) -> None:
        if form != self.form:
            self.form = form
            self._autosave.start()
            self.run_check()

    def dirty(self) -> bool:
        return self.saved is None or self.form != self.saved

    def _keep_on_disk(self) -> None:
        form, page, where = self.form, max(self.currentId(), 0), self.db.location.display
        self.runner.submit(lambda: draft_recovery.keep(form, page, where), _ignore,
                           self._not_kept, context=self)

    def _not_kept(self, exc: BaseException) -> None:
        self.problem.emit(f"Could not keep the unsaved draft on disk: {exc}")

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        for button in (QWizard.WizardButton.NextButton, QWizard.WizardButton.FinishButton,
                       QWizard.WizardButton.CustomButton1):
            self.button(button).setEnabled(not busy)
        self.busyChanged.emit(busy)

    # -- loading ---------------------------------------------------------------------------
    def load_choices(self) -> None:
        db = self.db
        self.runner.submit(lambda: wizard_choices(db), self._choices_loaded, context=self)

    def _choices_loaded(self, choices: WizardChoices) -> None:
        self.choices = choices
        self.choicesLoaded.emit()
        if self._start_page and self.currentId() == 0:
            for _ in range(self._start_page):  # next() refuses a page that is not complete
                before = self.currentId()
                self.next()
                if self.currentId() == before:
                    break
            self._start_page = 0

    def load_person(self, person_id: int) -> None:
        db = self.db
        self.runner.submit(lambda: load_person(db, person_id), self._person_loaded,
                           context=self)

    def _person_loaded(self, person: PersonForm) -> None:
        if person.id == self.form.person_id:
            self.person = person
            self.personLoaded.emit()

    def screening_line(self, parent: QWidget) -> ScreeningStateLine:
        """The screening state of a page's person or applicant: a decision made from it is
        announced, and the checks run again (an open hit blocks "ready to file")."""
        line = ScreeningStateLine(self.runner, parent)
        line.decided.connect(self.changed)
        line.decided.connect(lambda _changes: self.run_check())
        return line

    # -- saving and checking ---------------------------------------------------------------
    def save(self, *, then_next: bool = False, then: Callable[[], None] | None = None) -> None:
        if self.busy:
            return
        self._set_busy(True)
        db, form, base = self.db, self.form, self.saved
        self.runner.submit(lambda: save_draft(db, form, base=base),
                           lambda stored: self._stored(form, stored, then_next, then),
                           self._save_failed, context=self)

    def _stored(self, sent: DraftForm, stored: DraftForm, then_next: bool,
                then: Callable[[], None] | None) -> None:
        self._set_busy(False)
        self.saved = stored
        # what was typed meanwhile stays; the stored identity and version are taken
        self.form = dataclasses.replace(
            stored, **{f.name: getattr(self.form, f.name) for f in dataclasses.fields(sent)
                       if getattr(self.form, f.name) != getattr(sent, f.name)})
        self.setWindowTitle(self._title())
        self.stored.emit(stored.ref)
        self.run_check()
        if then_next:
            self.next()
        if then is not None:
            then()

    def _save_failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        page = self.currentPage()
        if isinstance(exc, FormInvalid) and isinstance(page, DraftPage):
            page.findings.show_problems(exc.problems, DRAFT_LABELS)
            self.problem.emit(str(exc))
        elif isinstance(exc, EditConflict):
            self._resolve_conflict(exc)
        elif isinstance(exc, LicenseAppError):
            self.problem.emit(exc.message)
            QMessageBox.warning(self, "Draft not saved", exc.message)
        else:
            self.runner.report_error(exc)

    def _resolve_conflict(self, conflict: EditConflict[DraftForm]) -> None:
        """Someone else saved the application meanwhile: both versions side by side; the
        choice is saved over theirs (and may conflict again)."""
        self.problem.emit(str(conflict))
        from licenseapp.gui.conflict_dialog import ConflictDialog
        from licenseapp.gui.wizard.recorded_blocks import describe_values

        form_code = self.form.form
        dialog = ConflictDialog(conflict, self, describe={
            "form_values": lambda values: describe_values(form_code, values)})
        dialog.resolved.connect(lambda merged: self._conflict_resolved(conflict, merged))
        self.conflict_dialog = dialog
        dialog.open()

    def _conflict_resolved(self, conflict: EditConflict[DraftForm], merged: DraftForm) -> None:
        self.saved = conflict.theirs
        self.form = merged
        page = self.currentPage()
        if isinstance(page, DraftPage):
            page.initializePage()
        self.save()

    def run_check(self) -> None:
        """Check the draft again shortly (changes in a row make one check)."""
        if self.saved is not None:
            self._check_soon.start()

    @property
    def check_due(self) -> bool:
        """A check is waiting for the changes to pause (see :data:`CHECK_DELAY_MS`)."""
        return self._check_soon.isActive()

    def _check_now(self) -> None:
        if self.saved is None:
            return
        db, form, stored, today, check = self.db, self.form, self.saved, self.today, self.check
        # a newer check supersedes this one: a late, stale result is dropped
        self.runner.submit(lambda: check(db, form, stored, today), self._checked,
                           context=self, latest="findings")

    def _checked(self, findings: list[Finding]) -> None:
        self.findings = findings
        self._show_findings()
        self.findingsChanged.emit()

    def apply_changes(self, changes: Changes) -> None:
        """Records changed (here or anywhere in the app): check again if the draft is built
        from them, and show the person again if it was theirs."""
        form = self.form
        ours: dict[Kind, set[object]] = {
            Kind.PEOPLE: {form.person_id}, Kind.ORGANIZATIONS: {form.organization_id},
            Kind.ITEMS: {i.item_id for i in form.items},
            Kind.APPLICATIONS: {self.saved.ref if self.saved else form.ref}}
        touched = {kind for kind, keys in ours.items()
                   if changes.is_whole(kind) or changes.keys(kind) & keys}
        if Kind.PEOPLE in touched and form.person_id is not None:
            self.load_person(form.person_id)
        if touched or changes.touches(Kind.SCREENING):
            self.run_check()

    def go_to_finding(self, finding: Finding) -> None:
        """Go to the page and field that fix ``finding`` (or open the record's editor)."""
        if self.jumps is None:
            from licenseapp.gui.wizard.finding_jumps import FindingJumps

            self.jumps = FindingJumps(self)
        self.jumps.go_to(finding)

    def _show_findings(self) -> None:
        page = self.currentPage()
        if isinstance(page, DraftPage):
            page.show_findings(self.findings)

    def _custom_button(self, which: int) -> None:
        if which == QWizard.WizardButton.CustomButton1.value:
            page = self.currentPage()
            if isinstance(page, DraftPage):
                self.set_form(page.write(self.form))
                problems = page.problems(self.form)
                if problems:
                    page.findings.show_problems(problems, DRAFT_LABELS)
                    return
            self.save()
        elif which == QWizard.WizardButton.CustomButton2.value and self.jumps is not None:
            self.jumps.back_to_review()

    # -- closing ---------------------------------------------------------------------------
    def accept(self) -> None:
        if self.busy:
            return
        page = self.currentPage()
        if isinstance(page, DraftPage) and not page.validatePage():
            return
        self._finish()

    def _finish(self) -> None:
        self._autosave.stop()
        self.runner.submit(draft_recovery.discard, _ignore, context=None)
        super().accept()

    def reject(self) -> None:
        """Cancel: asks before anything typed is discarded (a stored draft stays stored)."""
        if not (self.dirty() and self.form != DraftForm()):
            self._discard()
            return
        where = (f"The changes since {self.saved.ref} was last saved" if self.saved
                 else "This new application")
        box = QMessageBox(QMessageBox.Icon.Question, "Discard the draft?",
                          f"{where} will be lost. Discard them?",
                          QMessageBox.StandardButton.Discard
                          | QMessageBox.StandardButton.Cancel, self)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.finished.connect(lambda _: self._discard() if box.clickedButton()
                             is box.button(QMessageBox.StandardButton.Discard) else None)
        self.discard_box = box
        box.open()

    def _discard(self) -> None:
        self._autosave.stop()
        self.runner.submit(draft_recovery.discard, _ignore, context=None)
        super().reject()


def _ignore(_: object) -> None:
    return None
