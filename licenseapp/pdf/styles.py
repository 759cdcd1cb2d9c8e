"""The named paragraph styles and table look shared by every printed document."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import TableStyle

from licenseapp.pdf import fonts

INK = colors.HexColor("#1a1a1a")
MUTED = colors.HexColor("#5c5c5c")
RULE = colors.HexColor("#9a9a9a")
SHADE = colors.HexColor("#eef1f5")
HEADER_SHADE = colors.HexColor("#dfe5ee")
WARN = colors.HexColor("#8a4b00")


@dataclass(frozen=True)
class Styles:
    body: ParagraphStyle
    lines: ParagraphStyle
    letter: ParagraphStyle
    title: ParagraphStyle
    h1: ParagraphStyle
    h2: ParagraphStyle
    cell: ParagraphStyle
    cell_bold: ParagraphStyle
    cell_small: ParagraphStyle
    cell_warn: ParagraphStyle
    small: ParagraphStyle
    small_right: ParagraphStyle
    center_small: ParagraphStyle
    regular_face: str
    bold_face: str


@cache
def styles() -> Styles:
    regular = fonts.face(fonts.BASE_FAMILY)
    bold = fonts.face(fonts.BASE_FAMILY, "bold")
    italic = fonts.face(fonts.BASE_FAMILY, "italic")
    body = ParagraphStyle("la-body", fontName=regular, fontSize=10, leading=14, textColor=INK,
                          spaceAfter=6)
    cell = ParagraphStyle("la-cell", body, fontSize=9, leading=12, spaceAfter=0)
    small = ParagraphStyle("la-small", body, fontSize=7.5, leading=9.5, textColor=MUTED,
                           spaceAfter=0)
    return Styles(
        body=body,
        lines=ParagraphStyle("la-lines", body, spaceAfter=0),
        letter=ParagraphStyle("la-letter", body, fontSize=10.5, leading=15, spaceAfter=9),
        title=ParagraphStyle("la-title", body, fontName=bold, fontSize=17, leading=22,
                             spaceAfter=4),
        h1=ParagraphStyle("la-h1", body, fontName=bold, fontSize=14, leading=18, spaceAfter=8),
        h2=ParagraphStyle("la-h2", body, fontName=bold, fontSize=11, leading=14,
                          spaceBefore=10, spaceAfter=4),
        cell=cell,
        cell_bold=ParagraphStyle("la-cell-bold", cell, fontName=bold),
        cell_small=ParagraphStyle("la-cell-small", small, textColor=MUTED),
        cell_warn=ParagraphStyle("la-cell-warn", small, fontName=italic, textColor=WARN),
        small=small,
        small_right=ParagraphStyle("la-small-right", small, alignment=TA_RIGHT),
        center_small=ParagraphStyle("la-center-small", small, alignment=TA_CENTER),
        regular_face=regular,
        bold_face=bold,
    )


def grid(header_rows: int = 1, *, zebra: bool = False, rows: int = 0) -> TableStyle:
    """A ruled table: shaded header rows, thin rules, top-aligned cells, our font only."""
    s = styles()
    commands: list[tuple[object, ...]] = [
        ("FONTNAME", (0, 0), (-1, -1), s.regular_face),
        ("FONTSIZE", (0, 0), (-1, -1), 9),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.25, RULE),
        ("BOX", (0, 0), (-1, -1), 0.5, RULE),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
    ]
    if header_rows:
        commands.append(("BACKGROUND", (0, 0), (-1, header_rows - 1), HEADER_SHADE))
    if zebra and rows > header_rows + 1:
        # One command for every other row: a command per row was adjusted again at every
        # page a long table split over (its time grew with the square of the rows).
        commands.append(("ROWBACKGROUNDS", (0, header_rows), (-1, -1), [None, SHADE]))
    return TableStyle(commands)
