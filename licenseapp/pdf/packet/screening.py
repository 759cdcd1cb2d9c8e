"""The packet's "Restricted-party screening" section: the list snapshot the parties were
screened against (source, published date, SHA-256), when each was screened, the result, and
every possible match with the reviewer's decision, name, date and note.

What it says is built by the services (the very section the case record prints); this
module lays it out on the packet's pages.
"""

from __future__ import annotations

from reportlab.platypus import Flowable, Spacer

from licenseapp.pdf import richtext
from licenseapp.pdf.document import heading
from licenseapp.pdf.report_model import ReportSection
from licenseapp.pdf.styles import styles
from licenseapp.pdf.tables import whole_word_table

INTRO = (
    "Each party was screened against the restricted-party lists of the snapshot named below "
    "(the U.S. Consolidated Screening List: the SDN list, the Entity List, the Denied Persons "
    "List and the others it carries). A possible match is decided by a reviewer: cleared as "
    "not the same party, escalated, or confirmed. An unreviewed, escalated or confirmed match "
    "keeps the application from being filed."
)


def screening_section(section: ReportSection | None, width: float) -> list[Flowable]:
    """The section's flowables; nothing when there is no evidence to print."""
    if section is None:
        return []
    s = styles()
    story: list[Flowable] = [heading(section.title), richtext.paragraph(INTRO, s.small),
                             Spacer(1, 6)]
    story += [richtext.paragraph(line, s.lines) for line in section.lines]
    table = section.table
    if table is not None:
        story.append(Spacer(1, 6))
        if table.rows:
            story.append(whole_word_table(table.columns, table.rows, table.widths, width))
        else:
            story.append(richtext.paragraph(table.empty, s.cell_small))
    return story
