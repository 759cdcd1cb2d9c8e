"""The page frame every printed document shares: header and footer with the references,
"Page x of y", the diagonal DRAFT mark, bookmarks, metadata and language (PDF/A-2b,
:mod:`licenseapp.pdf.archival`), and byte-for-byte reproducible output.

The canvas keeps each page until the end (the pretix "numbered canvas"), so the footer knows
the page count; the document's date and identity come from the record, never from the
clock, so the same data gives the same bytes and a SHA-256 proves which packet was filed.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import inch
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate

from licenseapp.pdf import archival, richtext
from licenseapp.pdf.styles import MUTED, RULE, styles

WATERMARK_TEXT = "DRAFT"
MARGIN_X = 0.85 * inch
MARGIN_TOP = 0.95 * inch
MARGIN_BOTTOM = 0.85 * inch


@dataclass(frozen=True)
class PageFrame:
    """What every page of one document shows around its content."""

    header_left: str
    header_right: str
    footer_left: str
    footer_right: str
    draft: bool
    moment: datetime  # the record's last change: the PDF's creation date
    identity: str  # what the PDF's /ID is derived from
    title: str
    author: str
    subject: str


def page_size(name: str, *, wide: bool = False) -> tuple[float, float]:
    width, height = A4 if name == "a4" else LETTER
    return (float(max(width, height)), float(min(width, height))) if wide else (width, height)


def content_box(size: tuple[float, float]) -> tuple[float, float, float, float]:
    """The (x, y, width, height) content frame of a page of that size."""
    width, height = size
    return MARGIN_X, MARGIN_BOTTOM, width - 2 * MARGIN_X, height - MARGIN_TOP - MARGIN_BOTTOM


def outlined(flowable: Flowable, title: str, level: int = 0, marker: str = "") -> Flowable:
    """Mark a flowable as the start of a bookmarked section; ``marker`` names it in
    :attr:`FramedDocument.markers` (the page it landed on)."""
    flowable.outline_title = title  # type: ignore[attr-defined]
    flowable.outline_level = level  # type: ignore[attr-defined]
    flowable.page_marker = marker  # type: ignore[attr-defined]
    return flowable


def heading(text: str, level: int = 0, outline: str | None = None) -> Flowable:
    """A section heading (user text allowed), bookmarked in the PDF outline."""
    s = styles()
    return outlined(richtext.paragraph(text, s.h1 if level == 0 else s.h2), outline or text, level)


def _pdf_date(moment: datetime) -> str:
    utc = moment.astimezone(UTC)
    return utc.strftime("D:%Y%m%d%H%M%S+00'00'")


def _one_line(text: str, style: ParagraphStyle, width: float) -> Flowable:
    """The text on one line, cut with an ellipsis when it is longer than the room."""

    def fits(candidate: str) -> bool:
        _, height = richtext.paragraph(candidate, style).wrap(width, 10_000)
        return bool(height <= style.leading * 1.5)

    if fits(text):
        return richtext.paragraph(text, style)
    lo, hi = 0, len(text)
    while lo < hi:  # the longest prefix that fits, with its ellipsis
        mid = (lo + hi + 1) // 2
        if fits(text[:mid].rstrip() + "…"):
            lo = mid
        else:
            hi = mid - 1
    return richtext.paragraph(text[:lo].rstrip() + "…", style)


class _FramedCanvas(Canvas):  # type: ignore[misc]  # ReportLab is untyped
    """Keeps every page until :meth:`save`, then draws header, footer, page x of y and the
    DRAFT mark on each."""

    frame_info: PageFrame

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        info = self.frame_info
        fixed = _pdf_date(info.moment)
        self.setDateFormatter(lambda *_: fixed)
        self._doc.updateSignature(info.identity)
        self.setTitle(info.title)
        self.setAuthor(info.author)
        self.setSubject(info.subject)
        self.setCreator("LicenseApp")
        archival.declare(self._doc, moment=info.moment)
        self.showOutline()
        self._pages: list[dict[str, Any]] = []
        #: bookmarks asked for while the pages are held back: (page index, key, top)
        self._bookmarks: list[tuple[int, str, float]] = []
        s = styles()
        width = self._pagesize[0]
        half = (width - 2 * MARGIN_X) / 2 - 6
        side = (width - 2 * MARGIN_X) / 2 - 36  # either side of the page number
        self._texts = {
            key: (_one_line(text, style, room), room)
            for key, text, style, room in (
                ("hl", info.header_left, s.small, half),
                ("hr", info.header_right, s.small_right, half),
                ("fl", info.footer_left, s.small, side),
                ("fr", info.footer_right, s.small_right, side),
            )
        }

    def showPage(self) -> None:
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def bookmark_here(self, key: str, top: float) -> None:
        """Bookmark the page being drawn, at height ``top``. ReportLab ties a bookmark to
        the page the document is writing *now*, and while the pages are held back for
        "Page x of y" that is always page 1: so the bookmark is set when its page is
        written out in :meth:`save`."""
        self._bookmarks.append((len(self._pages), key, top))

    def save(self) -> None:
        total = len(self._pages)
        bookmarks = list(self._bookmarks)
        for index, state in enumerate(self._pages):
            self.__dict__.update(state)
            self._decorate(index + 1, total)
            for _, key, top in (b for b in bookmarks if b[0] == index):
                self.bookmarkPage(key, fit="XYZ", left=0, top=round(top, 1))
            super().showPage()
        super().save()

    def _text(self, key: str, x: float, y: float) -> None:
        flowable, width = self._texts[key]
        _, h = flowable.wrapOn(self, width, 40)
        flowable.drawOn(self, x, y - h)

    def _decorate(self, number: int, total: int) -> None:
        width, height = self._pagesize
        s = styles()
        top = height - 0.5 * inch
        self._text("hl", MARGIN_X, top)
        self._text("hr", width / 2 + 6, top)
        self.setStrokeColor(RULE)
        self.setLineWidth(0.5)
        self.line(MARGIN_X, top - 16, width - MARGIN_X, top - 16)
        bottom = 0.55 * inch
        self.line(MARGIN_X, bottom + 6, width - MARGIN_X, bottom + 6)
        self._text("fl", MARGIN_X, bottom)
        self._text("fr", width - MARGIN_X - self._texts["fr"][1], bottom)
        self.setFont(s.regular_face, 7.5)
        self.setFillColor(MUTED)
        self.drawCentredString(width / 2, bottom - 7.5, f"Page {number} of {total}")
        if self.frame_info.draft:
            self._watermark(width, height)

    def _watermark(self, width: float, height: float) -> None:
        from licenseapp.pdf.draft_mark import draw_draft_mark  # paths, never copied as text

        draw_draft_mark(self, width, height)


class FramedDocument(BaseDocTemplate):  # type: ignore[misc]  # ReportLab is untyped
    """One page template with the content frame; bookmarks from :func:`outlined` flowables."""

    def __init__(self, buffer: io.BytesIO, size: tuple[float, float], info: PageFrame) -> None:
        x, y, w, h = content_box(size)
        super().__init__(
            buffer, pagesize=size, leftMargin=x, rightMargin=x, topMargin=MARGIN_TOP,
            bottomMargin=y, invariant=1, initialFontName=styles().regular_face,
            pageCompression=1, title=info.title, author=info.author, subject=info.subject,
            creator="LicenseApp",
        )
        self.info = info
        frame = Frame(x, y, w, h, leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0,
                      id="content")
        self.addPageTemplates([PageTemplate(id="page", frames=[frame])])
        self._outline_count = 0
        #: page number of every flowable marked with a ``page_marker``
        self.markers: dict[str, int] = {}

    def afterFlowable(self, flowable: Flowable) -> None:
        marker = getattr(flowable, "page_marker", "")
        if marker:
            self.markers[marker] = self.page
        title = getattr(flowable, "outline_title", None)
        if not title:
            return
        self._outline_count += 1
        key = f"section-{self._outline_count}"
        top = self.frame._y + flowable.height + flowable.getSpaceBefore()  # the flowable's top
        self.canv.bookmark_here(key, min(top + 4, self.pagesize[1]))
        self.canv.addOutlineEntry(title, key, level=getattr(flowable, "outline_level", 0),
                                  closed=False)

    def render(self, story: Sequence[Flowable]) -> bytes:
        archival.install_stream_ends()
        info = self.info
        canvas_class = type("FramedCanvas", (_FramedCanvas,), {"frame_info": info})
        self.build(list(story), canvasmaker=canvas_class)
        buffer = self.filename
        assert isinstance(buffer, io.BytesIO)
        return buffer.getvalue()


def render(
    story: Sequence[Flowable], size: tuple[float, float], info: PageFrame
) -> tuple[bytes, dict[str, int]]:
    """Lay the story out on framed pages: the PDF's bytes and the pages of the markers."""
    doc = FramedDocument(io.BytesIO(), size, info)
    return doc.render(story), doc.markers
