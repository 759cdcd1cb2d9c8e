"""Every control has a name a screen reader can say: on every screen, in every dialog and
on every wizard page, on a demo database.

The walk: each screen is shown with the first row of its list selected; every "…" button
of the screen and every "…" entry of the menus is used, and each dialog it opens is walked
(and closed); the wizard's pages are walked one by one. Dialogs that no button of a screen
opens are opened below by what opens them in the app. A dialog class of ``gui/`` that is
neither met on the walk nor excluded (with the reason) fails the test, so a new dialog is
walked too.
"""

from __future__ import annotations

import dataclasses
import importlib
import inspect
import pkgutil
from functools import partial
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QDialog,
    QHeaderView,
    QMenu,
    QTableView,
    QWidget,
)
from pytestqt.exceptions import TimeoutError as WaitTimeout
from pytestqt.qtbot import QtBot

import licenseapp.gui
from licenseapp.demo.dataset import DEMO_TODAY, generate_demo, screen_demo
from licenseapp.gui.main_window import MainWindow
from licenseapp.gui.tasks import TaskRunner
from licenseapp.store.database import Database

from .accessible_walk import open_and_walk, unnamed_controls

pytestmark = pytest.mark.qt_log_ignore(
    "does not support propagateSizeHints", "does not support raise",
    "does not support grabbing the keyboard", "QFileSystemWatcher")

#: Dialog classes the walk does not open, and why.
EXCLUDED = {
    "RecordDialog": "the base of the person, organization and item dialogs (walked as those)",
    "ServiceDialog": "the base of the status, reassign and settings dialogs (walked as those)",
    "CancellableDialog": "the base of the export and bulk status dialogs (walked as those)",
}


def dialog_classes() -> set[str]:
    """Every QDialog subclass defined in licenseapp.gui."""
    found = set()
    for module_info in pkgutil.walk_packages(licenseapp.gui.__path__, "licenseapp.gui."):
        module = importlib.import_module(module_info.name)
        for _name, value in inspect.getmembers(module, inspect.isclass):
            if issubclass(value, QDialog) and value.__module__ == module_info.name:
                found.add(value.__name__)
    return found


def _plain(text: str) -> str:
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def _menu_actions(window: MainWindow) -> list[tuple[str, QAction]]:
    """(path, action) of every menu entry that opens something ("…")."""
    found: list[tuple[str, QAction]] = []

    def walk(menu: QMenu, path: str) -> None:
        for action in menu.actions():
            sub = action.menu()
            if isinstance(sub, QMenu):
                walk(sub, f"{path} › {_plain(action.text())}")
            elif not action.isSeparator() and _plain(action.text()).endswith("…"):
                found.append((f"{path} › {_plain(action.text())}", action))

    for top in window.menuBar().actions():
        menu = top.menu()
        if isinstance(menu, QMenu):
            walk(menu, _plain(top.text()))
    return found


def _visible_lists(page: QWidget) -> list[QAbstractItemView]:
    return [view for view in page.findChildren(QAbstractItemView)
            if view.isVisible() and not isinstance(view, QHeaderView)
            and view.model() is not None and view.model().rowCount() > 0]


def _select_first_row(qtbot: QtBot, page: QWidget) -> None:
    """The first row of each list on ``page`` selected (once a list has rows), so the
    buttons acting on a selection are enabled and the details pane is filled."""
    try:
        qtbot.waitUntil(lambda: bool(_visible_lists(page)), timeout=3000)
    except WaitTimeout:
        return  # a screen without a list, or an empty one
    for view in _visible_lists(page):
        view.clearSelection()
        view.setCurrentIndex(view.model().index(0, 0))
        if isinstance(view, QTableView):
            view.selectRow(0)


# --- dialogs no "…" of a screen or menu opens directly --------------------------------

def _open(dialog: QDialog) -> None:
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()


def open_import(window: MainWindow, runner: TaskRunner,
        db: Database, folder: Path) -> None:
    """File › Import a roster…, once the file is chosen."""
    from licenseapp.gui.importing.dialog import ImportDialog
    from licenseapp.gui.importing.kinds import PEOPLE

    roster = folder / "roster.csv"
    roster.write_text("given_name,family_name,citizenships\nAna,Lima,BR\n", encoding="utf-8")
    _open(ImportDialog(runner, db, PEOPLE, roster, window))


def open_packet_batch(window: MainWindow, runner: TaskRunner,
        db: Database, folder: Path) -> None:
    """Application › Save packets for selection…, once the folder is chosen."""
    from licenseapp.gui.packets.batch_dialog import PacketBatchDialog

    refs = [window.applications.proxy.index(n, 0).data() for n in range(2)]
    _open(PacketBatchDialog(runner, db, refs, folder, window))


def open_hit_review(window: MainWindow, runner: TaskRunner,
        db: Database, _folder: Path) -> None:
    """The wizard's "Review hits…" for a person the demo's screening found."""
    from licenseapp.gui.screening.review_dialog import HitReviewDialog
    from licenseapp.services.screening.results import screening_state

    hit = window.screening.model.record_at(0)
    state = screening_state(db, hit.subject, hit.subject_id)
    _open(HitReviewDialog(runner, db, state, hit.id, window))


def open_conflict(window: MainWindow, runner: TaskRunner,
        _db: Database, _folder: Path) -> None:
    """Saving a person someone else changed meanwhile."""
    from licenseapp.domain.edit_conflict import EditConflict
    from licenseapp.domain.person_form import PERSON_LABELS, PersonForm
    from licenseapp.gui.conflict_dialog import ConflictDialog

    base = PersonForm(given_name="Wei", family_name="Zhang", id=1, ref="P-0001", version=1)
    mine = dataclasses.replace(base, job_title="Staff Scientist")
    theirs = dataclasses.replace(base, version=2, job_title="Researcher")
    _open(ConflictDialog(EditConflict("Wei Zhang (P-0001)", base, mine, theirs,
                                      labels=PERSON_LABELS, changed_by="bob"), window))


def open_crash(window: MainWindow, runner: TaskRunner,
        _db: Database, folder: Path) -> None:
    """What a bug shows (the report, copy, the log)."""
    from licenseapp.gui.crash import CrashDialog

    _open(CrashDialog("Traceback (most recent call last): ...", folder / "log.txt", window))


def open_recovery(window: MainWindow, runner: TaskRunner,
        _db: Database, folder: Path) -> None:
    """Opening a database file that is not one (damaged)."""
    broken = folder / "broken.db"
    broken.write_bytes(b"not a database" * 100)
    window.open_database(str(broken))


def open_export(window: MainWindow, _runner: TaskRunner, _db: Database,
                folder: Path) -> None:
    """File › Export current view…, once the file is chosen (writes it, with Cancel)."""
    window.show_page(window.applications)
    window.export_view.start(window.applications.table, folder / "applications.csv")


def open_suspend(window: MainWindow, _runner: TaskRunner, _db: Database,
                 _folder: Path) -> None:
    """Directive impact › Suspend…: the one question before accesses are suspended."""
    from licenseapp.gui.authorization.suspend_dialog import SuspendDialog

    _open(SuspendDialog("Suspend 2 accesses of 1 person under the directive?",
                        "Each is marked suspended now, by you.", "Sus&pend 2 accesses",
                        window))


def open_about(window: MainWindow, _runner: TaskRunner, _db: Database, _folder: Path) -> None:
    """Help › About LicenseApp (no "…"), and its Third-party licences…"""
    from licenseapp.gui.help.about_dialog import ThirdPartyLicencesDialog

    window.about_action.trigger()
    _open(ThirdPartyLicencesDialog(window))


def open_periods(window: MainWindow, runner: TaskRunner, db: Database, _folder: Path) -> None:
    """Edit › Settings… › Regulators' periods…: the team corrects an unconfirmed period."""
    from licenseapp.gui.period_corrections_dialog import PeriodCorrectionsDialog

    _open(PeriodCorrectionsDialog(runner, db, window))


def open_record_order(window: MainWindow, runner: TaskRunner, db: Database,
                      _folder: Path) -> None:
    """Directive impact › Record the order…: when an existing directive's order came."""
    from licenseapp.gui.authorization.record_order_dialog import RecordOrderDialog

    _open(RecordOrderDialog(runner, db, "ai-access-directive-2026", "the directive", window))


OPENERS = (open_import, open_packet_batch, open_hit_review, open_conflict, open_crash,
           open_recovery, open_export, open_suspend, open_about, open_periods,
           open_record_order)


@pytest.fixture
def demo_window(qtbot: QtBot, runner: TaskRunner, db, db_url: str):  # type: ignore[no-untyped-def]
    screen_demo(db, generate_demo(db))  # with possible matches to review
    errors: list[BaseException] = []
    window = MainWindow(runner, errors.append)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    window.open_database(db_url)
    qtbot.waitUntil(lambda: window.applications.proxy.rowCount() > 0, timeout=20_000)
    yield window
    qtbot.waitUntil(lambda: runner.pending == 0, timeout=20_000)
    window.close()
    assert errors == []


def test_every_control_on_every_screen_and_dialog_has_a_name(  # type: ignore[no-untyped-def]
        qtbot: QtBot, demo_window: MainWindow, runner: TaskRunner, db, tmp_path: Path) -> None:
    window = demo_window
    offenders: dict[str, list[str]] = {}
    opened: list[str] = []
    used: set[str] = set()
    for row in range(window.nav.count()):
        window.nav.setCurrentRow(row)
        screen = window.nav.item(row).text()
        page = window.pages.currentWidget()
        assert page is not None
        _select_first_row(qtbot, page)
        qtbot.wait(600)
        if missing := unnamed_controls(window):
            offenders.setdefault(f"screen {screen}", []).extend(missing)
        buttons = [b for b in window.central.findChildren(QAbstractButton)
                   if b.isVisible() and b.isEnabled() and "…" in b.text()]
        for button in buttons:
            key = f"{screen} › {_plain(button.text())}"
            if key not in used:
                used.add(key)
                open_and_walk(button.click, offenders, opened)
    window.show_page(window.applications)
    window.applications.table.clearSelection()
    window.applications.table.selectRow(0)  # the application the menus act on
    qtbot.waitUntil(lambda: window.tracking.reassign_action.isEnabled(), timeout=10_000)
    for _path, action in _menu_actions(window):  # only "…" entries: each opens a window
        if action.isEnabled():
            open_and_walk(action.trigger, offenders, opened)

    for opener in OPENERS:
        open_and_walk(partial(opener, window, runner, db, tmp_path), offenders, opened)
    print("opened:", sorted(set(opened)))
    report = [f"{where}: {what}" for where, found in offenders.items() for what in found]
    assert report == [], "controls without an accessible name:\n" + "\n".join(report)
    not_walked = dialog_classes() - set(opened) - set(EXCLUDED)
    assert not_walked == set(), f"dialogs not walked (opened: {sorted(set(opened))})"


def test_every_wizard_page_names_its_controls(qtbot: QtBot, db, runner: TaskRunner) -> None:  # type: ignore[no-untyped-def]
    from licenseapp.gui.wizard.findings_panel import FindingsPanel
    from licenseapp.gui.wizard.wizard import DraftWizard

    generate_demo(db)
    wizard = DraftWizard(db, runner, today=DEMO_TODAY)
    qtbot.addWidget(wizard)
    wizard.resize(1100, 780)
    wizard.show()
    qtbot.waitUntil(lambda: wizard.choices is not None)
    offenders = {}
    for page_id in wizard.pageIds():
        page = wizard.page(page_id)
        page.show()
        for panel in page.findChildren(FindingsPanel):
            panel.list.show()  # shown once there are findings to fix: walked too
        if missing := unnamed_controls(page):
            offenders[type(page).__name__] = missing
    report = [f"{where}: {what}" for where, found in offenders.items() for what in found]
    assert report == [], "controls without an accessible name:\n" + "\n".join(report)
    qtbot.waitUntil(lambda: runner.pending == 0, timeout=20_000)
    wizard.hide()
    QApplication.processEvents()


def test_the_welcome_page_of_a_new_database_names_its_controls(  # type: ignore[no-untyped-def]
        qtbot: QtBot, window: MainWindow, db, db_url: str) -> None:
    window.open_database(db_url)
    qtbot.waitUntil(lambda: window.central.currentWidget() is window.welcome, timeout=10_000)
    qtbot.wait(300)
    missing = unnamed_controls(window)
    assert missing == [], "controls without an accessible name:\n" + "\n".join(missing)
