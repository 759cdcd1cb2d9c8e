"""Supporting documents of an application: attach, replace, remove, list and view.

Each operation is one unit of work with its audit entry. Bytes are never deleted: a removed
attachment keeps them (``removed_at``/``removed_by`` set), and a replaced one stays as the
row its replacement's ``replaces_id`` points at — neither is current, neither is printed.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from licenseapp.domain.enums import AttachmentKind
from licenseapp.domain.sniffing import (
    MAX_ATTACHMENT_BYTES,
    SniffResult,
    display_name,
    sniff,
    too_big,
)
from licenseapp.errors import LicenseAppError, NotFoundError, ValidationError
from licenseapp.services.lookup import application_by_ref
from licenseapp.store import audit
from licenseapp.store.base import utcnow
from licenseapp.store.database import Database
from licenseapp.store.models import Application, Attachment, AttachmentSafety


@dataclass(frozen=True)
class AttachmentView:
    """One attachment without its bytes (read them with :func:`attachment_bytes`)."""

    id: int
    application_ref: str
    kind: str
    file_name: str
    media_type: str
    size: int
    sha256: str
    created_at: datetime
    created_by: str
    replaces_id: int | None = None
    warnings: tuple[str, ...] = ()
    #: Why the file is unsafe (empty: nothing found); see :attr:`blocks`.
    hazards: tuple[str, ...] = ()
    accepted_by: str | None = None
    accepted_at: datetime | None = None

    @property
    def shown_name(self) -> str:
        """The file name safe to display (control and bidi characters made visible)."""
        return display_name(self.file_name)

    @property
    def blocks(self) -> bool:
        """An unsafe file nobody has accepted yet: it blocks the packet and filing."""
        return bool(self.hazards) and self.accepted_at is None

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id, "application": self.application_ref, "kind": self.kind,
            "file_name": self.file_name, "media_type": self.media_type, "size": self.size,
            "sha256": self.sha256, "created_at": self.created_at.isoformat(),
            "created_by": self.created_by, "replaces_id": self.replaces_id,
            "unsafe": list(self.hazards), "accepted_by": self.accepted_by,
            "accepted_at": self.accepted_at.isoformat() if self.accepted_at else None,
        }


def hazards_of(safety: AttachmentSafety | None) -> tuple[str, ...]:
    """The stored safety findings (none when the file was found safe)."""
    if safety is None or not safety.findings:
        return ()
    try:
        found = json.loads(safety.findings)
    except ValueError:
        found = None
    if not isinstance(found, list) or not found:
        return ("the stored safety finding is unreadable; review the file",)
    return tuple(str(f) for f in found)


def blocking(safety: AttachmentSafety | None) -> bool:
    """The attachment is unsafe and not yet accepted by a person."""
    return bool(hazards_of(safety)) and safety is not None and safety.accepted_at is None


def safety_rows(session: Session, ids: list[int]) -> dict[int, AttachmentSafety]:
    """The safety findings of the attachments ``ids`` that have any."""
    if not ids:
        return {}
    return {r.attachment_id: r for r in session.execute(
        select(AttachmentSafety).where(AttachmentSafety.attachment_id.in_(ids))).scalars()}


def attachment_kind(value: str) -> AttachmentKind:
    try:
        return AttachmentKind(value.strip().lower().replace("-", "_"))
    except ValueError:
        names = ", ".join(k.value for k in AttachmentKind)
        raise ValidationError("kind", f"{value!r} is not a document kind; use {names}") from None


_CHUNK = 1024 * 1024


def _read_file(path: Path) -> bytes:
    """The bytes of the regular file ``path``, never more than the limit + 1 byte.

    Anything but a regular file (a pipe, a device, a socket, a folder) is refused from its
    ``stat`` before it is opened; it is opened with ``O_NONBLOCK`` so a pipe swapped in between
    can never block; the size from ``stat`` is checked before a byte is read, and the read
    stops at the limit + 1 byte whatever the file grows to meanwhile.
    """
    shown = str(path)
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise NotFoundError(f"no file {shown!r}") from None
    except OSError as exc:
        raise LicenseAppError(f"cannot read {shown!r}: {exc.strerror or exc}") from None
    if stat.S_ISDIR(info.st_mode):
        raise ValidationError("file", f"{shown!r} is a folder, not a file")
    if not stat.S_ISREG(info.st_mode):
        raise ValidationError("file", f"{shown!r} is not a regular file (a pipe, device or "
                              "socket); attach a saved PDF, PNG or JPEG")
    too_big(path.name, info.st_size)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise LicenseAppError(f"cannot read {shown!r}: {exc.strerror or exc}") from None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise ValidationError("file", f"{shown!r} is not a regular file; attach a saved "
                                  "PDF, PNG or JPEG")
        chunks: list[bytes] = []
        total = 0
        while total <= MAX_ATTACHMENT_BYTES:
            chunk = os.read(fd, min(_CHUNK, MAX_ATTACHMENT_BYTES + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
    except OSError as exc:
        raise LicenseAppError(f"cannot read {shown!r}: {exc.strerror or exc}") from None
    finally:
        os.close(fd)
    content = b"".join(chunks)
    too_big(path.name, len(content))
    return content


def _storable_name(name: str) -> str:
    """The file name as both databases can store it: a NUL (which no real file name holds,
    and PostgreSQL refuses) and the undecodable bytes of a file-system name (lone surrogates,
    which no UTF-8 database takes) become U+FFFD; other odd characters stay, flagged."""
    cleaned = "".join("\ufffd" if c == "\x00" or "\ud800" <= c <= "\udfff" else c
                      for c in name)
    return cleaned[:255]


def _read(source: str | Path | bytes, file_name: str | None) -> tuple[bytes, str]:
    if isinstance(source, bytes | bytearray | memoryview):
        if not file_name:
            raise ValidationError("file", "a file name is needed with the bytes")
        return bytes(source), _storable_name(file_name)
    path = Path(source)
    return _read_file(path), _storable_name(file_name or path.name)


def _rows(session: Session, app: Application) -> list[Attachment]:
    """The non-removed attachments of ``app`` (its own and its person's), oldest first."""
    owners = [Attachment.application_id == app.id]
    if app.person_id is not None:
        owners.append(Attachment.person_id == app.person_id)
    return list(session.execute(
        select(Attachment).where(or_(*owners), Attachment.removed_at.is_(None))
        .order_by(Attachment.id)
    ).scalars())


def _current(rows: list[Attachment]) -> list[Attachment]:
    replaced = {r.replaces_id for r in rows if r.replaces_id is not None}
    return [r for r in rows if r.id not in replaced]


def _owner_ref(session: Session, row: Attachment) -> str:
    if row.application_id is not None:
        app = session.get(Application, row.application_id)
        return app.ref if app else ""
    return ""


def _view(row: Attachment, ref: str, warnings: tuple[str, ...] = (),
          safety: AttachmentSafety | None = None) -> AttachmentView:
    return AttachmentView(
        id=row.id, application_ref=ref, kind=row.kind, file_name=row.file_name,
        media_type=row.media_type, size=row.size, sha256=row.sha256,
        created_at=row.created_at, created_by=row.created_by, replaces_id=row.replaces_id,
        warnings=warnings, hazards=hazards_of(safety),
        accepted_by=safety.accepted_by if safety else None,
        accepted_at=safety.accepted_at if safety else None,
    )


def _summary(row: Attachment) -> dict[str, Any]:
    summary: dict[str, Any] = {
        "kind": row.kind, "file_name": row.file_name, "media_type": row.media_type,
        "size": row.size, "sha256": row.sha256, "replaces_id": row.replaces_id}
    return summary


def _refuse_duplicate(rows: list[Attachment], digest: str, ref: str) -> None:
    for row in _current(rows):
        if row.sha256 == digest:
            raise ValidationError(
                "file", f"this file is already attached to {ref} as #{row.id} "
                f"({display_name(row.file_name)}, {row.kind.replace('_', ' ')}); "
                "nothing was added")


def _new_row(content: bytes, name: str, kind: AttachmentKind, sniffed: SniffResult,
             actor: str, app: Application, replaces: Attachment | None) -> Attachment:
    return Attachment(
        application_id=replaces.application_id if replaces else app.id,
        person_id=replaces.person_id if replaces else None,
        kind=kind.value, file_name=name[:255], media_type=sniffed.media_type,
        size=sniffed.size, sha256=hashlib.sha256(content).hexdigest(), content=content,
        created_at=utcnow(), created_by=actor, replaces_id=replaces.id if replaces else None,
    )


def _record_safety(session: Session, row: Attachment,
                   sniffed: SniffResult) -> AttachmentSafety | None:
    if not sniffed.hazards:
        return None
    safety = AttachmentSafety(attachment_id=row.id, findings=json.dumps(list(sniffed.hazards)))
    session.add(safety)
    session.flush()
    return safety


def attach(db: Database, ref: str, source: str | Path | bytes, kind: str | AttachmentKind,
           file_name: str | None = None, actor: str | None = None) -> AttachmentView:
    """Attach a PDF, PNG or JPEG (a path or the bytes with ``file_name``) to ``ref``."""
    chosen = attachment_kind(kind) if isinstance(kind, str) else kind
    content, name = _read(source, file_name)
    sniffed = sniff(content, name)
    who = actor or db.actor
    digest = hashlib.sha256(content).hexdigest()
    with db.unit_of_work() as session:
        app = application_by_ref(session, ref)
        _refuse_duplicate(_rows(session, app), digest, app.ref)
        row = _new_row(content, name, chosen, sniffed, who, app, None)
        session.add(row)
        session.flush()
        safety = _record_safety(session, row, sniffed)
        audit.record(session, actor=who, action="attach", entity="attachment", entity_id=row.id,
                     summary=f"{app.ref}: {chosen.value.replace('_', ' ')} "
                     f"{display_name(name)} attached" + (" (unsafe)" if safety else ""),
                     after={"application": app.ref, **_summary(row),
                            **({"unsafe": list(sniffed.hazards)} if safety else {})})
        return _view(row, app.ref, sniffed.warnings, safety)


def _current_row(session: Session, attachment_id: int) -> Attachment:
    row = session.get(Attachment, attachment_id)
    if row is None:
        raise NotFoundError(f"no attachment #{attachment_id} in this database")
    if row.removed_at is not None:
        raise ValidationError("attachment", f"attachment #{attachment_id} was already removed "
                              f"by {row.removed_by or 'someone'}")
    newer = session.execute(
        select(Attachment.id).where(Attachment.replaces_id == row.id,
                                    Attachment.removed_at.is_(None))
    ).scalars().first()
    if newer is not None:
        raise ValidationError("attachment", f"attachment #{attachment_id} was replaced by "
                              f"#{newer}; work on that one")
    return row


def _owning_application(session: Session, row: Attachment) -> Application:
    if row.application_id is not None:
        app = session.get(Application, row.application_id)
    else:
        app = session.execute(
            select(Application).where(Application.person_id == row.person_id)
            .order_by(Application.id)
        ).scalars().first()
    if app is None:
        raise NotFoundError(f"attachment #{row.id} belongs to no application")
    return app


def replace(db: Database, attachment_id: int, source: str | Path | bytes,
            file_name: str | None = None, kind: str | AttachmentKind | None = None,
            actor: str | None = None) -> AttachmentView:
    """A new version of attachment ``attachment_id``; the old row stays for the audit trail."""
    content, name = _read(source, file_name)
    sniffed = sniff(content, name)
    who = actor or db.actor
    digest = hashlib.sha256(content).hexdigest()
    with db.unit_of_work() as session:
        old = _current_row(session, attachment_id)
        app = _owning_application(session, old)
        chosen = (attachment_kind(kind) if isinstance(kind, str) else kind) if kind \
            else AttachmentKind(old.kind)
        _refuse_duplicate(_rows(session, app), digest, app.ref)
        row = _new_row(content, name, chosen, sniffed, who, app, old)
        session.add(row)
        session.flush()
        safety = _record_safety(session, row, sniffed)
        audit.record(session, actor=who, action="replace", entity="attachment",
                     entity_id=row.id,
                     summary=f"{app.ref}: #{old.id} {display_name(old.file_name)} replaced by "
                     f"{display_name(name)}" + (" (unsafe)" if safety else ""),
                     before=_summary(old), after={"application": app.ref, **_summary(row),
                            **({"unsafe": list(sniffed.hazards)} if safety else {})})
        return _view(row, app.ref, sniffed.warnings, safety)


def remove(db: Database, attachment_id: int, actor: str | None = None) -> AttachmentView:
    """Take attachment ``attachment_id`` off its application; its bytes are kept."""
    who = actor or db.actor
    with db.unit_of_work() as session:
        row = _current_row(session, attachment_id)
        ref = _owner_ref(session, row)
        row.removed_at = db.clock.now()
        row.removed_by = who
        session.flush()
        audit.record(session, actor=who, action="remove", entity="attachment",
                     entity_id=row.id, summary=f"{ref or 'person'}: {row.file_name} removed",
                     before=_summary(row),
                     after={"removed_at": row.removed_at, "removed_by": who})
        return _view(row, ref)


def accept(db: Database, attachment_id: int, note: str,
           actor: str | None = None) -> AttachmentView:
    """A person reviewed the unsafe attachment ``attachment_id`` and accepts it, saying why
    in ``note``; recorded in the audit trail. It no longer blocks the packet."""
    why = " ".join(note.split())
    if not why:
        raise ValidationError("note", "say why the file is acceptable (e.g. what you checked)")
    who = actor or db.actor
    with db.unit_of_work() as session:
        row = _current_row(session, attachment_id)
        ref = _owner_ref(session, row)
        shown = display_name(row.file_name)
        safety = session.get(AttachmentSafety, row.id)
        if safety is None or not hazards_of(safety):
            raise ValidationError("attachment", f"attachment #{attachment_id} ({shown}) was "
                                  "not flagged as unsafe; there is nothing to accept")
        if safety.accepted_at is not None:
            raise ValidationError("attachment", f"attachment #{attachment_id} ({shown}) was "
                                  f"already accepted by {safety.accepted_by}")
        safety.accepted_by = who
        safety.accepted_at = db.clock.now()
        safety.accepted_note = why
        session.flush()
        audit.record(session, actor=who, action="accept", entity="attachment",
                     entity_id=row.id,
                     summary=f"{ref or 'person'}: unsafe file {shown} accepted after review: "
                     f"{why}",
                     before={**_summary(row), "unsafe": list(hazards_of(safety))},
                     after={"accepted_by": who, "accepted_at": safety.accepted_at,
                            "note": why})
        return _view(row, ref, (), safety)


def list_attachments(db: Database, ref: str) -> list[AttachmentView]:
    """The current attachments of ``ref`` (removed and replaced ones left out)."""
    with db.reading() as session:
        app = application_by_ref(session, ref)
        rows = _current(_rows(session, app))
        safety = safety_rows(session, [r.id for r in rows])
        return [_view(r, app.ref if r.application_id == app.id else "", (), safety.get(r.id))
                for r in rows]


def attachment_bytes(db: Database, attachment_id: int) -> bytes:
    """The stored bytes of one attachment, for viewing (removed ones too: nothing is lost)."""
    with db.reading() as session:
        content = session.execute(
            select(Attachment.content).where(Attachment.id == attachment_id)
        ).scalar_one_or_none()
        if content is None:
            raise NotFoundError(f"no attachment #{attachment_id} in this database")
        return bytes(content)
