"""Packets as files: written whole or not at all, saved in batches with progress and cancel."""

from __future__ import annotations

import hashlib
import os
import threading
from pathlib import Path

import pytest
from factories import make_application

from licenseapp.errors import LicenseAppError
from licenseapp.services.output import packet_files
from licenseapp.services.output.packet_files import (
    make_packet,
    packet_file_name,
    save_packet,
    save_packets,
    write_file_atomically,
)
from licenseapp.services.output.packets import build_packet

REFS = ["LA-2026-0001", "LA-2026-0002", "LA-2026-0003"]


@pytest.fixture
def out(tmp_path: Path) -> Path:
    """An empty folder for the packets (the test database may sit in tmp_path)."""
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


@pytest.fixture
def three(db):
    for ref in REFS:
        make_application(db, ref)
    return db


def test_the_default_file_name_is_the_reference() -> None:
    assert packet_file_name(" la-2026-0042 ") == "LA-2026-0042-packet.pdf"


def test_a_packet_made_for_preview_is_the_packet_with_its_fingerprint(three) -> None:
    packet = make_packet(three, REFS[0])
    assert packet.pdf == build_packet(three, REFS[0])
    assert packet.sha256 == hashlib.sha256(packet.pdf).hexdigest()
    assert packet.file_name == f"{REFS[0]}-packet.pdf"


def test_save_packet_writes_the_same_bytes(three, out: Path) -> None:
    written = save_packet(three, REFS[0], out / "p.pdf")
    assert written == out / "p.pdf"
    assert written.read_bytes() == build_packet(three, REFS[0])


def test_a_failed_write_leaves_the_old_file_and_no_temporary(
    out: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = out / "p.pdf"
    target.write_bytes(b"the earlier packet")

    def full_disk(src: str, dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", full_disk)
    with pytest.raises(LicenseAppError) as refused:
        write_file_atomically(target, b"%PDF-new")
    assert str(target) in str(refused.value) and "No space left" in str(refused.value)
    assert [p.name for p in out.iterdir()] == ["p.pdf"]
    assert target.read_bytes() == b"the earlier packet"


def test_a_missing_folder_is_named(out: Path) -> None:
    with pytest.raises(LicenseAppError, match="nowhere"):
        write_file_atomically(out / "nowhere" / "p.pdf", b"%PDF")


def test_a_batch_saves_every_packet_and_reports_progress(three, out: Path) -> None:
    seen: list[tuple[int, int, str]] = []
    (out / f"{REFS[2]}-packet.pdf").write_bytes(b"old")
    batch = save_packets(three, REFS, out, progress=lambda *a: seen.append(a))
    assert seen == [(0, 3, REFS[0]), (1, 3, REFS[1]), (2, 3, REFS[2]), (3, 3, "")]
    assert [s.ref for s in batch.saved] == REFS
    assert [s.replaced for s in batch.saved] == [False, False, True]
    for ref in REFS:
        assert (out / f"{ref}-packet.pdf").read_bytes() == build_packet(three, ref)
    assert not batch.failed and not batch.cancelled and batch.total == 3


def test_cancel_stops_after_the_packet_in_progress(three, out: Path) -> None:
    cancel = threading.Event()

    def progress(done: int, total: int, ref: str) -> None:
        if ref == REFS[1]:
            cancel.set()  # pressed while the second packet is being built

    batch = save_packets(three, REFS, out, progress=progress, cancel=cancel)
    assert [s.ref for s in batch.saved] == REFS[:2]
    assert batch.not_started == (REFS[2],) and batch.cancelled
    assert sorted(p.name for p in out.iterdir()) == [
        f"{ref}-packet.pdf" for ref in REFS[:2]]


def test_one_failure_does_not_stop_the_others(
    three, out: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    refs = [REFS[0], "LA-2026-0999", REFS[1]]
    batch = save_packets(three, refs, out)
    assert [s.ref for s in batch.saved] == [REFS[0], REFS[1]]
    assert [f.ref for f in batch.failed] == ["LA-2026-0999"]
    assert "LA-2026-0999" in batch.failed[0].reason
    assert sorted(p.name for p in out.iterdir()) == [
        f"{REFS[0]}-packet.pdf", f"{REFS[1]}-packet.pdf"]


def test_a_bug_in_one_packet_is_logged_and_reported(
    three, out: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    from licenseapp.services.output import packets

    def broken(db: object, ref: str) -> bytes:
        raise KeyError("layout")

    monkeypatch.setattr(packets, "build_packet", broken)
    batch = save_packets(three, REFS[:1], out)
    assert batch.failed[0].reason.startswith("Unexpected error (KeyError")
    assert "could not be saved" in caplog.text
    assert list(out.iterdir()) == []


def test_a_folder_that_is_not_a_folder_is_refused_before_any_work(
    three, out: Path
) -> None:
    with pytest.raises(LicenseAppError, match="not a folder"):
        save_packets(three, REFS, out / "missing")


def test_database_failures_are_said_plainly() -> None:
    from sqlalchemy.exc import OperationalError

    text = packet_files.failure_text(
        OperationalError("SELECT 1", {}, Exception("server closed the connection unexpectedly")))
    assert text is not None and text.startswith("The connection to the database server was lost")
    assert packet_files.failure_text(ValueError("bug")) is None
