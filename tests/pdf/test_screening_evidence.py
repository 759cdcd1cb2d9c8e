"""The screening evidence section (#23): what it says for each state of a party, and how the
packet lays it out, read back from the PDF."""

from __future__ import annotations

import subprocess
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from screening_samples import SNAPSHOT, load_and_screen, sample_state, sample_view

from licenseapp.pdf.document import PageFrame, content_box, page_size, render
from licenseapp.pdf.packet.screening import screening_section
from licenseapp.services.screening.dto import Decision, Subject
from licenseapp.services.screening_evidence import (
    ScreenedParty,
    evidence_section,
    result_text,
)


def _parties() -> list[ScreenedParty]:
    person = sample_state(
        sample_view(1, decision=Decision.CLEARED, note="Born 1991; the entry was born 1964"),
        sample_view(2, decision=Decision.OPEN, score=84, name="ZHANG, Wei Ming"))
    org = replace(sample_state(), subject=Subject.ORGANIZATION, subject_id=7)
    return [ScreenedParty("Foreign national", "Wei Zhang", "P-00001", person),
            ScreenedParty("Applicant", "Northwind Frontier AI, Inc.", "", org)]


def test_the_section_names_the_snapshot_the_results_and_every_decision() -> None:
    section = evidence_section(_parties())
    assert section is not None
    assert section.title == "Restricted-party screening"
    lines = "\n".join(section.lines)
    assert ("List snapshot: U.S. Consolidated Screening List (trade.gov), published 2026-07-31, "
            "25,921 entries, loaded 2026-12-06 20:00 UTC") in lines
    assert f"Snapshot SHA-256: {SNAPSHOT.sha256}" in lines  # whole, once: both share it
    assert lines.count("SHA-256") == 1
    assert ("Foreign national Wei Zhang (P-00001): screened 2026-12-06 21:40 UTC. 1 possible "
            "match awaiting a reviewer's decision") in lines
    assert ("Applicant Northwind Frontier AI, Inc.: screened 2026-12-06 21:40 UTC. Clear: no "
            "possible match on any list.") in lines
    assert section.table is not None
    first, second = section.table.rows  # the highest score first
    assert first[0] == "Foreign national: Wei Zhang" and first[2] == "91"
    assert first[3:] == ("Cleared (not the same party) by alice, 2026-12-06 22:05 UTC",
                         "Born 1991; the entry was born 1964")
    assert first[1] == ("ZHANG, Wei: Specially Designated Nationals (Treasury OFAC) (SDN), "
                        "entry SDN-1001; programs CHINA-EO13959. Matched Wei Zhang ~ ZHANG, Wei.")
    assert second[3:] == ("Unreviewed", "")
    assert evidence_section([]) is None


def test_each_result_in_words() -> None:
    assert result_text(sample_state(screened=False)) == "Not screened."
    assert result_text(sample_state()) == "Clear: no possible match on any list."
    cleared = sample_state(sample_view(1, decision=Decision.CLEARED, note="n"))
    assert result_text(cleared).startswith("Clear: 1 possible match, each cleared")
    escalated = sample_state(sample_view(1, decision=Decision.ESCALATED))
    assert "awaiting a reviewer's decision" in result_text(escalated)
    confirmed = sample_state(sample_view(1, decision=Decision.CONFIRMED, note="n"))
    assert result_text(confirmed).startswith("CONFIRMED MATCH (1)")


def test_the_packet_prints_it_readably(tmp_path: Path) -> None:
    size = page_size("letter")
    width = content_box(size)[2]
    frame = PageFrame("LA-2026-0001", "", "Northwind", "", False,
                      datetime(2026, 12, 6, tzinfo=UTC), "x", "t", "a", "s")
    pdf, _ = render(screening_section(evidence_section(_parties()), width), size, frame)
    text = _pdf_text(tmp_path / "screening.pdf", pdf)
    for words in ("Restricted-party screening", SNAPSHOT.sha256, "published 2026-07-31",
                  "Cleared (not the", "Born 1991; the entry was", "Unreviewed",
                  "Clear: no possible match on any"):
        assert words in text, words
    assert screening_section(None, width) == []


def _pdf_text(path: Path, pdf: bytes) -> str:
    path.write_bytes(pdf)
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                          text=True, check=True).stdout


def _wei_zhang_decided(db, rich_application, folder: Path, decision: Decision,  # type: ignore[no-untyped-def]
                       note: str) -> None:
    """The rich application (Wei Zhang for Northwind), screened; his hit decided."""
    from licenseapp.services.screening.results import all_hits, decide

    rich_application()
    load_and_screen(db, folder)
    [hit] = [h for h in all_hits(db) if h.subject_name == "Wei Zhang"]
    decide(db, hit.id, decision, note)


def test_the_filing_packet_carries_the_evidence_of_a_decision(  # type: ignore[no-untyped-def]
        db, rich_application, tmp_path: Path) -> None:
    """A real packet on a real database: Wei Zhang screened, his hit cleared with a note."""
    from pypdf import PdfReader

    from licenseapp.services.output.packets import build_packet
    from licenseapp.services.screening.snapshots import current_snapshot

    _wei_zhang_decided(db, rich_application, tmp_path, Decision.CLEARED,
                       "Born 1988 in Shanghai; the SDN entry in 1964")
    text = _pdf_text(tmp_path / "packet.pdf", build_packet(db, "LA-2026-0101"))
    snapshot = current_snapshot(db)
    assert snapshot is not None
    for words in ("Restricted-party screening", f"Snapshot SHA-256: {snapshot.sha256}",
                  "published 2026-07-31", "Foreign national Wei Zhang (P-", "Clear: 1 possible",
                  "Cleared (not the", "tester, 2026-", "Born 1988 in Shanghai; the",
                  "ZHANG, Wei: Specially Designated"):
        assert words in text, words
    outline = [item.title for item in PdfReader(tmp_path / "packet.pdf").outline
               if not isinstance(item, list)]
    assert "Restricted-party screening" in outline
    # The section sits after the foreign-national data sheet, before the control plan.
    assert outline.index("Restricted-party screening") == outline.index(
        next(t for t in outline if "Technology control plan" in t)) - 1


def test_the_case_record_prints_the_same_evidence(  # type: ignore[no-untyped-def]
        db, rich_application, tmp_path: Path) -> None:
    from licenseapp.pdf.reports import render_report
    from licenseapp.services.reports.case_record import case_report
    from licenseapp.services.screening_evidence import application_evidence

    _wei_zhang_decided(db, rich_application, tmp_path, Decision.CONFIRMED,
                       "Same passport number as the entry")
    report = case_report(db, "LA-2026-0101")
    [section] = [s for s in report.sections if s.title == "Restricted-party screening"]
    assert section == application_evidence(db, "LA-2026-0101")  # the packet's, word for word
    titles = [s.title for s in report.sections]
    assert titles.index("Restricted-party screening") == titles.index("Deadlines") - 1
    text = _pdf_text(tmp_path / "case.pdf", render_report(report))
    for words in ("Restricted-party screening", "CONFIRMED MATCH (1)", "Confirmed match by",
                  "Same passport number as the entry", "Snapshot SHA-256"):
        assert words in text, words


def test_a_confirmed_match_makes_the_packet_a_draft_that_says_why(  # type: ignore[no-untyped-def]
        db, rich_application, tmp_path: Path) -> None:
    """The packet's DRAFT mark rests on the same check as "ready to file": screening's
    errors included, not only the form's."""
    from licenseapp.services.output.packets import build_packet
    from licenseapp.services.screening.results import all_hits, decide

    _wei_zhang_decided(db, rich_application, tmp_path, Decision.CLEARED,
                       "Born 1988 in Shanghai; the SDN entry in 1964")
    cleared = _pdf_text(tmp_path / "cleared.pdf", build_packet(db, "LA-2026-0101"))
    [hit] = [h for h in all_hits(db) if h.subject_name == "Wei Zhang"]
    decide(db, hit.id, Decision.CONFIRMED, "Same passport number as the entry")
    confirmed = _pdf_text(tmp_path / "confirmed.pdf", build_packet(db, "LA-2026-0101"))
    assert "confirmed match" not in cleared.split("\f")[0].lower()
    first_page = confirmed.split("\f")[0]  # the errors are listed on the first page
    assert "DRAFT" in first_page and "confirmed match" in first_page.lower(), first_page[:800]
