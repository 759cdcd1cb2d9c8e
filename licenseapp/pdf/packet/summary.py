"""The filing summary: every field of the form in the form's own order, ready to key into
the regulator's portal block by block (for a BIS-748P, blocks 1-25 with 22(a)-(j) per item)."""

from __future__ import annotations

from xml.sax.saxutils import escape

from reportlab.platypus import Flowable, Paragraph, Spacer

from licenseapp.domain.form_values import FieldEntry, field_entry, item_entry
from licenseapp.domain.forms import FormField, FormSpec
from licenseapp.domain.record import ApplicationRecord, ItemInfo
from licenseapp.pdf import richtext
from licenseapp.pdf.document import heading
from licenseapp.pdf.styles import SHADE, grid, styles
from licenseapp.pdf.tables import SPLITTING, SplittingTable, kept_with_first_rows


def _guidance(spec: FormField) -> list[Flowable]:
    s = styles()
    cell: list[Flowable] = [Paragraph(escape(spec.label), s.cell_bold)]
    cell.append(Paragraph(escape(spec.requirement_label), s.cell_small))
    if spec.note:
        cell.append(Paragraph(escape(spec.note), s.cell_small))
    if not spec.name_confirmed:
        cell.append(Paragraph("Name unconfirmed", s.cell_warn))
    return cell


def _how_to_read(form: FormSpec, portal: str) -> str:
    """The note above the table: in the filer's words, never the spec's own notes or files."""
    text = (f"Key these entries into {portal} field by field, in this order. 'Standard entry' "
            "marks wording taken from the form's instructions because the record has none.")
    if any(not f.name_confirmed for f in form.walk()):
        text += (" Field names marked 'Name unconfirmed' have not been checked against the "
                 f"{form.code} form itself: check each against the field on screen.")
    return text


def _entry(spec: FormField, entry: FieldEntry) -> list[Flowable]:
    s = styles()
    if entry.blank:
        if spec.required:
            return [Paragraph("Missing: required for this application", s.cell_warn)]
        if spec.requirement in ("leave_blank", "obsolete"):
            return [Paragraph("(leave blank)", s.cell_small)]
        return [Paragraph("—", s.cell_small)]
    cell: list[Flowable] = []
    for line in entry.lines:
        cell += richtext.paragraphs(line, s.cell) or []
    if entry.standard:
        cell.append(Paragraph("Standard entry from the form's instructions", s.cell_small))
    if spec.requirement == "leave_blank":
        cell.append(Paragraph("The instructions say to leave this blank", s.cell_warn))
    return cell


def _number(spec: FormField) -> Paragraph:
    return Paragraph(escape(spec.number), styles().cell_bold)


def _item_caption(group: FormField, item: ItemInfo, index: int, count: int) -> Flowable:
    s = styles()
    text = f"{group.number} {group.label}: item {index} of {count}: {item.name}"
    if item.item_ref:
        text += f" ({item.item_ref})"
    return richtext.paragraph(text, s.cell_bold)


def filing_summary(data: ApplicationRecord, form: FormSpec, width: float) -> list[Flowable]:
    s = styles()
    portal = form.portal or "the regulator's portal"
    story: list[Flowable] = [
        heading(f"Filing summary — {form.code}"),
        Paragraph(escape(form.title), s.body),
        Paragraph(escape(_how_to_read(form, portal)), s.small),
        Spacer(1, 4),
    ]
    header: Row = [Paragraph("No.", s.cell_bold), Paragraph("Field and guidance", s.cell_bold),
                   Paragraph("Entry", s.cell_bold)]
    widths = [width * 0.09, width * 0.36, width * 0.55]
    rows: list[Row] = [header]
    for spec in form.fields:
        if spec.repeat is None:
            rows.append([_number(spec), _guidance(spec), _entry(spec, field_entry(spec, data))])
            continue
        rows.append([_number(spec), _guidance(spec),
                     [Paragraph(f"{len(data.items)} item(s) follow", s.cell_small)]
                     if data.items else
                     [Paragraph("Missing: no items recorded", s.cell_warn)]])
        story.append(_table(rows, widths, header=rows[0] is header))
        rows = []
        for index, item in enumerate(data.items, start=1):
            # each item its own table, its caption row first (repeated when it runs on to
            # another page) and kept with the item's first block: never alone at a page foot
            item_rows: list[Row] = [[_item_caption(spec, item, index, len(data.items)), "", ""]]
            item_rows += [[_number(sub), _guidance(sub), _entry(sub, item_entry(sub, item))]
                          for sub in spec.fields]
            story += kept_with_first_rows([], _table(item_rows, widths, caption=True), width)
    if rows:
        story.append(_table(rows, widths, header=rows[0] is header))
    return story


Row = list[Flowable | list[Flowable] | str]


def _table(rows: list[Row], widths: list[float], *, header: bool = False,
           caption: bool = False) -> SplittingTable:
    """A part of the summary: the column headings or an item's caption as its first row,
    repeated on each page it runs on to."""
    table = SplittingTable(rows, colWidths=widths, repeatRows=1 if header or caption else 0,
                           hAlign="LEFT", **SPLITTING)
    style = grid(1 if header else 0)
    if caption:
        style.add("SPAN", (0, 0), (-1, 0))
        style.add("BACKGROUND", (0, 0), (-1, 0), SHADE)
    table.setStyle(style)
    return table
