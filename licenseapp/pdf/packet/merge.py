"""Attached PDFs laid onto their reserved pages (pypdf), under the packet's own marks.

Each attached page is scaled into the content frame of its reserved page and placed
*under* what ReportLab drew there, so the header, footer, page number and DRAFT mark stay
visible. The packet's bookmarks and identity survive the merge; the output is reproducible.
The packet's PDF/A claim does not: an applicant's pages are not known to conform.
"""

from __future__ import annotations

import io

from licenseapp.pdf import archival
from licenseapp.pdf.packet.attachments import AttachmentPlan, Slot


def _place(target, source, slot: Slot) -> None:  # type: ignore[no-untyped-def]
    from pypdf import Transformation

    source.transfer_rotation_to_content()
    box = source.cropbox
    left, bottom = float(box.left), float(box.bottom)
    x, y, shown_w, _ = slot.placement()
    scale = shown_w / float(box.width)
    ctm = Transformation().scale(scale, scale).translate(x - left * scale, y - bottom * scale)
    target.merge_transformed_page(source, ctm, over=False)


def merge_attachments(packet: bytes, attachments: AttachmentPlan) -> bytes:
    """The packet with every attached PDF page laid onto its reserved page."""
    if not attachments.slots:
        return packet
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(packet)))
    sources: dict[int, PdfWriter] = {}  # a writer's pages can be rotated in place
    for slot in attachments.slots:
        if slot.page_number < 1:
            continue
        source = sources.get(slot.attachment)
        if source is None:
            reader = PdfReader(io.BytesIO(attachments.entries[slot.attachment].info.content))
            if reader.is_encrypted:
                reader.decrypt("")
            source = sources[slot.attachment] = PdfWriter(clone_from=reader)
        _place(writer.pages[slot.page_number - 1], source.pages[slot.page], slot)
    metadata = writer.root_object.get("/Metadata")
    if metadata is not None:  # an applicant's pages are not known to be PDF/A
        stream = metadata.get_object()
        stream.set_data(archival.withdraw_claim(stream.get_data()))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
