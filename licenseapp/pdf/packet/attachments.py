"""Supporting documents: the index, then each document itself.

Images are drawn by ReportLab. An attached PDF gets reserved pages here (with the packet's
header, footer and marks) onto which :mod:`licenseapp.pdf.packet.merge` lays its pages.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field

from reportlab.lib.utils import ImageReader
from reportlab.platypus import Flowable, PageBreak, Paragraph

from licenseapp.domain.record import AttachmentInfo
from licenseapp.domain.value_labels import ATTACHMENT_KINDS, label
from licenseapp.errors import LicenseAppError
from licenseapp.pdf import richtext
from licenseapp.pdf.document import heading, outlined
from licenseapp.pdf.styles import RULE, styles
from licenseapp.pdf.tables import ruled_table, size_text


@dataclass
class Slot:
    """A reserved page: which attachment page goes where (filled in while drawing)."""

    attachment: int
    page: int
    size: tuple[float, float]  # the attached page's width and height as displayed
    page_number: int = 0
    box: tuple[float, float, float, float] = (0.0, 0.0, 0.0, 0.0)

    def placement(self) -> tuple[float, float, float, float]:
        """Where the attached page lands in the box: scaled to fit, centred, at the top."""
        x, y, w, h = self.box
        width, height = self.size
        scale = min(w / width, h / height)
        shown_w, shown_h = width * scale, height * scale
        return x + (w - shown_w) / 2, y + h - shown_h, shown_w, shown_h


@dataclass(frozen=True)
class PlannedAttachment:
    info: AttachmentInfo
    how: str  # "pdf", "image" or "listed"
    page_sizes: tuple[tuple[float, float], ...] = ()  # of an attached PDF, as displayed
    reason: str = ""  # why a document is only listed


@dataclass
class AttachmentPlan:
    entries: list[PlannedAttachment]
    slots: list[Slot] = field(default_factory=list)


def _pdf_page_sizes(content: bytes) -> tuple[tuple[float, float], ...]:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(content))
    if reader.is_encrypted and not reader.decrypt(""):
        raise ValueError("the PDF is encrypted")
    sizes = []
    for page in reader.pages:
        width, height = float(page.cropbox.width), float(page.cropbox.height)
        if page.rotation % 180:
            width, height = height, width
        if width <= 0 or height <= 0:
            raise ValueError("a page has no size")
        sizes.append((width, height))
    if not sizes:
        raise ValueError("the PDF has no pages")
    return tuple(sizes)


def plan(attachments: tuple[AttachmentInfo, ...]) -> AttachmentPlan:
    """How each attachment will be reproduced (reading attached PDFs for their page count)."""
    entries: list[PlannedAttachment] = []
    for att in attachments:
        media = att.media_type.lower()
        try:
            if media == "application/pdf":
                entries.append(PlannedAttachment(att, "pdf", _pdf_page_sizes(att.content)))
            elif media.startswith("image/"):
                ImageReader(io.BytesIO(att.content)).getSize()
                entries.append(PlannedAttachment(att, "image"))
            else:
                entries.append(PlannedAttachment(att, "listed", reason=(
                    f"A {att.media_type} file cannot be reproduced in a PDF packet; "
                    "file it separately.")))
        except ImportError as exc:  # pypdf is needed to reproduce attached PDFs
            raise LicenseAppError(
                f"attached PDFs cannot be merged into the packet: {exc.name} is not installed"
            ) from None
        except Exception as exc:  # a damaged upload is listed, never fatal to the packet
            # Only the error's class: its message may hold memory addresses (not reproducible).
            what = "a PDF" if media == "application/pdf" else "an image"
            detail = str(exc) if type(exc) is ValueError else type(exc).__name__
            entries.append(PlannedAttachment(att, "listed", reason=(
                f"The file could not be read as {what} ({detail}); it is listed here but not "
                "reproduced.")))
    return AttachmentPlan(entries)


def _marker(index: int) -> str:
    return f"attachment-{index}"


def index_section(
    attachments: AttachmentPlan, pages: dict[str, int], width: float
) -> list[Flowable]:
    s = styles()
    story: list[Flowable] = [heading("Supporting documents")]
    if not attachments.entries:
        story.append(richtext.paragraph(
            "No supporting documents are attached to this packet: the completeness check says "
            "which copies the regulator expects for this person.", s.cell_warn))
        return story
    story.append(Paragraph(
        "Each document follows in this order. The SHA-256 identifies the exact file.", s.small))
    rows = []
    for i, entry in enumerate(attachments.entries, start=1):
        att = entry.info
        page = pages.get(_marker(i))
        rows.append([
            str(i), label(ATTACHMENT_KINDS, att.kind), att.file_name,
            f"{att.media_type}\n{size_text(att.size)}",
            att.sha256, str(page) if page else "",
        ])
    story.append(ruled_table(
        ["#", "Document", "File name", "Type, size", "SHA-256", "Page"], rows,
        [width * 0.05, width * 0.15, width * 0.26, width * 0.15, width * 0.31, width * 0.08],
    ))
    return story


class ReservedPage(Flowable):  # type: ignore[misc]  # ReportLab is untyped
    """Takes the rest of the frame and records where it was drawn (for the merge)."""

    def __init__(self, slot: Slot) -> None:
        super().__init__()
        self.slot = slot

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width, self.height = availWidth, availHeight - 1
        return self.width, self.height

    def drawOn(self, canvas, x, y, _sW=0):  # type: ignore[no-untyped-def]
        self.slot.page_number = canvas.getPageNumber()
        self.slot.box = (x, y, self.width, self.height - 6)  # a gap below the caption
        super().drawOn(canvas, x, y, _sW)

    def draw(self) -> None:
        """A thin frame where the attached page lands (its edge shows on white scans)."""
        x, y, w, h = self.slot.placement()
        bx, by = self.slot.box[:2]
        self.canv.setStrokeColor(RULE)
        self.canv.setLineWidth(0.4)
        self.canv.rect(x - bx - 0.5, y - by - 0.5, w + 1, h + 1)


class FittedImage(Flowable):  # type: ignore[misc]  # ReportLab is untyped
    """An image scaled to the space left in the frame, aspect ratio kept."""

    def __init__(self, content: bytes) -> None:
        super().__init__()
        self.reader = ImageReader(io.BytesIO(content))
        self.iw, self.ih = self.reader.getSize()

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        scale = min(availWidth / self.iw, (availHeight - 1) / self.ih)
        self.width, self.height = self.iw * scale, self.ih * scale
        self.box_width = availWidth
        return availWidth, self.height

    def draw(self) -> None:
        x = (self.box_width - self.width) / 2
        self.canv.drawImage(self.reader, x, 0, self.width, self.height)


def _caption(i: int, count: int, att: AttachmentInfo) -> Flowable:
    s = styles()
    kind = label(ATTACHMENT_KINDS, att.kind)
    return richtext.paragraph(
        f"Document {i} of {count}: {kind} — {att.file_name} — SHA-256 {att.sha256}", s.small)


def document_pages(attachments: AttachmentPlan) -> list[Flowable]:
    """Each attachment from a new page, bookmarked under "Supporting documents"."""
    s = styles()
    story: list[Flowable] = []
    attachments.slots.clear()
    count = len(attachments.entries)
    for i, entry in enumerate(attachments.entries, start=1):
        att = entry.info
        title = f"{i}. {label(ATTACHMENT_KINDS, att.kind)}: {att.file_name}"
        story.append(PageBreak())
        story.append(outlined(_caption(i, count, att), title, 1, _marker(i)))
        if entry.how == "image":
            story.append(FittedImage(att.content))
        elif entry.how == "pdf":
            for page, size in enumerate(entry.page_sizes):
                slot = Slot(i - 1, page, size)
                attachments.slots.append(slot)
                if page:
                    story.append(PageBreak())
                story.append(ReservedPage(slot))
        else:
            story.append(richtext.paragraph(entry.reason, s.cell_warn))
    return story
