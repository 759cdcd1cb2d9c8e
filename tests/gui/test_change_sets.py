"""A change reaches only the screens that show it, as rows updated in place, never a reload of
everything; a hidden screen catches up when it is shown."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtTest import QTest

from licenseapp.gui.tracking.status_dialog import StatusChangeDialog
from licenseapp.services.changes import Changes, Kind


@pytest.fixture(autouse=True)
def _settings(tmp_path) -> None:
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path))


class Resets:
    """Counts the full reloads of a model (resets), which a change must not cause."""

    def __init__(self, model) -> None:
        self.count = 0
        model.modelReset.connect(self._reset)

    def _reset(self) -> None:
        self.count += 1


def _loaded(qtbot, window, runner, sample_db_url) -> None:
    window.open_database(sample_db_url)
    qtbot.waitUntil(lambda: window.applications.is_loaded, timeout=10_000)
    window.show_page(window.deadlines)
    qtbot.waitUntil(lambda: window.deadlines.model.rowCount() > 0 and runner.pending == 0,
                    timeout=10_000)
    window.show_page(window.authorization)
    qtbot.waitUntil(lambda: window.authorization.is_loaded and runner.pending == 0,
                    timeout=10_000)
    window.show_page(window.applications)


def test_a_status_change_updates_its_row_its_deadline_and_not_the_rest(
    qtbot, window, runner, sample_db_url
) -> None:
    _loaded(qtbot, window, runner, sample_db_url)
    apps, deadlines = window.applications, window.deadlines
    list_resets, deadline_resets = Resets(apps.model), Resets(deadlines.model)
    matrix_resets = Resets(window.authorization.model)
    before = [(r.ref, r.status) for r in apps.model.loaded_rows()]
    ref = "LA-2026-0003"  # DDTC, registered
    apps.select_ref(ref)
    qtbot.waitUntil(lambda: window.tracking.change_status_action.isEnabled())
    QTest.keyClick(window, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    dialog = window.tracking.dialog
    assert isinstance(dialog, StatusChangeDialog)
    dialog.target_combo.setCurrentIndex(dialog.target_combo.findData("info_requested"))
    QTest.keyClicks(dialog.note_edit, "They ask for the resume")
    with qtbot.waitSignal(window.operations.changed, timeout=10_000) as changed:
        QTest.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    changes = changed.args[0]
    assert changes.refs(Kind.APPLICATIONS) == {ref}
    qtbot.waitUntil(lambda: f"rfi:{ref}" in {d.key for d in deadlines.model.deadlines()},
                    timeout=10_000)
    qtbot.waitUntil(lambda: runner.pending == 0)
    row = apps.model.row_at(apps.model.row_of(ref))
    assert row.status == "info_requested"
    assert "They ask for the resume" in window.details.plain_text()
    # Only that row changed, in place: same rows, same order, no reload of any list.
    after = [(r.ref, r.status) for r in apps.model.loaded_rows()]
    assert [x for x in after if x[0] != ref] == [x for x in before if x[0] != ref]
    assert (list_resets.count, deadline_resets.count) == (0, 0)
    assert apps.selected_ref() == ref
    # The matrix is hidden: it waits, and catches up (by rows) when shown.
    assert window.updates.waiting(window.authorization).refs(Kind.APPLICATIONS) == {ref}
    window.show_page(window.authorization)
    qtbot.waitUntil(lambda: runner.pending == 0)
    assert not window.updates.waiting(window.authorization)
    assert matrix_resets.count == 0


def test_a_new_draft_is_added_at_the_top_and_a_filtered_out_row_leaves(
    qtbot, window, runner, sample_db_url, db
) -> None:
    import dataclasses

    from licenseapp.domain.enums import ApplicationStatus
    from licenseapp.services.changes import application_changes
    from licenseapp.services.drafts.draft_editing import load_draft, save_draft
    from licenseapp.services.follow_up.tracking import StatusChange, change_status

    window.open_database(sample_db_url)
    qtbot.waitUntil(lambda: window.applications.is_loaded, timeout=10_000)
    window.show_page(window.applications)
    apps = window.applications
    resets = Resets(apps.model)
    count = apps.model.rowCount()
    copy = dataclasses.replace(load_draft(db, "LA-2026-0001"), id=None, ref="", version=0)
    new_ref = save_draft(db, copy).ref
    window.operations.announce(application_changes([new_ref]))
    qtbot.waitUntil(lambda: apps.model.rowCount() == count + 1, timeout=10_000)
    assert apps.model.row_at(0).ref == new_ref
    # "With the regulator" shown; a registered one withdrawn leaves the filtered list.
    apps.status_combo.setCurrentIndex(apps.status_combo.findText("With the regulator"))
    shown = apps.proxy.rowCount()
    result = change_status(db, StatusChange("LA-2026-0003", ApplicationStatus.WITHDRAWN))
    window.operations.announce(result.changes)
    qtbot.waitUntil(lambda: apps.proxy.rowCount() == shown - 1, timeout=10_000)
    assert resets.count == 0


def test_a_change_beyond_naming_reloads_the_list(qtbot, window, runner, sample_db_url) -> None:
    window.open_database(sample_db_url)
    qtbot.waitUntil(lambda: window.applications.is_loaded, timeout=10_000)
    resets = Resets(window.applications.model)
    window.operations.announce(Changes.all_of(Kind.PEOPLE))  # the list is hidden: it waits
    assert window.updates.waiting(window.applications).is_whole(Kind.PEOPLE)
    assert resets.count == 0
    window.show_page(window.applications)
    qtbot.waitUntil(lambda: resets.count == 1, timeout=10_000)


def test_a_hidden_screen_shown_after_a_sweeping_change_loads_once(
    qtbot, window, runner, sample_db_url, monkeypatch
) -> None:
    import licenseapp.gui.authorization.page as matrix_page
    import licenseapp.gui.tracking.deadlines_page as deadlines_page

    _loaded(qtbot, window, runner, sample_db_url)
    loads = {"matrix": 0, "deadlines": 0}
    real_matrix, real_deadlines = matrix_page.load_matrix, deadlines_page.load_deadlines

    def count_matrix(*args):
        loads["matrix"] += 1
        return real_matrix(*args)

    def count_deadlines(*args):
        loads["deadlines"] += 1
        return real_deadlines(*args)

    monkeypatch.setattr(matrix_page, "load_matrix", count_matrix)
    monkeypatch.setattr(deadlines_page, "load_deadlines", count_deadlines)
    window.operations.announce(Changes.all_of(Kind.PEOPLE, Kind.ACCESS))  # an import
    qtbot.waitUntil(lambda: runner.pending == 0)
    window.show_page(window.authorization)
    qtbot.waitUntil(lambda: runner.pending == 0 and window.authorization.is_loaded)
    qtbot.wait(50)
    qtbot.waitUntil(lambda: runner.pending == 0)
    assert loads == {"matrix": 1, "deadlines": 1}  # the deadlines are always kept current
