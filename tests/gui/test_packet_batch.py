"""Save packets for selection…: every selected packet saved, cancel, and failures reported."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt

from licenseapp.gui.applications.model import ApplicationColumn
from licenseapp.gui.main_window import MainWindow
from licenseapp.gui.packets.batch_dialog import PacketBatchDialog
from licenseapp.services.output.packets import build_packet

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")

REFS = ["LA-2026-0001", "LA-2026-0002", "LA-2026-0003"]


@pytest.fixture(autouse=True)
def _settings(tmp_path: Path) -> None:
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path))


@pytest.fixture
def samples(db, sample_db_url: str):
    """The open database, holding the six sample applications."""
    return db


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    out = tmp_path / "packets"
    out.mkdir()
    return out


def _files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def _batch(qtbot, runner, db, refs: list[str], folder: Path) -> PacketBatchDialog:
    dialog = PacketBatchDialog(runner, db, refs, folder)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _click_ref(qtbot, win: MainWindow, ref: str, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    proxy, table = win.applications.proxy, win.applications.table
    row = next(r for r in range(proxy.rowCount())
               if proxy.index(r, ApplicationColumn.REF).data() == ref)
    rect = table.visualRect(proxy.index(row, ApplicationColumn.STATUS))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, modifier, rect.center())


def test_the_window_saves_a_packet_for_each_selected_application(
    qtbot, window, samples, sample_db_url, folder
) -> None:
    window.open_database(sample_db_url)
    qtbot.waitUntil(lambda: window.applications.is_loaded
                    and window.applications.proxy.rowCount() > 0)
    action = window.packets.save_selection_action
    assert not action.isEnabled()
    _click_ref(qtbot, window, REFS[0])
    for ref in REFS[1:]:
        _click_ref(qtbot, window, ref, Qt.KeyboardModifier.ControlModifier)
    assert window.packets.selected_refs() == sorted(REFS, reverse=True)  # as the list shows
    assert action.isEnabled()
    assert "3 selected applications" in action.statusTip()

    dialog = window.packets.start_batch(str(folder))
    assert dialog is not None
    with qtbot.waitSignal(dialog.finishedBatch, timeout=60_000) as finished:
        pass
    batch = finished.args[0]
    assert len(batch.saved) == 3 and not batch.failed and not batch.cancelled
    assert _files(folder) == [f"{ref}-packet.pdf" for ref in REFS]
    for ref in REFS:
        assert (folder / f"{ref}-packet.pdf").read_bytes() == build_packet(samples, ref)
    assert dialog.heading.text() == "<b>3 packets saved.</b>"
    assert str(folder) in dialog.current_label.text()
    assert dialog.progress_bar.value() == 3
    assert dialog.close_button.isVisible() and not dialog.cancel_button.isVisible()
    assert not dialog.failures.isVisible()
    dialog.close_button.click()
    qtbot.waitUntil(lambda: window.packets.batch_dialog is None)

    window.applications.table.clearSelection()
    qtbot.waitUntil(lambda: not action.isEnabled())


def test_cancel_stops_after_the_packet_being_saved(
    qtbot, runner, samples, folder, monkeypatch
) -> None:
    from licenseapp.services.output import packets

    real = packets.build_packet
    building_first, go_on = threading.Event(), threading.Event()

    def held_build(db, ref: str) -> bytes:
        if ref == REFS[0]:
            building_first.set()
            assert go_on.wait(30), "the test never let the first packet finish"
        return real(db, ref)

    monkeypatch.setattr(packets, "build_packet", held_build)
    dialog = _batch(qtbot, runner, samples, REFS, folder)
    dialog.start()
    qtbot.waitUntil(lambda: dialog.current_label.text() == f"Packet 1 of 3: {REFS[0]}")
    assert building_first.is_set()
    assert dialog.progress_bar.value() == 0
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    assert dialog.current_label.text() == f"Stopping after {REFS[0]}…"
    assert not dialog.cancel_button.isEnabled()
    dialog.close()  # closing while it runs is the same as Cancel: the dialog stays
    assert dialog.isVisible() and dialog.running

    with qtbot.waitSignal(dialog.finishedBatch, timeout=60_000) as finished:
        go_on.set()
    batch = finished.args[0]
    assert [s.ref for s in batch.saved] == [REFS[0]]
    assert batch.not_started == tuple(REFS[1:])
    assert _files(folder) == [f"{REFS[0]}-packet.pdf"]  # finished file kept, no partial
    assert (folder / f"{REFS[0]}-packet.pdf").read_bytes() == real(samples, REFS[0])
    assert dialog.heading.text() == "<b>1 of 3 packets saved.</b>"
    assert f"Cancelled: 2 packets not started ({REFS[1]}, {REFS[2]})" in (
        dialog.current_label.text())


def test_a_failed_packet_is_reported_and_the_others_saved(
    qtbot, runner, samples, folder
) -> None:
    # The list was loaded before the database changed under it: one reference names nothing
    # any more (applications are never deleted, but a restore or another database can).
    refs = [REFS[0], "LA-2026-0999", REFS[2]]
    dialog = _batch(qtbot, runner, samples, refs, folder)
    with qtbot.waitSignal(dialog.finishedBatch, timeout=60_000) as finished:
        dialog.start()
    batch = finished.args[0]
    assert [s.ref for s in batch.saved] == [REFS[0], REFS[2]]
    assert [f.ref for f in batch.failed] == ["LA-2026-0999"]
    assert _files(folder) == [f"{REFS[0]}-packet.pdf", f"{REFS[2]}-packet.pdf"]
    assert dialog.heading.text() == "<b>2 of 3 packets saved.</b>"
    assert "1 packet could not be saved:" in dialog.current_label.text()
    assert dialog.failures.isVisible() and dialog.failures.topLevelItemCount() == 1
    item = dialog.failures.topLevelItem(0)
    assert item.text(0) == "LA-2026-0999"
    assert item.text(1).startswith("No application") and "LA-2026-0999" in item.text(1)
    assert dialog.show_folder_button.isVisible()


def test_a_folder_that_is_not_there_saves_nothing_and_says_so(
    qtbot, runner, samples, tmp_path
) -> None:
    missing = tmp_path / "nowhere"
    dialog = _batch(qtbot, runner, samples, REFS, missing)
    with qtbot.waitSignal(dialog.batchFailed, timeout=60_000) as failed:
        dialog.start()
    assert str(missing) in failed.args[0]
    assert dialog.heading.text() == "<b>No packet was saved.</b>"
    assert str(missing) in dialog.current_label.text()
    assert not missing.exists()
    assert dialog.close_button.isVisible() and not dialog.show_folder_button.isVisible()
