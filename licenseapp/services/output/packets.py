"""The filing packet of one application: gathered in one read-only session, then rendered.

What the packet says about itself comes from the same read: the checker's errors (a packet
with errors is a draft that lists them) and, once the application was filed, the filed copy's
SHA-256 and date (a packet printed again says it is not the filed copy).
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy.orm import selectinload

from licenseapp.domain.record import ApplicationRecord
from licenseapp.domain.sniffing import display_name
from licenseapp.errors import ValidationError
from licenseapp.services.drafts.record_reading import FILED_PACKET_KIND, read_record
from licenseapp.services.lookup import application_by_ref
from licenseapp.store.database import Database
from licenseapp.store.models import Application

if TYPE_CHECKING:
    from licenseapp.pdf.packet.standing import PacketStanding

__all__ = ["FILED_PACKET_KIND", "application_record", "build_packet", "packet_standing",
           "read_for_packet"]


def _read(db: Database, ref: str, full_document_numbers: bool
          ) -> tuple[ApplicationRecord, tuple[str, date | None]]:
    with db.reading() as session:
        app = application_by_ref(session, ref, selectinload(Application.items),
                                 selectinload(Application.parties))
        record = read_record(session, app, full_document_numbers=full_document_numbers)
        return record, (app.packet_sha256 or "", app.submitted_on)


def application_record(
    db: Database, ref: str, *, full_document_numbers: bool = False
) -> ApplicationRecord:
    """Everything the packet of application ``ref`` prints, read in one session.

    Document numbers are read masked only, unless ``full_document_numbers`` asks for them
    in full as well (:attr:`DocumentInfo.number`)."""
    return _read(db, ref, full_document_numbers)[0]


def packet_standing(db: Database, data: ApplicationRecord, filed: tuple[str, date | None],
                    *, for_filing: bool = False) -> PacketStanding:
    """The checker's errors today (local day) and the filed copy, unless ``for_filing``."""
    from licenseapp.domain.checker import errors
    from licenseapp.domain.days import local_day
    from licenseapp.pdf.packet.standing import PacketStanding
    from licenseapp.services.drafts.checking import record_findings  # the gate's own check

    found = errors(record_findings(db, data, local_day(db.clock.now())))
    sha256, filed_on = ("", None) if for_filing else filed
    return PacketStanding(tuple(found), sha256, filed_on if sha256 else None)


def build_packet(db: Database, ref: str, *, full_document_numbers: bool = False,
                 for_filing: bool = False) -> bytes:
    """The filing packet PDF of application ``ref``: the same record gives the same bytes.

    Passport, visa and other document numbers are masked on the data sheet unless
    ``full_document_numbers`` is true (the filer's explicit choice; the packet snapshotted
    at filing is always the masked one). A packet of an application with checker errors is
    a draft listing them; once filed, a packet printed again says it is not the filed copy,
    except the one made ``for_filing`` (the copy kept when it is marked submitted)."""
    data, standing = read_for_packet(db, ref, full_document_numbers=full_document_numbers,
                                     for_filing=for_filing)
    from licenseapp.pdf.packet import render_packet
    from licenseapp.services.screening_evidence import application_evidence

    return render_packet(data, full_document_numbers=full_document_numbers, standing=standing,
                         screening=application_evidence(db, ref))


def read_for_packet(db: Database, ref: str, *, full_document_numbers: bool = False,
                    for_filing: bool = False) -> tuple[ApplicationRecord, PacketStanding]:
    """The record a packet (or the filing set) prints and what it says about itself;
    refused while an unsafe file is attached."""
    data, filed = _read(db, ref, full_document_numbers)
    unsafe = [a for a in data.attachments if a.unsafe]
    if unsafe:
        names = ", ".join(display_name(a.file_name) for a in unsafe)
        raise ValidationError(
            "attachment", f"{data.ref}: no packet while an unsafe file is attached ({names}: "
            f"{unsafe[0].unsafe[0]}); review the file and accept it, or replace it")
    return data, packet_standing(db, data, filed, for_filing=for_filing)
