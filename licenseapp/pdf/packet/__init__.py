"""The filing packet of one application, as PDF bytes.

Cover letter, filing summary in the form's order, letter of explanation, foreign-national
data sheet, technology control plan, index of supporting documents and the documents
themselves; bookmarks for every section; references and "Page x of y" on every page; a
diagonal DRAFT mark until the application is ready to file, and on any packet of an
application with checker errors, which lists them on its first page; "Not the filed copy" on
a packet printed again after filing (:mod:`standing`). Same data, same bytes.

Document numbers on the data sheet are masked unless the caller asks for them in full
(``full_document_numbers``, with a record read that way); the sheet says which it is.
"""

from __future__ import annotations

from dataclasses import replace

from reportlab.platypus import Flowable, PageBreak

from licenseapp.domain.forms import FormSpec, form_spec
from licenseapp.domain.record import ApplicationRecord
from licenseapp.pdf.document import PageFrame, content_box, page_size, render
from licenseapp.pdf.packet import attachments as att
from licenseapp.pdf.packet.letters import (
    cover_letter,
    letter_of_explanation,
    technology_control_plan,
)
from licenseapp.pdf.packet.merge import merge_attachments
from licenseapp.pdf.packet.person import person_sheet
from licenseapp.pdf.packet.screening import screening_section
from licenseapp.pdf.packet.standing import (
    FILING_COPY,
    PacketStanding,
    header_prefix,
    standing_notice,
)
from licenseapp.pdf.packet.summary import filing_summary
from licenseapp.pdf.report_model import ReportSection


def is_draft(data: ApplicationRecord, standing: PacketStanding) -> bool:
    """A draft until ready to file, and whenever the checker finds an error."""
    return data.is_draft or bool(standing.errors)


def page_frame(
    data: ApplicationRecord, form: FormSpec, standing: PacketStanding = FILING_COPY
) -> PageFrame:
    acn = data.regulator_ref or "not yet assigned"
    person = data.person.full_name if data.person else ""
    draft = is_draft(data, standing)
    return PageFrame(
        header_left=header_prefix(draft, standing) + f"{data.ref} · {form.code} filing packet"
        + (f" · {person}" if person else ""),
        header_right=f"{data.regulator_ref_name}: {acn}",
        footer_left=data.organization.legal_name,
        footer_right=f"{data.status_label} · record version {data.version}, "
        f"{data.updated_at.strftime('%Y-%m-%d %H:%M')} UTC",
        draft=draft,
        moment=data.updated_at,
        identity=f"{data.ref}|{data.version}|{data.updated_at.isoformat()}|{data.status}",
        title=f"Filing packet {data.ref} ({form.code})",
        author=data.organization.legal_name,
        subject=f"{form.title}; {person}".strip("; "),
    )


def _story(
    data: ApplicationRecord, form: FormSpec, width: float, plan: att.AttachmentPlan,
    pages: dict[str, int], full_document_numbers: bool, standing: PacketStanding,
    screening: ReportSection | None = None,
) -> list[Flowable]:
    sections: list[list[Flowable]] = [
        standing_notice(is_draft(data, standing), standing, width)
        + cover_letter(data, form, width),
        filing_summary(data, form, width),
        letter_of_explanation(data),
        person_sheet(data, width, full_document_numbers=full_document_numbers),
        screening_section(screening, width),
        technology_control_plan(data),
        att.index_section(plan, pages, width),
    ]
    story: list[Flowable] = []
    for section in filter(None, sections):
        if story:
            story.append(PageBreak())
        story += section
    story += att.document_pages(plan)
    return story


def render_packet(
    data: ApplicationRecord, form: FormSpec | None = None, *,
    full_document_numbers: bool = False, standing: PacketStanding = FILING_COPY,
    screening: ReportSection | None = None,
) -> bytes:
    """The packet's PDF bytes (identical for identical data and standing).

    ``standing`` carries the checker's errors (the packet is then a draft that lists them)
    and, once filed, the filed copy's SHA-256 and date (the packet then says it is not it).
    ``screening``: the restricted-party screening evidence (printed after the data sheet).

    ``full_document_numbers`` prints passport, visa and other document numbers in full
    (from :attr:`DocumentInfo.number`, so ``data`` must have been read with them); by
    default they are masked.
    """
    form = form or form_spec(data.form)
    size = page_size(form.page_size)
    width = content_box(size)[2]
    info = page_frame(data, form, standing)
    if full_document_numbers:  # another document than the masked one: another /ID
        info = replace(info, identity=f"{info.identity}|full-document-numbers")
    plan = att.plan(data.attachments)
    pdf, pages = render(
        _story(data, form, width, plan, {}, full_document_numbers, standing, screening),
        size, info)
    if plan.entries:  # a second pass prints each document's page in the index
        pdf, pages = render(
            _story(data, form, width, plan, pages, full_document_numbers, standing, screening),
            size, info)
    return merge_attachments(pdf, plan)
