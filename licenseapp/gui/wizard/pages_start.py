"""Wizard pages 1 and 2: the regulator and form, and the applicant organization."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFormLayout,
    QLabel,
    QRadioButton,
    QVBoxLayout,
)

from licenseapp.domain.draft_form import DraftForm
from licenseapp.domain.form_problems import FieldProblem
from licenseapp.domain.forms import spec_of
from licenseapp.gui.wizard.page_base import DraftPage
from licenseapp.gui.wizard.screening_state import ScreeningStateLine
from licenseapp.services.screening.dto import Subject

if TYPE_CHECKING:
    from licenseapp.gui.wizard.wizard import DraftWizard

#: (regulator, form, title, when to use it)
FORMS = (
    ("BIS", "BIS-748P", "BIS — Form BIS-748P (deemed export license)",
     "Releasing EAR-controlled technology or source code, or access to a controlled AI "
     "model, to a foreign national in the United States (15 CFR 734.13(b), 748.8)."),
    ("DDTC", "DSP-5", "DDTC — Form DSP-5 (foreign-person employee)",
     "Releasing ITAR technical data or defense services to a foreign-person employee "
     "(22 CFR 120.56, 123.1; DSP-5 with the foreign-person employment attachments)."),
    ("ECJU", "SIEL", "UK ECJU — SIEL (standard individual export licence)",
     "Transferring UK-controlled technology out of the UK: sent electronically to, or "
     "accessed remotely from, a person abroad (Export Control Order 2008). Access by "
     "anyone inside the UK needs no licence."),
)


class RegulatorPage(DraftPage):
    sections = ("application",)

    def __init__(self) -> None:
        super().__init__("Regulator and form",
                         "Which regulator decides, and on which form. The form decides "
                         "which fields and documents are required.")
        self.group = QButtonGroup(self)
        layout = QVBoxLayout(self.body)
        for n, (_, _, title, when) in enumerate(FORMS):
            button = QRadioButton(title)
            button.setObjectName(f"form_{FORMS[n][1]}")
            self.group.addButton(button, n)
            note = QLabel(when)
            note.setWordWrap(True)
            note.setContentsMargins(24, 0, 0, 8)
            layout.addWidget(button)
            layout.addWidget(note)
        self.origin = QLabel()
        self.origin.setWordWrap(True)
        layout.addWidget(self.origin)
        layout.addStretch(1)
        self.group.idClicked.connect(lambda _: self.changed())

    def read(self, form: DraftForm) -> None:
        chosen = next((n for n, f in enumerate(FORMS) if f[1] == form.form), 0)
        button = self.group.button(chosen)
        button.setChecked(True)
        earlier = form.renewal_of or form.resubmission_of
        kind = "renewal" if form.renewal_of else "resubmission"
        self.origin.setText(f"This application is a {kind} of {earlier}; its values were "
                            "copied from it." if earlier else "")

    def write(self, form: DraftForm) -> DraftForm:
        n = max(self.group.checkedId(), 0)
        return dataclasses.replace(form, regulator=FORMS[n][0], form=FORMS[n][1])


class ApplicantPage(DraftPage):
    sections = ("applicant",)

    def __init__(self) -> None:
        super().__init__("Applicant", self.subtitle_for(None))
        self.organization = QComboBox()
        self.organization.setObjectName("organization")
        self.details = QLabel()
        self.details.setWordWrap(True)
        layout = QFormLayout(self.body)
        layout.addRow("Applicant organization:", self.organization)
        layout.addRow("", self.details)
        self.screening: ScreeningStateLine | None = None
        self.organization.currentIndexChanged.connect(self._chosen)

    def attach(self, wizard: DraftWizard) -> None:
        wizard.choicesLoaded.connect(self._fill)
        self.screening = wizard.screening_line(self)
        layout = self.body.layout()
        assert isinstance(layout, QFormLayout)
        layout.addRow("", self.screening)  # its text begins "Screening: …"
        self._show_details()

    @staticmethod
    def subtitle_for(form: str | None) -> str:
        """What the page asks for, with the blocks of the chosen form it fills (none: no form)."""
        spec = spec_of(form) if form else None
        numbers = [f.number for f in spec.fields
                   if f.source and f.source.split(".")[0] == "organization"] if spec else []
        where = f" (blocks {', '.join(numbers)} of {spec.code})" if spec and numbers else ""
        return ("The company applying: its contact and the signatory who signs the "
                f"application{where}.")

    def initializePage(self) -> None:
        self.setSubTitle(self.subtitle_for(self.wiz().form.form))
        self._fill()
        super().initializePage()

    def _fill(self) -> None:
        choices = self.wiz().choices
        current = self.wiz().form.organization_id
        self._loading = True
        try:
            self.organization.clear()
            self.organization.addItem("— choose —", None)
            for org in choices.organizations if choices else ():
                self.organization.addItem(org.legal_name, org.id)
            orgs = choices.organizations if choices else ()
            if current is None and len(orgs) == 1:
                current = orgs[0].id  # a company with one profile: that is the applicant
            self.organization.setCurrentIndex(max(self.organization.findData(current), 0))
        finally:
            self._loading = False
        self._show_details()

    def _chosen(self) -> None:
        self._show_details()
        self.changed()

    def _show_details(self) -> None:
        choices = self.wiz().choices if self.wizard() is not None else None
        org_id = self.organization.currentData()
        org = next((o for o in choices.organizations if o.id == org_id), None) \
            if choices else None
        if self.screening is not None:
            self.screening.show_for(self.wiz().db if org else None,
                                    (Subject.ORGANIZATION, org.id) if org else None)
        if org is None:
            self.details.setText("")
            return
        self.details.setText(
            f"Address: {org.address or '—'}\nContact: {org.contact or '— (needed)'}\n"
            f"Signatory: {org.signatory or '— (needed to sign the application)'}\n"
            f"Templates: letter of explanation "
            f"{'— organization default' if org.has_loe_template else '— shipped default'}; "
            f"TCP {'— organization default' if org.has_tcp_template else '— shipped default'}")

    def read(self, form: DraftForm) -> None:
        self.organization.setCurrentIndex(max(self.organization.findData(
            form.organization_id), 0))

    def write(self, form: DraftForm) -> DraftForm:
        return dataclasses.replace(form, organization_id=self.organization.currentData())

    def problems(self, form: DraftForm) -> list[FieldProblem]:
        if form.organization_id is None:
            return [FieldProblem("organization_id", "choose the applicant organization")]
        return []
