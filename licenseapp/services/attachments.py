"""Supporting documents of an application: attach, replace, remove, list and view.

Each operation is one unit of work with its audit entry. Bytes are never deleted: a removed
attachment keeps them (``removed_at``/``removed_by`` set), and a replaced one stays as the
row its replacement's ``replaces_id`` points at — neither is current, neither is printed.
"""

from __future__ import annotations

import hashlib
import os
import stat
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from licenseapp.config import current_user
from licenseapp.domain.enums import AttachmentKind
from licenseapp.domain.sniffing import MAX_ATTACHMENT_BYTES, SniffResult, sniff, too_big
from licenseapp.errors import LicenseAppError, NotFoundError, ValidationError
from licenseapp.store import audit
from licenseapp.store.base import utcnow
from licenseapp.store.database import Database
from licenseapp.store.models import Application, Attachment


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

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id, "application": self.application_ref, "kind": self.kind,
            "file_name": self.file_name, "media_type": self.media_type, "size": self.size,
            "sha256": self.sha256, "created_at": self.created_at.isoformat(),
            "created_by": self.created_by, "replaces_id": self.replaces_id,
        }


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


def _read(source: str | Path | bytes, file_name: str | None) -> tuple[bytes, str]:
    if isinstance(source, bytes | bytearray | memoryview):
        if not file_name:
            raise ValidationError("file", "a file name is needed with the bytes")
        return bytes(source), file_name
    path = Path(source)
    return _read_file(path), file_name or path.name


def _application(session: Session, ref: str) -> Application:
    app = session.execute(
        select(Application).where(Application.ref == ref.strip().upper())
    ).scalar_one_or_none()
    if app is None:
        raise NotFoundError(f"no application {ref!r} in this database")
    return app


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


def _view(row: Attachment, ref: str, warnings: tuple[str, ...] = ()) -> AttachmentView:
    return AttachmentView(
        id=row.id, application_ref=ref, kind=row.kind, file_name=row.file_name,
        media_type=row.media_type, size=row.size, sha256=row.sha256,
        created_at=row.created_at, created_by=row.created_by, replaces_id=row.replaces_id,
        warnings=warnings,
    )


def _summary(row: Attachment) -> dict[str, Any]:
    return {"kind": row.kind, "file_name": row.file_name, "media_type": row.media_type,
            "size": row.size, "sha256": row.sha256, "replaces_id": row.replaces_id}


def _refuse_duplicate(rows: list[Attachment], digest: str, ref: str) -> None:
    for row in _current(rows):
        if row.sha256 == digest:
            raise ValidationError(
                "file", f"this file is already attached to {ref} as #{row.id} "
                f"({row.file_name}, {row.kind.replace('_', ' ')}); nothing was added")


def _new_row(content: bytes, name: str, kind: AttachmentKind, sniffed: SniffResult,
             actor: str, app: Application, replaces: Attachment | None) -> Attachment:
    return Attachment(
        application_id=replaces.application_id if replaces else app.id,
        person_id=replaces.person_id if replaces else None,
        kind=kind.value, file_name=name[:255], media_type=sniffed.media_type,
        size=sniffed.size, sha256=hashlib.sha256(content).hexdigest(), content=content,
        created_at=utcnow(), created_by=actor, replaces_id=replaces.id if replaces else None,
    )


def attach(db: Database, ref: str, source: str | Path | bytes, kind: str | AttachmentKind,
           file_name: str | None = None, actor: str | None = None) -> AttachmentView:
    """Attach a PDF, PNG or JPEG (a path or the bytes with ``file_name``) to ``ref``."""
    chosen = attachment_kind(kind) if isinstance(kind, str) else kind
    content, name = _read(source, file_name)
    sniffed = sniff(content, name)
    who = actor or current_user()
    digest = hashlib.sha256(content).hexdigest()
    with db.unit_of_work() as session:
        app = _application(session, ref)
        _refuse_duplicate(_rows(session, app), digest, app.ref)
        row = _new_row(content, name, chosen, sniffed, who, app, None)
        session.add(row)
        session.flush()
        audit.record(session, actor=who, action="attach", entity="attachment", entity_id=row.id,
                     summary=f"{app.ref}: {chosen.value.replace('_', ' ')} {name} attached",
                     after={"application": app.ref, **_summary(row)})
        return _view(row, app.ref, sniffed.warnings)


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
    who = actor or current_user()
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
        audit.record(session, actor=who, action="replace", entity="attachment",
                     entity_id=row.id,
                     summary=f"{app.ref}: #{old.id} {old.file_name} replaced by {name}",
                     before=_summary(old), after={"application": app.ref, **_summary(row)})
        return _view(row, app.ref, sniffed.warnings)


def remove(db: Database, attachment_id: int, actor: str | None = None) -> AttachmentView:
    """Take attachment ``attachment_id`` off its application; its bytes are kept."""
    who = actor or current_user()
    with db.unit_of_work() as session:
        row = _current_row(session, attachment_id)
        ref = _owner_ref(session, row)
        row.removed_at = utcnow()
        row.removed_by = who
        session.flush()
        audit.record(session, actor=who, action="remove", entity="attachment",
                     entity_id=row.id, summary=f"{ref or 'person'}: {row.file_name} removed",
                     before=_summary(row),
                     after={"removed_at": row.removed_at, "removed_by": who})
        return _view(row, ref)


def list_attachments(db: Database, ref: str) -> list[AttachmentView]:
    """The current attachments of ``ref`` (removed and replaced ones left out)."""
    with db.reading() as session:
        app = _application(session, ref)
        return [_view(r, app.ref if r.application_id == app.id else "")
                for r in _current(_rows(session, app))]


def attachment_bytes(db: Database, attachment_id: int) -> bytes:
    """The stored bytes of one attachment, for viewing (removed ones too: nothing is lost)."""
    with db.reading() as session:
        content = session.execute(
            select(Attachment.content).where(Attachment.id == attachment_id)
        ).scalar_one_or_none()
        if content is None:
            raise NotFoundError(f"no attachment #{attachment_id} in this database")
        return bytes(content)
