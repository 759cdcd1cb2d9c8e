"""File › Verify database…: the integrity and audit-chain check, off the GUI thread.

A busy bar says which part is being checked; the result says "intact" with the counts, or
names the first problem in words (the audit entry where the chain breaks, the record
changed outside LicenseApp), with the full list below.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from licenseapp.domain.counted import counted
from licenseapp.errors import LicenseAppError
from licenseapp.gui.authorization.busy import BusyNote
from licenseapp.gui.tasks import ProgressNotes, TaskRunner

if TYPE_CHECKING:
    from licenseapp.services.safety.integrity import IntegrityReport

#: Runs ``services.integrity.verify`` on the open database, reporting each table it checks.
Verifier = Callable[[Callable[[str], None]], "IntegrityReport"]

_PART_NAMES = {"person_documents": "identity documents", "resume_entries": "résumés",
               "controlled_items": "items", "access_grants": "accesses",
               "rule_sets": "rule sets", "application_items": "application items",
               "application_parties": "parties", "status_events": "status history",
               "license_conditions": "license conditions", "record_seals": "seals"}


def summary_of(report: IntegrityReport) -> str:
    return (f"{counted(report.records_checked, 'record')}, "
            f"{counted(report.audit_entries_checked, 'audit entry', 'audit entries')} and "
            f"{counted(report.attachments_checked, 'attachment')} checked")


def headline_of(report: IntegrityReport) -> str:
    if report.ok:
        return "The database is intact"
    if not report.findings:  # the seal key is missing: nothing wrong seen, nothing vouched
        return "The records cannot be vouched for: the seal key is missing"
    first = report.findings[0].message
    return first[:1].upper() + first[1:] + "."


class VerifyDialog(QDialog):
    """Runs the check when :meth:`start` is called; ``report`` holds the outcome."""

    def __init__(self, runner: TaskRunner, verifier: Verifier, location: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._verifier = verifier
        self.report: IntegrityReport | None = None
        self.running = False
        self.setWindowTitle("Verify database")
        self.setMinimumWidth(560)

        self.icon_label = QLabel()
        self.icon_label.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.headline_label = QLabel()
        self.headline_label.setWordWrap(True)
        self.headline_label.setTextFormat(Qt.TextFormat.RichText)
        self.headline_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail_label = QLabel(
            "Checks the database file, that every audit entry is chained to the one before "
            "it, that no record was changed outside LicenseApp, and every document's bytes."
            + (f"\nDatabase: {location}" if location else ""))
        self.detail_label.setWordWrap(True)
        self.detail_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.busy = BusyNote()
        self.result_label = QLabel()
        self.result_label.setWordWrap(True)
        self.result_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.result_label.hide()
        self.findings_edit = QPlainTextEdit()
        self.findings_edit.setReadOnly(True)
        self.findings_edit.setAccessibleName("Problems found")
        self.findings_edit.setMaximumHeight(220)
        self.findings_edit.hide()
        text = QVBoxLayout()
        text.addWidget(self.headline_label)
        text.addWidget(self.detail_label)
        text.addWidget(self.busy)
        text.addWidget(self.result_label)
        top = QHBoxLayout()
        top.addWidget(self.icon_label)
        top.addLayout(text, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.again_button = QPushButton("Check &again")
        self.again_button.clicked.connect(self.start)
        buttons.addButton(self.again_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.findings_edit, 1)
        layout.addWidget(buttons)
        self._relay = ProgressNotes(self)
        self._relay.note.connect(self._progress)

    def _icon(self, pixmap: QStyle.StandardPixmap) -> None:
        size = self.style().pixelMetric(QStyle.PixelMetric.PM_MessageBoxIconSize)
        self.icon_label.setPixmap(self.style().standardIcon(pixmap).pixmap(size, size))

    @Slot()
    def start(self) -> None:
        if self.running:
            return
        self.running = True
        self.report = None
        self.again_button.setEnabled(False)
        self.findings_edit.hide()
        self.result_label.hide()
        self.busy.show()
        self._icon(QStyle.StandardPixmap.SP_MessageBoxInformation)
        self.headline_label.setText("<b>Checking the database…</b>")
        self.busy.start("Checking the database file and the audit chain")
        verifier, relay = self._verifier, self._relay
        self._runner.submit(lambda: verifier(relay.send), self._done, self._failed,
                            context=self)

    @Slot(str)
    def _progress(self, table: str) -> None:
        if self.running:
            self.busy.start(f"Checking {_PART_NAMES.get(table, table.replace('_', ' '))}")

    def _done(self, report: IntegrityReport) -> None:
        self.running = False
        self.report = report
        self.again_button.setEnabled(True)
        if report.ok:
            self._icon(QStyle.StandardPixmap.SP_DialogApplyButton)
            self.headline_label.setText(f"<b>{escape(headline_of(report))}</b>")
            self._say(f"OK: {summary_of(report)}; nothing was changed outside LicenseApp "
                      "and the audit chain is unbroken.")
            return
        if not report.findings:
            self._icon(QStyle.StandardPixmap.SP_MessageBoxWarning)
            self.headline_label.setText(f"<b>{escape(headline_of(report))}</b>")
            self._say(f"{summary_of(report)}. " + " ".join(
                line[:1].upper() + line[1:] + "." for line in report.unvouched))
            return
        self._icon(QStyle.StandardPixmap.SP_MessageBoxCritical)
        count = len(report.findings)
        lead = ("<b>Problem found:</b>" if count == 1
                else f"<b>{count:,} problems found.</b> The first:")
        self.headline_label.setText(f"{lead} {escape(headline_of(report))}")
        self.findings_edit.setPlainText("\n".join(f"• {f.message}" for f in report.findings))
        self.findings_edit.show()
        self._say(f"{summary_of(report)}. The database was changed outside LicenseApp or is "
                  "damaged: restore a backup, or ask your administrator.")

    def _failed(self, exc: BaseException) -> None:
        self.running = False
        self.again_button.setEnabled(True)
        self._icon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        if isinstance(exc, LicenseAppError):
            message = exc.message
        else:
            from licenseapp.services.failures import explain

            known = explain(exc)
            if known is None:
                self.headline_label.setText("<b>The check could not be finished.</b>")
                self._say("The check stopped with an unexpected error.")
                self._runner.report_error(exc)
                return
            message = known
        self.headline_label.setText("<b>The check could not be finished.</b>")
        self._say(message[:1].upper() + message[1:] + ".")

    def _say(self, text: str) -> None:
        """The outcome below the headline; the dialog grows to show all of it."""
        self.busy.stop()
        self.busy.hide()
        self.result_label.setText(text)
        self.result_label.show()
        self.adjustSize()

    def result_text(self) -> str:
        """What the dialog says (tests, copying)."""
        parts = [self.headline_label.text(), self.result_label.text()]
        if self.findings_edit.isVisible() or self.findings_edit.toPlainText():
            parts.append(self.findings_edit.toPlainText())
        return "\n".join(parts)
