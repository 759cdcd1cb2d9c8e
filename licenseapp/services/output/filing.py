"""The packet as filed: snapshotted when an application is marked submitted.

Its bytes are kept with the application and its SHA-256 on the application, so years later
the packet that was filed can be reproduced exactly and proved to be the one filed, whatever
changed in the record since.
"""

from __future__ import annotations

import hashlib

from sqlalchemy import select
from sqlalchemy.orm import Session, undefer

from licenseapp.errors import LicenseAppError
from licenseapp.services.lookup import application_by_ref
from licenseapp.services.output.packets import FILED_PACKET_KIND, build_packet
from licenseapp.store.database import Database
from licenseapp.store.models import Application, Attachment


def snapshot_packet(session: Session, db: Database, app: Application, actor: str) -> str:
    """Render the packet as it stands and keep it with ``app``; returns its SHA-256."""
    pdf = build_packet(db, app.ref, for_filing=True)  # the committed record: what is filed
    digest = hashlib.sha256(pdf).hexdigest()
    session.add(Attachment(
        application_id=app.id, kind=FILED_PACKET_KIND, file_name=f"{app.ref}-filed-packet.pdf",
        media_type="application/pdf", size=len(pdf), sha256=digest, content=pdf,
        created_by=actor,
    ))
    app.packet_sha256 = digest
    return digest


def filed_packet(db: Database, ref: str) -> bytes:
    """The packet exactly as filed, checked against the SHA-256 recorded at filing."""
    with db.reading() as session:
        app = application_by_ref(session, ref)
        if not app.packet_sha256:
            raise LicenseAppError(f"{app.ref} has no filed packet: it was not marked submitted "
                                  "in LicenseApp")
        stored = session.execute(
            select(Attachment).where(Attachment.application_id == app.id,
                                     Attachment.kind == FILED_PACKET_KIND,
                                     Attachment.sha256 == app.packet_sha256)
            .options(undefer(Attachment.content)).order_by(Attachment.id.desc())
        ).scalars().first()
        if stored is None:
            raise LicenseAppError(f"{app.ref}: the filed packet is missing from the database")
        content = bytes(stored.content)
    if hashlib.sha256(content).hexdigest() != app.packet_sha256:
        raise LicenseAppError(f"{ref}: the stored packet does not match the SHA-256 recorded "
                              "when it was filed")
    return content
