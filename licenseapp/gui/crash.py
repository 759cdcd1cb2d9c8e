"""Where every failure ends up: a plain warning for a known error, the crash dialog for a bug.

A :class:`~licenseapp.errors.LicenseAppError` carries a message a compliance officer
understands; it is shown in a warning box and nothing more. Anything else is a bug: it is
written with its traceback to the log file in the user log directory, and the
:class:`CrashDialog` shows a report the user can copy and send.

:func:`install_excepthooks` routes ``sys.excepthook`` (the GUI thread, Qt slots) and
``threading.excepthook`` (other threads) here. Dialogs are opened without a nested event
loop (``open()``, not ``exec()``) so a failure never blocks the thread that reported it.
"""

from __future__ import annotations

import logging
import platform
import sys
import threading
import traceback
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from types import TracebackType

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import QObject, Qt, Signal, Slot, qVersion
from PySide6.QtGui import QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from licenseapp import __version__, logging_setup
from licenseapp.errors import LicenseAppError

log = logging.getLogger("licenseapp")

ExcInfo = tuple[type[BaseException], BaseException, TracebackType | None]


def setup_file_logging() -> Path | None:
    """Log ``licenseapp.*`` to the rotating file in the user log directory (once).

    Returns the file, or None if it cannot be written (the app still runs).
    """
    return logging_setup.configure()


def crash_report(exc: BaseException) -> str:
    """The text a user copies into a support request: versions, time, traceback."""
    lines = [
        f"LicenseApp {__version__}",
        f"Python {platform.python_version()} on {platform.platform()}",
        f"Qt {qVersion()}, PySide6 {pyside_version}",
        f"Time: {datetime.now().astimezone().isoformat(timespec='seconds')}",
        f"Thread: {threading.current_thread().name}",
        "",
        *traceback.format_exception(type(exc), exc, exc.__traceback__),
    ]
    return "\n".join(line.rstrip("\n") for line in lines)


class CrashDialog(QDialog):
    """Tells the user something went wrong, with a report to copy and where the log is."""

    def __init__(self, report: str, log_path: Path | None, parent: QWidget | None = None,
                 *, earlier_run: bool = False) -> None:
        super().__init__(parent)
        self.resize(720, 480)
        where = f" The details were also saved to {log_path}." if log_path else ""
        if earlier_run:  # a hard crash, traced by faulthandler (licenseapp/fault_log.py)
            self.setWindowTitle("LicenseApp — it stopped unexpectedly last time")
            what = ("LicenseApp stopped unexpectedly the last time it ran. Work saved before "
                    "then is not affected.")
        else:
            self.setWindowTitle("LicenseApp — unexpected error")
            what = ("LicenseApp ran into a problem it did not expect. Your saved work is not "
                    "affected.")
        intro = QLabel(
            f"{what}{where} Please copy the report below and send it to your support contact."
        )
        intro.setWordWrap(True)
        intro.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.report_edit = QPlainTextEdit(report)
        self.report_edit.setReadOnly(True)
        self.report_edit.setAccessibleName("Error report")
        self.report_edit.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.report_edit.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.copy_button = QPushButton("&Copy report")
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.clicked.connect(self.copy_report)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.report_edit, 1)
        layout.addWidget(buttons)
        self.copy_button.setFocus()

    @property
    def report(self) -> str:
        return self.report_edit.toPlainText()

    @Slot()
    def copy_report(self) -> None:
        QGuiApplication.clipboard().setText(self.report)
        self.copy_button.setText("Copied")


class ErrorReporter(QObject):
    """The one place exceptions become dialogs. Safe to call from any thread."""

    _reported = Signal(object, str)  # the exception, its crash report ('' if known)

    def __init__(
        self,
        parent_window: Callable[[], QWidget | None] | None = None,
        *,
        log_path: Path | None = None,
    ) -> None:
        super().__init__()
        self._parent_window = parent_window or (lambda: None)
        self.log_path = log_path
        self.last_dialog: QDialog | None = None
        self._crash_open = False
        # AutoConnection: direct on the GUI thread, queued from any other thread.
        self._reported.connect(self._show)

    def report(self, exc: BaseException) -> None:
        """Tell the user about ``exc``; a bug is logged first, from whichever thread."""
        report = ""
        if not isinstance(exc, LicenseAppError):
            from licenseapp.services.failures import explain

            message = explain(exc)
            if message is not None:  # a full disk, a lost server: not a bug
                log.warning("database failure: %s", type(exc).__name__)
                exc = LicenseAppError(message[0].upper() + message[1:] + ".")
        if not isinstance(exc, LicenseAppError):
            log.error("unexpected error", exc_info=(type(exc), exc, exc.__traceback__))
            report = crash_report(exc)  # here, so it names the thread that failed
        self._reported.emit(exc, report)

    @Slot(object, str)
    def _show(self, exc: BaseException, report: str) -> None:
        parent = self._parent_window()
        if isinstance(exc, LicenseAppError):
            box = QMessageBox(QMessageBox.Icon.Warning, "LicenseApp", exc.message,
                              QMessageBox.StandardButton.Ok, parent)
            box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            self.last_dialog = box
            box.open()
            return
        if self._crash_open:  # one crash dialog at a time; the rest are in the log
            return
        dialog = CrashDialog(report or crash_report(exc), self.log_path, parent)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(self._crash_closed)
        self._crash_open = True
        self.last_dialog = dialog
        dialog.open()

    def offer_earlier_crash(self, report: str) -> None:
        """Show the trace an earlier run's hard crash left (see fault_log), on this thread."""
        if self._crash_open:
            return
        dialog = CrashDialog(report, self.log_path, self._parent_window(), earlier_run=True)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(self._crash_closed)
        self._crash_open = True
        self.last_dialog = dialog
        dialog.open()

    @Slot()
    def _crash_closed(self) -> None:
        self._crash_open = False

    # --- hooks -----------------------------------------------------------------------

    def excepthook(
        self, exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None
    ) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        if exc.__traceback__ is None:
            exc = exc.with_traceback(tb)
        self.report(exc)

    def threading_excepthook(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_value is None or issubclass(args.exc_type, SystemExit):
            return
        self.report(args.exc_value)


def install_excepthooks(reporter: ErrorReporter) -> Callable[[], None]:
    """Route uncaught exceptions to ``reporter``; returns a function that undoes it."""
    previous_sys, previous_threading = sys.excepthook, threading.excepthook
    sys.excepthook = reporter.excepthook
    threading.excepthook = reporter.threading_excepthook

    def uninstall() -> None:
        sys.excepthook = previous_sys
        threading.excepthook = previous_threading

    return uninstall
