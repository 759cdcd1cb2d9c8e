"""Printed reports: landscape, header row on every page, every script, literal text."""

from __future__ import annotations

import io
from datetime import UTC, datetime

from packet_fixtures import page_texts
from pypdf import PdfReader

from licenseapp.pdf.reports import Report, ReportSection, ReportTable, render_report

AS_OF = datetime(2026, 11, 27, 9, 30, tzinfo=UTC)


def _report(rows: int) -> Report:
    table = ReportTable(
        ("Reference", "Foreign national", "Note"),
        tuple((f"LA-2026-{i:04d}", "Wei Zhang\n张伟" if i % 2 else "Omar Farouk\nعمر فاروق",
               "<b>literal</b> & kept") for i in range(rows)),
        (1, 2, 3),
    )
    return Report("Pending applications", "Oldest first.", AS_OF,
                  (ReportSection("BIS", table=table), ReportSection("DDTC", table=ReportTable(
                      ("Reference",), (), empty="No pending applications."))),
                  organization="Northwind Frontier AI, Inc.")


def test_report_is_landscape_with_repeated_headers() -> None:
    pdf = render_report(_report(80))
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) >= 3
    box = reader.pages[0].mediabox
    assert float(box.width) > float(box.height)
    texts = page_texts(pdf)
    for number, text in enumerate(texts, start=1):
        assert "Foreign national" in text  # the header row repeats
        assert f"Page {number} of {len(texts)}" in text
    joined = "\n".join(texts)
    assert joined.count("<b>literal</b> & kept") == 80
    assert "张伟" in joined and "No pending applications." in joined
    assert "DRAFT" not in joined


def test_same_rows_same_bytes() -> None:
    assert render_report(_report(5)) == render_report(_report(5))
