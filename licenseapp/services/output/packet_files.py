"""Filing packets as files: one built for a preview, one saved, or many saved to a folder.

Every file is written whole or not at all (a temporary file in the same folder, then
``os.replace``), so a failure or a cancel never leaves a partial packet behind. The batch
builds the packets one after the other, reports progress before each, and checks its
cancel flag between packets: a cancel stops after the packet being written.
"""

from __future__ import annotations

import hashlib
import logging
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from licenseapp.errors import LicenseAppError

if TYPE_CHECKING:
    from licenseapp.store.database import Database

log = logging.getLogger(__name__)

#: ``progress(done, total, ref)``: ``done`` packets finished, ``ref`` the one starting now.
Progress = Callable[[int, int, str], None]


def packet_file_name(ref: str) -> str:
    """The file name a packet is saved under by default, e.g. ``LA-2026-0042-packet.pdf``."""
    return f"{ref.strip().upper()}-packet.pdf"


@dataclass(frozen=True)
class Packet:
    """A packet built in memory, with its fingerprint."""

    ref: str
    pdf: bytes
    sha256: str
    full_document_numbers: bool = False  # document numbers printed in full, not masked

    @property
    def file_name(self) -> str:
        return packet_file_name(self.ref)


def make_packet(db: Database, ref: str, *, full_document_numbers: bool = False) -> Packet:
    """Build the packet of ``ref`` (the same bytes as :func:`services.packets.build_packet`)."""
    from licenseapp.services.output.packets import build_packet

    if full_document_numbers:
        pdf = build_packet(db, ref, full_document_numbers=True)
    else:  # the plain call: what the masked packet has always been built with
        pdf = build_packet(db, ref)
    return Packet(ref.strip().upper(), pdf, hashlib.sha256(pdf).hexdigest(),
                  full_document_numbers)


def failure_text(exc: BaseException) -> str | None:
    """What to tell the user about a failed packet, or None when it is a bug."""
    if isinstance(exc, LicenseAppError):
        return exc.message
    from licenseapp.services.failures import explain

    explained = explain(exc)
    if explained:
        return explained[:1].upper() + explained[1:]
    from sqlalchemy.exc import DBAPIError

    if isinstance(exc, DBAPIError):
        detail = str(exc.orig if exc.orig is not None else exc).strip().splitlines()
        return "The database could not be read" + (f" ({detail[0]})" if detail else "")
    if isinstance(exc, OSError):
        return _os_error_text(exc, exc.filename)
    return None


def _os_error_text(exc: OSError, path: object) -> str:
    where = f" {path}" if path else ""
    return f"Cannot write{where}: {exc.strerror or exc}"


def write_file_atomically(path: Path, content: bytes, *,
                          database: Database | None = None, replace: bool = True) -> Path:
    """Write ``content`` to ``path`` whole or not at all, 0600; returns the absolute path.

    ``replace`` is true by default: the save dialog asked before replacing a file. Never the
    open ``database``, a folder or a device. A failure (a missing or read-only folder, a full
    disk) raises a :class:`~licenseapp.errors.LicenseAppError` naming the path; no partial
    file is left.
    """
    from licenseapp.services.output.output_files import check_output, write_bytes_atomically

    path = Path(path).expanduser().absolute()
    check_output(path, database=database, replace=replace)
    return write_bytes_atomically(path, content)


def save_packet(db: Database, ref: str, path: Path, *, replace: bool = False) -> Path:
    """Build the packet of ``ref`` and write it to ``path``; returns where it was written."""
    from licenseapp.services.output.output_files import check_output
    from licenseapp.services.output.packets import build_packet

    check_output(path, database=db, replace=replace)
    return write_file_atomically(path, build_packet(db, ref), database=db, replace=replace)


@dataclass(frozen=True)
class SavedPacket:
    ref: str
    path: Path
    size: int
    replaced: bool  # a file of that name was there before


@dataclass(frozen=True)
class FailedPacket:
    ref: str
    reason: str


@dataclass(frozen=True)
class PacketBatch:
    """What a batch did: the packets saved, those that failed and why, those not started."""

    folder: Path
    saved: tuple[SavedPacket, ...]
    failed: tuple[FailedPacket, ...]
    not_started: tuple[str, ...]

    @property
    def cancelled(self) -> bool:
        return bool(self.not_started)

    @property
    def total(self) -> int:
        return len(self.saved) + len(self.failed) + len(self.not_started)


def save_packets(
    db: Database,
    refs: Sequence[str],
    folder: Path,
    *,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
) -> PacketBatch:
    """Save the packet of each of ``refs`` into ``folder`` as ``<REF>-packet.pdf``.

    One packet failing (deleted, unreadable) is recorded and the others still saved. When
    ``cancel`` is set, the batch stops after the packet being built; the files finished are
    kept. A folder that cannot be used at all raises :class:`LicenseAppError` before any work.
    """
    folder = Path(folder).expanduser().absolute()
    if not folder.is_dir():
        raise LicenseAppError(f"Cannot save packets in {folder}: it is not a folder")
    saved: list[SavedPacket] = []
    failed: list[FailedPacket] = []
    total = len(refs)
    for done, ref in enumerate(refs):
        if cancel is not None and cancel.is_set():
            return PacketBatch(folder, tuple(saved), tuple(failed), tuple(refs[done:]))
        if progress is not None:
            progress(done, total, ref)
        target = folder / packet_file_name(ref)
        existed = target.exists()
        try:
            from licenseapp.services.output.packets import build_packet

            pdf = build_packet(db, ref)
            write_file_atomically(target, pdf, database=db)
        except Exception as exc:  # one packet's failure never stops the rest
            reason = failure_text(exc)
            if reason is None:
                log.exception("packet %s could not be saved", ref)
                reason = f"Unexpected error ({type(exc).__name__}: {exc}); see the log"
            failed.append(FailedPacket(ref, reason))
        else:
            saved.append(SavedPacket(ref, target, len(pdf), existed))
    if progress is not None:
        progress(total, total, "")
    return PacketBatch(folder, tuple(saved), tuple(failed), ())
