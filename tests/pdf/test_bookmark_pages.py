"""Every bookmark of a packet and of a report opens the page its heading is on (read back
with pypdf: the outline's destination page, and the heading's text on that page)."""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import UTC, datetime

from packet_fixtures import page_texts
from pypdf import PdfReader
from pypdf.generic import Destination

from licenseapp.pdf.reports import Report, ReportSection, ReportTable, render_report
from licenseapp.services.output.packets import build_packet
from licenseapp.store.database import Database

Make = Callable[..., int]


def _destinations(reader: PdfReader) -> list[tuple[str, int]]:
    """(title, 0-based page) of every outline entry, depth first."""
    found: list[tuple[str, int]] = []

    def walk(items: list[object]) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                assert isinstance(item, Destination)
                page = reader.get_destination_page_number(item)
                found.append((str(item.title), page))

    walk(reader.outline)  # type: ignore[arg-type]
    return found


def _squeezed(text: str) -> str:
    return "".join(text.split())


def _assert_each_heading_on_its_page(pdf: bytes, headings: dict[str, str]) -> list[int]:
    """``headings`` maps a bookmark title to the text its page must show; the pages found."""
    reader = PdfReader(io.BytesIO(pdf))
    texts = [_squeezed(t) for t in page_texts(pdf)]
    pages = dict(_destinations(reader))
    for title, shown in headings.items():
        assert title in pages, title
        page = pages[title]
        assert _squeezed(shown) in texts[page], (title, page + 1)
    found = [pages[t] for t in headings]
    assert found == sorted(found)  # in the order of the document
    return found


def test_packet_bookmarks_open_their_pages(db: Database, rich_application: Make) -> None:
    rich_application()
    pdf = build_packet(db, "LA-2026-0101")
    pages = _assert_each_heading_on_its_page(pdf, {
        "Cover letter": "Northwind Frontier AI, Inc.",
        "Filing summary — BIS-748P": "Filing summary — BIS-748P",
        "Letter of explanation": "Letter of explanation",
        "Foreign national data sheet": "Foreign national data sheet",
        "Résumé timeline": "Résumé (month/year)",
        "Technology control plan": "Technology control plan",
        "Supporting documents": "Supporting documents",
    })
    assert len(set(pages)) >= 6  # the sections start on different pages, not all on page 1
    assert max(pages) >= 5
    reader = PdfReader(io.BytesIO(pdf))
    texts = page_texts(pdf)
    attached = [(t, p) for t, p in _destinations(reader) if "passport.pdf" in t]
    assert attached
    for _, page in attached:  # the attachment's caption page, before its own pages
        assert "passport.pdf" in texts[page]


def test_report_bookmarks_open_their_pages() -> None:
    def table(prefix: str, rows: int) -> ReportTable:
        return ReportTable(("Reference", "Foreign national"),
                           tuple((f"{prefix}-{i:04d}", "Wei Zhang") for i in range(rows)), (1, 2))

    report = Report(
        "Pending applications", "Oldest first.", datetime(2026, 11, 27, 9, 30, tzinfo=UTC),
        (ReportSection("Section BIS", table=table("BIS", 70)),
         ReportSection("Section DDTC", table=table("DDTC", 70)),
         ReportSection("Section ECJU", table=table("ECJU", 5))),
        organization="Northwind Frontier AI, Inc.",
    )
    pdf = render_report(report)
    pages = _assert_each_heading_on_its_page(pdf, {
        "Pending applications": "Pending applications",
        "Section BIS": "Section BIS",
        "Section DDTC": "Section DDTC",
        "Section ECJU": "Section ECJU",
    })
    assert pages[0] == 0 and pages[1] == 0 and pages[2] >= 1 and pages[3] > pages[2]
