"""At 18:00 in Los Angeles (already tomorrow in UTC) the deadlines screen and a report made on
the Reports screen count the same days: both on the local day of the app's clock (here a
fixed clock on another day than the computer's)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime

import pytest
from factories import make_application, make_license
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest
from zones import local_zone

from licenseapp.context import AppContext
from licenseapp.domain.wall_clock import FixedClock
from licenseapp.gui.main_window import MainWindow
from licenseapp.gui.tracking.deadlines_model import DAYS_LEFT_ROLE, DeadlineColumn
from licenseapp.services.reports.request import ReportKind

pytestmark = pytest.mark.qt_log_ignore(
    "does not support propagateSizeHints", "does not support raise",
    "does not support grabbing the keyboard")


@pytest.fixture
def los_angeles() -> Iterator[None]:
    with local_zone("America/Los_Angeles"):
        yield


def test_the_deadlines_screen_and_the_expiring_report_agree(
    qtbot, runner, db, db_url, los_angeles
) -> None:
    evening = datetime(2027, 1, 1, 18, 0).astimezone().astimezone(UTC)  # 2 January in UTC
    app_id = make_application(db, "LA-2026-0002", status="approved", visa_expires=None)
    make_license(db, app_id, "D1234567", issued_on=date(2026, 1, 31), expires_on=date(2027, 1, 31))
    errors: list[BaseException] = []
    win = MainWindow(runner, errors.append, context=AppContext("tester", FixedClock(evening)))
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    win.open_database(db_url)
    qtbot.waitUntil(lambda: win.database is not None)

    QTest.keySequence(win, QKeySequence("Ctrl+3"))
    model = win.deadlines.model
    qtbot.waitUntil(lambda: model.rowCount() > 0, timeout=30_000)
    expiry = next(r for r in range(model.rowCount())
                  if model.deadline_at(r).kind == "license_expiry")
    on_screen = model.index(expiry, DeadlineColumn.DAYS_LEFT).data(DAYS_LEFT_ROLE)
    assert on_screen == 30  # 1 to 31 January; the UTC date (2 January) says 29

    QTest.keySequence(win, QKeySequence("Ctrl+7"))
    page = win.reports
    QTest.keyClick(page, Qt.Key.Key_O, Qt.KeyboardModifier.AltModifier)
    QTest.keyClicks(page.kind_box, "Exp")
    assert page.kind is ReportKind.EXPIRING
    with qtbot.waitSignal(page.built, timeout=60_000):
        qtbot.mouseClick(page.preview_button, Qt.MouseButton.LeftButton)
    assert page.made is not None
    table = next(s.table for s in page.made.report.sections if s.title == "Licenses")
    assert table is not None
    row = next(r for r in table.rows if "license D1234567 expires" in r[2])
    assert row[1] == str(on_screen)
    win.close()
    assert errors == []
