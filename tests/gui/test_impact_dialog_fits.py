"""The directive impact dialog opens within the screen: it asked for 1200×720 whatever the
screen, so at 125% on 1440×900 (1152×720) its Close button and counts were off the right
edge (seen in the screenshots of scripts/screenshots.py). Offscreen the screen is 800 wide."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QDialogButtonBox

from licenseapp.gui.authorization.impact_dialog import DirectiveImpactDialog
from licenseapp.gui.authorization.prompts import Prompts

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


def test_the_impact_dialog_fits_the_screen_with_its_close_button(qtbot, db, runner) -> None:  # type: ignore[no-untyped-def]
    dialog = DirectiveImpactDialog(runner, db, Prompts())
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: runner.pending == 0, timeout=20_000)
    room = dialog.screen().availableGeometry()
    assert dialog.width() <= room.width() and dialog.height() <= room.height()
    close = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Close)
    where = close.mapTo(dialog, QPoint(0, 0))
    assert dialog.rect().contains(close.rect().translated(where))
    dialog.hide()
