"""The determination memo PDF: for each person × item, the facts with their sources, each
rule set considered and why it applied or not, the answer and its citations, then the
reference-data date and a signature block. Portrait, the shared page frame; the same
records give the same bytes."""

from __future__ import annotations

from reportlab.platypus import Flowable, KeepTogether, Spacer, Table

from licenseapp.domain.determination_memo import DeterminationMemo, MemoDetermination
from licenseapp.pdf import richtext
from licenseapp.pdf.document import PageFrame, content_box, heading, page_size, render
from licenseapp.pdf.styles import grid, styles
from licenseapp.pdf.tables import whole_word_table


def _facts(d: MemoDetermination, width: float) -> Flowable:
    rows = [[f.label, f.value, f.source] for f in d.facts]
    return whole_word_table(("Fact", "Value", "Source"), rows, (1.2, 1.6, 2.2), width)


def _rulesets(d: MemoDetermination) -> list[Flowable]:
    """Each rule set kept whole; the section's heading kept with the first (a heading never
    stands alone at a page's foot)."""
    s = styles()
    out: list[Flowable] = []
    heading_kept: list[Flowable] = [richtext.paragraph("Rule sets considered", s.h2)]
    for r in d.rulesets:
        verdict = ("applies" if r.applied else "does not apply") + f": {r.answer}"
        part = [richtext.paragraph(f"{r.title} ({r.id}, {r.version}) — {verdict}", s.cell_bold),
                richtext.paragraph(r.reason, s.body)]
        if r.citations:
            part.append(richtext.paragraph("Citations: " + "; ".join(r.citations), s.small))
        part.append(Spacer(1, 4))
        out.append(KeepTogether(heading_kept + part))
        heading_kept = []
    return out or heading_kept


def _determination(d: MemoDetermination, width: float) -> list[Flowable]:
    s = styles()
    story: list[Flowable] = [heading(d.heading, 1)]
    story.append(richtext.paragraph(f"Determination as of {d.on.isoformat()}: {d.answer}.",
                                    s.cell_bold))
    story.append(richtext.paragraph(d.reason, s.body))
    if d.citations:
        story.append(richtext.paragraph("Citations: " + "; ".join(d.citations), s.body))
    story.append(richtext.paragraph(d.record, s.small))
    for note in d.out_of_date:
        story.append(richtext.paragraph(f"Out of date with the rules in force now: {note}",
                                        s.cell_warn))
    story.append(KeepTogether([richtext.paragraph("Facts used", s.h2), _facts(d, width)]))
    story += _rulesets(d)
    return story


def _signature(memo: DeterminationMemo, width: float) -> Flowable:
    s = styles()
    line = "_" * 38
    cells = [[richtext.paragraph(f"{line}\nPrepared by", s.cell),
              richtext.paragraph(f"{line}\nReviewed and approved by (counsel or empowered "
                                 "official)", s.cell)],
             [richtext.paragraph("Name:\nDate:", s.cell),
              richtext.paragraph(
                  f"Name: {memo.signatory_name}\nTitle: {memo.signatory_title}\nDate:", s.cell)]]
    table = Table(cells, colWidths=[width / 2, width / 2])
    table.setStyle(grid(0))
    return KeepTogether([richtext.paragraph("Signatures", s.h2), Spacer(1, 18), table])


def render_memo(memo: DeterminationMemo) -> bytes:
    """The memo's PDF bytes (portrait letter)."""
    s = styles()
    size = page_size("letter")
    width = content_box(size)[2]
    info = PageFrame(
        header_left=f"{memo.title} · {memo.reference}",
        header_right="Privileged and confidential",
        footer_left=memo.organization or "LicenseApp",
        footer_right=f"Reference data of {memo.reference_date.isoformat()}",
        draft=False,
        moment=memo.as_of,
        identity=f"memo|{memo.reference}|{memo.as_of.isoformat()}",
        title=f"{memo.title} · {memo.reference}",
        author=memo.organization or "LicenseApp",
        subject=memo.prepared_for,
    )
    story: list[Flowable] = [heading(memo.title, 0),
                             richtext.paragraph(memo.prepared_for, s.body)]
    story += [richtext.paragraph(n, s.small) for n in memo.notes]
    for d in memo.determinations:
        story += _determination(d, width)
    story.append(Spacer(1, 8))
    story.append(richtext.paragraph(
        f"Reference data: Commerce Control List and Country Chart as published in the eCFR "
        f"of {memo.reference_date.isoformat()}.", s.body))
    story.append(_signature(memo, width))
    pdf, _ = render(story, size, info)
    return pdf
