"""An empowered official's sign-off (#20): recorded with the packet's SHA-256, refused before
"ready to file", and printed in the case record with who prepared and who reviewed."""

from __future__ import annotations

import hashlib

import pytest
from factories import make_application

from licenseapp.errors import LicenseAppError
from licenseapp.services.output.packets import build_packet
from licenseapp.services.reports.case_record import case_report
from licenseapp.services.team.four_eyes import sign_off


def test_a_sign_off_records_the_packet_and_is_printed_in_the_case_record(db) -> None:  # type: ignore[no-untyped-def]
    make_application(db, "LA-2026-0001", status="ready")
    done = sign_off(db, "LA-2026-0001", note="Checked against the portal")
    assert done.signed_by == "tester"
    assert done.packet_sha256 == hashlib.sha256(
        build_packet(db, "LA-2026-0001", for_filing=True)).hexdigest()  # the same bytes again
    report = case_report(db, "LA-2026-0001")
    section = next(s for s in report.sections if s.title == "Review and sign-off")
    assert section.lines[0] == "Prepared by: tester"
    assert section.lines[1].startswith("Marked ready to file by tester, ")
    assert section.lines[2].startswith("Signed off by tester, ")
    assert section.lines[2].endswith(f"packet SHA-256 {done.packet_sha256} — Checked against "
                                     "the portal")


def test_a_draft_cannot_be_signed_off(db) -> None:  # type: ignore[no-untyped-def]
    make_application(db, "LA-2026-0001", status="internal_review")
    with pytest.raises(LicenseAppError, match="is not ready to file; an application is signed "
                                              "off once a reviewer has marked it ready"):
        sign_off(db, "LA-2026-0001")
    report = case_report(db, "LA-2026-0001")
    section = next(s for s in report.sections if s.title == "Review and sign-off")
    assert section.lines[-1] == "Not yet marked ready to file."
