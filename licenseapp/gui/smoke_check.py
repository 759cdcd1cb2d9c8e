"""A check of an installed build (tests/packaging/test_bundle.py, a release check by hand).

With ``LICENSEAPP_SMOKE_SHOT=<file.png>`` set, the desktop app, once its database is open,
saves a picture of its main window to that file and closes the window, so the program ends
as it does when a person closes it. If the database does not open in a minute, the window
closes without a picture.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer

if TYPE_CHECKING:
    from licenseapp.gui.main_window import MainWindow

SHOT_ENV = "LICENSEAPP_SMOKE_SHOT"
_SETTLE_MS = 2000  # the first page's rows and the welcome text drawn
_GIVE_UP_MS = 60_000


def install(window: MainWindow) -> None:
    """Arm the check on ``window`` if the variable asks for it."""
    target = os.environ.get(SHOT_ENV)
    if not target:
        return

    def shoot() -> None:
        window.grab().save(target)
        window.close()

    def opened(_db: object) -> None:
        QTimer.singleShot(_SETTLE_MS, window, shoot)

    window.databaseChanged.connect(opened)
    QTimer.singleShot(_GIVE_UP_MS, window, window.close)
