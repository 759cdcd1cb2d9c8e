"""File › Restore a backup… opens wide enough to read the new database's path (its layout
squeezed it under 400 pixels, the path cut), and without "Open the restored database"
before anything was restored."""

from __future__ import annotations

from PySide6.QtWidgets import QStyle

from .test_backup_restore_dialogs import filled, opened  # noqa: F401  (a fixture)
from .test_day_one_gui import menu_action


def test_restore_dialog_shows_the_whole_path_and_no_open_button_yet(
        qtbot, window, filled, db_url) -> None:  # noqa: F811  (the fixture imported above)
    opened(qtbot, window, db_url)
    menu_action(window, "&File", "Res&tore a backup…").trigger()
    dialog = window.safety.restore_dialog
    qtbot.waitExposed(dialog)
    edit = dialog.target_field.edit
    frame = edit.style().pixelMetric(QStyle.PixelMetric.PM_DefaultFrameWidth)
    assert dialog.width() >= 700
    assert edit.fontMetrics().horizontalAdvance(edit.text()) < edit.width() - 2 * frame
    assert not dialog.open_button.isVisible()  # nothing restored yet
    dialog.close()
