"""Application › Checklist…: what is missing or wrong in any application — a draft, or one
filed or decided long ago — read-only.

The findings are those of ``licenseapp check``: ``services.drafts.checking`` (the one check
behind the wizard, the "ready to file" gate and the packet's DRAFT mark), run off the GUI
thread on the record as the database holds it now.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from html import escape

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from licenseapp.domain.checker import Finding, errors, warnings
from licenseapp.domain.counted import counted
from licenseapp.domain.draft_form import EDITABLE_STATUSES
from licenseapp.gui.authorization.busy import BusyNote
from licenseapp.gui.safety.failure_text import failure_text
from licenseapp.gui.tasks import TaskRunner
from licenseapp.gui.wizard.findings_panel import FindingsPanel
from licenseapp.services.dto import ApplicationRow

#: Runs the check of one application (off the GUI thread).
Checker = Callable[[], list[Finding]]


def verdict_of(findings: Sequence[Finding]) -> str:
    """The checklist in one sentence, as ``licenseapp check`` puts it."""
    if not findings:
        return "Nothing missing — ready to file."
    found = (f"{counted(len(errors(findings)), 'error')}, "
             f"{counted(len(warnings(findings)), 'warning')}")
    if errors(findings):
        return f"{found}: not ready to file until the errors are fixed."
    return f"{found}: ready to file; read the warnings first."


class ChecklistDialog(QDialog):
    """``findings`` holds the last check's outcome (None while checking). For a draft,
    ``fixRequested(finding)``: the user chose a finding to fix in the wizard."""

    fixRequested = Signal(object)

    def __init__(self, runner: TaskRunner, checker: Checker, row: ApplicationRow,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._checker = checker
        self.row = row
        self.findings: list[Finding] | None = None
        self.running = False
        self.setWindowTitle(f"Checklist — {row.ref}")
        self.setMinimumSize(700, 480)
        who = row.foreign_national + (
            f" ({row.native_name})" if row.native_name and row.native_name != row.foreign_national
            else "")
        self.heading_label = QLabel(
            f"<b>{escape(row.ref)}</b> · {escape(who)} · {escape(row.form)} · "
            f"{escape(row.status_label)}")
        self.heading_label.setTextFormat(Qt.TextFormat.RichText)
        self.heading_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.editable = row.status in EDITABLE_STATUSES
        note = ("What the check finds in the draft as last saved. Enter or a double-click "
                "on a finding opens the draft in the wizard at the field that fixes it."
                if self.editable else
                f"Read-only: this application is {row.status_label.lower()}. The checklist "
                "shows what the check finds in its record as it stands now.")
        self.note_label = QLabel(note)
        self.note_label.setWordWrap(True)
        self.busy = BusyNote()
        self.verdict_label = QLabel()
        self.verdict_label.setWordWrap(True)
        self.verdict_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.panel = FindingsPanel(self, title="Checklist")
        self.panel.list.setAccessibleName("Checklist findings")
        if self.editable:
            self.panel.activated.connect(self._fix)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.again_button = QPushButton("Check &again")
        self.again_button.clicked.connect(self.start)
        buttons.addButton(self.again_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        for button in buttons.buttons():  # Enter on a finding is the finding's, not a button's
            if isinstance(button, QPushButton):
                button.setAutoDefault(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading_label)
        layout.addWidget(self.note_label)
        layout.addWidget(self.busy)
        layout.addWidget(self.verdict_label)
        layout.addWidget(self.panel, 1)
        layout.addWidget(buttons)

    @Slot()
    def start(self) -> None:
        if self.running:
            return
        self.running = True
        self.findings = None
        self.again_button.setEnabled(False)
        self.verdict_label.hide()
        self.busy.show()
        self.busy.start(f"Checking {self.row.ref}")
        self._runner.submit(self._checker, self._done, self._failed, context=self)

    def _stop(self) -> None:
        self.running = False
        self.busy.stop()
        self.busy.hide()
        self.again_button.setEnabled(True)
        self.verdict_label.show()

    def _done(self, findings: list[Finding]) -> None:
        self._stop()
        self.findings = findings
        self.panel.show_findings(findings)
        self.verdict_label.setText(f"<b>{escape(verdict_of(findings))}</b>")
        self.panel.list.setFocus()
        # The panel's heading repeats the counts; for a draft it also says a finding leads
        # to its field. A filed application is not edited here: no text says one does.
        self.panel.heading.setVisible(self.editable and bool(findings))
        if not self.editable:
            for n in range(self.panel.list.count()):
                item = self.panel.list.item(n)
                item.setToolTip(item.toolTip().split("\n")[0])

    @Slot(object)
    def _fix(self, finding: Finding) -> None:
        self.fixRequested.emit(finding)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self._stop()
        self.verdict_label.setText(escape("Not checked: " + failure_text(
            self._runner, exc, "check")))

    def texts(self) -> list[str]:
        """The findings as the dialog shows them (tests, copying)."""
        return self.panel.texts()
