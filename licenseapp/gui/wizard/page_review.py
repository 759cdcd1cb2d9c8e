"""Wizard page 8: review — the determination, every finding as a checklist, and "ready to
file" (refused while errors remain; warnings need an acknowledgement, recorded)."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QCheckBox, QLabel, QVBoxLayout

from licenseapp.domain.checker import Finding, Severity
from licenseapp.domain.counted import counted
from licenseapp.domain.enums import ApplicationStatus
from licenseapp.domain.forms import form_spec
from licenseapp.errors import LicenseAppError
from licenseapp.gui.wizard.page_base import DraftPage

if TYPE_CHECKING:
    from licenseapp.gui.wizard.wizard import DraftWizard
from licenseapp.services.follow_up.tracking import StatusChange, StatusChangeResult, change_status

_SUBTITLE = ("Everything {regulator} would return the application for, in one list. Enter or "
             "double-click a finding to go to the field that fixes it; Finish keeps the draft.")


class ReviewPage(DraftPage):
    def __init__(self) -> None:
        super().__init__("Review",
                         _SUBTITLE.format(regulator="the regulator"))
        self.findings.set_title("Checklist")
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.ready = QCheckBox("Mark as ready to file when I finish")
        self.ready.setObjectName("mark_ready")
        self.acknowledge = QCheckBox("I have read the warnings and accept them "
                                     "(recorded with my name)")
        self.acknowledge.setObjectName("acknowledge")
        layout = QVBoxLayout(self.body)
        layout.addWidget(self.summary)
        layout.addWidget(self.ready)
        layout.addWidget(self.acknowledge)
        outer = self.layout()
        if isinstance(outer, QVBoxLayout):  # the checklist is this page's main content
            outer.setStretch(0, 0)
            outer.setStretch(1, 1)
        self.ready.toggled.connect(self._update)

    def attach(self, wizard: DraftWizard) -> None:
        wizard.findingsChanged.connect(self._update)

    def owns(self, finding: Finding) -> bool:
        return True

    def initializePage(self) -> None:
        super().initializePage()
        self._update()

    def _update(self) -> None:
        w = self.wiz()
        errors = sum(f.severity is Severity.ERROR for f in w.findings)
        warnings = len(w.findings) - errors
        regulator = w.form.regulator
        self.setSubTitle(_SUBTITLE.format(regulator=regulator))
        ref = w.saved.ref if w.saved else "the draft"
        if errors:
            text = (f"{ref} has {counted(errors, 'error')}: it cannot be marked ready to file "
                    f"until {'it is' if errors == 1 else 'they are'} fixed.")
        elif warnings:
            text = f"{ref} has no errors and {counted(warnings, 'warning')} to acknowledge."
        else:
            text = f"{ref} is complete: nothing found that {regulator} would return it for."
        if w.no_license_needed:
            licence = form_spec(w.form.form).term("license")
            text += (f"\nThe determination says no {licence} is needed for these items: "
                     "consider not filing.")
        self.summary.setText(text)
        self.ready.setEnabled(errors == 0 and w.saved is not None)
        if errors:
            self.ready.setChecked(False)
        self.acknowledge.setVisible(warnings > 0)
        self.acknowledge.setEnabled(self.ready.isChecked())

    def validatePage(self) -> bool:
        if not super().validatePage():
            return False
        w = self.wiz()
        if not self.ready.isChecked() or w.saved is None:
            return True
        if w.saved.status == ApplicationStatus.READY:
            return True
        change = StatusChange(w.saved.ref, ApplicationStatus.READY,
                              note="marked ready in the wizard",
                              acknowledge_warnings=self.acknowledge.isChecked())
        db = w.db
        w.runner.submit(lambda: change_status(db, change), self._marked, self._refused,
                        context=self)
        return False

    def _marked(self, result: StatusChangeResult) -> None:
        w = self.wiz()
        assert w.saved is not None
        w.saved = dataclasses.replace(w.saved, status=ApplicationStatus.READY.value)
        w.form = dataclasses.replace(w.form, status=ApplicationStatus.READY.value)
        w.stored.emit(w.saved.ref)
        w.accept()

    def _refused(self, exc: BaseException) -> None:
        if isinstance(exc, LicenseAppError):
            self.summary.setText(f"Not marked ready: {exc.message}")
            self.wiz().problem.emit(exc.message)
        else:
            self.wiz().runner.report_error(exc)
