"""Document numbers on the packet's data sheet: masked by default, in full on request, and the
sheet says which."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import pytest
from packet_fixtures import page_texts

from licenseapp.domain.privacy import mask_number
from licenseapp.pdf.packet import render_packet
from licenseapp.pdf.packet.person import FULL_NUMBERS_NOTE, MASKED_NUMBERS_NOTE
from licenseapp.services.output.packet_files import make_packet
from licenseapp.services.output.packets import application_record, build_packet
from licenseapp.store.database import Database

Make = Callable[..., int]
REF = "LA-2026-0101"
PASSPORT, VISA = "E12345678", "V12345678"  # as packet_fixtures and factories store them


def _flat(pdf: bytes) -> str:
    return " ".join(" ".join(page_texts(pdf)).split())


def _sheet(pdf: bytes) -> str:
    """The text of the data sheet's page(s) that list the documents."""
    pages = [" ".join(t.split()) for t in page_texts(pdf)]
    return " ".join(p for p in pages if "Immigration and identity documents" in p)


def test_document_numbers_are_masked_by_default(db: Database, rich_application: Make) -> None:
    rich_application(attachments=False)
    text = _flat(build_packet(db, REF))
    assert PASSPORT not in text and VISA not in text
    assert mask_number(PASSPORT) in text and mask_number(VISA) in text
    sheet = _sheet(build_packet(db, REF))
    assert "Number (masked)" in sheet
    assert " ".join(MASKED_NUMBERS_NOTE.split()) in sheet
    assert "Show document numbers in full" in sheet
    assert "--full-document-numbers" not in sheet  # no command line on a printed page
    assert FULL_NUMBERS_NOTE not in sheet


def test_document_numbers_in_full_on_request(db: Database, rich_application: Make) -> None:
    rich_application(attachments=False)
    pdf = build_packet(db, REF, full_document_numbers=True)
    sheet = _sheet(pdf)
    assert PASSPORT in sheet and VISA in sheet
    assert mask_number(PASSPORT) not in _flat(pdf)
    assert FULL_NUMBERS_NOTE in sheet
    assert "Number (masked)" not in sheet and "masked" not in sheet
    assert build_packet(db, REF, full_document_numbers=True) == pdf  # same data, same bytes
    assert pdf != build_packet(db, REF)


def test_with_attachments_both_ways_keep_every_document(
    db: Database, rich_application: Make
) -> None:
    rich_application()
    masked, full = _flat(build_packet(db, REF)), _flat(build_packet(db, REF,
                                                                 full_document_numbers=True))
    for name in ("passport.pdf", "résumé scan.png", "notes.docx", "Passport scan page 2"):
        assert name in masked and name in full, name
    assert PASSPORT in full and PASSPORT not in masked


def test_the_record_holds_full_numbers_only_when_asked(
    db: Database, rich_application: Make
) -> None:
    rich_application(attachments=False)
    masked = application_record(db, REF)
    assert masked.person is not None
    assert {d.number for d in masked.person.documents} == {""}
    assert PASSPORT not in repr(masked)
    full = application_record(db, REF, full_document_numbers=True)
    assert full.person is not None
    assert {d.number for d in full.person.documents} == {PASSPORT, VISA}
    assert PASSPORT not in repr(full)  # never in a log line by accident
    assert {d.number_masked for d in full.person.documents} == {
        mask_number(PASSPORT), mask_number(VISA)}


def test_full_numbers_from_a_masked_record_are_refused(
    db: Database, rich_application: Make
) -> None:
    rich_application(attachments=False)
    with pytest.raises(ValueError, match="masked numbers only"):
        render_packet(application_record(db, REF), full_document_numbers=True)


def test_a_person_without_documents_has_no_note(db: Database, rich_application: Make) -> None:
    rich_application(attachments=False)
    data = application_record(db, REF, full_document_numbers=True)
    assert data.person is not None
    bare = replace(data, person=replace(data.person, documents=()))
    for full in (False, True):
        text = _flat(render_packet(bare, full_document_numbers=full))
        assert "No immigration or identity document recorded." in text
        assert "Document numbers" not in text


def test_the_preview_packet_says_how_it_was_built(db: Database, rich_application: Make) -> None:
    rich_application(attachments=False)
    assert not make_packet(db, REF).full_document_numbers
    packet = make_packet(db, REF, full_document_numbers=True)
    assert packet.full_document_numbers
    assert packet.pdf == build_packet(db, REF, full_document_numbers=True)
