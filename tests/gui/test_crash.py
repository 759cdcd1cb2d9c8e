"""Unexpected errors reach the log file and the crash dialog; known ones a plain warning."""

from __future__ import annotations

import sys
import threading

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox

from licenseapp import paths
from licenseapp.errors import DatabaseError
from licenseapp.gui.crash import (
    CrashDialog,
    ErrorReporter,
    crash_report,
    install_excepthooks,
    setup_file_logging,
)
from licenseapp.logging_setup import LOG_FILE_NAME

# Showing a dialog on the offscreen platform (tests only) makes Qt note this; xcb does not.
pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


@pytest.fixture
def log_path(fresh_logging):
    return setup_file_logging()


@pytest.fixture
def reporter(qtbot, log_path):
    reporter = ErrorReporter(log_path=log_path)
    yield reporter
    dialog = reporter.last_dialog
    if dialog is not None and _alive(dialog):
        dialog.close()


def _alive(obj: object) -> bool:
    import shiboken6

    return shiboken6.isValid(obj)


def _raised(exc: BaseException) -> BaseException:
    try:
        raise exc
    except BaseException as caught:
        return caught


def test_log_file_is_in_the_user_log_directory(log_path) -> None:
    assert log_path == paths.user_log_dir() / LOG_FILE_NAME


def test_excepthook_logs_the_traceback_and_shows_the_crash_dialog(
    qtbot, reporter, log_path, monkeypatch
) -> None:
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    install_excepthooks(reporter)
    exc = _raised(RuntimeError("the list model lost its rows"))
    sys.excepthook(type(exc), exc, exc.__traceback__)

    text = log_path.read_text(encoding="utf-8")
    assert "RuntimeError: the list model lost its rows" in text
    assert "Traceback (most recent call last)" in text
    dialog = reporter.last_dialog
    assert isinstance(dialog, CrashDialog)
    assert dialog.isVisible()
    assert "RuntimeError: the list model lost its rows" in dialog.report
    assert dialog.report_edit.isReadOnly()


def test_exception_in_another_thread_reaches_the_dialog(
    qtbot, reporter, log_path, monkeypatch
) -> None:
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    install_excepthooks(reporter)

    def fail() -> None:
        raise KeyError("background")

    thread = threading.Thread(target=fail)
    thread.start()
    thread.join()
    qtbot.waitUntil(lambda: isinstance(reporter.last_dialog, CrashDialog))
    assert "KeyError: 'background'" in log_path.read_text(encoding="utf-8")
    assert f"Thread: {thread.name}" in reporter.last_dialog.report


def test_copy_report_puts_the_report_on_the_clipboard(qtbot) -> None:
    report = crash_report(_raised(ValueError("bad ECCN cache")))
    dialog = CrashDialog(report, None)
    qtbot.addWidget(dialog)
    dialog.copy_button.click()
    assert QApplication.clipboard().text() == report
    assert "LicenseApp" in report and "ValueError: bad ECCN cache" in report


def test_known_error_shows_a_plain_warning_not_the_crash_dialog(qtbot, reporter, log_path) -> None:
    reporter.report(DatabaseError("cannot open the database /x.db: file is not a database"))
    box = reporter.last_dialog
    assert isinstance(box, QMessageBox)
    assert box.icon() == QMessageBox.Icon.Warning
    assert box.text() == "cannot open the database /x.db: file is not a database"
    assert "Traceback" not in log_path.read_text(encoding="utf-8")


def test_only_one_crash_dialog_at_a_time(qtbot, reporter) -> None:
    reporter.report(_raised(RuntimeError("first")))
    first = reporter.last_dialog
    reporter.report(_raised(RuntimeError("second")))
    assert reporter.last_dialog is first
