"""Ready to file with warnings, from the desktop app: the dialog lists them and records the
acknowledgement, as the command line's ``--acknowledge-warnings`` does."""

from __future__ import annotations

import json
from functools import partial

import pytest
from PySide6.QtCore import QPoint, Qt
from sqlalchemy import select

from licenseapp.domain.checker.headline import headline
from licenseapp.domain.counted import counted
from licenseapp.gui.tracking.status_dialog import StatusChangeDialog

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


def only_warnings(db) -> str:  # type: ignore[no-untyped-def]
    """An application of the demo that "ready to file" refuses for warnings only."""
    from licenseapp.domain.checker import errors, warnings
    from licenseapp.domain.enums import ApplicationStatus as S
    from licenseapp.domain.lifecycle import lifecycle
    from licenseapp.services.drafts.applications import list_applications
    from licenseapp.services.drafts.checking import check_application

    for row in list_applications(db):
        findings = check_application(db, row.ref)
        if (S.READY in lifecycle(row.regulator).allowed(row.status)
                and warnings(findings) and not errors(findings)):
            return row.ref
    raise AssertionError("the demo has no application with warnings only")


@pytest.fixture
def warned(db):  # type: ignore[no-untyped-def]
    from licenseapp.demo.dataset import generate_demo

    generate_demo(db)
    return only_warnings(db)


def open_dialog(qtbot, runner, db, ref: str) -> StatusChangeDialog:  # type: ignore[no-untyped-def]
    from licenseapp.services.drafts.applications import get_application
    from licenseapp.services.follow_up.tracking import change_status

    dialog = StatusChangeDialog(runner, partial(change_status, db), get_application(db, ref).row)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_the_warnings_are_shown_ticked_and_the_acknowledgement_recorded(
        qtbot, runner, db, warned: str) -> None:
    from licenseapp.domain.checker import warnings
    from licenseapp.services.drafts.applications import get_application
    from licenseapp.services.drafts.checking import check_application
    from licenseapp.store.models import Application, AuditEntry, StatusEvent

    expected = warnings(check_application(db, warned))
    before = get_application(db, warned).row.status
    dialog = open_dialog(qtbot, runner, db, warned)
    dialog.target_combo.setCurrentIndex(dialog.target_combo.findData("ready"))
    assert not dialog.warnings_panel.isVisible()
    assert dialog.ok_button.isEnabled()

    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(dialog.warnings_panel.isVisible)
    assert dialog.refusal_box is None  # in the dialog, beside the box to tick
    listed = [dialog.warnings_list.item(i).text() for i in range(dialog.warnings_list.count())]
    assert listed == [f"• {headline(f)}" for f in expected]
    assert f"{warned} has {counted(len(expected), 'warning')} from" in dialog.warnings_label.text()
    assert not dialog.acknowledge_box.isChecked()
    assert not dialog.ok_button.isEnabled()  # nothing to send until the box is ticked
    assert "Tick the box" in dialog.hint_label.text()
    assert "--" not in dialog.hint_label.text() + dialog.warnings_label.text()
    assert get_application(db, warned).row.status == before  # nothing recorded yet
    assert dialog.focusWidget() is dialog.acknowledge_box

    qtbot.mouseClick(dialog.acknowledge_box, Qt.MouseButton.LeftButton,
                     pos=QPoint(8, dialog.acknowledge_box.height() // 2))
    assert dialog.acknowledge_box.isChecked() and dialog.ok_button.isEnabled()
    qtbot.keyClick(dialog.acknowledge_box, Qt.Key.Key_Space)  # and back, by the keyboard
    assert not dialog.acknowledge_box.isChecked() and not dialog.ok_button.isEnabled()
    qtbot.keyClick(dialog.acknowledge_box, Qt.Key.Key_Space)
    assert dialog.acknowledge_box.isChecked() and dialog.change().acknowledge_warnings

    with qtbot.waitSignal(dialog.succeeded, timeout=10_000):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    keys = [f.key for f in expected]
    with db.reading() as session:
        app = session.execute(select(Application).where(Application.ref == warned)).scalar_one()
        assert app.status == "ready"
        assert json.loads(app.acknowledged_warnings) == keys
        event = session.execute(select(StatusEvent).where(StatusEvent.application_id == app.id)
                                .order_by(StatusEvent.id.desc())).scalars().first()
        assert (event.from_status, event.to_status, event.actor) == (before, "ready", "tester")
        entry = session.execute(select(AuditEntry).order_by(AuditEntry.id.desc())
                                ).scalars().first()
        assert (entry.action, entry.entity_id) == ("status", warned)
        assert json.loads(entry.after_json)["acknowledged_warnings"] == keys


def test_another_status_hides_the_warnings_and_acknowledges_nothing(
        qtbot, runner, db, warned: str) -> None:
    dialog = open_dialog(qtbot, runner, db, warned)
    dialog.target_combo.setCurrentIndex(dialog.target_combo.findData("ready"))
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(dialog.warnings_panel.isVisible)
    qtbot.keyClick(dialog.acknowledge_box, Qt.Key.Key_Space)
    other = next(v for v in dialog.offered() if v != "ready")
    dialog.target_combo.setCurrentIndex(dialog.target_combo.findData(other))
    assert not dialog.warnings_panel.isVisible()
    assert not dialog.change().acknowledge_warnings  # only "ready to file" takes it
    dialog.target_combo.setCurrentIndex(dialog.target_combo.findData("ready"))
    assert dialog.warnings_panel.isVisible()  # still read; the box as it was left
    assert dialog.change().acknowledge_warnings
