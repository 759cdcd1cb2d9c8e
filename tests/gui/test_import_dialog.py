"""The import dialog as a compliance officer uses it: a roster from the HR system
(semicolon-separated, Windows-1252, headers in German) is read, its columns mapped (one of
them by keyboard), every row's outcome shown before anything is written, name matches and
unknown employers decided, the good rows imported and the rejected ones saved; next month's
file with the same headers maps the same way."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication

from licenseapp.domain.import_outcomes import Outcome
from licenseapp.domain.organization_form import OrganizationForm
from licenseapp.domain.person_form import PersonForm
from licenseapp.gui.importing.dialog import ImportDialog
from licenseapp.gui.importing.outcomes_model import Col
from licenseapp.gui.people.page import PeoplePage
from licenseapp.services.catalog.organizations import list_organizations, save_organization
from licenseapp.services.catalog.people import list_people, save_person

pytestmark = pytest.mark.qt_log_ignore(
    "does not support propagateSizeHints", "does not support raise",
    "does not support grabbing the keyboard")

NORTHWIND = "Northwind Frontier AI, Inc."
HEADERS = ("Vorname", "Nachname", "Geburtsdatum", "Nationalität", "E-Mail", "Firma",
           "Position", "Abteilung")
#: Data rows; None is a blank line (the spreadsheet still counts it as a row).
ROWS: tuple[tuple[str, ...] | None, ...] = (
    ("José", "Núñez", "1990-04-03", "Spain", "jose@northwind.example", NORTHWIND,
     "Research engineer", "F&E"),  # row 2: added
    ("Zoë", "Lefèvre", "1991-05-06", "France", "zoe@northwind.example", NORTHWIND,
     "Scientist", "F&E"),  # row 3: added
    None,  # row 4: blank
    ("Bad", "Country", "1985-01-01", "Atlantis", "bad@northwind.example", NORTHWIND,
     "Engineer", "Betrieb"),  # row 5: rejected once Nationalität is imported
    ("Ana", "Souza", "1988-01-02", "Brazil", "ana@northwind.example", NORTHWIND,
     "Analyst", "Betrieb"),  # row 6: the same name and birth date as someone recorded
    ("Kenji", "Sato", "1987-07-08", "Japan", "kenji@acme.example", "Acme Robotics GmbH",
     "Engineer", "Betrieb"),  # row 7: an employer not recorded yet
    ("Dmitri", "Ivanov", "1985-03-04", "Russia", "dmitri@northwind.example", NORTHWIND,
     "Senior engineer", "F&E"),  # row 8: updated (job title)
)


def write_roster(path: Path, headers: tuple[str, ...] = HEADERS) -> Path:
    lines = [";".join(headers)]
    lines += ["" if r is None else ";".join(r) for r in ROWS]
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("cp1252"))
    return path


def add_records(db) -> None:  # type: ignore[no-untyped-def]
    org = save_organization(db, OrganizationForm(legal_name=NORTHWIND))
    save_person(db, PersonForm(given_name="Ana", family_name="Souza",
                               date_of_birth=date(1988, 1, 2)))
    save_person(db, PersonForm(given_name="Dmitri", family_name="Ivanov",
                               date_of_birth=date(1985, 3, 4), email="dmitri@northwind.example",
                               job_title="Engineer", employer_id=org.id))


@pytest.fixture(autouse=True)
def _settings(tmp_path: Path) -> None:
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope,
                      str(tmp_path / "settings"))


@pytest.fixture
def page(qtbot, runner, db):  # type: ignore[no-untyped-def]
    add_records(db)
    widget = PeoplePage(runner)
    qtbot.addWidget(widget)
    widget.set_database(db)
    widget.show()
    qtbot.waitUntil(lambda: widget.is_loaded, timeout=10_000)
    return widget


def open_dialog(qtbot, page: PeoplePage, path: Path) -> ImportDialog:
    dialog = page.roster_import.look_at(path)
    assert dialog is not None
    wait_checked(qtbot, dialog)
    return dialog


def wait_checked(qtbot, dialog: ImportDialog, previous=None) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: dialog.report is not None and dialog.report is not previous
                    and not dialog._checking and not dialog._recheck.isActive(),
                    timeout=15_000)


def press_space(qtbot, widget) -> None:  # type: ignore[no-untyped-def]
    widget.setFocus()
    qtbot.keyClick(widget, Qt.Key.Key_Space)


def shown_rows(dialog: ImportDialog, col: Col) -> list[str]:
    model = dialog.model
    return [model.index(r, col).data() for r in range(model.rowCount())]


def counts(dialog: ImportDialog) -> dict[str, int]:
    assert dialog.report is not None
    return {o.value: n for o, n in dialog.report.counts.items() if n}


def test_a_roster_is_mapped_checked_row_by_row_and_imported(qtbot, page, db,
                                                            tmp_path) -> None:
    path = write_roster(tmp_path / "roster.csv")
    dialog = open_dialog(qtbot, page, path)
    assert "semicolon-separated, Windows-1252" in dialog.source_label.text()
    assert "6 rows under the header" in dialog.source_label.text()
    mapping = dialog.mapping_table.mapping()
    assert mapping == {"Vorname": "given_name", "Nachname": "family_name",
                       "Geburtsdatum": "date_of_birth", "Nationalität": None,
                       "E-Mail": "email", "Firma": "employer", "Position": "job_title",
                       "Abteilung": None}
    assert dialog.mapping_table.sample_labels["Nationalität"].text().startswith("Spain, France")
    assert counts(dialog) == {"added": 3, "updated": 1, "rejected": 1,
                              "needs_confirmation": 1}
    assert dialog.import_button.text() == "&Import 4 rows"
    assert dialog.filters.buttons[Outcome.REJECTED].text() == "Rejected 1"
    assert len(list_people(db)) == 2  # the dry run wrote nothing

    # Nationalität is our citizenships: chosen from the keyboard.
    combo = dialog.mapping_table.combos["Nationalität"]
    combo.setFocus()
    before = dialog.report
    qtbot.keyClicks(combo, "Citiz")
    assert combo.currentData() == "citizenships"
    wait_checked(qtbot, dialog, before)
    assert counts(dialog) == {"added": 2, "updated": 1, "rejected": 2,
                              "needs_confirmation": 1}

    # The rejected rows, numbered as the spreadsheet shows them (the blank row 4 counts).
    qtbot.mouseClick(dialog.filters.buttons[Outcome.ADDED], Qt.MouseButton.LeftButton)
    dialog.show_only(Outcome.REJECTED)
    assert shown_rows(dialog, Col.ROW) == ["5", "7"]
    assert shown_rows(dialog, Col.COLUMN)[0] == "Citizenships"
    assert shown_rows(dialog, Col.VALUE)[0] == "Atlantis"
    assert shown_rows(dialog, Col.FIX)[1].startswith("add the organization first")
    dialog.table.selectRow(0)
    assert dialog.row_details.toPlainText() == (
        "Row 5: rejected — Bad Country\n• Citizenships (file column Nationalität) "
        "'Atlantis': 'Atlantis' is "
        "not a country we know. Fix: write its ISO code (e.g. DE, CN, IN) or its English name.")

    # An update shows what changes.
    dialog.show_only(Outcome.UPDATED)
    assert shown_rows(dialog, Col.RECORD)[0].endswith("Dmitri Ivanov")
    assert shown_rows(dialog, Col.COLUMN) == ["Job title, Citizenships"]
    assert shown_rows(dialog, Col.DETAIL) == [
        "Job title: Engineer → Senior engineer; Citizenships: (empty) → RU"]

    # A name match is offered, never applied silently; applied when the user says so.
    dialog.show_only(Outcome.NEEDS_CONFIRMATION)
    assert shown_rows(dialog, Col.ROW) == ["6"]
    assert shown_rows(dialog, Col.RECORD)[0].startswith("may be P-")
    assert "Ana Souza" in shown_rows(dialog, Col.RECORD)[0]
    box = dialog.options.name_matches
    assert box.isVisible() and "1 row may be someone already recorded" in box.label.text()
    before = dialog.report
    press_space(qtbot, box.check)
    wait_checked(qtbot, dialog, before)
    assert counts(dialog) == {"added": 2, "updated": 2, "rejected": 2}
    assert "1 row matched by name and date of birth is applied" in box.label.text()

    # The unknown employer is offered for creation.
    employers = dialog.options.employers
    assert employers.isVisible() and "Acme Robotics GmbH" in employers.label.text()
    before = dialog.report
    press_space(qtbot, employers.check)
    wait_checked(qtbot, dialog, before)
    assert counts(dialog) == {"added": 3, "updated": 2, "rejected": 1}
    assert "will be created as an organization: Acme Robotics GmbH" in employers.label.text()
    assert dialog.import_button.text() == "&Import 5 rows"
    assert len(list_people(db)) == 2 and len(list_organizations(db)) == 1

    # All or nothing: one row cannot go in, so the import is not offered.
    qtbot.mouseClick(dialog.all_or_nothing, Qt.MouseButton.LeftButton)
    assert not dialog.import_button.isEnabled()
    qtbot.mouseClick(dialog.all_or_nothing, Qt.MouseButton.LeftButton)
    assert dialog.import_button.isEnabled()

    with qtbot.waitSignal(page.dataModified, timeout=15_000):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert dialog.final is not None and dialog.final.applied
    assert dialog.rows.summary_label.text().startswith(
        "Imported from roster.csv: 3 added, 2 updated, 0 unchanged. 1 rejected was not")
    assert not dialog.import_button.isVisible() and dialog.cancel_button.text() == "Close"
    people = {p.name: (p.job_title, p.employer) for p in list_people(db)}
    assert people == {"Ana Souza": ("Analyst", NORTHWIND),
                      "Dmitri Ivanov": ("Senior engineer", NORTHWIND),
                      "José Núñez": ("Research engineer", NORTHWIND),
                      "Zoë Lefèvre": ("Scientist", NORTHWIND),
                      "Kenji Sato": ("Engineer", "Acme Robotics GmbH")}
    assert {o.legal_name for o in list_organizations(db)} == {NORTHWIND, "Acme Robotics GmbH"}
    qtbot.waitUntil(lambda: page.proxy.rowCount() == 5, timeout=10_000)

    # The rejected rows saved as an errors file: never over the roster itself.
    dialog.save_errors_to(path)
    qtbot.waitUntil(lambda: dialog.busy.label.text().startswith("Not saved"), timeout=10_000)
    assert "is the file being imported" in dialog.busy.label.text()
    errors = tmp_path / "roster-errors.csv"
    dialog.save_errors_to(errors)
    qtbot.waitUntil(lambda: dialog.errors_file == errors, timeout=10_000)
    with errors.open(encoding="utf-8-sig", newline="") as f:
        lines = list(csv.reader(f))
    assert lines[0] == ["row", "column", "value", "problem", "fix"]
    assert [line[:3] for line in lines[1:]] == [["5", "Nationalität", "Atlantis"]]  # as in the file
    dialog.close()
    qtbot.waitUntil(lambda: page.roster_import.dialog is None)


def test_the_same_headers_next_month_are_mapped_as_before(qtbot, page, db,
                                                          tmp_path) -> None:
    dialog = open_dialog(qtbot, page, write_roster(tmp_path / "march.csv"))
    dialog.mapping_table.combos["Nationalität"].setCurrentIndex(
        dialog.mapping_table.combos["Nationalität"].findData("citizenships"))
    dialog.mapping_table.combos["Position"].setCurrentIndex(0)  # job titles left alone
    wait_checked(qtbot, dialog)
    dialog.options.employers.check.setChecked(True)
    before = dialog.report
    wait_checked(qtbot, dialog, before)
    with qtbot.waitSignal(dialog.imported, timeout=15_000):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    dialog.close()
    qtbot.waitUntil(lambda: page.roster_import.dialog is None)

    # April's file: the same columns, written differently.
    april = write_roster(tmp_path / "april.csv",
                         tuple(h.upper() for h in HEADERS))
    dialog = open_dialog(qtbot, page, april)
    mapping = dialog.mapping_table.mapping()
    assert mapping["NATIONALITÄT"] == "citizenships"
    assert mapping["POSITION"] is None
    assert "Mapped as you mapped a file with these columns before" in (
        dialog.mapping_note.text())
    assert dialog.guess_button.isVisible()
    assert dialog.report is not None
    assert all(r.outcome in (Outcome.UNCHANGED, Outcome.REJECTED, Outcome.NEEDS_CONFIRMATION)
               for r in dialog.report.rows)

    before = dialog.report
    qtbot.mouseClick(dialog.guess_button, Qt.MouseButton.LeftButton)
    wait_checked(qtbot, dialog, before)
    assert dialog.mapping_table.mapping()["NATIONALITÄT"] is None
    assert dialog.mapping_table.mapping()["POSITION"] == "job_title"
    dialog.close()

    # Other headers are another source: guessed.
    other = write_roster(tmp_path / "other.csv", (*HEADERS[:-1], "Kostenstelle"))
    dialog = open_dialog(qtbot, page, other)
    assert dialog.mapping_table.mapping()["Nationalität"] is None
    assert not dialog.guess_button.isVisible()
    dialog.close()


def test_a_required_column_left_unmapped_is_named_and_nothing_is_offered(
        qtbot, page, db, tmp_path) -> None:
    dialog = open_dialog(qtbot, page, write_roster(tmp_path / "roster.csv"))
    combo = dialog.mapping_table.combos["Nachname"]
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Home)  # "not imported"
    assert combo.currentData() is None
    qtbot.waitUntil(lambda: dialog.report is None, timeout=10_000)
    assert "choose the file's column for Family name" in dialog.rows.message_label.text()
    assert "Family name: required" in dialog.mapping_note.text()
    assert not dialog.import_button.isEnabled()

    # Mapping a header to a column another header has: that one lets go of it.
    qtbot.keyClicks(dialog.mapping_table.combos["Vorname"], "Fam")
    assert dialog.mapping_table.combos["Vorname"].currentData() == "family_name"
    qtbot.keyClicks(combo, "Fam")
    assert dialog.mapping_table.combos["Vorname"].currentData() is None
    assert "no longer imported" in dialog.mapping_note.text()
    assert "Given name: required" in dialog.mapping_note.text()
    qtbot.waitUntil(lambda: "column for Given name" in dialog.rows.message_label.text())
    qtbot.wait(QApplication.keyboardInputInterval() + 50)  # a new search, not "FamGiv"
    qtbot.keyClicks(dialog.mapping_table.combos["Vorname"], "Giv")
    wait_checked(qtbot, dialog)
    assert dialog.mapping_note.text() == ""
    assert dialog.import_button.isEnabled()
    dialog.close()


def test_a_workbook_offers_its_sheets(qtbot, page, db, tmp_path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    notes_sheet = book.active
    notes_sheet.title = "Notes"
    notes_sheet.append(["Exported from the HR system"])
    staff = book.create_sheet("Staff")
    staff.append(["First name", "Last name", "Email"])
    staff.append(["Mei", "Lin", "mei@northwind.example"])
    staff.append(["Omar", "Haddad", "omar@northwind.example"])
    path = tmp_path / "hr.xlsx"
    book.save(path)

    dialog = page.roster_import.look_at(path)
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.preview is not None, timeout=10_000)
    assert dialog.sheet_combo.isVisibleTo(dialog)
    assert [dialog.sheet_combo.itemText(i) for i in range(dialog.sheet_combo.count())] == [
        "Notes", "Staff"]
    qtbot.waitUntil(lambda: "Given name" in dialog.rows.message_label.text(), timeout=10_000)
    dialog.sheet_combo.setFocus()
    qtbot.keyClick(dialog.sheet_combo, Qt.Key.Key_Down)
    wait_checked(qtbot, dialog)
    assert "sheet 'Staff'" in dialog.source_label.text()
    assert counts(dialog) == {"added": 2}
    dialog.close()


def test_items_and_access_are_imported_through_the_same_dialog(qtbot, runner, page, db,
                                                               tmp_path) -> None:
    from licenseapp.gui.items.page import ItemsPage
    from licenseapp.services.catalog.items import list_items

    items_page = ItemsPage(runner)
    qtbot.addWidget(items_page)
    items_page.set_database(db)
    items_page.show()
    qtbot.waitUntil(lambda: items_page.is_loaded, timeout=10_000)
    assert items_page.items_import is not None
    assert items_page.list.showing_message  # no items yet: the import is offered there
    assert [b.text() for b in items_page.list.action_buttons] == ["Import ite&ms…",
                                                                  "&Add an item…"]
    items = tmp_path / "items.csv"
    items.write_text("Item name,Type,Regime,ECCN,Modes\n"
                     "Mythos 5,AI model access,EAR,4E091,parameters/use\n"
                     "Bad item,technology,EAR,9Z999,\n", encoding="utf-8")
    dialog = items_page.items_import.look_at(items)
    assert dialog is not None
    wait_checked(qtbot, dialog)
    assert dialog.windowTitle() == "Import items — items.csv"
    assert dialog.model.headerData(Col.RECORD, Qt.Orientation.Horizontal) == "Item"
    assert counts(dialog) == {"added": 1, "rejected": 1}
    assert not dialog.options.employers.isVisible()
    assert not dialog.options.name_matches.isVisible()
    with qtbot.waitSignal(items_page.dataModified, timeout=15_000):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert [i.name for i in list_items(db)] == ["Mythos 5"]
    dialog.close()

    assert page.access_import is not None
    grants = tmp_path / "access.csv"
    grants.write_text("Email,Item,Mode,Since,Status\n"
                      "dmitri@northwind.example,Mythos 5,use,2026-01-05,active\n"
                      "nobody@northwind.example,Mythos 5,use,2026-01-05,active\n",
                      encoding="utf-8")
    dialog = page.access_import.look_at(grants)
    assert dialog is not None
    wait_checked(qtbot, dialog)
    assert counts(dialog) == {"added": 1, "rejected": 1}
    assert dialog.options.unknown.isVisible()
    assert "person: nobody@northwind.example" in dialog.options.unknown.text()
    with qtbot.waitSignal(page.dataModified, timeout=15_000):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert dialog.final is not None and dialog.final.applied
    dialog.close()


def test_the_file_menu_offers_each_import_on_its_screen(qtbot, runner, db, db_url,
                                                        tmp_path) -> None:
    from PySide6.QtWidgets import QFileDialog

    from licenseapp.gui.main_window import MainWindow

    add_records(db)
    errors: list[BaseException] = []
    window = MainWindow(runner, errors.append)
    qtbot.addWidget(window)
    window.show()
    window.open_database(db_url)
    qtbot.waitUntil(lambda: window.people.database is not None, timeout=10_000)
    menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&File")
    texts = [a.text() for a in menu.actions()]
    imports = [t for t in texts if t.startswith("Import")]
    assert imports == ["Import a &roster…", "Import ite&ms…", "Import a&ccess…"]
    [items] = [a for a in menu.actions() if a.text() == "Import ite&ms…"]
    items.trigger()
    assert window.pages.currentWidget() is window.items
    chooser = window.items.items_import.file_dialog
    assert isinstance(chooser, QFileDialog)
    chooser.close()
    window.close()
    assert errors == []


def test_the_columns_pane_needs_no_sideways_scroll_at_125_percent(qtbot, page,
                                                                   tmp_path) -> None:
    """At 125 % on a 1440×900 screen (1152×720 logical, the dialog 1112×660) "Values in the
    file" was cut and the columns pane scrolled sideways while the rows pane had room."""
    dialog = open_dialog(qtbot, page, write_roster(tmp_path / "roster.csv"))
    dialog.resize(1112, 660)
    qtbot.wait(100)
    table = dialog.mapping_table
    assert dialog.width() <= 1112  # not held wider by an unwrapped line
    assert table.horizontalScrollBar().maximum() == 0
    values = table.sample_labels["Vorname"]
    right = values.mapTo(table.viewport(), values.rect().topRight()).x()
    assert right < table.viewport().width()
    assert values.width() >= values.fontMetrics().averageCharWidth() * 8
    assert dialog.rows_panel.width() >= 450  # the rows keep room to be read
