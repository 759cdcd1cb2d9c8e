"""The desktop app's composition root.

Builds the Qt application, registers the shipped fonts, routes every failure to the error
reporter (warning box or crash dialog, and the log file), shows the main window's frame at
once, fills it once it has painted, and only then opens the database and loads the list —
both off the GUI thread. Nothing here imports SQLAlchemy: that happens on the worker thread
that opens the database.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtCore import (
    QLoggingCategory,
    QMessageLogContext,
    QSize,
    QTimer,
    QtMsgType,
    qInstallMessageHandler,
)
from PySide6.QtWidgets import QApplication

from licenseapp import __version__, fault_log
from licenseapp.context import AppContext
from licenseapp.gui import file_open_events, smoke_check
from licenseapp.gui.app_icon import install_icon
from licenseapp.gui.appearance import apply_saved_appearance
from licenseapp.gui.crash import ErrorReporter, install_excepthooks, setup_file_logging
from licenseapp.gui.fonts import install_fonts, register_shipped_fonts
from licenseapp.gui.garbage import MainThreadCollector
from licenseapp.gui.main_window import MainWindow
from licenseapp.gui.personal_settings import QtPersonalSettings
from licenseapp.gui.refcount_guard import guard_singletons
from licenseapp.gui.tasks import TaskRunner
from licenseapp.gui.window.warm_up import import_screens_later
from licenseapp.gui.window_state import fit_on_screen

log = logging.getLogger("licenseapp.gui")

DEFAULT_SIZE = (1280, 800)

_QT_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}


def _log_qt_message(kind: QtMsgType, _context: QMessageLogContext, message: str) -> None:
    logging.getLogger("licenseapp.qt").log(_QT_LEVELS.get(kind, logging.WARNING), "%s", message)


@dataclass
class Desktop:
    """The running desktop app's parts; :meth:`close` undoes what :func:`start` installed."""

    app: QApplication
    window: MainWindow
    runner: TaskRunner
    reporter: ErrorReporter
    _undo: list[Callable[[], None]] = field(default_factory=list)

    def close(self) -> None:
        self.window.close()
        self.runner.shutdown()
        while self._undo:
            self._undo.pop()()


def start(db_arg: str | None, argv: list[str], *, install_hooks: bool = True) -> Desktop:
    """Show the main window now; open ``db_arg`` and load the list in the background."""
    guard_singletons()  # PySide6 6.12 on Python 3.11 under-counts True/None on every emit
    log_path = setup_file_logging()
    earlier_crash = _earlier_crash_report()
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(argv)
    app.setApplicationName("LicenseApp")
    app.setOrganizationName("LicenseApp")
    app.setApplicationVersion(__version__)
    install_fonts(app, fallbacks_later=True)  # the other scripts' once the frame is up
    install_icon(app)
    # Who acts (the login, or $LICENSEAPP_USER, read here once), the clock, --db, and this
    # person's settings: built once, passed down; every database opened carries them.
    personal = QtPersonalSettings()
    context = AppContext.from_environment(db_arg, personal=personal)
    apply_saved_appearance(app, personal.settings())  # View › Appearance, or $LICENSEAPP_THEME
    # Font fallback asks each shipped family in turn for e.g. Devanagari; Qt notes every
    # family without it ("OpenType support missing"), which is expected, not a problem.
    QLoggingCategory.setFilterRules("qt.text.font.db.info=false")

    holder: list[MainWindow] = []
    reporter = ErrorReporter(lambda: holder[0] if holder else None, log_path=log_path)
    undo: list[Callable[[], None]] = []
    if install_hooks:
        finish_fault_log = fault_log.start()  # a segfault or abort leaves its trace
        if finish_fault_log is not None:
            undo.append(finish_fault_log)
        undo.append(install_excepthooks(reporter))
        previous = qInstallMessageHandler(_log_qt_message)

        def restore_qt_messages() -> None:
            qInstallMessageHandler(previous)

        undo.append(restore_qt_messages)
    # Reference cycles are collected on this thread only: a cycle holding a Qt object,
    # collected by chance in a worker thread, crashes Qt (see gui/garbage.py).
    collector = MainThreadCollector(app)
    undo.append(collector.stop)
    runner = TaskRunner(app, on_error=reporter.report)
    window = MainWindow(runner, reporter.report, context=context, contents_after_paint=True)
    holder.append(window)
    if not window.window_state.geometry_restored:  # never larger than the screen (125%)
        fit_on_screen(window, QSize(*DEFAULT_SIZE))
    window.show()
    smoke_check.install(window)  # $LICENSEAPP_SMOKE_SHOT: an installed build's check
    if file_open_events.SENDS_FILE_OPEN_EVENTS:  # the macOS Finder's "Open With"
        forwarder = file_open_events.install(app, window)
        undo.append(lambda: app.removeEventFilter(forwarder))
    log.info("LicenseApp %s started; log file %s", __version__, log_path)
    # The frame paints first; its contents are built just after, then these.
    window.first_paint.later(lambda: register_shipped_fonts(primary=False))
    window.open_database(db_arg)  # once the contents are in
    window.when_built(lambda: import_screens_later(runner))  # screens built when shown
    if earlier_crash:  # offered once the window is up, never in the way of starting
        QTimer.singleShot(0, window, lambda: reporter.offer_earlier_crash(earlier_crash))
    return Desktop(app, window, runner, reporter, undo)


def _earlier_crash_report() -> str:
    """The traces of earlier runs' hard crashes, taken (so offered once) and copied into
    the log, where they stay; '' if there were none."""
    crashes = fault_log.take_previous_crashes()
    for crash in crashes:
        log.error("an earlier run stopped on a fatal error (%s):\n%s", crash.file_name,
                  crash.report)
    return "\n\n".join(crash.report for crash in crashes)


def run(db_arg: str | None, argv: list[str]) -> int:
    """Open the desktop app on ``db_arg`` (``--db``; None: $LICENSEAPP_DB or the default)."""
    desktop = start(db_arg, argv)
    try:
        return int(desktop.app.exec())
    finally:
        desktop.close()
