"""The People screen: the list, its search, and creating and editing a person in the editor
with the same checks as everywhere else."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from licenseapp.domain.person_form import (
    CitizenshipForm,
    DocumentForm,
    PersonForm,
    ResumeForm,
)
from licenseapp.gui.country_chooser import CountryCombo
from licenseapp.gui.people.dialog import PersonDialog
from licenseapp.gui.people.editor import PersonEditor
from licenseapp.gui.people.fields import problem_color
from licenseapp.gui.people.model import PersonColumn
from licenseapp.gui.people.page import PeoplePage
from licenseapp.services.catalog.people import list_people, load_person

pytestmark = pytest.mark.qt_log_ignore(
    "does not support propagateSizeHints", "does not support raise",
    "does not support grabbing the keyboard")

#: Every field of a person filled in, lists included.
FULL_PERSON = PersonForm(
    given_name="Layla", family_name="Haddad", native_name="ليلى حداد", other_names="Leila",
    date_of_birth=date(1991, 3, 4), birth_city="Amman", birth_country="JO",
    residency_country="US", lpr_since=date(2019, 8, 1), immigration_status="lpr",
    email="layla@example.com", phone="+1 650 555 0101", employer_id=7,
    job_title="Research Scientist", duties="Evaluates models.\nWrites reports.",
    supervisor="Ada Byron", work_site="Palo Alto", notes="Green card renewal due.",
    citizenships=(CitizenshipForm("JO", "birth", date(1991, 3, 4)),
                  CitizenshipForm("CA", "naturalization", date(2015, 1, 2),
                                  date(2024, 5, 6))),
    documents=(DocumentForm("passport", "N1234567", "JO", "", date(2020, 1, 1),
                            date(2030, 1, 1)),
               DocumentForm("green_card", "IOE0123456789", "US", "IR1", None,
                            date(2029, 8, 1))),
    resume=(ResumeForm("education", "University of Jordan", 2009, 9, 2013, 6, "B.Sc.",
                       "Amman", "Mathematics"),
            ResumeForm("employment", "Frontier Models", 2013, 7, None, None, "Scientist")),
    id=12, ref="P-0012", version=3,
)


@pytest.fixture
def page(qtbot, runner, db, sample_db_url):
    """The People screen on the sample database (six people in several scripts)."""
    widget = PeoplePage(runner)
    qtbot.addWidget(widget)
    widget.resize(1100, 700)
    widget.set_database(db)
    widget.show()
    qtbot.waitUntil(lambda: widget.is_loaded)
    return widget


def column(page: PeoplePage, col: PersonColumn) -> list[str]:
    proxy = page.proxy
    return [proxy.index(r, col).data() for r in range(proxy.rowCount())]


def open_new(qtbot, page: PeoplePage) -> PersonDialog:
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.dialog is not None)
    dialog = page.dialog
    assert isinstance(dialog, PersonDialog)
    qtbot.waitExposed(dialog)
    return dialog


def type_into_cell(qtbot, rows, row: int, col: int, text: str) -> None:
    """Open the cell's editor like a user (F2) and type ``text``, then Tab on."""
    table = rows.table
    table.setCurrentIndex(rows.model.index(row, col))
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert editor is not None
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Tab)


def test_the_list_shows_everyone_with_names_in_their_scripts(page) -> None:
    assert page.count_label.text() == "6 people"
    names = column(page, PersonColumn.NATIVE_NAME)
    assert {"张伟", "ليلى حداد", "Дмитрий Иванов", "प्रिया शर्मा"} <= set(names)
    assert "JO, CA" in column(page, PersonColumn.CITIZENSHIPS)
    assert set(column(page, PersonColumn.STATUS)) == {"H-1B"}
    assert column(page, PersonColumn.REF) == sorted(column(page, PersonColumn.REF))


def test_search_filters_by_any_name_reference_or_country(qtbot, page) -> None:
    qtbot.keyClicks(page.search_edit, "ivanov")
    assert column(page, PersonColumn.NAME) == ["Dmitri Ivanov"]
    assert page.count_label.text() == "1 of 6 people match"
    page.search_edit.setText("ليلى")  # QTest cannot type Arabic; a paste does this
    assert column(page, PersonColumn.NAME) == ["Layla Haddad"]
    page.search_edit.setText("nunez")  # accents optional
    assert column(page, PersonColumn.NAME) == ["José Ángel Núñez"]
    page.search_edit.setText("cz")
    assert column(page, PersonColumn.NAME) == ["Zoë Lefèvre-Dvořák"]
    qtbot.keyClick(page.search_edit, Qt.Key.Key_Escape)
    assert page.proxy.rowCount() == 6


def test_a_person_typed_into_the_editor_is_saved_and_listed(qtbot, page, db) -> None:
    dialog = open_new(qtbot, page)
    editor = dialog.person_editor
    assert dialog.windowTitle() == "New person"
    edits = editor.text_edits
    qtbot.keyClicks(edits["given_name"], "Mei")
    qtbot.keyClicks(edits["family_name"], "Lin")
    edits["native_name"].setText("林美")  # typed with an input method
    editor.date_edits["date_of_birth"].set_value(date(1992, 4, 5))
    qtbot.keyClicks(editor.country_combos["birth_country"].lineEdit(), "TW")
    editor.status_combo.setCurrentIndex(editor.status_combo.findData("h1b"))
    editor.employer_combo.setCurrentIndex(
        editor.employer_combo.findText("Northwind Frontier AI, Inc."))
    qtbot.keyClicks(edits["job_title"], "Research Engineer")

    editor.tabs.setCurrentWidget(editor.citizenships.parentWidget())
    for code in ("TW", "US"):
        qtbot.mouseClick(editor.citizenships.add_button, Qt.MouseButton.LeftButton)
        combo = QApplication.focusWidget()
        assert isinstance(combo, CountryCombo)
        combo.lineEdit().clear()
        qtbot.keyClicks(combo.lineEdit(), code)
        qtbot.keyClick(combo.lineEdit(), Qt.Key.Key_Tab)
    model = editor.citizenships.model
    model.setData(model.index(1, 1), "naturalization")
    model.setData(model.index(1, 2), date(2021, 6, 1))

    editor.tabs.setCurrentWidget(editor.resume.parentWidget())
    qtbot.mouseClick(editor.resume.add_button, Qt.MouseButton.LeftButton)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)  # leave the kind as is
    type_into_cell(qtbot, editor.resume, 0, 1, "National Taiwan University")
    resume = editor.resume.model
    resume.setData(resume.index(0, 0), "education")
    resume.setData(resume.index(0, 4), (2010, 9))
    resume.setData(resume.index(0, 5), (2014, 6))
    assert resume.index(0, 5).data() == "2014-06"

    with qtbot.waitSignal(dialog.saved, timeout=10_000) as saved:
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    stored: PersonForm = saved.args[0]
    qtbot.waitUntil(lambda: "Mei Lin" in column(page, PersonColumn.NAME))
    assert page.selected_id() == stored.id
    assert "林美" in column(page, PersonColumn.NATIVE_NAME)

    again = load_person(db, stored.id)
    assert (again.given_name, again.family_name, again.native_name) == ("Mei", "Lin", "林美")
    assert again.date_of_birth == date(1992, 4, 5) and again.birth_country == "TW"
    assert again.immigration_status == "h1b" and again.job_title == "Research Engineer"
    assert [(c.country, c.basis, c.acquired_on) for c in again.citizenships] == [
        ("TW", "birth", None), ("US", "naturalization", date(2021, 6, 1))]
    assert again.resume == (ResumeForm("education", "National Taiwan University", 2010, 9,
                                       2014, 6),)
    assert again.employer_id is not None


def test_bad_values_are_shown_inline_and_nothing_is_saved(qtbot, page, db) -> None:
    before = len(list_people(db))
    dialog = open_new(qtbot, page)
    editor = dialog.person_editor
    qtbot.keyClicks(editor.text_edits["given_name"], "Omar")
    editor.resume.set_rows([ResumeForm("employment", "Acme", 2020, 5, 2019, 1)])
    editor.changed.emit()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(editor.shown_problems()))

    fields = {p.field for p in editor.shown_problems()}
    assert fields == {"family_name", "resume[1]"}
    family = editor.problems.slot("family_name")
    assert family is not None and problem_color() in family.label.styleSheet()
    assert family.message.isVisibleTo(editor)
    assert "family name" in family.message.text()
    resume = editor.problems.slot("resume[1]")
    assert resume is not None and "Row 1: ends before it starts" in resume.message.text()
    assert editor.resume.model.index(0, 1).data(Qt.ItemDataRole.BackgroundRole) is not None
    assert editor.banner.isVisible() and "2 problems" in editor.banner.text()
    # the first bad field has the focus, on its tab
    assert editor.tabs.currentIndex() == 0
    assert QApplication.focusWidget() is editor.text_edits["family_name"]
    # nothing was written, nothing typed was lost, the dialog is still open
    assert len(list_people(db)) == before
    assert dialog.isVisible() and editor.text_edits["given_name"].text() == "Omar"

    qtbot.keyClicks(editor.text_edits["family_name"], "Haddad")
    editor.resume.model.setData(editor.resume.model.index(0, 5), (2021, 1))
    with qtbot.waitSignal(dialog.saved, timeout=10_000):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert len(list_people(db)) == before + 1


def test_edit_by_double_click_and_cancel_asks_before_discarding(qtbot, page, db) -> None:
    row = column(page, PersonColumn.NAME).index("Priya Sharma")
    rect = page.table.visualRect(page.proxy.index(row, PersonColumn.NAME))
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: page.dialog is not None)
    dialog = page.dialog
    assert isinstance(dialog, PersonDialog)
    editor = dialog.person_editor
    assert editor.text_edits["native_name"].text() == "प्रिया शर्मा"
    assert "Priya Sharma" in dialog.windowTitle()

    editor.text_edits["job_title"].clear()
    qtbot.keyClicks(editor.text_edits["job_title"], "Staff Engineer")
    qtbot.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Cancel),
                     Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.discard_box is not None)
    box = dialog.discard_box
    assert box is not None
    box.button(QMessageBox.StandardButton.Cancel).click()
    assert dialog.isVisible() and editor.text_edits["job_title"].text() == "Staff Engineer"

    with qtbot.waitSignal(dialog.saved, timeout=10_000):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Staff Engineer" in column(page, PersonColumn.JOB_TITLE))
    person_id = next(p.id for p in list_people(db, "Sharma"))
    assert load_person(db, person_id).job_title == "Staff Engineer"


def test_the_editor_round_trips_every_field_without_a_database(qtbot) -> None:
    """The wizard embeds the editor: a form set is the form got back, unchanged."""
    editor = PersonEditor([(7, "Frontier Models, Inc."), (3, "Acme Corp")])
    qtbot.addWidget(editor)
    changes: list[int] = []
    editor.changed.connect(lambda: changes.append(1))
    editor.set_form(FULL_PERSON)
    assert changes == []  # setting a form is not an edit
    assert editor.form() == FULL_PERSON
    assert not editor.is_modified()
    qtbot.keyClicks(editor.text_edits["supervisor"], "x")
    assert changes and editor.is_modified()
    assert [editor.employer_combo.itemText(i) for i in range(3)] == [
        "none", "Acme Corp", "Frontier Models, Inc."]


def test_an_unknown_employer_is_kept_not_dropped(qtbot) -> None:
    editor = PersonEditor()
    qtbot.addWidget(editor)
    editor.set_form(PersonForm(given_name="A", family_name="B", employer_id=42))
    assert editor.form().employer_id == 42
    editor.set_employers([(42, "Late Loaded, Inc.")])
    assert editor.employer_combo.currentText() == "Late Loaded, Inc."
    assert editor.form().employer_id == 42


def test_the_main_window_shows_people_and_organizations_and_refreshes_after_a_save(
    qtbot, runner, sample_db_url
) -> None:
    from licenseapp.gui.main_window import MainWindow

    errors: list[BaseException] = []
    window = MainWindow(runner, errors.append)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    window.open_database(sample_db_url)
    qtbot.waitUntil(lambda: window.database is not None)
    titles = [window.nav.item(i).text() for i in range(window.nav.count())]
    assert {"People", "Organizations"} <= set(titles)
    shortcuts = {a.text(): a.shortcut().toString() for a in window.view_menu.actions()}
    assert shortcuts["People"] == "Ctrl+4" and shortcuts["Organizations"] == "Ctrl+5"
    next(a for a in window.view_menu.actions() if a.text() == "People").trigger()
    assert window.pages.currentWidget() is window.people
    qtbot.waitUntil(lambda: window.people.is_loaded and window.people.proxy.rowCount() == 6)

    dialog = open_new(qtbot, window.people)
    qtbot.keyClicks(dialog.person_editor.text_edits["given_name"], "Ana")
    qtbot.keyClicks(dialog.person_editor.text_edits["family_name"], "Souza")
    with qtbot.waitSignal(window.operations.changed, timeout=10_000):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.people.proxy.rowCount() == 7)
    window.show_page(window.organizations)
    qtbot.waitUntil(lambda: window.organizations.is_loaded)
    assert column(window.people, PersonColumn.NAME).count("Ana Souza") == 1
    window.close()
    assert errors == []


def test_country_and_date_choosers_accept_what_a_user_types(qtbot) -> None:
    from licenseapp.gui.date_field import DateField

    combo = CountryCombo()
    qtbot.addWidget(combo)
    for typed, code in (("cn", "CN"), ("China", "CN"), ("DE — Germany", "DE"), ("", None),
                        ("Atlantis", "Atlantis")):
        combo.setEditText(typed)
        assert combo.code() == code, typed
    combo.set_code("in")
    assert combo.currentText() == "IN — India"

    edit = DateField(label="Date of birth")
    qtbot.addWidget(edit)
    assert edit.value() is None and edit.text() == ""
    edit.set_value(date(2001, 2, 3))
    assert edit.text() == "2001-02-03"
    edit.selectAll()
    qtbot.keyClick(edit, Qt.Key.Key_Delete)
    assert edit.value() is None and edit.problem() == ""
