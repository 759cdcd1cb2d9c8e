"""The People screen: everyone the applications are built from, searchable, editable."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget

from licenseapp.gui.access.panel import AccessPanel, follow_selection
from licenseapp.gui.access.records import PERSON, person_subject
from licenseapp.gui.importing.kinds import GRANTS, PEOPLE
from licenseapp.gui.importing.launcher import ImportLauncher
from licenseapp.gui.people.dialog import PersonDialog
from licenseapp.gui.people.model import PeopleModel, PeopleProxy, PersonColumn
from licenseapp.gui.people.records_page import RecordsPage
from licenseapp.gui.tables import ActionButton
from licenseapp.gui.tasks import TaskRunner
from licenseapp.services.changes import Changes, Kind

if TYPE_CHECKING:
    from licenseapp.domain.person_form import PersonForm
    from licenseapp.services.catalog.people import PersonSummary
    from licenseapp.store.database import Database

_WIDTH_CHARS = {
    PersonColumn.REF: 8,
    PersonColumn.NAME: 22,
    PersonColumn.NATIVE_NAME: 16,
    PersonColumn.CITIZENSHIPS: 10,
    PersonColumn.STATUS: 14,
    PersonColumn.EMPLOYER: 24,
    PersonColumn.JOB_TITLE: 20,
}


def employer_choices(db: Database) -> list[tuple[int, str]]:
    """The organizations a person may work for, as (id, name)."""
    from licenseapp.services.catalog.organizations import list_organizations

    return [(o.id, o.legal_name) for o in list_organizations(db)]


def load_for_editing(db: Database, person_id: int | None
                     ) -> tuple[PersonForm | None, list[tuple[int, str]]]:
    """The person (None for a new one) and the employers to offer; on a worker thread."""
    from licenseapp.services.catalog.people import load_person

    form = load_person(db, person_id) if person_id is not None else None
    return form, employer_choices(db)


class PeoplePage(RecordsPage["PersonSummary"]):
    noun = "person"
    plural = "people"
    max_column_widths = {PersonColumn.STATUS: 190, PersonColumn.EMPLOYER: 240,
                         PersonColumn.NAME: 220, PersonColumn.NATIVE_NAME: 180}

    def __init__(self, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(runner, PeopleModel(), PeopleProxy(), _WIDTH_CHARS,
                         search_hint="Search by name (any script), reference, employer, "
                                     "job title or country code",
                         parent=parent)
        self.model.setParent(self)
        self.proxy.setParent(self)
        #: What the selected person has access to (the main window shows it on the right).
        self.access_panel = AccessPanel(runner, PERSON, lambda: self.database, self)
        self.access_panel.dataModified.connect(self.dataModified)
        self.access_panel.loadFailed.connect(self.loadFailed)
        follow_selection(self, self.access_panel, person_subject)
        #: Import a roster…: the file looked over in the import dialog, then imported.
        self.roster_import = ImportLauncher(runner, self, lambda: self.database, PEOPLE,
                                            "&Import a roster…")
        self.roster_import.imported.connect(lambda _report: self._imported())
        self.import_button = ActionButton(self.roster_import.action)
        self.button_bar.insertWidget(1, self.import_button)
        #: Import access…: who holds or requested access to which item, from a spreadsheet.
        self.access_import: ImportLauncher | None = None
        if GRANTS.available():
            self.access_import = ImportLauncher(runner, self, lambda: self.database, GRANTS,
                                                "Import a&ccess…")
            self.access_import.imported.connect(lambda _report: self._imported())
            self.button_bar.insertWidget(2, ActionButton(self.access_import.action))

    def _imported(self) -> None:
        self.reload()
        # A roster or an access list: maybe thousands of records, not named one by one.
        self.dataModified.emit(Changes.all_of(Kind.PEOPLE, Kind.ACCESS))

    def empty_message(self) -> str:
        return ("Nobody is recorded yet. Import your roster from a spreadsheet (CSV or XLSX, "
                "one person a row, e.g. exported from your HR system), or add people one by "
                "one.")

    def empty_actions(self) -> list[QAction]:
        return [self.roster_import.action, self.add_action]

    def load_rows(self, db: Database) -> Sequence[PersonSummary]:
        from licenseapp.services.catalog.people import list_people

        return list_people(db)

    def open_record(self, db: Database, record_id: int | None) -> None:
        self._runner.submit(lambda: load_for_editing(db, record_id),
                            lambda loaded: self._show(db, *loaded), self.opening_failed,
                            context=self)

    def _show(self, db: Database, form: PersonForm | None,
              employers: list[tuple[int, str]]) -> None:
        self.show_dialog(PersonDialog(self._runner, db, form, employers, self))
