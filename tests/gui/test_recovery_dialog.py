"""A database that cannot be opened: the app explains it and offers a restore."""

from __future__ import annotations

from pathlib import Path

import pytest
from factories import make_application, make_older_database
from sqlalchemy.exc import OperationalError

from licenseapp.errors import DatabaseError
from licenseapp.gui.main_window import MainWindow
from licenseapp.gui.recovery import RecoveryDialog, offer_recovery
from licenseapp.services.drafts.applications import list_applications
from licenseapp.services.safety.backup import backup
from licenseapp.services.safety.recovery import explain_failure, find_backups
from licenseapp.store.database import open_database

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")

GARBAGE = b"these are my notes, not a database\n" * 40


@pytest.fixture
def errors() -> list[BaseException]:
    return []


@pytest.fixture
def window(qtbot, runner, errors):
    win = MainWindow(runner, errors.append)
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    yield win
    win.close()
    assert errors == []


def _refs(path: Path) -> list[str]:
    db = open_database(str(path))
    try:
        return sorted(r.ref for r in list_applications(db))
    finally:
        db.dispose()


def _upgraded_then_broken(folder: Path) -> tuple[Path, Path]:
    """A database upgraded by this version (so a dated .bak lies beside it), then garbled."""
    path = folder / "licenseapp.db"
    make_older_database(str(path))
    open_database(str(path)).dispose()
    (bak,) = find_backups(path)
    for companion in folder.glob("licenseapp.db-*"):
        companion.unlink()
    path.write_bytes(GARBAGE)
    return path, bak.path


def _wait_for_dialog(qtbot, window: MainWindow) -> RecoveryDialog:
    qtbot.waitUntil(lambda: getattr(window, "recovery_dialog", None) is not None)
    dialog = window.recovery_dialog
    assert isinstance(dialog, RecoveryDialog)
    qtbot.waitUntil(dialog.isVisible)
    return dialog


def test_a_garbage_file_offers_a_restore_that_keeps_the_broken_file(
    qtbot, window, tmp_path
) -> None:
    path, bak = _upgraded_then_broken(tmp_path)
    window.open_database(str(path))
    dialog = _wait_for_dialog(qtbot, window)
    assert dialog.headline_label.text() == (
        "<b>The database file is damaged or is not a LicenseApp database</b>")
    assert str(path) in dialog.detail_label.text()
    assert "--db" not in dialog.detail_label.text()
    assert "Traceback" not in dialog.detail_label.text()
    assert "No database is open" in window.applications.message_label.text()
    assert [b.text().replace("&", "") for b in (
        dialog.restore_button, dialog.open_another_button, dialog.quit_button)] == [
        "Restore from backup…", "Open another database…", "Quit"]

    dialog.restore_button.click()
    qtbot.waitUntil(lambda: dialog.backup_list.count() == 1)
    assert dialog.chosen_backup == bak
    assert "before an upgrade" in dialog.backup_list.item(0).text()
    assert dialog.in_place_radio.isChecked()
    with qtbot.waitSignal(dialog.restored, timeout=20_000) as restored:
        dialog.start_button.click()
    assert restored.args == [str(path)]
    assert "verified" in dialog.result_label.text()

    # The restored database is open in the window, with the same application.
    qtbot.waitUntil(lambda: window.database is not None
                    and window.applications.is_loaded
                    and window.applications.proxy.rowCount() == 1)
    assert window.database.location.sqlite_path == path
    # The broken file was moved aside, byte for byte, and its name is said.
    (kept,) = tmp_path.glob("licenseapp.db.broken-*")
    assert kept.read_bytes() == GARBAGE
    assert kept.name in dialog.result_label.text()
    assert bak.exists()
    dialog.start_button.click()  # Close
    qtbot.waitUntil(lambda: not dialog.isVisible())
    window.close()
    assert _refs(path) == ["LA-2026-0001"]


def test_a_chosen_backup_is_restored_into_a_new_file(qtbot, runner, tmp_path) -> None:
    good = tmp_path / "good.db"
    db = open_database(str(good))
    make_application(db)
    make_application(db, "LA-2026-0002", given="Layla", family="Haddad", native="ليلى حداد",
                     citizenship="JO")
    backup(db, tmp_path / "backup.zip")
    db.dispose()
    broken = tmp_path / "broken.db"
    broken.write_bytes(GARBAGE)
    opened: list[str] = []
    dialog = offer_recovery(
        None, runner, DatabaseError(f"{broken} is not a LicenseApp database (it is not an "
                                    "SQLite database file); it was left untouched."),
        str(broken), open_database=opened.append, open_another=lambda: None,
        quit_app=lambda: None)
    assert dialog is not None
    qtbot.addWidget(dialog)
    dialog.show_restore_page()
    qtbot.waitUntil(lambda: "No copies" in dialog.backups_note.text())
    dialog.select_backup(tmp_path / "backup.zip")
    target = tmp_path / "restored.db"
    dialog.set_target(target)
    dialog.start_restore()
    assert not dialog.start_button.isEnabled()  # busy until the restore is done
    qtbot.waitUntil(lambda: opened == [str(target)], timeout=20_000)
    assert broken.read_bytes() == GARBAGE  # untouched, where it was
    assert _refs(target) == ["LA-2026-0001", "LA-2026-0002"]


def test_a_file_that_is_no_backup_is_refused_and_nothing_changes(
    qtbot, runner, tmp_path
) -> None:
    broken = tmp_path / "licenseapp.db"
    broken.write_bytes(GARBAGE)
    not_a_backup = tmp_path / "notes.zip"
    not_a_backup.write_bytes(b"PK nothing")
    failure = explain_failure(DatabaseError("cannot open"), str(broken))
    assert failure is not None
    dialog = RecoveryDialog(runner, failure)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.show_restore_page()
    dialog.select_backup(not_a_backup)
    dialog.set_target(None)  # where the broken file is: it would be moved aside first
    dialog.start_restore()
    qtbot.waitUntil(lambda: "Not restored" in dialog.result_label.text(), timeout=20_000)
    assert "is not a LicenseApp backup" in dialog.result_label.text()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["licenseapp.db", "notes.zip"]
    assert broken.read_bytes() == GARBAGE
    assert dialog.start_button.isEnabled()  # the user may pick another backup


def test_quit_and_open_another_leave_the_dialog(qtbot, runner, tmp_path) -> None:
    failure = explain_failure(DatabaseError("cannot open"), str(tmp_path / "x.db"))
    assert failure is not None
    for button, signal in (("quit_button", "quitRequested"),
                           ("open_another_button", "openAnotherRequested")):
        dialog = RecoveryDialog(runner, failure)
        qtbot.addWidget(dialog)
        dialog.open()
        with qtbot.waitSignal(getattr(dialog, signal)):
            getattr(dialog, button).click()
        assert not dialog.isVisible()


def test_what_is_offered_for_which_failure(tmp_path) -> None:
    newer = explain_failure(DatabaseError(
        "x.db was written by a newer version of LicenseApp (schema 0009); it was left "
        "untouched: install the newer LicenseApp to open it."), str(tmp_path / "x.db"))
    assert newer is not None and newer.headline == (
        "This database was written by a newer LicenseApp")
    server = explain_failure(
        OperationalError("connect", {}, Exception("connection refused")),
        "postgresql+psycopg://app@db.example/licenseapp")
    assert server is not None
    assert server.headline == "The database server cannot be reached"
    assert server.sqlite_path is None and "connection refused" in server.detail
    assert explain_failure(RuntimeError("a bug"), None) is None  # the crash dialog's
