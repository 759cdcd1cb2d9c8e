"""The welcome page at 125 % on a 1440×900 screen (the window 1152×720 logical): "Try the
demo data…" is in view without scrolling — it sat at the foot of its box, level with the
end of the long "Where your data lives", below the fold."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QScrollArea

from .test_welcome import open_new_database

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


def test_the_demo_button_is_in_view_at_1152_by_720(qtbot, window, db, db_url) -> None:  # type: ignore[no-untyped-def]
    window.resize(1152, 720)
    open_new_database(qtbot, window, db_url)
    qtbot.wait(200)
    button = window.welcome.demo_button
    viewport = window.welcome.findChild(QScrollArea).viewport()
    bottom = button.mapTo(viewport, QPoint(0, button.height())).y()
    assert bottom <= viewport.height()
