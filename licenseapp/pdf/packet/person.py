"""The foreign-national data sheet: names in every script, citizenships, immigration
documents (numbers masked unless asked for in full, and the sheet says which), employment,
and the résumé as a month/year timeline."""

from __future__ import annotations

from xml.sax.saxutils import escape

from reportlab.lib.units import cm
from reportlab.platypus import CondPageBreak, Flowable, Paragraph, Spacer

from licenseapp.domain.forms import FormSpec, form_spec
from licenseapp.domain.record import ApplicationRecord, DocumentInfo, PersonInfo, ResumeInfo
from licenseapp.domain.value_labels import DOCUMENT_KINDS, label
from licenseapp.pdf import richtext
from licenseapp.pdf.document import heading
from licenseapp.pdf.styles import styles
from licenseapp.pdf.tables import Cell, field_table, iso, month_year, muted, ruled_table

#: BIS expects no unexplained gap over 30 days: more than one whole month between entries.
GAP_MONTHS = 1
#: Printed under the documents table, for whoever holds the paper.
FULL_NUMBERS_NOTE = "Document numbers printed in full — handle as personal data."
MASKED_NUMBERS_NOTE = (
    "Document numbers masked: only their last characters are shown. The filer can print them "
    "in full with “Show document numbers in full” in the packet preview."
)


def _other_names(person: PersonInfo) -> list[Flowable]:
    """As typed (a separator such as ';' may be part of a name), one line per line."""
    names = [n.strip() for n in person.other_names.splitlines() if n.strip()]
    return [richtext.paragraph(n, styles().cell) for n in names]


def _identity(person: PersonInfo, spec: FormSpec, width: float) -> Flowable:
    birth = ", ".join(x for x in (person.birth_city, person.birth_country_name) if x)
    residence = person.residency_country_name
    if person.lpr_since:
        residence = f"{residence} (permanent resident since {iso(person.lpr_since)})".strip()
    rows: list[tuple[str, Cell]] = [
        ("Family name", person.family_name),
        ("Given names", person.given_name),
        ("Name in native script", person.native_name),
        ("Other names used", _other_names(person) or ""),
        ("Date of birth", iso(person.date_of_birth)),
        ("Place of birth", birth),
        ("Country of residence", residence),
        (spec.term("immigration_status"), person.immigration_status_label),
        ("E-mail", person.email),
        ("Telephone", person.phone),
        ("Internal reference", person.ref),
    ]
    # A form without the entry (a SIEL: the status recorded is a U.S. one) leaves it out.
    rows = [(label, value) for label, value in rows if label]
    return field_table(rows, (width * 0.3, width * 0.7))


def _citizenships(person: PersonInfo, width: float) -> Flowable:
    if not person.citizenships:
        return richtext.paragraph("No citizenship recorded.", styles().cell_warn)
    rows = [
        [c.country_name, c.country, c.basis, iso(c.acquired_on), iso(c.ended_on) or "current"]
        for c in person.citizenships
    ]
    return ruled_table(["Country", "Code", "Basis", "Acquired", "Ended"], rows,
                       [width * 0.34, width * 0.1, width * 0.2, width * 0.18, width * 0.18])


def _number(document: DocumentInfo, full: bool) -> str:
    if not full:
        return document.number_masked
    if document.number_masked and not document.number:
        raise ValueError("document numbers in full were asked for, but the record was read "
                         "with masked numbers only")
    return document.number


def _documents(person: PersonInfo, width: float, full: bool) -> list[Flowable]:
    s = styles()
    if not person.documents:
        return [richtext.paragraph("No immigration or identity document recorded.",
                                   s.cell_warn)]
    rows = [
        [label(DOCUMENT_KINDS, d.kind), _number(d, full),
         d.issuing_country_name or (d.issuing_country or ""), d.document_class,
         iso(d.issued_on), iso(d.expires_on)]
        for d in person.documents
    ]
    table = ruled_table(
        ["Document", "Number" if full else "Number (masked)", "Issued by", "Class", "Issued",
         "Expires"], rows,
        [width * 0.24, width * 0.18, width * 0.18, width * 0.12, width * 0.14, width * 0.14],
    )
    note = Paragraph(escape(FULL_NUMBERS_NOTE if full else MASKED_NUMBERS_NOTE),
                     s.cell_bold if full else s.cell_small)
    return [table, Spacer(1, 3), note]


def _employment(data: ApplicationRecord, person: PersonInfo, spec: FormSpec,
                width: float) -> Flowable:
    rows: list[tuple[str, Cell]] = [
        ("Employer", person.employer or data.organization.legal_name),
        ("Job title", person.job_title),
        ("Supervisor", person.supervisor),
        (spec.term("work_site"), person.work_site),
        ("Duties", richtext.paragraphs(person.duties, styles().cell) or ""),
    ]
    return field_table(rows, (width * 0.3, width * 0.7))


def _months(year: int, month: int) -> int:
    return year * 12 + (month - 1)


def _gap(previous_end: int | None, start: int) -> str:
    if previous_end is None or start - previous_end <= GAP_MONTHS:
        return ""
    first, last = previous_end + 1, start - 1
    span = last - first + 1
    return (f"Gap of {span} month(s): {month_year(first // 12, first % 12 + 1)} to "
            f"{month_year(last // 12, last % 12 + 1)} — explain in the résumé")


def _resume_rows(entries: tuple[ResumeInfo, ...]) -> tuple[list[list[Cell]], list[int]]:
    s = styles()
    rows: list[list[Cell]] = []
    gaps: list[int] = []
    latest_end: int | None = None
    for entry in sorted(entries, key=lambda e: (e.start_year, e.start_month)):
        start = _months(entry.start_year, entry.start_month)
        gap = _gap(latest_end, start)
        if gap:
            gaps.append(len(rows) + 1)
            rows.append([Paragraph(gap, s.cell_warn), "", "", ""])
        where = "\n".join(x for x in (entry.organization, entry.location) if x)
        what: list[Flowable] = []
        if entry.title:
            what.append(richtext.paragraph(entry.title, s.cell_bold))
        what += richtext.paragraphs(entry.description, s.cell)
        rows.append([
            f"{month_year(entry.start_year, entry.start_month)} – "
            f"{month_year(entry.end_year, entry.end_month)}",
            entry.kind.replace("_", " ").capitalize(), where, what or "",
        ])
        end = (_months(entry.end_year, entry.end_month or 12) if entry.end_year is not None
               else None)
        if end is None:
            latest_end = 10**9
        elif latest_end is None or end > latest_end:
            latest_end = end
    return rows, gaps


def _resume(person: PersonInfo, width: float) -> Flowable:
    if not person.resume:
        return richtext.paragraph("No résumé entries recorded.", styles().cell_warn)
    rows, gaps = _resume_rows(person.resume)
    table = ruled_table(["From – to", "Kind", "School or employer", "Title and description"],
                        rows, [width * 0.19, width * 0.15, width * 0.28, width * 0.38], zebra=False)
    for r in gaps:
        table.setStyle([("SPAN", (0, r), (-1, r))])
    return table


_ROOM = 3.5 * cm  # a heading and the first rows of its table


def person_sheet(
    data: ApplicationRecord, width: float, *, full_document_numbers: bool = False
) -> list[Flowable]:
    s = styles()
    person = data.person
    spec = form_spec(data.form)
    story: list[Flowable] = [heading(spec.term("person_sheet"))]
    if person is None:
        story.append(muted(f"No {spec.term('recipient')} is linked to this application."))
        return story
    story.append(richtext.paragraph(
        f"{person.family_name.upper()}, {person.given_name}"
        + (f"   {person.native_name}" if person.native_name else ""), s.h2))
    story.append(_identity(person, spec, width))
    # A section heading never stands alone at the foot of a page: break first if little
    # room is left (a heading kept with a long table would push the whole table instead).
    story += [CondPageBreak(_ROOM), heading("Citizenships", 1, "Citizenships"),
              _citizenships(person, width)]
    story += [CondPageBreak(_ROOM), heading("Immigration and identity documents", 1),
              *_documents(person, width, full_document_numbers)]
    story += [CondPageBreak(_ROOM), heading("Employment", 1),
              _employment(data, person, spec, width)]
    story += [CondPageBreak(_ROOM), heading("Résumé (month/year)", 1, "Résumé timeline"),
              _resume(person, width)]
    return story
