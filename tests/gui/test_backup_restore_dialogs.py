"""File › Back up… and File › Restore a backup…, typed and clicked as a user does: a backup
restored into a fresh database gives the same records and verifies; the open database is
never written over; a file that is no backup is refused in words."""

from __future__ import annotations

import hashlib
import io
import os
import threading
from pathlib import Path

import pytest
from factories import make_application
from pypdf import PdfWriter
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLineEdit
from sqlalchemy import select

from licenseapp.gui.main_window import MainWindow
from licenseapp.services.output.attachments import attach
from licenseapp.store.database import Database, open_database
from licenseapp.store.models import Application, Attachment, AuditEntry, Person

from .test_day_one_gui import menu_action
from .test_main_window import wait_loaded

WAIT = 60_000
SHOTS = Path("/tmp/shots/safety")


def shot(widget, name: str) -> None:  # type: ignore[no-untyped-def]
    """The dialog as the user sees it, when LICENSEAPP_SHOTS is set: the whole screen under
    a real display (the dialog over the window), the dialog alone offscreen."""
    if os.environ.get("LICENSEAPP_SHOTS"):
        SHOTS.mkdir(parents=True, exist_ok=True)
        QTest.qWait(200)  # painted
        if QGuiApplication.platformName() == "xcb":
            QGuiApplication.primaryScreen().grabWindow(0).save(str(SHOTS / f"{name}.png"))
        else:
            widget.grab().save(str(SHOTS / f"{name}.png"))


def blank_pdf() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def records(db: Database) -> dict[str, object]:
    """What a user would check after a restore: the applications, people, documents, trail."""
    with db.reading() as s:
        return {
            "applications": sorted(s.execute(select(Application.ref, Application.status)).all()),
            "people": sorted(s.execute(select(Person.ref, Person.native_name)).all()),
            "attachments": sorted(
                (name, hashlib.sha256(bytes(content)).hexdigest())
                for name, content in s.execute(select(Attachment.file_name,
                                                      Attachment.content)).all()),
            "audit": len(s.execute(select(AuditEntry.id)).all()),
        }


@pytest.fixture
def filled(db: Database) -> Database:
    make_application(db)
    make_application(db, "LA-2026-0002", status="submitted", given="Алексей",
                     family="Смирнов", native="Алексей Смирнов", citizenship="RU")
    attach(db, "LA-2026-0001", blank_pdf(), "passport", file_name="passport.pdf")
    return db


def type_into(edit: QLineEdit, text: str) -> None:
    edit.setFocus()
    edit.selectAll()
    QTest.keyClick(edit, Qt.Key.Key_Delete)
    QTest.keyClicks(edit, text)


def back_up(qtbot, window: MainWindow, target: Path) -> None:  # type: ignore[no-untyped-def]
    """File › Back up… to ``target``, typed and clicked; the dialog closed once done."""
    window.safety.show_backup()
    dialog = window.safety.backup_dialog
    type_into(dialog.file_field.edit, str(target))
    qtbot.mouseClick(dialog.backup_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.running, timeout=WAIT)
    assert target.is_file(), dialog.status_label.text()
    dialog.close()


def opened(qtbot, window: MainWindow, db_url: str) -> MainWindow:  # type: ignore[no-untyped-def]
    window.open_database(db_url)
    wait_loaded(qtbot, window)
    return window


def test_backup_then_restore_into_a_fresh_database_gives_the_same_records(
    qtbot, window, filled, db_url, tmp_path
) -> None:
    opened(qtbot, window, db_url)
    menu_action(window, "&File", "&Back up…").trigger()
    dialog = window.safety.backup_dialog
    assert dialog is not None and dialog.isVisible()
    qtbot.waitUntil(dialog.file_field.edit.hasFocus)  # typing lands in the file name
    target = tmp_path / "backups" / "monday.zip"
    target.parent.mkdir()
    type_into(dialog.file_field.edit, str(target))
    qtbot.mouseClick(dialog.backup_button, Qt.MouseButton.LeftButton)
    assert dialog.running and dialog.cancel_button.isEnabled()  # off the GUI thread
    # A step per table of the database, for the bar.
    assert dialog.progress_bar.isVisible() and dialog.progress_bar.maximum() > 10
    qtbot.waitUntil(lambda: not dialog.running, timeout=WAIT)
    assert dialog.outcome is not None and dialog.outcome.attachments == 1
    assert not dialog.progress_bar.isVisible()
    said = dialog.status_label.text()
    assert f"Backed up to {target}" in said and " KB;" in said and "1 attachment(s)" in said
    assert target.stat().st_size == dialog.written
    # The longer outcome grows the dialog; it does not squeeze the choices above it.
    assert dialog.snapshot_radio.geometry().top() >= dialog.archive_radio.geometry().bottom()
    assert dialog.archive_radio.height() >= dialog.archive_radio.minimumSizeHint().height()
    shot(dialog, "backup-done")
    assert dialog.close_button.isVisible() and not dialog.cancel_button.isVisible()
    qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()

    menu_action(window, "&File", "Res&tore a backup…").trigger()
    restore = window.safety.restore_dialog
    assert restore is not None
    qtbot.waitUntil(restore.backup_field.edit.hasFocus)
    QTest.keyClicks(restore.backup_field.edit, str(target))
    fresh = tmp_path / "restored" / "fresh.db"
    fresh.parent.mkdir()
    type_into(restore.target_field.edit, str(fresh))
    shot(restore, "restore-start")
    QTest.keyClick(restore.target_field.edit, Qt.Key.Key_Return)  # Restore is the default
    qtbot.waitUntil(lambda: restore.outcome is not None, timeout=WAIT)
    assert restore.outcome.verified
    assert "verified it: the records are whole and the audit chain is intact" in \
        restore.result_label.text()
    assert restore.open_button.isVisible() and restore.open_button.hasFocus()
    shot(restore, "restore-done")
    qtbot.mouseClick(restore.open_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.database is not None
                    and window.database.location.sqlite_path == fresh, timeout=WAIT)
    wait_loaded(qtbot, window)
    assert window.windowTitle().startswith("fresh.db")
    restored = open_database(str(fresh))
    try:
        assert records(restored) == records(filled)
    finally:
        restored.dispose()


def test_backup_refuses_to_write_over_the_open_database(qtbot, window, filled, db_url) -> None:
    if filled.location.sqlite_path is None:
        pytest.skip("a database on a server has no file to write over")
    the_file = filled.location.sqlite_path
    before = hashlib.sha256(the_file.read_bytes()).hexdigest()
    opened(qtbot, window, db_url)
    menu_action(window, "&File", "&Back up…").trigger()
    dialog = window.safety.backup_dialog
    qtbot.mouseClick(dialog.snapshot_radio, Qt.MouseButton.LeftButton)
    assert dialog.snapshot
    type_into(dialog.file_field.edit, str(the_file))
    QTest.keyClick(dialog.file_field.edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.running, timeout=WAIT)
    assert dialog.outcome is None
    said = dialog.status_label.text()
    assert said.startswith("Not backed up: ") and "is the open database" in said
    assert "--" not in said
    shot(dialog, "backup-refused")
    assert hashlib.sha256(the_file.read_bytes()).hexdigest() == before
    assert records(filled)["applications"]


def test_a_snapshot_is_offered_only_for_a_database_in_a_file(qtbot, window, filled,
                                                              db_url) -> None:
    opened(qtbot, window, db_url)
    menu_action(window, "&File", "&Back up…").trigger()
    dialog = window.safety.backup_dialog
    assert dialog.snapshot_radio.isEnabled() == (filled.location.sqlite_path is not None)
    assert dialog.file_field.path().suffix == ".zip"
    shot(dialog, "backup-start")
    if dialog.snapshot_radio.isEnabled():
        qtbot.mouseClick(dialog.snapshot_radio, Qt.MouseButton.LeftButton)
        assert dialog.file_field.path().suffix == ".db"
        assert not dialog.encrypt_box.isEnabled()


def test_restore_refuses_a_file_that_is_no_backup_and_leaves_nothing(
    qtbot, window, tmp_path
) -> None:
    window.safety.show_restore()
    restore = window.safety.restore_dialog
    foreign = tmp_path / "notes.zip"
    foreign.write_bytes(b"these are my notes, not a backup\n" * 20)
    QTest.keyClicks(restore.backup_field.edit, str(foreign))
    target = tmp_path / "new.db"
    type_into(restore.target_field.edit, str(target))
    qtbot.mouseClick(restore.restore_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not restore.running, timeout=WAIT)
    said = restore.result_label.text()
    assert said.startswith("Not restored: ") and "The open database is unchanged" in said
    assert "Traceback" not in said and "--" not in said
    assert restore.outcome is None and restore.restore_button.isEnabled()
    assert not target.exists()
    shot(restore, "restore-refused")


def test_restore_never_writes_into_a_file_that_exists(qtbot, window, filled, db_url,
                                                      tmp_path) -> None:
    opened(qtbot, window, db_url)
    backup_file = tmp_path / "b.zip"
    back_up(qtbot, window, backup_file)
    existing = tmp_path / "existing.db"
    existing.write_bytes(b"keep me")
    window.safety.show_restore()
    restore = window.safety.restore_dialog
    QTest.keyClicks(restore.backup_field.edit, str(backup_file))
    type_into(restore.target_field.edit, str(existing))
    qtbot.mouseClick(restore.restore_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not restore.running, timeout=WAIT)
    assert "already exists; choose a new file" in restore.result_label.text()
    assert existing.read_bytes() == b"keep me"


def test_cancel_leaves_no_backup_behind(qtbot, window, runner, filled, db_url,
                                        tmp_path) -> None:
    opened(qtbot, window, db_url)
    window.safety.show_backup()
    dialog = window.safety.backup_dialog
    target = tmp_path / "cancelled.zip"
    type_into(dialog.file_field.edit, str(target))
    # Every worker busy: the backup waits for one, so Cancel surely comes before it starts.
    release = threading.Event()
    for _ in range(runner._pool.maxThreadCount()):
        runner.submit(release.wait, lambda _r: None)
    qtbot.mouseClick(dialog.backup_button, Qt.MouseButton.LeftButton)
    assert dialog.running and dialog.cancel_button.isEnabled()
    assert not dialog.close_button.isVisible()  # Cancel, not Close, while it runs
    QTest.keyClick(dialog, Qt.Key.Key_Escape)  # Escape while running cancels, keeps it open
    assert dialog.isVisible() and not dialog.cancel_button.isEnabled()
    assert "Cancelling" in dialog.status_label.text()
    release.set()
    qtbot.waitUntil(lambda: not dialog.running, timeout=WAIT)
    assert dialog.status_label.text() == "Cancelled: nothing was written."
    assert dialog.outcome is None and not target.exists()
    assert list(tmp_path.glob("*.part*")) == []
    assert dialog.close_button.isVisible() and dialog.backup_button.isEnabled()


def test_an_encrypted_backup_restores_with_its_passphrase(qtbot, window, filled, db_url,
                                                          tmp_path) -> None:
    opened(qtbot, window, db_url)
    window.safety.show_backup()
    dialog = window.safety.backup_dialog
    target = tmp_path / "sealed.zip"
    type_into(dialog.file_field.edit, str(target))
    assert not dialog.passphrase_edit.isVisible()
    qtbot.mouseClick(dialog.encrypt_box, Qt.MouseButton.LeftButton,
                     pos=QPoint(8, dialog.encrypt_box.height() // 2))  # on its box
    assert dialog.passphrase_edit.isVisible() and dialog.again_edit.isVisible()
    QTest.keyClicks(dialog.passphrase_edit, "correct horse battery")
    QTest.keyClicks(dialog.again_edit, "correct horse batterx")
    qtbot.mouseClick(dialog.backup_button, Qt.MouseButton.LeftButton)
    assert not dialog.running and "The two passphrases differ" in dialog.status_label.text()
    assert not target.exists()
    QTest.keyClick(dialog.again_edit, Qt.Key.Key_Backspace)
    QTest.keyClicks(dialog.again_edit, "y")
    shot(dialog, "backup-encrypted")
    qtbot.mouseClick(dialog.backup_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.running, timeout=WAIT)
    assert "encrypted portable archive" in dialog.status_label.text()
    assert b"passport.pdf" not in target.read_bytes()
    dialog.close()

    window.safety.show_restore()
    restore = window.safety.restore_dialog
    QTest.keyClicks(restore.backup_field.edit, str(target))
    fresh = tmp_path / "unsealed.db"
    type_into(restore.target_field.edit, str(fresh))
    qtbot.mouseClick(restore.restore_button, Qt.MouseButton.LeftButton)
    assert restore.passphrase_edit.isVisible()
    qtbot.waitUntil(restore.passphrase_edit.hasFocus)
    assert "is encrypted: type its passphrase" in restore.result_label.text()
    QTest.keyClicks(restore.passphrase_edit, "wrong passphrase")
    QTest.keyClick(restore.passphrase_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not restore.running, timeout=WAIT)
    assert restore.result_label.text().startswith("Not restored: ")
    assert "passphrase" in restore.result_label.text() and not fresh.exists()
    shot(restore, "restore-wrong-passphrase")
    restore.passphrase_edit.selectAll()
    QTest.keyClicks(restore.passphrase_edit, "correct horse battery")
    QTest.keyClick(restore.passphrase_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: restore.outcome is not None, timeout=WAIT)
    assert restore.outcome.verified
    restored = open_database(str(fresh))
    try:
        assert records(restored) == records(filled)
    finally:
        restored.dispose()


def test_each_dialog_has_one_mnemonic_per_letter(qtbot, window, filled, db_url) -> None:
    from .test_keyboard import dialog_texts, duplicates

    show = (window.safety.show_backup, window.safety.show_restore)
    opened(qtbot, window, db_url)
    for open_it, name in zip(show, ("backup_dialog", "restore_dialog"), strict=True):
        open_it()
        dialog = getattr(window.safety, name)
        if name == "backup_dialog":  # the passphrase fields shown too
            dialog.encrypt_box.setChecked(True)
        else:
            dialog.passphrase_label.show()
            dialog.passphrase_edit.show()
        texts = dialog_texts(dialog)
        assert len(texts) >= 6 and duplicates(texts) == {}, (name, texts)
        dialog.close()


def test_restore_explains_a_damaged_backup_and_a_foreign_database(qtbot, window, filled,
                                                                  db_url, tmp_path) -> None:
    import sqlite3

    opened(qtbot, window, db_url)
    whole = tmp_path / "whole.zip"
    back_up(qtbot, window, whole)
    damaged = tmp_path / "damaged.zip"
    damaged.write_bytes(whole.read_bytes()[: whole.stat().st_size // 2])
    foreign = tmp_path / "music.db"
    conn = sqlite3.connect(foreign)
    conn.execute("CREATE TABLE songs (title TEXT)")
    conn.commit()
    conn.close()
    said = {}
    for source in (damaged, foreign):
        window.safety.show_restore()
        restore = window.safety.restore_dialog
        QTest.keyClicks(restore.backup_field.edit, str(source))
        target = tmp_path / f"from-{source.stem}.db"
        type_into(restore.target_field.edit, str(target))
        qtbot.mouseClick(restore.restore_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda r=restore: not r.running, timeout=WAIT)
        said[source.name] = restore.result_label.text()
        assert said[source.name].startswith("Not restored: ") and source.name in \
            said[source.name], said
        assert not target.exists() and restore.outcome is None
        restore.close()
    assert "not a LicenseApp backup" in said["music.db"]
    assert "is damaged or cut short" in said["damaged.zip"]
    assert "Traceback" not in "".join(said.values())


def test_opening_another_database_closes_the_backup_of_the_one_before(
    qtbot, window, filled, db_url, tmp_path
) -> None:
    opened(qtbot, window, db_url)
    window.safety.show_backup()
    dialog = window.safety.backup_dialog
    assert filled.location.display in dialog.intro_label.text()
    other = tmp_path / "other.db"
    database = open_database(str(other))
    make_application(database)
    database.dispose()
    window.open_database(str(other))
    qtbot.waitUntil(lambda: window.safety.backup_dialog is None, timeout=WAIT)
    window.safety.show_backup()
    assert str(other) in window.safety.backup_dialog.intro_label.text()


def test_a_cancelled_restore_leaves_no_new_database(qtbot, window, runner, filled, db_url,
                                                    tmp_path) -> None:
    opened(qtbot, window, db_url)
    backup_file = tmp_path / "b.zip"
    back_up(qtbot, window, backup_file)
    window.safety.show_restore()
    restore = window.safety.restore_dialog
    QTest.keyClicks(restore.backup_field.edit, str(backup_file))
    target = tmp_path / "never.db"
    type_into(restore.target_field.edit, str(target))
    release = threading.Event()
    for _ in range(runner._pool.maxThreadCount()):
        runner.submit(release.wait, lambda _r: None)
    qtbot.mouseClick(restore.restore_button, Qt.MouseButton.LeftButton)
    assert restore.running and restore.cancel_button.isEnabled()
    qtbot.mouseClick(restore.cancel_button, Qt.MouseButton.LeftButton)
    assert restore.isVisible() and not restore.cancel_button.isEnabled()
    release.set()
    qtbot.waitUntil(lambda: not restore.running, timeout=WAIT)
    assert restore.result_label.text().startswith("Cancelled: no new database was left")
    assert restore.outcome is None and not target.exists()
    assert not list(tmp_path.glob("never.db*"))
    assert restore.restore_button.isEnabled()  # it may be tried again
