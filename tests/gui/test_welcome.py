"""The first run: a new database opens on the welcome page; the company profile typed there
is saved with its checks; the demo goes into a file of its own; then the next steps."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QLineEdit, QPushButton

from licenseapp.gui.main_window import MainWindow
from licenseapp.gui.people.fields import problem_color
from licenseapp.services.catalog.getting_started import setup_state
from licenseapp.services.catalog.organizations import list_organizations, load_organization
from licenseapp.services.screening.dto import Subject
from licenseapp.services.screening.results import screening_state
from licenseapp.store.database import open_database

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


@pytest.fixture(autouse=True)
def _settings(tmp_path) -> None:
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path))


def open_new_database(qtbot, win: MainWindow, db_url: str) -> None:
    win.open_database(db_url)
    qtbot.waitUntil(lambda: win.central.currentWidget() is win.welcome, timeout=10_000)


def type_into_focus(qtbot, text: str) -> QLineEdit:
    """Type ``text`` where the keyboard focus is, then Tab on; returns the field typed in."""
    field = QApplication.focusWidget()
    assert isinstance(field, QLineEdit), field
    qtbot.keyClicks(field, text)
    qtbot.keyClick(field, Qt.Key.Key_Tab)
    return field


def test_a_new_database_opens_on_the_welcome_page(qtbot, window, db, db_url) -> None:
    open_new_database(qtbot, window, db_url)
    welcome = window.welcome
    assert not window.splitter.isVisible()  # no empty screens behind it
    qtbot.waitUntil(lambda: QApplication.focusWidget() is welcome.editor.text_edits["legal_name"])
    where = welcome.location_label.text()
    assert db.location.display.split("://")[-1].split("@")[-1] in where.replace("&amp;", "&")
    if db.location.sqlite_path is not None:  # how to move it to a team's server
        assert "backup licenseapp-backup.zip" in where
        assert "restore licenseapp-backup.zip" in where
    else:  # already on a server: its address, never a password
        assert "on the database server" in where
    assert ":" not in (db.location.display.split("@")[0].split("//")[-1]) \
        or "***" in where


def test_the_profile_typed_and_tabbed_through_is_saved_and_the_next_steps_follow(
        qtbot, window, db, db_url) -> None:
    open_new_database(qtbot, window, db_url)
    edits = window.welcome.editor.text_edits
    qtbot.waitUntil(lambda: QApplication.focusWidget() is edits["legal_name"])
    assert type_into_focus(qtbot, "Northwind Frontier AI, Inc.") is edits["legal_name"]
    assert type_into_focus(qtbot, "2100 Orchard Parkway") is edits["street"]
    assert type_into_focus(qtbot, "San Jose") is edits["city"]
    assert type_into_focus(qtbot, "CA") is edits["state"]
    assert type_into_focus(qtbot, "95131") is edits["postal_code"]
    country = window.welcome.editor.country_combo
    assert QApplication.focusWidget() in (country, country.lineEdit())
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)  # United States, as given
    assert type_into_focus(qtbot, "+1 408 555 0100") is edits["phone"]
    assert type_into_focus(qtbot, "") is edits["fax"]
    assert type_into_focus(qtbot, "12-3456789") is edits["ein"]
    assert type_into_focus(qtbot, "c123456") is edits["snapr_cin"]
    assert type_into_focus(qtbot, "M12345") is edits["ddtc_code"]
    assert type_into_focus(qtbot, "Dana Whitfield") is edits["contact_name"]
    assert type_into_focus(qtbot, "+1 408 555 0101") is edits["contact_phone"]
    assert type_into_focus(qtbot, "export@northwind.example") is edits["contact_email"]
    assert type_into_focus(qtbot, "Robert Chen") is edits["signatory_name"]
    assert type_into_focus(qtbot, "Empowered Official") is edits["signatory_title"]

    qtbot.mouseClick(window.welcome.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.central.currentWidget() is window.splitter, timeout=30_000)
    assert window.pages.currentWidget() is window.dashboard
    [org] = list_organizations(db)
    stored = load_organization(db, org.id)
    assert (stored.legal_name, stored.street, stored.city, stored.state, stored.postal_code,
            stored.country) == ("Northwind Frontier AI, Inc.", "2100 Orchard Parkway",
                                "San Jose", "CA", "95131", "US")
    assert (stored.ein, stored.snapr_cin, stored.ddtc_code) == ("12-3456789", "C123456",
                                                                "M12345")
    assert (stored.contact_name, stored.contact_email, stored.signatory_name,
            stored.signatory_title) == ("Dana Whitfield", "export@northwind.example",
                                        "Robert Chen", "Empowered Official")
    company = screening_state(db, Subject.ORGANIZATION, org.id)
    assert company.screened_at is not None and company.clear  # against the shipped list
    assert company.snapshot is not None and company.snapshot.entries == 25_921

    steps = window.next_steps
    qtbot.waitUntil(lambda: steps.isVisible() and steps.state is not None
                    and steps.state.has_profile, timeout=30_000)
    assert "Northwind Frontier AI, Inc." in steps.profile_label.text()
    people_step = steps.buttons["people"]
    assert people_step.text() == "Import your people roster"
    qtbot.mouseClick(people_step, Qt.MouseButton.LeftButton)
    assert window.pages.currentWidget() is window.people
    window.show_page(window.dashboard)
    qtbot.mouseClick(steps.buttons["grants"], Qt.MouseButton.LeftButton)
    assert window.pages.currentWidget() is window.items  # access is granted per item there
    window.show_page(window.dashboard)
    qtbot.mouseClick(steps.profile_button, Qt.MouseButton.LeftButton)
    assert window.pages.currentWidget() is window.organizations
    items_step = steps.buttons["items"]
    assert items_step.isEnabled() == window.navigator.has("Items")

    # The same database opened again: no welcome page, its profile is there.
    window.open_database(db_url)
    qtbot.waitUntil(lambda: window.setup.state is not None, timeout=30_000)
    assert window.central.currentWidget() is window.splitter


def test_a_bad_ein_shows_next_to_its_field_and_nothing_typed_is_lost(
        qtbot, window, db, db_url) -> None:
    open_new_database(qtbot, window, db_url)
    editor = window.welcome.editor
    qtbot.keyClicks(editor.text_edits["legal_name"], "Northwind Frontier AI, Inc.")
    qtbot.keyClicks(editor.text_edits["city"], "San Jose")
    qtbot.keyClicks(editor.text_edits["ein"], "12-34567")
    qtbot.mouseClick(window.welcome.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(editor.shown_problems()), timeout=10_000)
    assert [p.field for p in editor.shown_problems()] == ["ein"]
    ein = editor.problems.slot("ein")
    assert ein is not None and ein.message.isVisible()
    assert "nine digits" in ein.message.text()
    assert problem_color() in ein.label.styleSheet()
    # right under the field, not somewhere else on the page
    field = editor.text_edits["ein"]
    below = ein.message.mapTo(window, ein.message.rect().topLeft())
    at = field.mapTo(window, field.rect().bottomLeft())
    assert 0 <= below.y() - at.y() < 20 and abs(below.x() - at.x()) < 5
    assert QApplication.focusWidget() is field
    assert window.central.currentWidget() is window.welcome
    assert editor.text_edits["legal_name"].text() == "Northwind Frontier AI, Inc."
    assert editor.text_edits["city"].text() == "San Jose"
    assert list_organizations(db) == []

    field.selectAll()
    qtbot.keyClicks(field, "12-3456789")
    qtbot.keyClick(field, Qt.Key.Key_Return)  # Enter saves too
    qtbot.waitUntil(lambda: window.central.currentWidget() is window.splitter, timeout=10_000)
    assert [o.legal_name for o in list_organizations(db)] == ["Northwind Frontier AI, Inc."]


def test_the_demo_goes_into_a_new_file_and_the_users_database_stays_empty(
        qtbot, window, db, db_url, tmp_path) -> None:
    open_new_database(qtbot, window, db_url)
    welcome = window.welcome
    suggested = welcome.suggested_demo_path()
    assert suggested.name == "licenseapp-demo.db" and not suggested.exists()
    if db.location.sqlite_path is not None:
        assert suggested.parent == db.location.sqlite_path.parent
        # never into the database in use
        welcome.create_demo(db.location.sqlite_path)
        qtbot.waitUntil(lambda: not welcome.busy and "No demo data" in welcome.demo_note.text(),
                        timeout=10_000)
        assert "the database you are using" in welcome.demo_note.text()
        assert setup_state(db).is_empty

    target = tmp_path / "chosen" / "my-demo.db"
    target.parent.mkdir()
    with qtbot.waitSignal(welcome.demoReady, timeout=60_000) as ready:
        qtbot.mouseClick(welcome.demo_button, Qt.MouseButton.LeftButton)
        dialog = welcome.demo_dialog
        assert dialog is not None  # the user picks the file; here, as if they had
        dialog.fileSelected.emit(str(target))
        dialog.close()
        assert not welcome.demo_button.isEnabled()
    assert ready.args == [str(target)]
    qtbot.waitUntil(lambda: window.database is not None
                    and window.database.location.sqlite_path == target, timeout=10_000)
    qtbot.waitUntil(lambda: window.central.currentWidget() is window.splitter, timeout=10_000)
    qtbot.waitUntil(lambda: window.applications.is_loaded
                    and window.applications.model.rowCount() > 0, timeout=10_000)
    assert "my-demo.db" in window.windowTitle()
    assert setup_state(db).is_empty  # the user's own database: nothing written
    demo = open_database(str(target))
    try:
        state = setup_state(demo)
    finally:
        demo.dispose()
    assert state.applications > 0 and state.people > 0 and state.organizations > 0


def test_empty_screens_say_what_to_do_next_and_offer_it(qtbot, window, db, db_url) -> None:
    from licenseapp.domain.organization_form import OrganizationForm
    from licenseapp.services.catalog.organizations import save_organization

    save_organization(db, OrganizationForm(legal_name="Northwind Frontier AI, Inc."))
    window.open_database(db_url)
    qtbot.waitUntil(lambda: window.setup.state is not None, timeout=10_000)
    assert window.central.currentWidget() is window.splitter

    window.show_page(window.applications)
    apps = window.applications
    qtbot.waitUntil(lambda: apps.is_loaded)
    assert apps.list.showing_message and apps.message_label.isVisible()
    assert "No applications in this database yet" in apps.message_label.text()
    assert [b.text() for b in apps.list.action_buttons] == ["&New application…"]
    assert apps.list.action_buttons[0].action is window.drafting.new_action
    assert apps.list.action_buttons[0].isEnabled()

    window.show_page(window.people)
    people = window.people
    qtbot.waitUntil(lambda: people.is_loaded)
    assert "Nobody is recorded yet" in people.message_label.text()
    assert [b.text() for b in people.list.action_buttons] == ["&Import a roster…",
                                                              "&Add a person…"]

    window.show_page(window.authorization)
    matrix = window.authorization
    qtbot.waitUntil(lambda: "No people and no controlled items" in matrix.message_label.text(),
                    timeout=10_000)
    buttons = [b for b in matrix.list.action_buttons if b.isVisible()]
    assert buttons and buttons[0].text() == "Go to &People"
    qtbot.mouseClick(buttons[0], Qt.MouseButton.LeftButton)
    assert window.pages.currentWidget() is window.people

    window.show_page(window.deadlines)
    qtbot.waitUntil(lambda: "Nothing is due" in window.deadlines.deadline_list.message_label
                    .text(), timeout=10_000)

    window.show_page(window.organizations)
    qtbot.waitUntil(lambda: window.organizations.is_loaded)
    assert not window.organizations.list.showing_message  # the profile is listed


def test_an_empty_matrix_says_what_is_missing_when_there_are_people(
        qtbot, window, db, db_url) -> None:
    from licenseapp.domain.person_form import PersonForm
    from licenseapp.services.catalog.people import save_person

    save_person(db, PersonForm(given_name="Ana", family_name="Souza"))
    window.open_database(db_url)
    window.show_page(window.authorization)
    matrix = window.authorization
    qtbot.waitUntil(lambda: "1 person is recorded, but no controlled item is in use"
                    in matrix.message_label.text(), timeout=10_000)
    offered = [b.text() for b in matrix.list.action_buttons]
    assert offered == (["Go to &Items"] if window.navigator.has("Items") else [])


def test_the_roster_is_looked_over_then_imported_from_the_people_screen(
        qtbot, window, db, db_url, tmp_path) -> None:
    from licenseapp.domain.organization_form import OrganizationForm
    from licenseapp.services.catalog.organizations import save_organization
    from licenseapp.services.catalog.people import list_people

    save_organization(db, OrganizationForm(legal_name="Northwind Frontier AI, Inc."))
    window.open_database(db_url)
    window.show_page(window.people)
    people = window.people
    qtbot.waitUntil(lambda: people.is_loaded)
    roster = people.roster_import
    bad = tmp_path / "bad.csv"
    bad.write_text("given_name,family_name,email\nAna,Souza,not-an-address\n", encoding="utf-8")
    dialog = roster.look_at(bad)
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=10_000)
    assert dialog.rows.summary_label.text().startswith("Of 1 row: 0 would be added")
    assert dialog.model.index(0, 0).data() == "2"  # the row as the spreadsheet numbers it
    assert "not-an-address" in dialog.model.index(0, 4).data()
    assert not dialog.import_button.isEnabled()  # nothing to import
    dialog.close()
    qtbot.waitUntil(lambda: roster.dialog is None)
    assert list_people(db) == []

    good = tmp_path / "roster.csv"
    good.write_text("given_name,family_name,citizenships,employer,email\n"
                    "Ana,Souza,BR,\"Northwind Frontier AI, Inc.\",ana@northwind.example\n"
                    "Wei,Zhang,CN,,wei@northwind.example\n"
                    "Bad,Row,XX,,bad@northwind.example\n", encoding="utf-8")
    qtbot.mouseClick(people.import_button, Qt.MouseButton.LeftButton)  # the file dialog…
    dialog = roster.look_at(good)  # …as if the user had chosen the file there
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=10_000)
    assert dialog.import_button.text() == "&Import 2 rows"
    assert "1 rejected will not be imported" in dialog.rows.summary_label.text()
    assert list_people(db) == []  # a look, nothing written
    with qtbot.waitSignal(window.operations.changed, timeout=10_000):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: people.proxy.rowCount() == 2, timeout=10_000)
    assert dialog.rows.summary_label.text().startswith(
        "Imported from roster.csv: 2 added, 0 updated")
    assert not people.list.showing_message
    dialog.close()
    for dialog in window.findChildren(QFileDialog):
        dialog.close()


def test_a_new_screen_named_items_is_offered_once_it_is_there(qtbot, window) -> None:
    """The Items screen comes from elsewhere; the next steps go there as soon as it is."""
    steps = window.next_steps
    if not window.navigator.has("Items"):
        from PySide6.QtWidgets import QWidget

        window.add_page("Items", QWidget())
    from licenseapp.services.catalog.getting_started import SetupState

    steps.set_state(SetupState(1, 0, 0, 0, 0, "Northwind"))
    button: QPushButton = steps.buttons["items"]
    assert button.isEnabled()
    window.show_welcome(False)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert window.nav.currentItem().text() == "Items"
