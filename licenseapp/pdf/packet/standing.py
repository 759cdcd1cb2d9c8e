"""What a packet says about itself on paper: a draft with the checker's errors, or a copy
regenerated after filing that is not the one filed.

A packet of an application with checker errors is a draft whatever its status: the DRAFT
mark on every page, "DRAFT" at the start of every page's header, and the errors listed
on its first page. A packet regenerated for an application that was filed says on its first
page and in every header that it is not the filed copy, with the filed copy's SHA-256 and
filing date, so nobody files or archives it in place of the one kept at filing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cache

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from licenseapp.domain.checker import Finding
from licenseapp.pdf import richtext
from licenseapp.pdf.styles import styles

DRAFT_HEADER = "DRAFT"
NOT_FILED_HEADER = "Not the filed copy"
_LISTED = 12  # errors listed by name on the first page; the rest are counted
_ALERT = colors.Color(0.62, 0.08, 0.08)


@dataclass(frozen=True)
class PacketStanding:
    """The checker's errors when the packet was made, and the copy kept at filing (if any)."""

    errors: tuple[Finding, ...] = ()
    filed_sha256: str = ""
    filed_on: date | None = None

    @property
    def regenerated_after_filing(self) -> bool:
        return bool(self.filed_sha256)


FILING_COPY = PacketStanding()  # the packet as it is filed: nothing to say about itself


def header_prefix(draft: bool, standing: PacketStanding) -> str:
    """What every page's header starts with: "DRAFT · " and/or "Not the filed copy · "
    (empty for the copy that is filed)."""
    marks = ([DRAFT_HEADER] if draft else []) + (
        [NOT_FILED_HEADER] if standing.regenerated_after_filing else [])
    return "".join(f"{mark} · " for mark in marks)


@cache
def _alert() -> ParagraphStyle:
    s = styles()
    return ParagraphStyle("standing", parent=s.body, fontName=s.bold_face, textColor=_ALERT)


def _boxed(content: list[Flowable], width: float) -> Flowable:
    box = Table([[content]], colWidths=[width], hAlign="LEFT")
    box.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), styles().regular_face),  # never ReportLab's Helvetica
        ("BOX", (0, 0), (-1, -1), 1.2, _ALERT),
        ("LEFTPADDING", (0, 0), (-1, -1), 8), ("RIGHTPADDING", (0, 0), (-1, -1), 8),
        ("TOPPADDING", (0, 0), (-1, -1), 6), ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
    ]))
    return box


def standing_notice(draft: bool, standing: PacketStanding, width: float) -> list[Flowable]:
    """The box at the top of the first page (nothing for a clean copy to file)."""
    s = styles()
    story: list[Flowable] = []
    if standing.errors:
        count = len(standing.errors)
        content: list[Flowable] = [
            Paragraph("DRAFT: not for filing.", _alert()),
            Paragraph(f"The completeness check finds {count} error{'s' if count != 1 else ''}"
                      "; the regulator would return the application as it stands. Correct "
                      "them and print the packet again.", s.body)]
        for finding in standing.errors[:_LISTED]:
            content.append(richtext.paragraph(
                f"• {finding.field}: {finding.message}", s.cell))
        if count > _LISTED:
            content.append(Paragraph(f"… and {count - _LISTED} more; the completeness check "
                                     "lists each with its fix.", s.cell_small))
        story += [_boxed(content, width), Spacer(1, 8)]
    elif draft:
        story += [_boxed([
            Paragraph("DRAFT: not for filing.", _alert()),
            Paragraph("The application has not been marked ready to file.", s.body),
        ], width), Spacer(1, 8)]
    if standing.regenerated_after_filing:
        filed = f" on {standing.filed_on.isoformat()}" if standing.filed_on else ""
        story += [_boxed([
            Paragraph("Not the filed copy.", _alert()),
            Paragraph("This packet was printed again from the record as it stands now. The "
                      "copy filed" + filed + " is kept by LicenseApp; its SHA-256 is:", s.body),
            Paragraph(standing.filed_sha256, s.cell),
        ], width), Spacer(1, 8)]
    return story
