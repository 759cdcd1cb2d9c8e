"""The licenses tab of "Licenses & deadlines": states in words, filters, sorting, the
conditions and riders of the one selected, and a double-click to its application."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from factories import make_application, make_license
from PySide6.QtCore import QSettings, Qt

from licenseapp.gui.tracking.deadlines_page import DeadlinesPage
from licenseapp.gui.tracking.licenses_model import (
    REF_ROLE,
    LicenseColumn,
    LicensesFilterProxy,
    LicensesTableModel,
)
from licenseapp.services.follow_up.licenses import ConditionLine, LicenseRow, LicenseState

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")

TODAY = date(2026, 11, 27)


@pytest.fixture(autouse=True)
def _settings(tmp_path) -> None:
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path))


def _row(n: int, state: LicenseState, days: int, **kw: object) -> LicenseRow:
    values: dict[str, object] = dict(
        license_id=n, number=f"D12000{n:02d}", application_ref=f"LA-2026-{n:04d}",
        application_status="approved", regulator="BIS", person_ref=f"P-{n:05d}",
        person_name=f"Person {n}", native_name="", state=state, recorded_state="active",
        state_reason="", issued_on=date(2023, 1, 1), valid_from=date(2023, 1, 1),
        valid_until=TODAY + timedelta(days=days), days_left=days,
        conditions=(ConditionLine("condition", 1, "No access from abroad.", False),),
    )
    values.update(kw)
    return LicenseRow(**values)  # type: ignore[arg-type]


SAMPLE = [
    _row(1, LicenseState.ACTIVE, 700),
    _row(2, LicenseState.EXPIRING, 20, person_name="Layla Haddad", regulator="DDTC"),
    _row(3, LicenseState.EXPIRED, -4),
    _row(4, LicenseState.REVOKED, 300, recorded_state="revoked"),
]


@pytest.fixture
def model():
    m = LicensesTableModel()
    m.set_licenses(SAMPLE)
    return m


def test_model_and_proxy_pass_the_qt_model_tester(qtmodeltester, model) -> None:
    qtmodeltester.check(model, force_py=True)
    proxy = LicensesFilterProxy()
    proxy.setSourceModel(model)
    proxy.set_state("expiring")
    qtmodeltester.check(proxy, force_py=True)


def test_states_and_days_left_read_as_words(model) -> None:
    column = [model.index(r, LicenseColumn.STATE).data() for r in range(4)]
    assert column == ["Active", "Expiring", "Expired", "Revoked"]
    days = [model.index(r, LicenseColumn.DAYS_LEFT).data() for r in range(4)]
    assert days == ["700", "20", "−4", "—"]
    assert "expired 4 days ago" in model.index(2, LicenseColumn.DAYS_LEFT).data(
        Qt.ItemDataRole.ToolTipRole)
    assert model.index(0, LicenseColumn.VALID_UNTIL).data() == (
        TODAY + timedelta(days=700)).isoformat()
    expired = model.index(2, LicenseColumn.STATE)
    assert expired.data(Qt.ItemDataRole.BackgroundRole) is not None


def test_filters_by_state_and_text_and_sorts_on_raw_values(model) -> None:
    proxy = LicensesFilterProxy()
    proxy.setSourceModel(model)
    proxy.set_state("expiring")
    assert [r.number for r in proxy.shown()] == ["D1200002"]
    proxy.set_state(None)
    proxy.set_text("haddad ddtc")
    assert [r.number for r in proxy.shown()] == ["D1200002"]
    proxy.set_text("")
    proxy.sort(LicenseColumn.DAYS_LEFT, Qt.SortOrder.AscendingOrder)
    assert [r.days_left for r in proxy.shown()] == [-4, 20, 300, 700]  # not "20" < "300" < "7"


@pytest.fixture
def page(qtbot, runner, db):
    a = make_application(db, "LA-2026-0001", status="approved")
    make_license(db, a, "D1200001", issued_on=date(2023, 1, 10),
                 expires_on=TODAY + timedelta(days=45),
                 conditions=(("condition", "No access from outside the United States.", False),
                             ("condition", "Report annually on the access granted.", True),
                             ("rider", "Renewal may be requested 60 days ahead.", False)))
    b = make_application(db, "LA-2026-0002", regulator="DDTC", status="approved",
                         given="Layla", family="Haddad", native="ليلى حداد", citizenship="JO")
    make_license(db, b, "050512028", issued_on=date(2025, 3, 1), expires_on=date(2029, 3, 1))
    c = make_application(db, "LA-2026-0003", status="approved", given="Dmitri",
                         family="Ivanov", citizenship="RU")
    make_license(db, c, "D1200003", issued_on=date(2024, 1, 5), expires_on=date(2028, 1, 5),
                 state="suspended", reason="Suspended pending review (15 CFR 750.8).")
    p = DeadlinesPage(runner, today=lambda: TODAY)
    qtbot.addWidget(p)
    p.resize(1000, 600)
    p.show()
    p.set_database(db)
    p.show_licenses()
    qtbot.waitUntil(lambda: p.licenses.loaded)
    return p


def _shown(page) -> list[tuple[str, str]]:
    proxy = page.licenses.proxy
    return [(proxy.index(r, LicenseColumn.NUMBER).data(),
             proxy.index(r, LicenseColumn.STATE).data())
            for r in range(proxy.rowCount())]


def test_the_licenses_tab_lists_every_license_with_its_state(page) -> None:
    assert _shown(page) == [("D1200001", "Expiring"), ("D1200003", "Suspended"),
                            ("050512028", "Active")]
    assert page.licenses.summary_label.text().startswith("3 licenses")
    proxy = page.licenses.proxy
    assert proxy.index(0, LicenseColumn.PERSON).data() == "Wei Zhang"
    assert proxy.index(0, LicenseColumn.CONDITIONS).data() == "2 + 1 rider"
    assert proxy.index(0, LicenseColumn.DAYS_LEFT).data() == "45"


def test_state_and_text_filters(qtbot, page) -> None:
    panel = page.licenses
    panel.state_combo.setCurrentIndex(panel.state_combo.findData("suspended"))
    assert _shown(page) == [("D1200003", "Suspended")]
    assert panel.summary_label.text().startswith("1 of 3 licenses shown")
    panel.state_combo.setCurrentIndex(0)
    qtbot.keyClicks(panel.filter_edit, "haddad")
    assert _shown(page) == [("050512028", "Active")]


def test_selecting_shows_conditions_and_riders_in_the_details_pane(page) -> None:
    assert page.details_pane.currentWidget() is page.licenses.details
    page.licenses.table.selectRow(0)
    text = page.licenses.details.plain_text()
    assert "License D1200001" in text
    assert "No access from outside the United States." in text
    assert "Riders" in text and "Renewal may be requested 60 days ahead." in text
    assert "report on each anniversary" in text
    page.licenses.table.selectRow(1)
    assert "Suspended pending review" in page.licenses.details.plain_text()
    page.tabs.setCurrentWidget(page.deadlines_tab)
    assert page.details_pane.currentWidget() is page.details


def test_double_click_and_the_button_ask_to_open_the_application(qtbot, page) -> None:
    table = page.licenses.table
    rect = table.visualRect(page.licenses.proxy.index(0, LicenseColumn.PERSON))
    with qtbot.waitSignal(page.applicationRequested) as asked:
        qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert asked.args == [page.licenses.proxy.index(0, 0).data(REF_ROLE)] == ["LA-2026-0001"]
    with qtbot.waitSignal(page.applicationRequested) as asked:
        page.licenses.details.open_button.click()
    assert asked.args == ["LA-2026-0001"]


def test_a_reload_keeps_the_license_selected(qtbot, page) -> None:
    page.licenses.select_license("050512028")
    page.reload()
    qtbot.waitUntil(lambda: page.licenses.model.rowCount() == 3
                    and page.licenses.details.license is not None)
    assert page.licenses.details.license.number == "050512028"
