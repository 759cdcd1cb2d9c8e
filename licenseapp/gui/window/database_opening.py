"""Opening a database from the main window: on a worker thread, the latest request winning;
the screens given the new database; a failure offered recovery."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from licenseapp.context import AppContext
from licenseapp.gui.applications.details import application_loader
from licenseapp.gui.applications.loading import changed_rows_reader
from licenseapp.gui.applications.view import FIRST_PAGE_ROWS

if TYPE_CHECKING:
    from licenseapp.gui.main_window import MainWindow
    from licenseapp.store.database import Database


def open_database_off_thread(context: AppContext, db_arg: str | None) -> Database:
    """Open (and migrate) the database for the context's actor and clock; runs on a worker
    thread, so the heavy imports too."""
    from licenseapp.services.drafts import applications  # noqa: F401  (warm the import off-thread)

    return context.open_database(db_arg)


def open_database(window: MainWindow, db_arg: str | None) -> None:
    """See :meth:`MainWindow.open_database`."""
    window._opening += 1
    window._requested_db = db_arg  # the recovery dialog finds its backups from it
    opening = window._opening
    window.statusBar().showMessage("Opening the database…")
    if window.database is None:
        window.applications.show_message("Opening the database…")
    window._runner.submit(
        partial(open_database_off_thread, window.context, db_arg),
        lambda db: database_opened(window, opening, db),
        lambda exc: database_failed(window, opening, exc),
        context=window,
    )


def database_opened(window: MainWindow, opening: int, db: Database) -> None:
    if opening != window._opening:
        db.dispose()
        return
    from licenseapp.services.drafts.applications import list_applications

    previous = window.database
    window._db = db
    window.location_label.setText(f"Database: {db.location.display}")
    window.location_label.setToolTip(f"Database: {db.location.display}")
    name = db.location.sqlite_path.name if db.location.sqlite_path else db.location.display
    window.setWindowTitle(f"{name} — LicenseApp")
    window.statusBar().clearMessage()
    window.details.set_loader(application_loader(db))
    window.applications.set_loader(
        partial(list_applications, db), partial(list_applications, db, limit=FIRST_PAGE_ROWS),
        changed_rows_reader(db),
    )
    window.refresh_action.setEnabled(True)
    window.applications.refresh()
    window.databaseChanged.emit(db)
    if previous is not None:
        previous.dispose()


def database_failed(window: MainWindow, opening: int, exc: BaseException) -> None:
    if opening != window._opening:
        return
    window.statusBar().showMessage("The database could not be opened.")
    if window.database is None:
        window.applications.show_message(
            "No database is open.\nUse File › Open database… (Ctrl+O) to choose one.",
            [window.open_action],
        )
    from licenseapp.gui.recovery import offer_recovery

    window.recovery_dialog = offer_recovery(
        window, window._runner, exc, window._requested_db,
        open_database=window.open_database, open_another=window.choose_database,
        quit_app=window.close,
    )
    if window.recovery_dialog is None:  # a bug, not a database the user can act on
        window._on_error(exc)


def choose_database(window: MainWindow) -> None:
    """File › Open database…: a file dialog, the file chosen opened."""
    dialog = QFileDialog(window, "Open a LicenseApp database")
    dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
    dialog.setNameFilters(["LicenseApp databases (*.db *.sqlite *.sqlite3)", "All files (*)"])
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.fileSelected.connect(window.open_database)
    dialog.open()
