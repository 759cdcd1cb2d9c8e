"""At 125 % on a 1440×900 screen the main window is 1152×720 (logical): the dashboard's
counters and its "As of" line must be within the screen, not past its right edge behind a
sideways scroll bar (the fifth counter and the date were cut)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QSettings

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


@pytest.fixture(autouse=True)
def _settings(tmp_path: Path) -> None:
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path))


def test_the_dashboard_fits_a_1152_wide_window(qtbot, window, db, db_url) -> None:  # type: ignore[no-untyped-def]
    from licenseapp.demo.dataset import DEMO_TODAY, generate_demo

    generate_demo(db)
    window.resize(1152, 720)
    window.dashboard._today = lambda: DEMO_TODAY
    window.open_database(db_url)
    page = window.dashboard
    qtbot.waitUntil(lambda: page.is_drawn, timeout=20_000)
    window.show_page(page)
    qtbot.wait(200)
    viewport = page.content.parentWidget()
    assert page.content.width() <= viewport.width()
    for widget in (page.month_tile, page.as_of_label, page.deadlines_card,
                   page.status_card):
        right = widget.mapTo(viewport, QPoint(widget.width(), 0)).x()
        assert right <= viewport.width(), widget.accessibleName() or widget.text()
