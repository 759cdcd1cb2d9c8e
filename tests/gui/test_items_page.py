"""The Items screen driven as a user would: typing an AI model with its access modes, a
classification refused beside its field, retiring with a reason (never deleting) and
reinstating, and granting and revoking access from the item's access panel."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QApplication, QVBoxLayout, QWidget

from licenseapp.domain.item_form import ItemForm
from licenseapp.domain.person_form import CitizenshipForm, PersonForm
from licenseapp.gui.access.grant_dialog import GrantAccessDialog
from licenseapp.gui.access.panel import AccessPanel
from licenseapp.gui.items.dialog import ItemDialog
from licenseapp.gui.items.page import ItemColumn, ItemsPage
from licenseapp.gui.people.fields import problem_color
from licenseapp.gui.reason_dialog import ReasonDialog
from licenseapp.services.catalog.access import list_access
from licenseapp.services.catalog.items import list_items, load_item, save_item
from licenseapp.services.catalog.people import save_person

pytestmark = pytest.mark.qt_log_ignore(
    "does not support propagateSizeHints", "does not support raise",
    "does not support grabbing the keyboard")


def add_records(db):  # type: ignore[no-untyped-def]
    """Two people and one item on file."""
    for given, family, native, country in (("Wei", "Zhang", "张伟", "CN"),
                                           ("Layla", "Haddad", "ليلى حداد", "JO")):
        save_person(db, PersonForm(given_name=given, family_name=family, native_name=native,
                                   citizenships=(CitizenshipForm(country),)))
    save_item(db, ItemForm(name="GaN HEMT process technology", kind="technology",
                           regime="EAR", classification="3E001"))
    return db


@pytest.fixture
def records(db):  # type: ignore[no-untyped-def]
    return add_records(db)


@pytest.fixture
def page(qtbot, runner, records):  # type: ignore[no-untyped-def]
    widget = ItemsPage(runner)
    qtbot.addWidget(widget)
    widget.resize(1100, 500)
    widget.set_database(records)
    widget.show()
    widget.beside = beside = QWidget()  # where the main window puts the access panel
    QVBoxLayout(beside).addWidget(widget.access_panel)
    qtbot.addWidget(beside)  # (held weakly: the page keeps it)
    beside.resize(480, 400)
    beside.show()
    widget.access_panel.show()
    qtbot.waitUntil(lambda: widget.is_loaded)
    return widget


def column(page: ItemsPage, col: ItemColumn) -> list[str]:
    return [page.proxy.index(r, col).data() for r in range(page.proxy.rowCount())]


def open_new(qtbot, page: ItemsPage) -> ItemDialog:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.dialog is not None)
    dialog = page.dialog
    assert isinstance(dialog, ItemDialog)
    return dialog


def type_mythos(qtbot, dialog: ItemDialog) -> None:  # type: ignore[no-untyped-def]
    """Mythos 5, an AI model (4E091) offered for use and for its parameters, typed in."""
    editor = dialog.item_editor
    qtbot.keyClicks(editor.name_edit, "Mythos 5")
    QTest.keyClick(editor.name_edit, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is editor.kind_combo
    assert not editor.modes_box.isVisible()
    qtbot.keyClicks(editor.kind_combo, "AI")  # keyboard search in the combo
    assert editor.kind_combo.currentText() == "AI model"
    assert editor.modes_box.isVisible()
    for mode in ("use", "parameters"):
        tick(qtbot, editor.mode_checks[mode])
    qtbot.keyClicks(editor.classification_edit, "4e091")


def tick(qtbot, button: QAbstractButton) -> None:  # type: ignore[no-untyped-def]
    """Click a check box or radio button on its box, as a user would."""
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton, pos=QPoint(8, button.height() // 2))


def select(qtbot, page: ItemsPage, name: str) -> None:  # type: ignore[no-untyped-def]
    row = column(page, ItemColumn.NAME).index(name)
    rect = page.table.visualRect(page.proxy.index(row, ItemColumn.NAME))
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    panel = page.access_panel
    qtbot.waitUntil(lambda: panel.subject is not None and panel.subject.name == name
                    and panel.loaded)


def test_an_ai_model_typed_in_is_listed_with_its_modes_and_reasons_filled(
        qtbot, page, records) -> None:
    dialog = open_new(qtbot, page)
    editor = dialog.item_editor
    type_mythos(qtbot, dialog)
    # what the save will fill in shows before saving
    assert editor.reasons_edit.placeholderText() == "RS, AT1"
    assert "RS, AT1" in editor.reasons_note.text()
    with qtbot.waitSignal(dialog.saved, timeout=10_000) as saved:
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.proxy.rowCount() == 2)
    stored = load_item(records, saved.args[0].id)
    assert (stored.name, stored.kind, stored.classification, stored.reasons_for_control) == (
        "Mythos 5", "ai_model_access", "4E091", "RS, AT1")
    assert set(stored.access_modes) == {"use", "parameters"}
    row = column(page, ItemColumn.NAME).index("Mythos 5")
    shown = {col: page.proxy.index(row, col).data() for col in ItemColumn}
    assert shown[ItemColumn.KIND] == "AI model"
    assert shown[ItemColumn.REASONS] == "RS, AT1"
    assert set(shown[ItemColumn.MODES].split(", ")) == {"use", "parameters"}
    assert page.selected_id() == stored.id
    qtbot.keyClicks(page.search_edit, "4e091")
    assert column(page, ItemColumn.NAME) == ["Mythos 5"]


def test_a_bad_classification_is_shown_beside_it_and_what_was_typed_stays(
        qtbot, page, records) -> None:
    dialog = open_new(qtbot, page)
    editor = dialog.item_editor
    qtbot.keyClicks(editor.name_edit, "Photon lithography process")
    assert editor.classification_edit.placeholderText().startswith("ECCN e.g. 4E091")
    qtbot.keyClicks(editor.classification_edit, "4Z999")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(editor.shown_problems()))
    assert [p.field for p in editor.shown_problems()] == ["classification"]
    slot = editor.problems.slot("classification")
    assert slot is not None and problem_color() in slot.label.styleSheet()
    assert slot.message.isVisible() and "is not an ECCN" in slot.message.text()
    assert editor.classification_edit.text() == "4Z999"  # kept, to be corrected
    assert editor.name_edit.text() == "Photon lithography process"
    assert QApplication.focusWidget() is editor.classification_edit
    assert len(list_items(records)) == 1 and dialog.isVisible()

    # another regime asks for its own classification
    editor.regime_combo.setFocus()
    qtbot.keyClicks(editor.regime_combo, "I")
    assert editor.regime_combo.currentData() == "ITAR"
    assert editor.classification_edit.placeholderText() == "USML category e.g. XI(d)"
    editor.classification_edit.selectAll()
    qtbot.keyClicks(editor.classification_edit, "xii(f)")
    with qtbot.waitSignal(dialog.saved, timeout=10_000):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.proxy.rowCount() == 2)
    assert "USML XII(f)" in column(page, ItemColumn.CLASSIFICATION)


def test_retiring_asks_why_hides_the_item_and_reinstating_brings_it_back(
        qtbot, page, records) -> None:
    select(qtbot, page, "GaN HEMT process technology")
    assert page.retire_button.isEnabled() and not page.reinstate_button.isEnabled()
    qtbot.mouseClick(page.retire_button, Qt.MouseButton.LeftButton)
    dialog = page.retire_dialog
    assert isinstance(dialog, ReasonDialog)
    qtbot.mouseClick(dialog.action_button, Qt.MouseButton.LeftButton)  # no reason yet
    qtbot.waitUntil(lambda: dialog.message.isVisible())
    assert "say why" in dialog.message.text()
    assert len(list_items(records)) == 1  # nothing happened
    qtbot.keyClicks(dialog.reason_edit, "process moved to the Dresden fab")
    with qtbot.waitSignal(page.dataModified, timeout=10_000):
        qtbot.mouseClick(dialog.action_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.proxy.rowCount() == 0)
    assert list_items(records) == []
    kept = list_items(records, include_retired=True)
    assert kept[0].retired and kept[0].retired_reason == "process moved to the Dresden fab"
    assert "1 retired, hidden" in page.count_label.text()
    qtbot.waitUntil(lambda: page.access_panel.subject is None)

    tick(qtbot, page.show_retired_check)
    assert page.show_retired_check.isChecked()
    assert column(page, ItemColumn.NAME) == ["GaN HEMT process technology"]
    assert column(page, ItemColumn.RETIRED)[0].endswith("process moved to the Dresden fab")
    select(qtbot, page, "GaN HEMT process technology")
    assert not page.retire_button.isEnabled() and page.reinstate_button.isEnabled()
    assert not page.access_panel.grant_button.isEnabled()  # a retired item takes no access
    with qtbot.waitSignal(page.dataModified, timeout=10_000):
        qtbot.mouseClick(page.reinstate_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(list_items(records)) == 1 and page.is_loaded
                    and column(page, ItemColumn.RETIRED) == [""])


def grant_dialog(qtbot, panel: AccessPanel) -> GrantAccessDialog:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: panel.grant_button.isEnabled())
    qtbot.mouseClick(panel.grant_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.grant_dialog is not None)
    dialog = panel.grant_dialog
    assert isinstance(dialog, GrantAccessDialog)
    return dialog


def tick_first_found(qtbot, dialog: GrantAccessDialog, text: str) -> None:  # type: ignore[no-untyped-def]
    """Type in the search box, go down into the list and tick the first match with Space."""
    qtbot.keyClicks(dialog.search_edit, text)
    QTest.keyClick(dialog.search_edit, Qt.Key.Key_Down)
    assert QApplication.focusWidget() is dialog.list
    QTest.keyClick(dialog.list, Qt.Key.Key_Space)


def test_access_is_granted_and_revoked_from_the_item_panel(qtbot, page, records) -> None:
    save_item(records, ItemForm(name="Mythos 5", kind="AI model",
                                access_modes=("parameters", "use", "fine_tuning"),
                                classification="4E091"))
    page.reload()
    qtbot.waitUntil(lambda: page.proxy.rowCount() == 2)
    select(qtbot, page, "Mythos 5")
    panel = page.access_panel
    assert "Nobody has access to Mythos 5 yet" in panel.list.message_label.text()
    dialog = grant_dialog(qtbot, panel)
    assert set(dialog.mode_checks) == {"parameters", "use", "fine_tuning"}
    tick_first_found(qtbot, dialog, "zhang")
    assert dialog.chosen_label.text() == "1 person chosen: Wei Zhang"
    qtbot.mouseClick(dialog.grant_button, Qt.MouseButton.LeftButton)  # no mode chosen
    qtbot.waitUntil(lambda: dialog.mode_message.isVisible())
    assert "choose at least one" in dialog.mode_message.text()
    assert list_access(records) == []
    tick(qtbot, dialog.mode_checks["use"])
    tick(qtbot, dialog.requested_radio)
    with qtbot.waitSignal(page.dataModified, timeout=10_000):
        qtbot.mouseClick(dialog.grant_button, Qt.MouseButton.LeftButton)
    records_now = list_access(records)
    assert [(r.person_name, r.item_name, r.mode, r.state) for r in records_now] == [
        ("Wei Zhang", "Mythos 5", "use", "requested")]
    qtbot.waitUntil(lambda: panel.model.rowCount() == 1 and panel.loaded)
    assert panel.model.index(0, 0).data() == f"Wei Zhang ({records_now[0].person_ref})"
    assert panel.model.index(0, 2).data() == "Requested"
    qtbot.waitUntil(lambda: column(page, ItemColumn.PEOPLE) == ["0", "1"]
                    or column(page, ItemColumn.PEOPLE) == ["1", "0"])

    # revoke: asks why; the record stays, revoked, in grey
    panel.table.selectRow(0)
    qtbot.mouseClick(panel.revoke_button, Qt.MouseButton.LeftButton)
    revoke = panel.revoke_dialog
    assert isinstance(revoke, ReasonDialog)
    assert "Wei Zhang" in revoke.question.text()
    qtbot.keyClicks(revoke.reason_edit, "left the project")
    with qtbot.waitSignal(panel.dataModified, timeout=10_000):
        QTest.keyClick(revoke.reason_edit, Qt.Key.Key_Return)
    (revoked,) = list_access(records)
    assert (revoked.state, revoked.suspended_reason) == ("revoked", "left the project")
    qtbot.waitUntil(lambda: str(panel.model.index(0, 2).data()).startswith("Revoked"))
    assert not panel.revoke_button.isEnabled()  # nothing left to revoke


def test_published_weights_are_chosen_from_the_classification_choices(
        qtbot, page) -> None:  # type: ignore[no-untyped-def]
    """"Not subject to the EAR" with its basis is a choice while typing (15 CFR 734.7)."""
    dialog = open_new(qtbot, page)
    editor = dialog.item_editor
    qtbot.keyClicks(editor.name_edit, "Halcyon 3 weights")
    dialog.activateWindow()
    qtbot.mouseClick(editor.classification_edit, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(editor.classification_edit.hasFocus)
    qtbot.keyClicks(editor.classification_edit, "publ")
    completer = editor.classification_edit.completer()
    choices = completer.completionModel()
    shown = [choices.index(r, 0).data() for r in range(choices.rowCount())]
    assert shown == ["not subject (published)"]
    popup = completer.popup()
    qtbot.waitUntil(popup.isVisible)
    QTest.keyClick(popup, Qt.Key.Key_Down)
    QTest.keyClick(popup, Qt.Key.Key_Return)
    assert editor.classification_edit.text() == "not subject (published)"
    with qtbot.waitSignal(dialog.saved, timeout=10_000):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "not subject (published)" in column(page, ItemColumn.CLASSIFICATION))
