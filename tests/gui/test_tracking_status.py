"""Changing status and owner from the desktop app: what is offered, asked, refused, kept."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QMessageBox

from licenseapp.domain.enums import ApplicationStatus as S
from licenseapp.gui.tracking.reassign_dialog import ReassignDialog
from licenseapp.gui.tracking.status_dialog import StatusChangeDialog

from .conftest import add_sample_applications, build_row

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


@pytest.fixture(autouse=True)
def _settings(tmp_path) -> None:
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path))


def _dialog(qtbot, runner, status: str, regulator: str, apply=None, **row) -> StatusChangeDialog:
    sample = build_row(0, status=status, regulator=regulator, **row)
    dialog = StatusChangeDialog(runner, apply or (lambda change: change), sample,
                                today=date(2026, 11, 27))
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _labels(dialog: StatusChangeDialog) -> list[str]:
    return [dialog.target_combo.itemText(i) for i in range(dialog.target_combo.count())]


@pytest.mark.parametrize(
    ("regulator", "status", "offered"),
    [
        ("BIS", "draft", {"internal_review", "ready", "withdrawn"}),
        ("BIS", "submitted", {"registered", "returned_unregistered", "withdrawn"}),
        ("BIS", "registered", {
            "info_requested", "referred", "intent_to_deny", "approved",
            "approved_with_conditions", "partially_approved", "denied",
            "returned_without_action", "license_not_required", "withdrawn",
            # the periods 15 CFR 750.4(b) leaves out of the clock
            "pre_license_check", "awaiting_assurances", "applicant_delay",
            "multilateral_review", "government_consultation"}),
        ("BIS", "denied", {"appealed"}),
        ("DDTC", "submitted", {"registered", "returned_without_action", "withdrawn"}),
        ("DDTC", "referred", {"info_requested", "approved", "approved_with_conditions", "denied",
                              "returned_without_action", "closed", "withdrawn"}),
        ("DDTC", "denied", {"reconsideration"}),  # 22 CFR 126.7
        ("ECJU", "submitted", {"registered", "applicant_editing", "withdrawn"}),
        ("ECJU", "info_requested", {"registered", "referred", "final_review", "closed",
                                    "withdrawn"}),
        ("ECJU", "denied", {"appealed"}),
    ],
)
def test_only_the_transitions_the_lifecycle_allows_are_offered(
    qtbot, runner, regulator, status, offered
) -> None:
    dialog = _dialog(qtbot, runner, status, regulator)
    assert set(dialog.offered()) == offered
    assert len(dialog.offered()) == len(offered)  # each once


def test_the_regulators_own_names_are_used(qtbot, runner) -> None:
    ddtc = _dialog(qtbot, runner, "submitted", "DDTC")
    assert "Case number assigned" in _labels(ddtc)
    assert "Registered" not in _labels(ddtc)
    ecju = _dialog(qtbot, runner, "referred", "ECJU")
    assert {"Issued", "Issued with provisos", "Refused"} <= set(_labels(ecju))
    bis = _dialog(qtbot, runner, "registered", "BIS")
    assert "Referred to agencies" in _labels(bis)


def test_a_final_status_offers_nothing_and_says_so(qtbot, runner) -> None:
    dialog = _dialog(qtbot, runner, "approved", "BIS")
    assert dialog.offered() == []
    assert not dialog.ok_button.isEnabled()
    assert "final" in dialog.hint_label.text()


def test_registration_asks_for_the_acn_and_nothing_else(qtbot, runner) -> None:
    dialog = _dialog(qtbot, runner, "submitted", "BIS", acn="")
    dialog.target_combo.setCurrentIndex(dialog.target_combo.findData("registered"))
    assert dialog.ref_edit.isVisibleTo(dialog)
    assert not dialog.license_edit.isVisibleTo(dialog)
    assert not dialog.valid_until_edit.isVisibleTo(dialog)
    assert dialog.form.labelForField(dialog.ref_edit).text().replace("&", "") == (
        "Application Control Number:"
    )
    assert not dialog.ok_button.isEnabled()
    assert "Application Control Number" in dialog.hint_label.text()
    qtbot.keyClicks(dialog.ref_edit, "Z1234567")
    assert dialog.ok_button.isEnabled()
    dialog.target_combo.setCurrentIndex(dialog.target_combo.findData("withdrawn"))
    assert not dialog.ref_edit.isVisibleTo(dialog)
    assert dialog.ok_button.isEnabled()


def test_an_approval_asks_for_the_license_number_and_expiry(qtbot, runner) -> None:
    dialog = _dialog(qtbot, runner, "registered", "BIS")
    dialog.target_combo.setCurrentIndex(dialog.target_combo.findData("approved_with_conditions"))
    assert dialog.license_edit.isVisibleTo(dialog) and dialog.valid_until_edit.isVisibleTo(dialog)
    assert not dialog.ref_edit.isVisibleTo(dialog)
    qtbot.keyClicks(dialog.license_edit, "D1234567")
    qtbot.keyClicks(dialog.valid_until_edit, "12/2030")
    assert not dialog.ok_button.isEnabled()
    assert "Valid until: “12/2030” is not a date" in dialog.hint_label.text()
    assert "YYYY-MM-DD" in dialog.hint_label.text()
    assert dialog.valid_until_edit.text() == "12/2030"  # kept as typed
    dialog.valid_until_edit.clear()
    qtbot.keyClicks(dialog.valid_until_edit, "31/12/2030")  # only one reading
    assert dialog.ok_button.isEnabled()
    change = dialog.change()
    assert change.target is S.APPROVED_WITH_CONDITIONS
    assert (change.license_no, change.valid_until, change.on) == (
        "D1234567", date(2030, 12, 31), date(2026, 11, 27))
    assert change.regulator_ref is None


@pytest.fixture
def sample(db):
    add_sample_applications(db)
    return db


def _row(db, ref: str):
    from licenseapp.services.drafts.applications import get_application

    return get_application(db, ref).row


def test_a_refused_change_keeps_the_dialog_and_what_was_typed(qtbot, runner, sample) -> None:
    from functools import partial

    from licenseapp.services.follow_up.tracking import change_status

    row = _row(sample, "LA-2026-0002")  # BIS, submitted
    dialog = StatusChangeDialog(runner, partial(change_status, sample), row)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.target_combo.setCurrentIndex(dialog.target_combo.findData("registered"))
    assert dialog.ref_edit.text() == "Z100001"  # the reference already on file
    dialog.ref_edit.clear()
    qtbot.keyClicks(dialog.ref_edit, "12345")
    qtbot.keyClicks(dialog.note_edit, "Registered in SNAP-R this morning")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.refusal_box is not None)
    box = dialog.refusal_box
    assert box.icon() == QMessageBox.Icon.Warning
    assert box.text().startswith("'12345' is not an Application Control Number; write one "
                                 "letter and six or seven digits")
    assert "--acn" not in box.text()
    assert dialog.focusWidget() is dialog.ref_edit  # where to correct it
    assert dialog.isVisible() and not dialog.busy
    assert dialog.ref_edit.text() == "12345"
    assert dialog.note_edit.toPlainText() == "Registered in SNAP-R this morning"
    assert dialog.target_combo.currentData() == "registered"
    assert _row(sample, "LA-2026-0002").status == "submitted"  # nothing recorded
    box.close()

    dialog.ref_edit.setText("z1234567")
    with qtbot.waitSignal(dialog.succeeded, timeout=10_000):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    after = _row(sample, "LA-2026-0002")
    assert (after.status, after.acn) == ("registered", "Z1234567")


def test_reassign_refuses_the_same_owner_and_records_a_new_one(qtbot, runner, sample) -> None:
    from licenseapp.services.drafts.applications import get_application
    from licenseapp.services.follow_up.tracking import reassign

    row = _row(sample, "LA-2026-0001")  # owned by alice

    def apply(ref: str, owner: str, note: str):
        return reassign(sample, ref, owner, note=note)

    dialog = ReassignDialog(runner, apply, row, ["alice", "bob"], me=sample.actor)
    qtbot.addWidget(dialog)
    dialog.show()
    assert [dialog.owner_combo.itemText(i) for i in range(dialog.owner_combo.count())] == [
        "bob", "tester"]  # the others, and me
    dialog.owner_combo.setCurrentText("alice")
    dialog.note_edit.setText("Back from leave")
    dialog.accept()
    qtbot.waitUntil(lambda: dialog.refusal_box is not None)
    assert "already owned by alice" in dialog.refusal_box.text()
    assert dialog.isVisible() and dialog.note_edit.text() == "Back from leave"
    dialog.refusal_box.close()
    dialog.owner_combo.setCurrentText("bob")
    with qtbot.waitSignal(dialog.succeeded, timeout=10_000):
        dialog.accept()
    detail = get_application(sample, "LA-2026-0001")
    assert detail.row.owner == "bob"
    assert detail.events[-1].kind == "reassign" and detail.events[-1].actor == "tester"


def test_ctrl_t_on_the_selected_application_records_and_reloads(
    qtbot, window, sample_db_url
) -> None:
    window.open_database(sample_db_url)
    qtbot.waitUntil(lambda: window.applications.is_loaded)
    window.show_page(window.applications)
    action = window.tracking.change_status_action
    assert not action.isEnabled()  # nothing selected yet
    window.applications.select_ref("LA-2026-0002")
    qtbot.waitUntil(action.isEnabled)
    action.trigger()
    dialog = window.tracking.dialog
    assert isinstance(dialog, StatusChangeDialog) and dialog.isVisible()
    dialog.target_combo.setCurrentIndex(dialog.target_combo.findData("returned_unregistered"))
    dialog.note_edit.setPlainText("Block 24 missing")
    with qtbot.waitSignal(window.operations.changed, timeout=10_000):
        dialog.accept()
    model = window.applications.model
    qtbot.waitUntil(
        lambda: model.row_at(model.row_of("LA-2026-0002")).status == "returned_unregistered")
    qtbot.waitUntil(lambda: "Returned unregistered" in window.details.plain_text())
    assert "Block 24 missing" in window.details.plain_text()
    assert "returned unregistered" in window.statusBar().currentMessage()


def test_a_final_application_cannot_be_changed_from_the_menu(
    qtbot, window, sample_db_url
) -> None:
    window.open_database(sample_db_url)
    qtbot.waitUntil(lambda: window.applications.is_loaded)
    window.applications.select_ref("LA-2026-0004")  # approved with conditions
    qtbot.waitUntil(lambda: window.details.detail is not None)
    action = window.tracking.change_status_action
    qtbot.waitUntil(lambda: "final" in action.statusTip())
    assert not action.isEnabled()
    assert window.tracking.reassign_action.isEnabled()


def test_the_details_pane_shows_the_regulators_clock(qtbot, window, sample_db_url) -> None:
    window.open_database(sample_db_url)
    qtbot.waitUntil(lambda: window.applications.is_loaded)
    window.applications.select_ref("LA-2026-0003")  # DDTC, registered: clock running
    qtbot.waitUntil(lambda: window.details.detail is not None)
    text = window.details.plain_text()
    assert "Regulator's clock" in text and "DDTC: no regulatory time limit" in text
    assert "90-day limit" not in text and "15 CFR" not in text  # BIS's law is not DDTC's


def _render(make_row, history, today: date, regulator: str = "BIS") -> str:
    from licenseapp.domain.clock import read_clock
    from licenseapp.domain.lifecycle import lifecycle
    from licenseapp.gui.applications.detail_html import render_detail
    from licenseapp.services.dto import ApplicationDetail

    detail = ApplicationDetail(
        row=make_row(0, regulator=regulator, status=history[-1][0]), organization="Northwind",
        person=None, items=(), parties=(), events=(), license=None, end_use="",
        justification="", additional_info="", ruleset_id=None, resubmission_of=None,
        clock=read_clock(history, today, lifecycle(regulator).clock),
    )
    return render_detail(detail, today)


def test_the_bis_clock_counts_stopped_days_and_moves_the_limit(make_row) -> None:
    html = _render(make_row, [
        ("submitted", date(2026, 11, 1)), ("registered", date(2026, 11, 2)),
        ("info_requested", date(2026, 11, 5)), ("registered", date(2026, 11, 9)),
        ("referred", date(2026, 11, 10))], date(2026, 11, 27))
    assert "21 calendar days since 2026-11-02 (registered)" in html  # 25 elapsed, 4 stopped
    assert "<td>4 calendar days</td>" in html
    # The 90-day limit, pushed back by 4 days.
    assert "90-day limit: BIS resolves the application or refers it to the President by " \
           "2027-02-04 (in 69 days) (15 CFR 750.4(a), 90 calendar days)" in html
    assert "30-day agency step: the agencies recommend by 2026-12-10" in html
    assert "within the time limits" in html


def test_the_bis_clock_says_a_missed_step_in_words(make_row) -> None:
    html = _render(make_row, [("submitted", date(2026, 11, 1)),
                              ("registered", date(2026, 11, 2))], date(2026, 11, 27))
    assert ('<span class="late">9-day referral step: BIS refers the application to the '
            "agencies or acts on it by 2026-11-11 — past the 9-day referral step") in html
