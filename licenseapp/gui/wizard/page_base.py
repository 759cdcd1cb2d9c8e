"""What every wizard page shares: reading and writing the draft form, local problems,
the checker's findings for its section, and saving before it is left."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QVBoxLayout, QWidget, QWizardPage

from licenseapp.domain.checker import Finding
from licenseapp.domain.draft_form import DRAFT_LABELS, DraftForm
from licenseapp.domain.form_problems import FieldProblem
from licenseapp.gui.wizard.findings_panel import FindingsPanel

if TYPE_CHECKING:
    from licenseapp.gui.wizard.wizard import DraftWizard


class DraftPage(QWizardPage):
    """Subclasses build ``self.body`` and implement :meth:`read` and :meth:`write`."""

    #: The checker sections shown on this page.
    sections: tuple[str, ...] = ()
    #: Leaving this page stores the draft even if it was never stored before.
    creates_draft = False

    def __init__(self, title: str, subtitle: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(title)
        self.setSubTitle(subtitle)
        self.body = QWidget(self)
        self.findings = FindingsPanel(self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.body, 3)
        layout.addWidget(self.findings, 1)
        self._loading = False
        self._wizard_connected = False

    def wiz(self) -> DraftWizard:
        from licenseapp.gui.wizard.wizard import DraftWizard

        w = self.wizard()
        assert isinstance(w, DraftWizard)
        return w

    # -- to implement ----------------------------------------------------------------------
    def read(self, form: DraftForm) -> None:
        """Show the form's values in the widgets."""

    def write(self, form: DraftForm) -> DraftForm:
        """The form with this page's widgets' values."""
        return form

    def problems(self, form: DraftForm) -> list[FieldProblem]:
        """What stops the user from leaving this page."""
        return []

    def attach(self, wizard: DraftWizard) -> None:
        """Connect to the wizard's signals; called once, when the page is first shown."""

    # -- shared ----------------------------------------------------------------------------
    def changed(self) -> None:
        """A widget changed: keep the wizard's form current (and autosaved)."""
        if not self._loading and self.wizard() is not None:
            self.wiz().set_form(self.write(self.wiz().form))

    def initializePage(self) -> None:
        if not self._wizard_connected:
            self._wizard_connected = True
            self.findings.activated.connect(self.wiz().go_to_finding)
            self.attach(self.wiz())
        self._loading = True
        try:
            self.read(self.wiz().form)
        finally:
            self._loading = False
        self.show_findings(self.wiz().findings)

    def show_findings(self, findings: list[Finding]) -> None:
        mine = [f for f in findings if self.owns(f)]
        self.findings.show_findings(mine, checked=self.wiz().saved is not None)

    def owns(self, finding: Finding) -> bool:
        return finding.section in self.sections

    def validatePage(self) -> bool:
        w = self.wiz()
        w.set_form(self.write(w.form))
        problems = self.problems(w.form)
        if problems:
            self.findings.show_problems(problems, DRAFT_LABELS)
            return False
        if w.dirty() and (w.saved is not None or self.creates_draft):
            w.save(then_next=True)
            return False
        return True
