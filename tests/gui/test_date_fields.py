"""Every date field of the app, typed into as a user types (key clicks and Tab): what is
typed is what is stored, Tab leaves the field, and what cannot be read is kept and said."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QWidget

from licenseapp.domain.deadlines import Deadline
from licenseapp.domain.item_form import ItemForm
from licenseapp.domain.person_form import CitizenshipForm, PersonForm
from licenseapp.gui.access.grant_dialog import GrantAccessDialog
from licenseapp.gui.access.records import ITEM, AccessSubject, GrantChoice
from licenseapp.gui.authorization.filters import MatrixFilterBar
from licenseapp.gui.authorization.proxy import MatrixFilterProxy
from licenseapp.gui.date_field import DateField
from licenseapp.gui.people.dialog import PersonDialog
from licenseapp.gui.people.rows import RowsEditor
from licenseapp.gui.tracking.deadline_dialog import DeadlineMarkDialog
from licenseapp.gui.tracking.status_dialog import StatusChangeDialog
from licenseapp.services.catalog.access import list_access
from licenseapp.services.catalog.items import list_items, save_item
from licenseapp.services.catalog.people import list_people, load_person, save_person

from .conftest import build_row

pytestmark = pytest.mark.qt_log_ignore(
    "does not support propagateSizeHints", "does not support raise",
    "does not support grabbing the keyboard")

TODAY = date(2026, 11, 27)


@pytest.fixture
def locale() -> Iterator[None]:
    """A locale that does not settle day and month (the widgets read it when made)."""
    before = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.C))
    yield
    QLocale.setDefault(before)


def shown(qtbot, dialog: QWidget) -> None:  # type: ignore[no-untyped-def]
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)


def type_date(qtbot, field: QWidget, text: str) -> QWidget | None:  # type: ignore[no-untyped-def]
    """Into the field, over what is there, then Tab; returns where the focus went."""
    field.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClick(field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(field, text)
    qtbot.keyClick(field, Qt.Key.Key_Tab)
    return QApplication.focusWidget()


def type_row(qtbot, rows: RowsEditor, cells: list[str | None]) -> None:  # type: ignore[no-untyped-def]
    """Add a row and type its cells one after the other, Tab between them (None: leave
    the cell as offered), as a user fills a table."""
    qtbot.mouseClick(rows.add_button, Qt.MouseButton.LeftButton)
    for text in cells:
        editor = QApplication.focusWidget()
        assert editor is not None
        if text is not None:
            qtbot.keyClick(editor, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
            qtbot.keyClicks(editor, text)
        qtbot.keyClick(editor, Qt.Key.Key_Tab)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)


def test_every_date_of_a_person_is_stored_as_typed(qtbot, runner, db, locale) -> None:
    dialog = PersonDialog(runner, db)
    shown(qtbot, dialog)
    editor = dialog.person_editor
    qtbot.keyClicks(editor.text_edits["given_name"], "Wei")
    qtbot.keyClicks(editor.text_edits["family_name"], "Zhang")
    born = editor.date_edits["date_of_birth"]
    went = type_date(qtbot, born, "1990-04-12")
    assert went is not born and went is not None and not born.isAncestorOf(went)
    assert born.text() == "1990-04-12"  # not this year, not today
    type_date(qtbot, editor.date_edits["lpr_since"], "23/09/2015")  # only one reading

    editor.tabs.setCurrentWidget(editor.citizenships.parentWidget())
    type_row(qtbot, editor.citizenships, ["CN", None, "19900412", ""])
    type_row(qtbot, editor.citizenships, ["US", None, "2021-06-01", ""])
    editor.citizenships.model.setData(editor.citizenships.model.index(1, 1), "naturalization")
    editor.tabs.setCurrentWidget(editor.documents.parentWidget())
    type_row(qtbot, editor.documents, [None, "E12345678", "CN", "", "2020-01-02", "2030-01-01"])
    editor.tabs.setCurrentWidget(editor.resume.parentWidget())
    type_row(qtbot, editor.resume, [None, "Tsinghua University", None, None, "2008-09",
                                    "06/2012"])
    type_row(qtbot, editor.resume, [None, "Northwind", None, None, "201907", ""])
    editor.resume.model.setData(editor.resume.model.index(1, 0), "employment")

    with qtbot.waitSignal(dialog.saved, timeout=10_000) as saved:
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    stored = load_person(db, saved.args[0].id)
    assert stored.date_of_birth == date(1990, 4, 12)
    assert stored.lpr_since == date(2015, 9, 23)
    assert [(c.country, c.acquired_on) for c in stored.citizenships] == [
        ("CN", date(1990, 4, 12)), ("US", date(2021, 6, 1))]
    assert [(d.number, d.issued_on, d.expires_on) for d in stored.documents] == [
        ("E12345678", date(2020, 1, 2), date(2030, 1, 1))]
    assert [(r.organization, r.start_year, r.start_month, r.end_year, r.end_month)
            for r in stored.resume] == [("Tsinghua University", 2008, 9, 2012, 6),
                                        ("Northwind", 2019, 7, None, None)]


def test_a_date_that_cannot_be_read_is_kept_and_named(qtbot, runner, db, locale) -> None:
    before = len(list_people(db))
    dialog = PersonDialog(runner, db)
    shown(qtbot, dialog)
    editor = dialog.person_editor
    qtbot.keyClicks(editor.text_edits["given_name"], "Omar")
    qtbot.keyClicks(editor.text_edits["family_name"], "Haddad")
    born = editor.date_edits["date_of_birth"]
    type_date(qtbot, born, "03/04/1990")
    slot = editor.problems.slot("date_of_birth")
    assert slot is not None and slot.message.isVisibleTo(editor)
    assert "Date of birth: “03/04/1990” could be 3 April or 4 March 1990" in (
        slot.message.text())
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and born.text() == "03/04/1990"  # nothing typed is lost
    assert QApplication.focusWidget() is born
    assert len(list_people(db)) == before

    editor.tabs.setCurrentWidget(editor.resume.parentWidget())
    type_row(qtbot, editor.resume, [None, "Acme", None, None, "2019-13", ""])
    assert "Row 1, From: “2019-13” has no month 13" in editor.resume.message.text()

    type_date(qtbot, born, "1990-04-03")
    assert not slot.message.isVisibleTo(editor)


def test_the_locale_short_form_is_read_in_the_locale_order(qtbot) -> None:
    before = QLocale()
    try:
        for name, typed in (("en_GB", "12/04/1990"), ("en_US", "4/12/1990"),
                            ("de_DE", "12.04.1990"), ("sv_SE", "1990-04-12")):
            QLocale.setDefault(QLocale(name))
            field = DateField(label="Date of birth")
            qtbot.addWidget(field)
            qtbot.keyClicks(field, typed)
            assert field.value() == date(1990, 4, 12), name
    finally:
        QLocale.setDefault(before)


def test_the_calendar_button_opens_a_calendar_and_a_pick_is_kept(qtbot, locale) -> None:
    field = DateField(label="Issued")
    qtbot.addWidget(field)
    field.show()
    qtbot.keyClicks(field, "2020-01-02")
    field.calendar_action.trigger()
    calendar = field.calendar
    assert calendar is not None and calendar.isVisible()
    assert calendar.selectedDate().toPython() == date(2020, 1, 2)
    days = calendar.focusProxy() or calendar  # the grid of days has the keyboard
    qtbot.keyClick(days, Qt.Key.Key_Right)  # the next day, then Enter
    qtbot.keyClick(days, Qt.Key.Key_Return)
    assert not calendar.isVisible() and field.text() == "2020-01-03"


def test_status_change_dates_are_typed(qtbot, runner, locale) -> None:
    row = build_row(0, status="registered", regulator="BIS")
    dialog = StatusChangeDialog(runner, lambda change: change, row, today=TODAY)
    shown(qtbot, dialog)
    dialog.target_combo.setCurrentIndex(dialog.target_combo.findData("approved"))
    qtbot.keyClicks(dialog.license_edit, "D1234567")
    type_date(qtbot, dialog.valid_until_edit, "2030-12-31")
    type_date(qtbot, dialog.date_edit, "2026-11-20")
    change = dialog.change()
    assert (change.valid_until, change.on) == (date(2030, 12, 31), date(2026, 11, 20))
    type_date(qtbot, dialog.date_edit, "2026-12-01")
    assert not dialog.ok_button.isEnabled() and "on or before today" in (
        dialog.hint_label.text())


def test_the_snooze_date_is_typed(qtbot, locale) -> None:
    deadline = Deadline("renewal:D1", "renewal", date(2026, 12, 1), "Renew D1")
    dialog = DeadlineMarkDialog(deadline, TODAY, snooze=True)
    shown(qtbot, dialog)
    type_date(qtbot, dialog.until_edit, "2027-01-15")
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok),
                     Qt.MouseButton.LeftButton)
    assert dialog.result() == dialog.DialogCode.Accepted and dialog.until == date(2027, 1, 15)


def test_the_as_of_date_of_the_matrix_is_typed(qtbot, locale) -> None:
    bar = MatrixFilterBar(MatrixFilterProxy())
    shown(qtbot, bar)
    with qtbot.waitSignal(bar.dateChanged):
        type_date(qtbot, bar.date_edit, "2026-11-20")
    assert bar.on == date(2026, 11, 20)


def test_the_since_day_of_a_grant_is_typed(qtbot, runner, db, locale) -> None:
    person = save_person(db, PersonForm(given_name="Wei", family_name="Zhang",
                                        citizenships=(CitizenshipForm("CN"),)))
    save_item(db, ItemForm(name="GaN HEMT process technology", kind="technology",
                           regime="EAR", classification="3E001"))
    (item,) = list_items(db)
    subject = AccessSubject(ITEM, item.id, item.ref, item.name)
    choice = GrantChoice(person.id or 0, "Wei Zhang", "Wei Zhang", "wei zhang")
    dialog = GrantAccessDialog(runner, db, subject, [choice], today=TODAY)
    shown(qtbot, dialog)
    dialog.model.chosen.append(choice.id)
    type_date(qtbot, dialog.since_edit, "2026-04-12")
    with qtbot.waitSignal(dialog.granted, timeout=10_000):
        qtbot.mouseClick(dialog.grant_button, Qt.MouseButton.LeftButton)
    assert [r.since for r in list_access(db)] == [date(2026, 4, 12)]
