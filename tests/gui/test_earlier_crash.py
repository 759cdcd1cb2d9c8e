"""The desktop app traces a hard crash, and the next start offers the report, once, after
the main window is up. The crash is real: a child process starts the desktop app the way
``licenseapp`` does and dies of SIGSEGV."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from PySide6.QtGui import QGuiApplication

from licenseapp import fault_log, logging_setup
from licenseapp.gui.app import start
from licenseapp.gui.crash import CrashDialog

pytestmark = [
    pytest.mark.qt_log_ignore("does not support propagateSizeHints"),
    pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals"),
]


def _crash_the_desktop_app(database: str) -> None:
    script = textwrap.dedent(
        f"""
        import faulthandler
        from licenseapp.gui.app import start

        def while_the_window_is_up():
            faulthandler._sigsegv()

        desktop = start({database!r}, ["licenseapp"])
        desktop.app.processEvents()
        while_the_window_is_up()
        """
    )
    env = {k: v for k, v in os.environ.items() if k != "PYTHONFAULTHANDLER"}
    env["QT_QPA_PLATFORM"] = "offscreen"
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            env=env, timeout=120, check=False)
    # It died of the crash itself, not of an error before it.
    assert result.returncode == -signal.SIGSEGV, result.stderr


def test_the_next_start_offers_the_crash_report_once(qtbot, sample_db_url, fresh_logging,
                                                     tmp_path: Path) -> None:
    _crash_the_desktop_app(str(tmp_path / "crashed.db"))
    [trace] = fault_log.fault_dir().glob("fault-*.log")
    assert "while_the_window_is_up" in trace.read_text(encoding="utf-8")

    desktop = start(sample_db_url, ["licenseapp"], install_hooks=False)
    try:
        assert desktop.window.isVisible()
        qtbot.waitUntil(lambda: isinstance(desktop.reporter.last_dialog, CrashDialog))
        dialog = desktop.reporter.last_dialog
        assert isinstance(dialog, CrashDialog)
        assert dialog.isVisible()
        assert "last time" in dialog.windowTitle()
        assert "Fatal Python error: Segmentation fault" in dialog.report
        assert "while_the_window_is_up" in dialog.report
        dialog.copy_report()
        assert "while_the_window_is_up" in QGuiApplication.clipboard().text()
        dialog.close()
        qtbot.waitUntil(lambda: desktop.window.built
                        and desktop.window.applications.proxy.rowCount() == 6, timeout=20000)
    finally:
        desktop.close()
    # The trace stays in the log; its file is gone.
    assert "while_the_window_is_up" in logging_setup.log_file().read_text(encoding="utf-8")
    assert list(fault_log.fault_dir().glob("fault-*.log")) == []

    again = start(sample_db_url, ["licenseapp"], install_hooks=False)
    try:
        qtbot.waitUntil(lambda: again.window.built
                        and again.window.applications.proxy.rowCount() == 6, timeout=20000)
        assert again.reporter.last_dialog is None  # not offered twice
    finally:
        again.close()
