"""Printed reports: landscape pages of tables whose header row repeats on every page.

The services (:mod:`licenseapp.services.reports`) decide what the rows say, as a
:class:`~licenseapp.pdf.report_model.Report`; this module lays it out with the same page frame
as the packet ("Page x of y", references in the header), every cell as user text (escaped,
every script), wrapped only at spaces (a reference is never broken inside). Same rows, same
bytes.
"""

from __future__ import annotations

from reportlab.platypus import Flowable, KeepTogether

from licenseapp.pdf import richtext
from licenseapp.pdf.document import PageFrame, content_box, heading, page_size, render
from licenseapp.pdf.report_model import Report, ReportSection, ReportTable
from licenseapp.pdf.styles import styles
from licenseapp.pdf.tables import kept_with_first_rows, whole_word_table

__all__ = ["Report", "ReportSection", "ReportTable", "render_report"]


def _section(section: ReportSection, width: float) -> list[Flowable]:
    """A section whose heading never stands alone at the foot of a page: it moves to the
    next page unless its lines and the table's header row and first row fit below it."""
    s = styles()
    head: list[Flowable] = [heading(section.title, 1)]
    head += [richtext.paragraph(line, s.lines) for line in section.lines]
    table = section.table
    if table is None:
        return [KeepTogether(head)]
    if not table.rows:
        head.append(richtext.paragraph(table.empty, s.cell_small))
        return [KeepTogether(head)]
    body = whole_word_table(table.columns, [list(r) for r in table.rows], table.widths, width)
    body.spaceAfter = 6  # (a Spacer after the last table could start a page of its own)
    return kept_with_first_rows(head, body, width)


def render_report(report: Report) -> bytes:
    """The report's PDF bytes (landscape)."""
    s = styles()
    size = page_size(report.page, wide=True)
    width = content_box(size)[2]
    stamp = f"As of {report.stamp}"
    info = PageFrame(
        header_left=f"{report.title}" + (f" · {report.reference}" if report.reference else ""),
        header_right=stamp,
        footer_left=report.organization or "LicenseApp",
        footer_right=stamp,  # short: never cut off, whatever the organization's name
        draft=False,
        moment=report.as_of,
        identity=f"{report.title}|{report.reference}|{report.as_of.isoformat()}",
        title=report.title + (f" · {report.reference}" if report.reference else ""),
        author=report.organization or "LicenseApp",
        subject=report.subtitle,
    )
    story: list[Flowable] = [heading(report.title, 0), richtext.paragraph(report.subtitle, s.body)]
    story += [richtext.paragraph(note, s.small) for note in report.notes]
    for section in report.sections:
        story += _section(section, width)
    pdf, _ = render(story, size, info)
    return pdf
