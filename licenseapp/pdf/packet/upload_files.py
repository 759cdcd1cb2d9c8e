"""The PDFs of the filing set for the portal (SNAP-R and DECCS take each supporting document
as a file of its own): the block-by-block sheet with addresses split into their parts, the
letter of explanation and the technology control plan each on their own, and an image
attachment laid on a page. Each carries the packet's header, footer and marks (a draft is
marked DRAFT here too); the same record gives the same bytes.
"""

from __future__ import annotations

from dataclasses import replace

from reportlab.platypus import Flowable, Paragraph

from licenseapp.domain.block_sheet import block_rows
from licenseapp.domain.forms import FormSpec, form_spec
from licenseapp.domain.record import ApplicationRecord, AttachmentInfo
from licenseapp.domain.value_labels import ATTACHMENT_KINDS, label
from licenseapp.pdf.document import content_box, heading, page_size, render
from licenseapp.pdf.packet import page_frame
from licenseapp.pdf.packet.attachments import FittedImage
from licenseapp.pdf.packet.letters import letter_of_explanation, technology_control_plan
from licenseapp.pdf.packet.standing import FILING_COPY, PacketStanding, standing_notice
from licenseapp.pdf.styles import styles
from licenseapp.pdf.tables import ruled_table


def _pdf(data: ApplicationRecord, form: FormSpec, standing: PacketStanding, title: str,
         story: list[Flowable]) -> bytes:
    size = page_size(form.page_size)
    frame = page_frame(data, form, standing)
    frame = replace(frame, title=f"{title} — {data.ref}", identity=f"{frame.identity}|{title}")
    return render(story, size, frame)[0]


def _width(form: FormSpec) -> float:
    return content_box(page_size(form.page_size))[2]


def block_sheet_pdf(data: ApplicationRecord, standing: PacketStanding = FILING_COPY) -> bytes:
    """Every portal field in the form's order, one row each; addresses in five rows."""
    form = form_spec(data.form)
    width = _width(form)
    portal = form.portal or "the regulator's portal"
    rows = [[number, field, value] for number, field, value in block_rows(form, data)]
    story: list[Flowable] = [
        heading(f"Block-by-block sheet — {form.code}"),
        Paragraph(f"One row per field of {portal}, in the form's order; each address in "
                  "its parts (street, city, state or province, postal code, country).",
                  styles().small),
        *standing_notice(data.is_draft or bool(standing.errors), standing, width),
        ruled_table(["Block", "Field", "Entry"], rows,
                    [width * 0.09, width * 0.36, width * 0.55]),
    ]
    return _pdf(data, form, standing, "Block-by-block sheet", story)


def letter_pdf(data: ApplicationRecord, standing: PacketStanding = FILING_COPY) -> bytes:
    form = form_spec(data.form)
    return _pdf(data, form, standing, "Letter of explanation", letter_of_explanation(data))


def plan_pdf(data: ApplicationRecord, standing: PacketStanding = FILING_COPY) -> bytes:
    form = form_spec(data.form)
    return _pdf(data, form, standing, "Technology control plan", technology_control_plan(data))


def image_pdf(data: ApplicationRecord, attachment: AttachmentInfo) -> bytes:
    """An attached image on a page of its own, fitted, with the packet's header and footer."""
    form = form_spec(data.form)
    kind = label(ATTACHMENT_KINDS, attachment.kind)
    story: list[Flowable] = [Paragraph(f"{kind} (SHA-256 of the file attached: "
                                       f"{attachment.sha256})", styles().small),
                             FittedImage(attachment.content)]
    return _pdf(data, form, FILING_COPY, kind, story)
