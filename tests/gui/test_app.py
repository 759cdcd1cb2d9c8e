"""The composition root: fonts, a window at once, the database opened in the background."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

import pytest
from PySide6.QtGui import QFontDatabase, QRawFont
from PySide6.QtWidgets import QMenu

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
        # The frame (menus, status bar) is up before its contents: they are built once it
        # has painted, their modules imported on a worker meanwhile.
        assert not window.built and not hasattr(window, "applications")
        assert [menu.title() for menu in window.menuBar().findChildren(QMenu)
                if menu.parent() is window.menuBar()][:2] == ["&File", "&Edit"]
        qtbot.waitUntil(lambda: window.built, timeout=20000)
        assert [window.nav.item(row).text() for row in range(2)] == ["Dashboard", "Applications"]
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


def test_the_frame_paints_before_the_contents_are_imported(tmp_path) -> None:
    """Start-up to first paint: the frame is drawn before the screens' modules are imported
    and before the other scripts' fonts are registered; once it has painted, both follow
    and the window is whole."""
    script = textwrap.dedent(
        f"""
        import sys, time
        from PySide6.QtCore import QEvent, QObject
        from PySide6.QtGui import QFontDatabase
        from PySide6.QtWidgets import QApplication
        app = QApplication([])
        from licenseapp.gui.app import start
        seen = {{}}

        class Watch(QObject):
            def eventFilter(self, watched, event):
                if event.type() == QEvent.Type.Paint and not seen:
                    seen["view"] = "licenseapp.gui.applications.view" in sys.modules
                    seen["font"] = "HanaMinB" in QFontDatabase.families()
                    seen["primary"] = "Noto Sans" in QFontDatabase.families()
                return False

        watch = Watch()
        from licenseapp.gui import main_window
        shown = main_window.MainWindow.show
        def show(self):
            self.installEventFilter(watch)
            shown(self)
        main_window.MainWindow.show = show
        desktop = start({str(tmp_path / "new.db")!r}, ["licenseapp"], install_hooks=False)
        deadline = time.monotonic() + 30
        while not desktop.window.built and time.monotonic() < deadline:
            app.processEvents()
        print(seen["view"], seen["font"], seen["primary"], desktop.window.built,
              "HanaMinB" in QFontDatabase.families(),
              desktop.window.nav.count() > 5)
        desktop.close()
        """
    )
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", HOME=str(tmp_path),
               XDG_CONFIG_HOME=str(tmp_path / "config"), XDG_DATA_HOME=str(tmp_path / "data"))
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=120,
        check=True,
    )
    assert result.stdout.split() == ["False", "False", "True", "True", "True", "True"]
