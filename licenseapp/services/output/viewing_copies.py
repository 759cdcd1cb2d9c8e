"""A read-only copy of an attachment for the system viewer, written from the stored bytes.

The copy goes into a new folder of its own (0700) inside the folder the caller keeps for
the session, under the attachment's name made safe for a file system and given the suffix
of its sniffed type (so the viewer chosen by the suffix is the right one), and is made
read-only (0400). The bytes are checked against the stored SHA-256 first: a damaged
attachment is never handed to a viewer.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from licenseapp.domain.sniffing import display_name
from licenseapp.errors import LicenseAppError, NotFoundError
from licenseapp.store.database import Database
from licenseapp.store.models import Attachment

#: The suffix a viewer recognises, by the type sniffed from the content.
SUFFIXES = {"application/pdf": ".pdf", "image/png": ".png", "image/jpeg": ".jpg"}
_JPEG = (".jpg", ".jpeg")
#: Characters no file system takes (or that would name another folder), and control ones.
_UNSAFE = re.compile(r'[\x00-\x1f\x7f/\\:*?"<>|]')
_LONGEST = 120


@dataclass(frozen=True)
class ViewingCopy:
    path: Path
    shown_name: str
    media_type: str
    size: int


def safe_file_name(file_name: str, media_type: str) -> str:
    """``file_name`` as a harmless file name ending in the suffix of ``media_type``."""
    shown = display_name(file_name)  # bidi and control characters made visible
    name = _UNSAFE.sub("_", shown).strip().lstrip(".") or "attachment"
    suffix = SUFFIXES.get(media_type, "")
    current = Path(name).suffix.lower()
    if suffix and not (current == suffix or (suffix == ".jpg" and current in _JPEG)):
        name += suffix
    if len(name) > _LONGEST:
        tail = Path(name).suffix[:10]
        name = name[:_LONGEST - len(tail)] + tail
    return name


def write_viewing_copy(db: Database, attachment_id: int, folder: Path) -> ViewingCopy:
    """Write attachment ``attachment_id`` into a new private folder inside ``folder``."""
    with db.reading() as session:
        row = session.execute(
            select(Attachment.file_name, Attachment.media_type, Attachment.sha256,
                   Attachment.content).where(Attachment.id == attachment_id)
        ).one_or_none()
    if row is None:
        raise NotFoundError(f"no attachment #{attachment_id} in this database")
    file_name, media_type, sha256, content = row
    content = bytes(content or b"")
    if hashlib.sha256(content).hexdigest() != sha256:
        raise LicenseAppError(
            f"the stored bytes of {display_name(file_name)} do not match its fingerprint "
            "(SHA-256): the attachment is damaged and was not opened; run Verify database")
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    own = Path(tempfile.mkdtemp(prefix="view-", dir=folder))  # 0700
    target = own / safe_file_name(file_name, media_type)
    try:
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0),
                     0o600)
        try:
            view = memoryview(content)
            while view:
                view = view[os.write(fd, view):]
        finally:
            os.close(fd)
        os.chmod(target, 0o400)
    except OSError as exc:
        raise LicenseAppError(
            f"cannot write a copy of {display_name(file_name)} to view it: "
            f"{exc.strerror or exc}") from None
    return ViewingCopy(target, display_name(file_name), media_type, len(content))
