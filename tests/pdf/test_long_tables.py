"""A table of thousands of rows (a report at 100,000 applications) is laid out as ReportLab
would lay it out, without measuring every row again at every page and given to it a window
of rows at a time: the pages and their text are the same as those of one table measured
whole."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader
from reportlab.platypus import SimpleDocTemplate

from licenseapp.pdf import tables


def _build(rows: int) -> list[str]:
    data = [[f"LA-2026-{i:05d}",
             "Submitted" if i % 7 else "Returned without action; resubmitted " * (1 + i % 4),
             "BIS-748P", f"Given{i} Family{i}", "4E091", "2026-01-01"] for i in range(rows)]
    table = tables.ruled_table(["Reference", "Status", "Form", "Person", "Items", "Submitted"],
                               data, [75, 70, 55, 110, 50, 60])
    out = io.BytesIO()
    SimpleDocTemplate(out).build([table])
    return [page.extract_text() for page in PdfReader(io.BytesIO(out.getvalue())).pages]


def test_a_long_table_has_the_pages_it_had_when_every_row_was_measured(
        monkeypatch: pytest.MonkeyPatch) -> None:
    measured_first = _build(2_000)
    monkeypatch.setattr(tables, "_MEASURED_ROWS", 10**9)  # every row, as ReportLab does
    monkeypatch.setattr(tables, "_WINDOW_ROWS", 10**9)  # and all rows in one table
    every_row = _build(2_000)
    assert len(measured_first) == len(every_row) > 80
    assert measured_first == every_row
    assert "LA-2026-01999" in measured_first[-1]

