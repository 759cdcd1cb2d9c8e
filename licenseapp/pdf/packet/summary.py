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
from licenseapp.pdf.tables import SPLITTING, SplittingTable


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
    rows: list[list[Flowable | list[Flowable] | str]] = [
        [Paragraph("No.", s.cell_bold), Paragraph("Field and guidance", s.cell_bold),
         Paragraph("Entry", s.cell_bold)]
    ]
    shaded: list[int] = []
    for spec in form.fields:
        if spec.repeat is None:
            rows.append([_number(spec), _guidance(spec), _entry(spec, field_entry(spec, data))])
            continue
        rows.append([_number(spec), _guidance(spec),
                     [Paragraph(f"{len(data.items)} item(s) follow", s.cell_small)]
                     if data.items else
                     [Paragraph("Missing: no items recorded", s.cell_warn)]])
        for index, item in enumerate(data.items, start=1):
            shaded.append(len(rows))
            rows.append([_item_caption(spec, item, index, len(data.items)), "", ""])
            for sub in spec.fields:
                rows.append([_number(sub), _guidance(sub), _entry(sub, item_entry(sub, item))])
    table = SplittingTable(rows, colWidths=[width * 0.09, width * 0.36, width * 0.55],
                           repeatRows=1, hAlign="LEFT", **SPLITTING)
    style = grid(1)
    for r in shaded:
        style.add("SPAN", (0, r), (-1, r))
        style.add("BACKGROUND", (0, r), (-1, r), SHADE)
    table.setStyle(style)
    story.append(table)
    return story
