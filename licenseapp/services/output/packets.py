"""The filing packet of one application: gathered in one read-only session, then rendered."""

from __future__ import annotations

from sqlalchemy.orm import selectinload

from licenseapp.domain.record import ApplicationRecord
from licenseapp.domain.sniffing import display_name
from licenseapp.errors import ValidationError
from licenseapp.services.drafts.record_reading import FILED_PACKET_KIND, read_record
from licenseapp.services.lookup import application_by_ref
from licenseapp.store.database import Database
from licenseapp.store.models import Application

__all__ = ["FILED_PACKET_KIND", "application_record", "build_packet"]


def application_record(
    db: Database, ref: str, *, full_document_numbers: bool = False
) -> ApplicationRecord:
    """Everything the packet of application ``ref`` prints, read in one session.

    Document numbers are read masked only, unless ``full_document_numbers`` asks for them
    in full as well (:attr:`DocumentInfo.number`)."""
    with db.reading() as session:
        app = application_by_ref(session, ref, selectinload(Application.items),
                                 selectinload(Application.parties))
        return read_record(session, app, full_document_numbers=full_document_numbers)


def build_packet(db: Database, ref: str, *, full_document_numbers: bool = False) -> bytes:
    """The filing packet PDF of application ``ref``: the same record gives the same bytes.

    Passport, visa and other document numbers are masked on the data sheet unless
    ``full_document_numbers`` is true (the filer's explicit choice; the packet snapshotted
    at filing is always the masked one)."""
    data = application_record(db, ref, full_document_numbers=full_document_numbers)
    unsafe = [a for a in data.attachments if a.unsafe]
    if unsafe:
        names = ", ".join(display_name(a.file_name) for a in unsafe)
        raise ValidationError(
            "attachment", f"{data.ref}: no packet while an unsafe file is attached ({names}: "
            f"{unsafe[0].unsafe[0]}); review the file and accept it, or replace it")
    from licenseapp.pdf.packet import render_packet

    return render_packet(data, full_document_numbers=full_document_numbers)
