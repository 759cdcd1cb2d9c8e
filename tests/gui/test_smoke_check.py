"""$LICENSEAPP_SMOKE_SHOT: once the database is open, a picture of the main window is saved
and the window closed (the bundle test's way to open and close the installed app)."""

from __future__ import annotations

from pathlib import Path

import pytest

from licenseapp.gui import smoke_check


def test_picture_then_close_once_the_database_is_open(qtbot, window, db_url: str,
                                                      tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    shot = tmp_path / "main.png"
    monkeypatch.setenv(smoke_check.SHOT_ENV, str(shot))
    smoke_check.install(window)
    assert not shot.exists()
    window.open_database(db_url)
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=20_000)
    assert shot.is_file() and shot.stat().st_size > 5_000


def test_nothing_happens_without_the_variable(qtbot, window, db_url: str,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(smoke_check.SHOT_ENV, raising=False)
    smoke_check.install(window)
    window.open_database(db_url)
    qtbot.waitUntil(lambda: window.database is not None, timeout=20_000)
    qtbot.wait(2500)
    assert window.isVisible()
