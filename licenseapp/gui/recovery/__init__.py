"""Recovery when the database cannot be opened: explain, restore a backup, or go elsewhere."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from licenseapp.gui.recovery.dialog import RecoveryDialog
from licenseapp.gui.tasks import TaskRunner
from licenseapp.services.safety.recovery import explain_failure

__all__ = ["RecoveryDialog", "offer_recovery"]


def offer_recovery(
    parent: QWidget,
    runner: TaskRunner,
    exc: BaseException,
    db_arg: str | None,
    *,
    open_database: Callable[[str], None],
    open_another: Callable[[], None],
    quit_app: Callable[[], object],
) -> RecoveryDialog | None:
    """Open the recovery dialog for a database that failed to open with ``exc``.

    Returns the dialog, or None when ``exc`` is a bug rather than a database the user can
    do something about (the caller reports it as before).
    """
    failure = explain_failure(exc, db_arg)
    if failure is None:
        return None
    dialog = RecoveryDialog(runner, failure, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.restored.connect(open_database)
    dialog.openAnotherRequested.connect(open_another)
    dialog.quitRequested.connect(quit_app)
    dialog.open()
    return dialog
