"""An application's stored determination on screen (#14, points 6 and 7): the details pane
says whether it is out of date with the rules now, Application › Determination and memo…
shows it with Save memo…, and the matrix's access details save a person × item memo."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest
from factories import make_application
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest
from sqlalchemy import select

from licenseapp import paths
from licenseapp.domain.rules import clear_cache, shipped_rulesets_dir
from licenseapp.store.database import Database
from licenseapp.store.models import AccessGrant, Person, StoredDetermination

from .test_authorization_page import click, find
from .test_backup_restore_dialogs import opened
from .test_day_one_gui import menu_action
from .test_main_window import select as select_row

WAIT = 60_000
DIRECTIVE = "ai-access-directive-2026"
SHOTS = os.environ.get("DIRECTIVE_RECORDS_SHOTS", "")


def shot(widget, name: str) -> None:  # type: ignore[no-untyped-def]
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        QTest.qWait(300)
        if QGuiApplication.platformName() == "xcb":
            QGuiApplication.primaryScreen().grabWindow(0).save(f"{SHOTS}/{name}.png")
        else:
            widget.grab().save(f"{SHOTS}/{name}.png")


@pytest.fixture(autouse=True)
def _fresh_rules():  # type: ignore[no-untyped-def]
    clear_cache()
    yield
    clear_cache()


@pytest.fixture
def case(db: Database) -> Database:
    make_application(db, citizenship="IN", given="Priya", family="Raman", native="")
    with db.unit_of_work() as session:
        person = session.execute(select(Person)).scalar_one()
        person.immigration_status, person.residency_country = "lpr", "US"
        person.supervisor = "Ann Lee, Director of Research"
        session.add(AccessGrant(person_id=person.id, item_id=1, state="active",
                                mode="parameters", since=date(2026, 1, 5)))
    return db


def _screen(qtbot, window, key: Qt.Key) -> None:  # type: ignore[no-untyped-def]
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, key, Qt.KeyboardModifier.ControlModifier)


def _narrow_the_directive() -> None:
    """The user's own version of the directive, leaving permanent residents out."""
    text = (shipped_rulesets_dir() / f"{DIRECTIVE}.json").read_text(encoding="utf-8")
    folder = paths.user_rulesets_dir()
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{DIRECTIVE}.json").write_text(
        text.replace('"not_covered": ["us_citizen"]', '"not_covered": ["us_citizen", "lpr"]'),
        encoding="utf-8")
    clear_cache()


def test_the_details_say_when_a_stored_determination_is_out_of_date_and_print_its_memo(
        qtbot, window, case, db_url, tmp_path) -> None:
    opened(qtbot, window, db_url)
    _screen(qtbot, window, Qt.Key.Key_1)
    assert window.pages.currentWidget() is window.applications
    label = window.determinations.status_label
    select_row(qtbot, window, "LA-2026-0001")
    qtbot.waitUntil(lambda: label.isVisible() and "recorded" in label.text(), timeout=WAIT)
    assert "Mythos 5 (4E091): license required" in label.text()
    assert "out of date" not in label.text()
    shot(window, "details-determination-current")

    _narrow_the_directive()
    window.details.reload()
    qtbot.waitUntil(lambda: "out of date" in label.text(), timeout=WAIT)
    assert "version 1 was used, version 2 is in force now" in label.text()
    assert "“no license required”" in label.text()
    shot(window, "details-determination-out-of-date")

    menu_action(window, "&Application", "Determination and &memo…").trigger()
    dialog = window.determinations.dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.memo_button.isEnabled(), timeout=WAIT)
    text = dialog.browser.toPlainText()
    assert "Out of date with the current rules." in text
    assert "License required as of" in text  # the stored answer, kept as it was
    assert "ai-access-directive-2026), version 1" in text
    shot(dialog, "determination-dialog")
    target = tmp_path / "memo.pdf"
    window.determinations.ask_path = lambda _parent, _name: target
    with qtbot.waitSignal(dialog.memoSaved, timeout=WAIT):
        qtbot.mouseClick(dialog.memo_button, Qt
                         .MouseButton.LeftButton)
    assert target.read_bytes().startswith(b"%PDF")
    assert "Memo saved to" in dialog.status.text()
    dialog.close()
    with case.reading() as session:
        purposes = session.execute(select(StoredDetermination.purpose)).scalars().all()
    assert purposes == ["application"]  # shown, reloaded and printed: stored once


def test_the_matrix_saves_the_memo_of_the_selected_access(
        qtbot, window, case, db_url, tmp_path) -> None:
    window.authorization.date_edit.set_value(date(2026, 12, 1))
    opened(qtbot, window, db_url)
    _screen(qtbot, window, Qt.Key.Key_2)
    page = window.authorization
    qtbot.waitUntil(lambda: page.is_loaded, timeout=WAIT)
    click(qtbot, page, find(page, "P-0001", "Mythos 5"))
    qtbot.waitUntil(lambda: page.details.cell is not None, timeout=WAIT)
    target = tmp_path / "pair memo.pdf"
    window.determinations.ask_path = lambda _parent, _name: target
    button = window.determinations.matrix_button
    assert button.isVisible() and button.isEnabled()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    status = window.determinations.matrix_status
    qtbot.waitUntil(lambda: "Memo saved to" in status.text(), timeout=WAIT)
    assert target.read_bytes().startswith(b"%PDF")
    shot(window, "matrix-memo-saved")


def test_rules_write_notices_writes_one_file_per_recipient(
        qtbot, window, case, db_url, tmp_path) -> None:
    opened(qtbot, window, db_url)
    menu_action(window, "&Rules", "&Write notices…").trigger()
    dialog = window.determinations.notices_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.ruleset_box.currentData() is not None
    index = dialog.ruleset_box.findData(DIRECTIVE)
    dialog.ruleset_box.setFocus()
    while dialog.ruleset_box.currentIndex() != index:
        qtbot.keyClick(dialog.ruleset_box, Qt.Key.Key_Down)
    assert not dialog.write_button.isEnabled()  # no folder yet
    folder = tmp_path / "notices"
    folder.mkdir()
    qtbot.keyClicks(dialog.folder_edit, str(folder))
    assert dialog.write_button.isEnabled()
    with qtbot.waitSignal(dialog.written, timeout=WAIT) as done:
        qtbot.mouseClick(dialog.write_button, Qt.MouseButton.LeftButton)
    result = done.args[0]
    assert sorted(p.name for p in folder.iterdir()) == ["P-0001-person.eml",
                                                        "P-0001-supervisor.eml"]
    assert result.people == 1
    text = dialog.outcome.toPlainText()
    assert text.startswith("Wrote 2 notices for 1 person")
    assert "P-0001-person.eml" in text
    assert "No e-mail address for Priya Raman's supervisor (Ann Lee)" in text
    shot(dialog, "notices-dialog")
