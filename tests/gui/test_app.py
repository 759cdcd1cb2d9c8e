"""The composition root: fonts, a window at once, the database opened in the background."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

import pytest
from PySide6.QtGui import QFontDatabase, QRawFont

from licenseapp import paths
from licenseapp.fonts import SHIPPED_FONTS
from licenseapp.gui.app import start
from licenseapp.gui.fonts import fallback_families, install_fonts
from licenseapp.logging_setup import LOG_FILE_NAME

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")

DEMO_NAMES = ("张伟", "ليلى حداد", "Дмитрий Иванов", "प्रिया शर्मा", "José Ángel Núñez",
              "Zoë Lefèvre-Dvořák")


def test_every_character_of_every_demo_name_has_a_shipped_glyph(qapp) -> None:
    loaded = install_fonts(qapp)
    for family in fallback_families():
        assert family in loaded
    assert qapp.font().families()[: len(fallback_families())] == fallback_families()
    raw_fonts = [QRawFont(str(font.path), 12) for font in SHIPPED_FONTS]
    assert all(raw.isValid() for raw in raw_fonts)
    missing = [
        ch for name in DEMO_NAMES for ch in name
        if not ch.isspace() and not any(raw.supportsCharacter(ord(ch)) for raw in raw_fonts)
    ]
    assert missing == []
    assert QFontDatabase.families()  # registration did not break the database


def test_start_shows_the_window_then_loads_the_list(qtbot, sample_db_url, fresh_logging) -> None:
    desktop = start(sample_db_url, ["licenseapp"], install_hooks=False)
    try:
        window = desktop.window
        assert window.isVisible()
        # 1280×800, or less on a smaller screen (offscreen: 800×800): never larger than it.
        room = window.screen().availableGeometry()
        assert window.width() == min(1280, room.width() - 24)
        assert window.height() == min(800, room.height() - 48)
        assert not window.window_state.geometry_restored  # a new user: nothing remembered
        qtbot.waitUntil(lambda: window.applications.proxy.rowCount() == 6)
        assert window.database is not None
        log_file = paths.user_log_dir() / LOG_FILE_NAME
        assert "LicenseApp" in log_file.read_text(encoding="utf-8")  # the log is written
    finally:
        desktop.close()
    assert not window.isVisible()


def test_window_shows_without_loading_sqlalchemy(tmp_path) -> None:
    """Start-up stays fast: the heavy imports happen on the worker thread, after show()."""
    script = textwrap.dedent(
        """
        import sys
        from PySide6.QtWidgets import QApplication
        app = QApplication([])
        from licenseapp.gui.main_window import MainWindow
        from licenseapp.gui.tasks import TaskRunner
        window = MainWindow(TaskRunner())
        window.show()
        print(sorted(m for m in sys.modules if m.startswith("sqlalchemy"))[:3])
        """
    )
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=60,
        check=True,
    )
    assert result.stdout.strip() == "[]"
