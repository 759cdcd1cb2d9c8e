"""Report layout: references and codes are never broken inside (a copied reference must be
right), a heading never stands alone at a page's foot. Read back with pdftotext, as a user
copies text out."""

from __future__ import annotations

import shutil
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pytest

from licenseapp.pdf.report_model import Report, ReportSection, ReportTable
from licenseapp.pdf.reports import render_report
from licenseapp.pdf.tables import fit_columns

AS_OF = datetime(2026, 12, 7, 2, 0, tzinfo=UTC)
REFERENCES = [f"GBSIEL/2026/{4269 + n:07d}/P" for n in range(12)]
CODES = ["USML-XI(a)(3)(i)", "3E001.b.1.c.2", "ML22.a;ML22.b.1"]

needs_pdftotext = pytest.mark.skipif(shutil.which("pdftotext") is None,
                                     reason="pdftotext (poppler-utils) is not installed")


def _pages(pdf: bytes, tmp_path: Path) -> list[str]:
    path = tmp_path / "report.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, check=True,
                          text=True).stdout
    return text.split("\f")


def _crowded(rows: int) -> ReportTable:
    """Eleven columns on a landscape letter page, the references in a narrow one."""
    columns = ("Reference", "Status", "Form", "Foreign national", "Items", "Regulator ref",
               "Submitted", "Age", "Regulator's clock", "In status", "Owner")
    return ReportTable(columns, tuple(
        (f"LA-2026-{n:04d}", "Information requested", "SIEL", "Iryna Kovalenko\nІрина Коваленко",
         CODES[n % 3], REFERENCES[n % len(REFERENCES)], "2026-11-18", "18",
         "13 days, stopped (waiting for us)", "13", "jlindqvist")
        for n in range(rows)), (1.1, 1.2, 0.75, 1.7, 0.8, 0.6, 0.95, 0.6, 2.1, 0.65, 0.8))


@needs_pdftotext
def test_references_and_codes_print_whole(tmp_path: Path) -> None:
    report = Report("Pending applications", "ECJU", AS_OF,
                    (ReportSection("ECJU: 24 pending", table=_crowded(24)),))
    text = "\n".join(_pages(render_report(report), tmp_path))
    words = set(text.split())
    for reference in REFERENCES:
        assert reference in words, f"{reference} was broken: {[w for w in words if 'GBSIEL' in w]}"
    for code in CODES:
        assert code in words


@needs_pdftotext
def test_a_table_too_wide_for_its_words_shrinks_its_type(tmp_path: Path) -> None:
    long = "GBSIEL/2026/0004269/P/AMENDMENT-0003/REISSUE-0002/RENEWAL-0001"
    table = ReportTable(tuple(f"Column {n}" for n in range(6)),
                        ((long, long, long, long, "a b c", "x"),), ())
    pdf = render_report(Report("Wide", "Six long codes", AS_OF, (ReportSection("W", table),)))
    assert sum(1 for w in _pages(pdf, tmp_path)[0].split() if w == long) == 4


@needs_pdftotext
def test_a_heading_is_never_left_at_the_foot_of_a_page(tmp_path: Path) -> None:
    for filler in range(14, 22):  # the second heading lands lower and lower on page 1
        first = ReportTable(("Reference", "Note"),
                            tuple((f"LA-2026-{n:04d}", "one line") for n in range(filler)))
        second = ReportTable(("Reference", "Note"), (("LA-2026-9999", "first row"),))
        pdf = render_report(Report("Pending", "x", AS_OF, (
            ReportSection("First section", table=first),
            ReportSection("Second section", table=second))))
        for page in _pages(pdf, tmp_path):
            if "Second section" in page:
                assert "LA-2026-9999" in page, f"heading stranded with {filler} rows"


def test_columns_give_way_to_a_word_that_needs_the_room() -> None:
    widths = fit_columns([10, 120, 10], [1, 1, 1], 300)
    assert widths[1] == 120 and widths[0] == widths[2] == 90
    assert fit_columns([10, 10], [1, 3], 100) == [25, 75]


@needs_pdftotext
@pytest.mark.parametrize("lines", [2, 3, 4])
def test_no_page_is_left_blank_after_the_last_table(tmp_path: Path, lines: int) -> None:
    # The last table ends lower and lower on page 1 (rows of 19 points, subtitle lines of
    # 14, notes of 9.5), then on page 2: some end within a few points of the page's foot.
    for filler in range(16, 20):
        for notes in range(6):
            table = ReportTable(("Reference", "Note"),
                                tuple((f"LA-2026-{n:04d}", "one line") for n in range(filler)))
            pdf = render_report(Report("Pending", "\n".join(["x"] * lines), AS_OF,
                                       (ReportSection("Only", table),),
                                       notes=("A note.",) * notes))
            for number, page in enumerate(_pages(pdf, tmp_path)[:-1], start=1):
                assert "LA-2026-" in page, f"page {number} blank: {filler} rows, {notes} notes"


@needs_pdftotext
def test_the_footer_never_cuts_off_the_stamp(tmp_path: Path) -> None:
    organization = "Aldergrove Aerospace & Defense Systems, Inc. " * 6  # cut with an ellipsis
    table = ReportTable(("Reference",), tuple((f"LA-2026-{n:04d}",) for n in range(60)))
    report = Report("Pending", "x", AS_OF, (ReportSection("Only", table),),
                    organization=organization)
    pages = _pages(render_report(report), tmp_path)[:-1]
    assert len(pages) >= 2
    for page in pages:
        assert page.count(f"As of {report.stamp}") == 2  # header and footer, whole
