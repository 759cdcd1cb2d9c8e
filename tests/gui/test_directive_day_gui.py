"""Directive day through the GUI (#14 "Done when"): 1,000 people and 3 items; a directive
typed into Rules › New directive… opens in the impact view, which finds every access that
must stop; one action suspends them all with progress (under 5 s: bench_suspension.py);
the clock then says how long after the order; the compliance record PDF lists each
suspension's time."""

from __future__ import annotations

import subprocess
import time

import pytest
from directive_population import populate
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from licenseapp.gui.authorization.page import AuthorizationPage
from licenseapp.services.directive.impact import impact

from .test_authorization_impact import FakePrompts

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


@pytest.fixture
def page(qtbot, runner, db, tmp_path):  # type: ignore[no-untyped-def]
    populate(db, 1000, 3)
    widget = AuthorizationPage(runner, FakePrompts(save=tmp_path / "record.pdf"))
    qtbot.addWidget(widget)
    with qtbot.waitSignal(widget.matrixLoaded, timeout=60_000):
        widget.set_database(db)
    return widget


def _type(qtbot, widget, text: str) -> None:  # type: ignore[no-untyped-def]
    widget.setFocus()
    widget.selectAll()
    qtbot.keyClicks(widget, text)


def test_a_directive_entered_in_the_gui_suspends_all_in_one_action(
        qtbot, page, db, tmp_path) -> None:
    page.new_directive_action.trigger()
    form = page.new_directive_dialog
    assert form is not None and form.isVisible()
    _type(qtbot, form.title_edit, "Emergency directive on frontier models and lithography")
    _type(qtbot, form.citation_edit, "91 FR 70001 (Dec. 7, 2026)")
    _type(qtbot, form.eccns_edit, "4E091, 3E001")
    qtbot.mouseClick(form.create_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.impact_dialog is not None or (
        page.new_directive_dialog is not None and form.error_label.isVisible()), timeout=20_000)
    assert page.impact_dialog is not None, form.error_label.text()
    dialog = page.impact_dialog
    rid = "emergency-directive-on-frontier-models-and-lithography"
    qtbot.waitUntil(lambda: dialog.report is not None and dialog.report.ruleset_id == rid
                    and dialog.runner.pending == 0, timeout=30_000)
    report = dialog.report
    expected = impact(db, rid, report.on)
    stop = expected.must_stop()
    assert len(stop) == len(dialog.shown_pairs()) > 1000
    assert expected.pairs and expected.already_required  # both groups are found
    assert {p.person_ref for p in stop}.isdisjoint({"P-00003", "P-00009"})  # U.S. citizens
    qtbot.waitUntil(lambda: dialog.clock.isVisible() and dialog.clock.progress is not None)
    assert f"0 of {len(stop):,} accesses suspended;" in dialog.clock.countdown.text()
    assert " left." in dialog.clock.countdown.text()

    dialog.suspend_button.click()
    box = dialog.operations.suspend_dialog
    assert box is not None
    start = time.perf_counter()
    with qtbot.waitSignal(dialog.operations.finished, timeout=30_000):
        qtbot.mouseClick(box.suspend_button, Qt.MouseButton.LeftButton)
    elapsed = time.perf_counter() - start
    print(f"GUI: {len(stop)} accesses suspended in {elapsed:.2f} s")
    # The 5 s target is measured by tests/benchmarks/bench_suspension.py on a quiet machine
    # (1.6 s SQLite, 3.2 s PostgreSQL); here only a gross regression fails (a shared machine).
    assert elapsed < 15.0
    assert f"Suspended {len(stop):,} accesses at " in box.question.text()
    assert box.progress.maximum() == len(stop)
    qtbot.waitUntil(lambda: "after the order" in dialog.clock.countdown.text(), timeout=10_000)
    assert dialog.clock.countdown.text().startswith(f"All {len(stop):,} accesses suspended ")
    box.close_button.click()

    qtbot.mouseClick(dialog.clock.record_button, Qt.MouseButton.LeftButton)
    pdf = tmp_path / "record.pdf"
    qtbot.waitUntil(lambda: pdf.exists() and dialog.clock.record_button.isEnabled(),
                    timeout=60_000)
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True,
                          capture_output=True, text=True).stdout
    assert "Directive compliance record" in text and "91 FR 70001" in text
    assert f"All {len(stop):,} accesses suspended" in text
    assert text.count("0:0") + text.count("0:1") >= len(stop) // 2  # minutes after the order
    QApplication.processEvents()
