"""New organization… / Edit…: the organization editor with Save and Cancel."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from licenseapp.domain.countries import country_name
from licenseapp.domain.organization_form import OrganizationForm
from licenseapp.gui.organizations.editor import OrganizationEditor
from licenseapp.gui.people.record_dialog import RecordDialog
from licenseapp.gui.tasks import TaskRunner

if TYPE_CHECKING:
    from licenseapp.store.database import Database


def save_organization_in(db: Database, form: OrganizationForm,
                         base: OrganizationForm | None) -> OrganizationForm:
    from licenseapp.services.catalog.organizations import save_organization

    return save_organization(db, form, base=base)


class OrganizationDialog(RecordDialog[OrganizationForm]):
    def __init__(self, runner: TaskRunner, db: Database, form: OrganizationForm | None = None,
                 parent: QWidget | None = None) -> None:
        self.organization_editor = OrganizationEditor()
        form = form or OrganizationForm()
        super().__init__(runner, self.organization_editor,
                         lambda f, base: save_organization_in(db, f, base), form, parent,
                         noun="organization",
                         describe={"country": lambda c: f"{c} ({country_name(c)})"})
        self.setWindowTitle(form.legal_name if form.id is not None else "New organization")
        self.resize(860, 620)
