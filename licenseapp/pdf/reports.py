"""Printed reports: landscape pages of tables whose header row repeats on every page.

The caller (command line, desktop app) decides what the rows say; this module lays them out
with the same page frame as the packet ("Page x of y", references in the header), every cell
as user text (escaped, every script). Same rows, same bytes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from reportlab.platypus import Flowable, Spacer

from licenseapp.pdf import richtext
from licenseapp.pdf.document import PageFrame, content_box, heading, page_size, render
from licenseapp.pdf.styles import styles
from licenseapp.pdf.tables import ruled_table


@dataclass(frozen=True)
class ReportTable:
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    widths: tuple[float, ...] = ()  # relative widths; equal when empty
    empty: str = "Nothing to report."


@dataclass(frozen=True)
class ReportSection:
    title: str
    table: ReportTable | None = None
    lines: tuple[str, ...] = ()  # label/value or free lines printed before the table


@dataclass(frozen=True)
class Report:
    title: str
    subtitle: str
    as_of: datetime  # fixes the PDF's date: the same rows on the same day give the same bytes
    sections: tuple[ReportSection, ...]
    reference: str = ""  # printed in the header (e.g. an application's reference)
    organization: str = ""
    page: str = "letter"
    notes: tuple[str, ...] = field(default_factory=tuple)


def _widths(table: ReportTable, width: float) -> list[float]:
    weights = list(table.widths) or [1.0] * len(table.columns)
    total = sum(weights)
    return [width * w / total for w in weights]


def _section(section: ReportSection, width: float) -> list[Flowable]:
    s = styles()
    story: list[Flowable] = [heading(section.title, 1)]
    story += [richtext.paragraph(line, s.lines) for line in section.lines]
    table = section.table
    if table is None:
        return story
    if not table.rows:
        story.append(richtext.paragraph(table.empty, s.cell_small))
        return story
    story.append(ruled_table(table.columns, [list(r) for r in table.rows],
                             _widths(table, width)))
    story.append(Spacer(1, 6))
    return story


def render_report(report: Report) -> bytes:
    """The report's PDF bytes (landscape)."""
    s = styles()
    size = page_size(report.page, wide=True)
    width = content_box(size)[2]
    stamp = report.as_of.strftime("%Y-%m-%d %H:%M UTC")
    info = PageFrame(
        header_left=f"{report.title}" + (f" · {report.reference}" if report.reference else ""),
        header_right=f"As of {stamp}",
        footer_left=report.organization or "LicenseApp",
        footer_right="Printed by LicenseApp",
        draft=False,
        moment=report.as_of,
        identity=f"{report.title}|{report.reference}|{report.as_of.isoformat()}",
        title=report.title,
        author=report.organization or "LicenseApp",
        subject=report.subtitle,
    )
    story: list[Flowable] = [heading(report.title, 0), richtext.paragraph(report.subtitle, s.body)]
    story += [richtext.paragraph(note, s.small) for note in report.notes]
    for section in report.sections:
        story += _section(section, width)
    pdf, _ = render(story, size, info)
    return pdf
