"""The Organizations screen: list, search, create and edit, with the organization checks."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from licenseapp.domain.organization_form import OrganizationForm
from licenseapp.gui.organizations.dialog import OrganizationDialog
from licenseapp.gui.organizations.editor import OrganizationEditor
from licenseapp.gui.organizations.page import OrganizationColumn, OrganizationsPage
from licenseapp.gui.people.fields import problem_color
from licenseapp.services.catalog.organizations import list_organizations, load_organization

pytestmark = pytest.mark.qt_log_ignore(
    "does not support propagateSizeHints", "does not support raise",
    "does not support grabbing the keyboard")


@pytest.fixture
def page(qtbot, runner, db, sample_db_url):
    widget = OrganizationsPage(runner)
    qtbot.addWidget(widget)
    widget.resize(1000, 600)
    widget.set_database(db)
    widget.show()
    qtbot.waitUntil(lambda: widget.is_loaded)
    return widget


def column(page: OrganizationsPage, col: OrganizationColumn) -> list[str]:
    return [page.proxy.index(r, col).data() for r in range(page.proxy.rowCount())]


def open_new(qtbot, page: OrganizationsPage) -> OrganizationDialog:
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.dialog is not None)
    dialog = page.dialog
    assert isinstance(dialog, OrganizationDialog)
    return dialog


def test_the_list_shows_the_organizations_and_their_people(page) -> None:
    assert column(page, OrganizationColumn.NAME) == ["Northwind Frontier AI, Inc."]
    assert column(page, OrganizationColumn.CITY) == ["San Jose"]
    assert column(page, OrganizationColumn.PEOPLE) == ["0"]
    assert page.count_label.text() == "1 organization"


def test_an_organization_typed_in_is_saved_listed_and_searchable(qtbot, page, db) -> None:
    dialog = open_new(qtbot, page)
    editor = dialog.organization_editor
    edits = editor.text_edits
    qtbot.keyClicks(edits["legal_name"], "Aldergrove Aerospace UK Limited")
    qtbot.keyClicks(edits["city"], "Bristol")
    editor.country_combo.lineEdit().clear()
    qtbot.keyClicks(editor.country_combo.lineEdit(), "United Kingdom")
    qtbot.keyClicks(edits["signatory_name"], "Sarah Whitaker")
    qtbot.keyClicks(edits["signatory_title"], "Head of Trade Compliance")
    editor.template_edits["default_loe_template"].setPlainText(
        "Dear Sir or Madam,\n\n{person.full_name} will work on {items.names}.")
    with qtbot.waitSignal(dialog.saved, timeout=10_000) as saved:
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.proxy.rowCount() == 2)
    stored = load_organization(db, saved.args[0].id)
    assert (stored.legal_name, stored.city, stored.country) == (
        "Aldergrove Aerospace UK Limited", "Bristol", "GB")
    assert stored.default_loe_template.startswith("Dear Sir or Madam,\n\n")
    assert page.selected_id() == stored.id
    qtbot.keyClicks(page.search_edit, "bristol")
    assert column(page, OrganizationColumn.NAME) == ["Aldergrove Aerospace UK Limited"]


def test_problems_show_on_their_fields_and_nothing_is_saved(qtbot, page, db) -> None:
    dialog = open_new(qtbot, page)
    editor = dialog.organization_editor
    qtbot.keyClicks(editor.text_edits["legal_name"], "northwind frontier ai, inc.")
    qtbot.keyClicks(editor.text_edits["ein"], "12345")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(editor.shown_problems()))
    assert [p.field for p in editor.shown_problems()] == ["ein"]
    ein = editor.problems.slot("ein")
    assert ein is not None and problem_color() in ein.label.styleSheet()
    assert "nine digits" in ein.message.text()
    assert editor.tabs.currentIndex() == 1  # the registrations tab, where the EIN is
    assert QApplication.focusWidget() is editor.text_edits["ein"]

    editor.text_edits["ein"].clear()
    qtbot.keyClicks(editor.text_edits["ein"], "12-3456789")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    # the name is taken (case aside): refused by the service, shown on the name
    qtbot.waitUntil(lambda: [p.field for p in editor.shown_problems()] == ["legal_name"])
    assert editor.tabs.currentIndex() == 0
    assert "already exists" in editor.banner.text()
    assert len(list_organizations(db)) == 1
    assert dialog.isVisible()


def test_editing_an_organization_keeps_what_was_not_touched(qtbot, page, db) -> None:
    page.select_id(list_organizations(db)[0].id)
    qtbot.mouseClick(page.edit_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.dialog is not None)
    dialog = page.dialog
    assert isinstance(dialog, OrganizationDialog)
    editor = dialog.organization_editor
    assert editor.text_edits["city"].text() == "San Jose"
    qtbot.keyClicks(editor.text_edits["contact_name"], "Megan Chen")
    with qtbot.waitSignal(dialog.saved, timeout=10_000):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: column(page, OrganizationColumn.CONTACT) == ["Megan Chen"])
    stored = load_organization(db, list_organizations(db)[0].id)
    assert (stored.contact_name, stored.city, stored.state) == ("Megan Chen", "San Jose", "CA")


def test_the_editor_round_trips_every_field(qtbot) -> None:
    form = OrganizationForm(
        legal_name="Frontier Models, Inc.", street="1 Main St", city="Oakland", state="CA",
        postal_code="94607", country="US", phone="+1 510 555 0100", fax="", ein="12-3456789",
        snapr_cin="C123456", ddtc_code="M12345", contact_name="Ada", contact_phone="1",
        contact_email="ada@example.com", signatory_name="Ada Byron", signatory_title="CEO",
        default_loe_template="Line 1\n  indented\n", default_tcp_template="TCP", id=4,
        version=2)
    editor = OrganizationEditor()
    qtbot.addWidget(editor)
    editor.set_form(form)
    assert editor.form() == form
    assert not editor.is_modified()
