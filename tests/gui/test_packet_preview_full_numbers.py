"""Preview packet…: "Show document numbers in full" rebuilds the packet off the GUI thread, and
Save as writes the packet shown."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QSettings

from licenseapp.gui.packets.preview_dialog import PacketPreviewDialog
from licenseapp.services.output.packets import build_packet

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")

REF = "LA-2026-0002"
PASSPORT = "K98765432"


@pytest.fixture(autouse=True)
def _settings(tmp_path: Path) -> None:
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path))


@pytest.fixture
def with_passport(db, sample_db_url: str):
    """The sample database, the foreign national of REF holding a passport."""
    from sqlalchemy import select

    from licenseapp.store.models import Application, Person, PersonDocument

    with db.unit_of_work() as s:
        app = s.execute(select(Application).where(Application.ref == REF)).scalar_one()
        person = s.get(Person, app.person_id)
        assert person is not None
        person.documents.append(PersonDocument(kind="passport", number=PASSPORT,
                                               issuing_country="JO",
                                               expires_on=date(2031, 6, 30)))
    return db


def _text(pdf: bytes) -> str:
    return " ".join(" ".join(p.extract_text() or "" for p in
                             PdfReader(io.BytesIO(pdf)).pages).split())


def test_the_checkbox_rebuilds_with_numbers_in_full_and_back(
    qtbot, runner, with_passport, tmp_path: Path
) -> None:
    dialog = PacketPreviewDialog(runner, with_passport, REF, folder="")
    qtbot.addWidget(dialog)
    dialog.show()
    box = dialog.full_numbers_box
    assert box.text() == "Show document &numbers in full"
    assert not box.isChecked()
    with qtbot.waitSignal(dialog.loaded, timeout=30_000):
        pass
    assert dialog.packet is not None and not dialog.packet.full_document_numbers
    masked = _text(dialog.packet.pdf)
    assert PASSPORT not in masked and "••••••432" in masked
    assert "in full" not in dialog.heading.text()

    with qtbot.waitSignal(dialog.loaded, timeout=30_000):
        box.click()  # as the user does
        assert dialog.packet is None  # nothing to save or print while it rebuilds
        assert dialog.busy_label.text() == f"Building packet for {REF}…"
        assert not dialog.save_button.isEnabled() and not dialog.print_button.isEnabled()
    packet = dialog.packet
    assert packet is not None and packet.full_document_numbers
    assert PASSPORT in _text(packet.pdf)
    assert "Document numbers printed in full" in _text(packet.pdf)
    assert "document numbers in full" in dialog.heading.text()
    assert dialog.stack.currentWidget() is dialog.viewer
    assert dialog.viewer.document.pageCount() == len(PdfReader(io.BytesIO(packet.pdf)).pages)

    target = tmp_path / "full.pdf"
    with qtbot.waitSignal(dialog.saved, timeout=30_000):
        dialog.save_to(str(target))
    assert target.read_bytes() == packet.pdf
    assert target.read_bytes() == build_packet(with_passport, REF, full_document_numbers=True)

    with qtbot.waitSignal(dialog.loaded, timeout=30_000):
        box.setChecked(False)
    assert dialog.packet is not None and not dialog.packet.full_document_numbers
    assert dialog.packet.pdf == build_packet(with_passport, REF)
    assert "in full" not in dialog.heading.text()


def test_a_quick_second_toggle_shows_the_last_choice(qtbot, runner, with_passport) -> None:
    dialog = PacketPreviewDialog(runner, with_passport, REF, folder="")
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.full_numbers_box.setChecked(True)  # while the first (masked) build still runs
    qtbot.waitUntil(lambda: runner.pending == 0 and dialog.packet is not None, timeout=60_000)
    assert dialog.packet is not None and dialog.packet.full_document_numbers
    assert PASSPORT in _text(dialog.packet.pdf)
