"""The directive impact dialog on the demo data: the list, the counts, suspending, drafting."""

from __future__ import annotations

import csv
import threading
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton

from licenseapp.demo.dataset import generate_demo
from licenseapp.gui.authorization import impact_actions
from licenseapp.gui.authorization.impact_actions import ImpactActions
from licenseapp.gui.authorization.impact_dialog import DirectiveImpactDialog
from licenseapp.gui.authorization.impact_model import PAIR_ROLE, PairColumn
from licenseapp.gui.authorization.prompts import Prompts
from licenseapp.services.directive.authorization import AuthState, authorization_matrix
from licenseapp.services.directive.impact import (
    ALREADY_REQUIRED,
    NEWLY_REQUIRED,
    AffectedPair,
    impact,
    suspension_list,
)
from licenseapp.services.drafts import bulk_drafts

DIRECTIVE = "ai-access-directive-2026"
ON = date(2026, 11, 27)

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


class FakePrompts(Prompts):
    """Answers every question; remembers what the user was told."""

    def __init__(self, *, confirm: bool = True, save: Path | None = None,
                 open_: Path | None = None) -> None:
        self.confirm_answer = confirm
        self.save, self.open = save, open_
        self.said: list[tuple[str, str, str]] = []  # (kind, title, text and detail)

    def _say(self, kind: str, title: str, text: str, detail: str = "") -> None:
        self.said.append((kind, title, f"{text}\n{detail}".strip()))

    def confirm(self, parent, title, text, action, detail=""):  # type: ignore[no-untyped-def]
        self._say("confirm", title, text, detail)
        return self.confirm_answer

    def inform(self, parent, title, text, detail=""):  # type: ignore[no-untyped-def]
        self._say("inform", title, text, detail)

    def warn(self, parent, title, text, detail=""):  # type: ignore[no-untyped-def]
        self._say("warn", title, text, detail)

    def save_path(self, parent, title, suggested, filters):  # type: ignore[no-untyped-def]
        return self.save

    def open_path(self, parent, title, filters):  # type: ignore[no-untyped-def]
        return self.open

    def texts(self, kind: str) -> list[str]:
        return [text for k, _title, text in self.said if k == kind]


@pytest.fixture
def demo(db):  # type: ignore[no-untyped-def]
    generate_demo(db)
    return db


@pytest.fixture
def prompts() -> FakePrompts:
    return FakePrompts()


def open_dialog(qtbot, runner, db, prompts: Prompts) -> DirectiveImpactDialog:  # type: ignore[no-untyped-def]
    dialog = DirectiveImpactDialog(runner, db, prompts)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.ruleset_combo.count() > 0)
    dialog.choose(DIRECTIVE, ON)
    wait_report(qtbot, dialog)
    return dialog


def wait_report(qtbot, dialog: DirectiveImpactDialog) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: dialog.report is not None and dialog.report.on == ON
                    and dialog.report.ruleset_id == DIRECTIVE and dialog.runner.pending == 0)


def listed(dialog: DirectiveImpactDialog) -> list[AffectedPair]:
    proxy = dialog.proxy
    return [proxy.index(r, 0).data(PAIR_ROLE) for r in range(proxy.rowCount())]


def column(dialog: DirectiveImpactDialog, col: PairColumn) -> list[str]:
    return [dialog.proxy.index(r, col).data() for r in range(dialog.proxy.rowCount())]


def counts(table) -> list[list[str]]:  # type: ignore[no-untyped-def]
    return [[table.item(r, c).text() for c in range(table.columnCount())]
            for r in range(table.rowCount())]


def test_lists_everyone_who_must_lose_access_by_group_with_counts(
        qtbot, qtmodeltester, runner, demo, prompts) -> None:
    dialog = open_dialog(qtbot, runner, demo, prompts)
    qtmodeltester.check(dialog.model, force_py=True)
    expected = impact(demo, DIRECTIVE, ON)
    assert len(expected.pairs) == 7 and expected.people == 5  # the demo's permanent residents
    stop = expected.pairs + expected.already_required + expected.undetermined
    assert expected.already_required and expected.undetermined
    assert {(p.person_ref, p.item_ref, p.group) for p in listed(dialog)} == {
        (p.person_ref, p.item_ref, p.group) for p in stop}
    assert (f"{len(stop)} accesses of {len({p.person_id for p in stop})} people must stop"
            in dialog.summary_label.text())
    assert "7 newly required" in dialog.summary_label.text()
    assert dialog.groups.boxes["already_required"].text() == (
        f"Already required, unlicensed (possible violation) ({len(expected.already_required)})")
    assert set(column(dialog, PairColumn.GROUP)) == {
        "Newly required", "Already required", "Undetermined"}
    assert counts(dialog.by_item) == [[c.label, c.key and next(
        p.eccn for p in stop if p.item_ref == c.key), str(c.count)] for c in expected.by_item]
    assert sum(int(row[1]) for row in counts(dialog.by_country)) == len(stop)
    # The user keeps the newly required only: the list follows.
    for group in ("already_required", "undetermined"):
        qtbot.mouseClick(dialog.groups.boxes[group], Qt.MouseButton.LeftButton)
    assert {(p.person_ref, p.item_ref) for p in listed(dialog)} == {
        (p.person_ref, p.item_ref) for p in expected.pairs}
    assert "प्रिया शर्मा" in column(dialog, PairColumn.NATIVE)
    assert "India (IN)" in column(dialog, PairColumn.COUNTRY)
    assert set(column(dialog, PairColumn.ECCN)) == {"4E091"}
    assert set(column(dialog, PairColumn.MODE)) == {"parameters (weights)"}
    assert all("permanent resident" in why for why in column(dialog, PairColumn.WHY))
    assert "Directive on Frontier AI Model Access (2026)" in dialog.ruleset_label.text()
    assert "U.S. Department of Commerce" in dialog.ruleset_label.text()
    assert "from 2026-11-20" in dialog.ruleset_label.text()
    dialog.table.selectRow(0)
    assert "Before (not required)" in dialog.why_browser.toPlainText()


def test_suspending_marks_them_suspended_and_saves_the_list_for_it(
        qtbot, runner, demo, tmp_path) -> None:
    saved = tmp_path / "suspensions.csv"
    prompts = FakePrompts(save=saved)
    dialog = open_dialog(qtbot, runner, demo, prompts)
    stop = impact(demo, DIRECTIVE, ON).must_stop()  # every group, by default
    n, people = len(stop), len({p.person_id for p in stop})
    grants = {p.grant_id for p in stop}
    dialog.suspend_button.click()
    box = dialog.operations.suspend_dialog
    assert box is not None and box.isVisible()
    assert box.question.text().startswith(f"Suspend {n} accesses of {people} people")
    with qtbot.waitSignal(dialog.dataModified, timeout=10_000):
        qtbot.mouseClick(box.suspend_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: box.save_button.isVisible())
    assert f"Suspended {n} accesses at " in box.question.text()
    qtbot.mouseClick(box.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: saved.exists() and dialog.runner.pending == 0, timeout=10_000)
    qtbot.waitUntil(lambda: "written to" in box.outcome.text())
    assert prompts.said == []  # asked, recorded and reported in the one dialog
    cells = {c.grant_id: c for c in authorization_matrix(demo, ON).cells}
    assert {cells[g].state for g in grants} == {AuthState.SUSPENDED}
    assert all(cells[g].suspended_by == "tester" and cells[g].suspended_at for g in grants)
    with saved.open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == n == len(suspension_list(demo, DIRECTIVE))
    assert {r["rule_set"] for r in rows} == {DIRECTIVE}
    wait_report(qtbot, dialog)  # the list is the same, now shown as suspended
    assert all(a.startswith("Suspended ") for a in column(dialog, PairColumn.ACCESS))
    assert not dialog.suspend_button.isEnabled() and dialog.save_list_button.isEnabled()
    box.close_button.click()
    qtbot.waitUntil(lambda: dialog.operations.suspend_dialog is None)


def test_drafting_creates_the_drafts_and_a_second_run_creates_none(
        qtbot, runner, demo, monkeypatch) -> None:
    progress_threads: list[bool] = []
    real_advanced = ImpactActions._advanced

    def advanced(self, done: int, total: int) -> None:  # type: ignore[no-untyped-def]
        progress_threads.append(threading.current_thread() is threading.main_thread())
        real_advanced(self, done, total)

    monkeypatch.setattr(ImpactActions, "_advanced", advanced)
    prompts = FakePrompts()
    dialog = open_dialog(qtbot, runner, demo, prompts)
    # the newly required only: the already required group unticked
    qtbot.mouseClick(dialog.groups.boxes[ALREADY_REQUIRED], Qt.MouseButton.LeftButton)
    assert dialog.operations.drafting_groups() == (NEWLY_REQUIRED,)
    planned = bulk_drafts.draft_bulk(demo, DIRECTIVE, dry_run=True, on=ON)
    assert len(planned.drafts) == 2 and planned.duplicates == 3
    with qtbot.waitSignal(dialog.operations.finished, timeout=20_000) as done:
        dialog.draft_button.click()
    assert done.args == ["draft"]
    assert "Draft 2 applications" in prompts.texts("confirm")[0]
    assert "3 people skipped" in prompts.texts("confirm")[0]
    assert "Created 2 draft applications" in prompts.texts("inform")[0]
    assert progress_threads and all(progress_threads)  # progress reached the GUI thread
    assert dialog.operations.progress_dialog is None
    created = dialog.operations.last_drafts
    assert created is not None and created.created == 2
    again = bulk_drafts.draft_bulk(demo, DIRECTIVE, dry_run=True, on=ON)
    assert again.drafts == () and again.duplicates == 5
    wait_report(qtbot, dialog)
    with qtbot.waitSignal(dialog.operations.finished, timeout=20_000):
        dialog.draft_button.click()
    assert prompts.texts("inform")[-1].startswith("No new application is needed")
    assert "5 people skipped" in prompts.texts("inform")[-1]
    assert len(prompts.texts("confirm")) == 1  # nothing to confirm the second time


def test_drafting_offers_the_already_required_when_their_group_is_chosen(
        qtbot, runner, demo) -> None:
    prompts = FakePrompts()
    dialog = open_dialog(qtbot, runner, demo, prompts)
    assert dialog.operations.drafting_groups() == (NEWLY_REQUIRED, ALREADY_REQUIRED)
    both = bulk_drafts.draft_bulk(demo, DIRECTIVE, dry_run=True, on=ON,
                                  groups=(NEWLY_REQUIRED, ALREADY_REQUIRED))
    newly = bulk_drafts.draft_bulk(demo, DIRECTIVE, dry_run=True, on=ON)
    assert len(both.drafts) > len(newly.drafts)
    with qtbot.waitSignal(dialog.operations.finished, timeout=20_000):
        dialog.draft_button.click()
    assert f"Draft {len(both.drafts)} applications" in prompts.texts("confirm")[0]
    created = dialog.operations.last_drafts
    assert created is not None and created.created == len(both.drafts)


def test_cancelling_the_drafting_drafts_nothing(qtbot, runner, demo, monkeypatch) -> None:
    real = bulk_drafts.draft_bulk
    cancelled_seen = threading.Event()

    def slow(db, ruleset_id, dry_run=False, progress=None, cancel=None, **kw):  # type: ignore[no-untyped-def]
        if dry_run:
            return real(db, ruleset_id, dry_run=True, **kw)
        assert progress is not None and cancel is not None
        progress(0, 2)
        for _ in range(500):  # until the user presses Cancel (at most 10 s)
            if cancel():
                cancelled_seen.set()
                break
            threading.Event().wait(0.02)
        return real(db, ruleset_id, progress=progress, cancel=cancel, **kw)

    monkeypatch.setattr(impact_actions.bulk_drafts, "draft_bulk", slow)
    prompts = FakePrompts()
    dialog = open_dialog(qtbot, runner, demo, prompts)
    dialog.draft_button.click()
    qtbot.waitUntil(lambda: dialog.operations.progress_dialog is not None
                    and dialog.operations.progress_dialog.isVisible())
    assert not dialog.draft_button.isEnabled()  # nothing else starts meanwhile
    cancel = dialog.operations.progress_dialog.findChild(QPushButton)
    assert cancel is not None and cancel.text() == "Cancel"
    with qtbot.waitSignal(dialog.operations.finished, timeout=20_000) as done:
        cancel.click()
    assert done.args == ["cancelled"] and cancelled_seen.is_set()
    assert "Nothing was drafted" in prompts.texts("inform")[0]
    assert len(real(demo, DIRECTIVE, dry_run=True, on=ON).drafts) == 2


def test_a_date_outside_the_rule_set_is_refused_and_nothing_changes(
        qtbot, runner, demo) -> None:
    prompts = FakePrompts()
    dialog = open_dialog(qtbot, runner, demo, prompts)
    dialog.date_edit.setFocus()
    dialog.date_edit.selectAll()
    qtbot.keyClicks(dialog.date_edit, "2026-11-01")
    qtbot.keyClick(dialog.date_edit, Qt.Key.Key_Tab)  # leaving the field settles the date
    qtbot.waitUntil(lambda: "not on 2026-11-01" in dialog.message_label.text())
    assert prompts.texts("warn") == []  # changing the date only says so in place
    assert not dialog.suspend_button.isEnabled() and not dialog.draft_button.isEnabled()
    dialog.show_button.click()
    qtbot.waitUntil(lambda: bool(prompts.texts("warn")))
    assert prompts.texts("warn")[0] == (
        "The rule set ai-access-directive-2026 is in force from 2026-11-20, not on "
        "2026-11-01; give a date within that period")
    assert suspension_list(demo, DIRECTIVE) == []  # nothing suspended
    assert len(bulk_drafts.draft_bulk(demo, DIRECTIVE, dry_run=True, on=ON).drafts) == 2


def test_the_refusal_is_a_message_box_with_the_services_words(qtbot, runner, demo) -> None:
    dialog = open_dialog(qtbot, runner, demo, Prompts())
    dialog.date_edit.setFocus()
    dialog.date_edit.selectAll()
    qtbot.keyClicks(dialog.date_edit, "2026-11-01")
    qtbot.keyClick(dialog.date_edit, Qt.Key.Key_Tab)  # leaving the field settles the date
    qtbot.waitUntil(lambda: dialog.runner.pending == 0)
    dialog.show_button.click()

    def box() -> QMessageBox | None:
        found = [w for w in QApplication.topLevelWidgets()
                 if isinstance(w, QMessageBox) and w.isVisible()]
        return found[0] if found else None

    qtbot.waitUntil(lambda: box() is not None)
    message = box()
    assert message is not None
    assert message.text().startswith(
        "The rule set ai-access-directive-2026 is in force from 2026-11-20")
    assert "--date" not in message.text()
    assert "Traceback" not in message.text()
    message.close()


def test_without_a_rule_set_the_service_says_so_and_nothing_is_listed(
        qtbot, runner, demo) -> None:
    prompts = FakePrompts()
    dialog = open_dialog(qtbot, runner, demo, prompts)
    dialog.ruleset_combo.clear()  # e.g. every rule set file removed meanwhile
    dialog.show_button.click()
    qtbot.waitUntil(lambda: bool(prompts.texts("warn")))
    assert prompts.texts("warn")[0].startswith("No rule set ''; known rule sets:")
    assert dialog.report is None and dialog.proxy.rowCount() == 0
    assert not dialog.suspend_button.isEnabled() and not dialog.draft_button.isEnabled()
