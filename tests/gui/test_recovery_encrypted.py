"""The recovery dialog restores an encrypted backup after asking for its passphrase."""

from __future__ import annotations

from pathlib import Path

import pytest
from factories import make_application
from PySide6.QtWidgets import QInputDialog, QLineEdit

from licenseapp.errors import DatabaseError
from licenseapp.gui.recovery import offer_recovery
from licenseapp.services.drafts.applications import list_applications
from licenseapp.services.safety.backup import backup
from licenseapp.store.database import open_database

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")

PASSPHRASE = "correct horse battery"


def _dialog(qtbot, runner, tmp_path: Path, opened: list[str]):  # type: ignore[no-untyped-def]
    good = open_database(str(tmp_path / "good.db"))
    make_application(good)
    backup(good, tmp_path / "secret.zip", passphrase=PASSPHRASE)
    good.dispose()
    broken = tmp_path / "broken.db"
    broken.write_bytes(b"not a database\n" * 50)
    dialog = offer_recovery(
        None, runner, DatabaseError(f"{broken} is not a LicenseApp database (it is not an "
                                    "SQLite database file); it was left untouched."),
        str(broken), open_database=opened.append, open_another=lambda: None,
        quit_app=lambda: None)
    assert dialog is not None
    qtbot.addWidget(dialog)
    dialog.show_restore_page()
    dialog.select_backup(tmp_path / "secret.zip")
    dialog.set_target(tmp_path / "restored.db")
    return dialog


def test_an_encrypted_backup_asks_for_its_passphrase(qtbot, runner, tmp_path,
                                                     monkeypatch) -> None:
    asked: list[object] = []

    def get_text(*args: object) -> tuple[str, bool]:
        asked.append(args[-1])
        return (PASSPHRASE if len(asked) > 1 else "wrong passphrase"), True

    monkeypatch.setattr(QInputDialog, "getText", get_text)
    opened: list[str] = []
    dialog = _dialog(qtbot, runner, tmp_path, opened)
    dialog.start_restore()
    qtbot.waitUntil(lambda: "Not restored" in dialog.result_label.text(), timeout=20_000)
    assert "wrong passphrase for secret.zip" in dialog.result_label.text()
    assert asked == [QLineEdit.EchoMode.Password]
    assert not (tmp_path / "restored.db").exists()
    dialog.start_restore()
    qtbot.waitUntil(lambda: opened == [str(tmp_path / "restored.db")], timeout=20_000)
    db = open_database(str(tmp_path / "restored.db"))
    try:
        assert [a.ref for a in list_applications(db)] == ["LA-2026-0001"]
    finally:
        db.dispose()
