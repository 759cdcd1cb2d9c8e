"""The diagonal DRAFT mark, drawn as strokes (vector paths), not as text.

Drawn as text, the mark's letters are copied out with whatever lies under them: a block
value copied from the filing summary of a draft came out as "Megan DChen" or with "DRAFT"
in the middle of an address (pdftotext, pypdf). As paths it is seen on every page and never
copied; the page says in words that it is a draft (its header) where the words belong.
"""

from __future__ import annotations

from typing import Any

from reportlab.lib import colors

#: Each letter on a 60 x 100 grid: strokes of straight lines and (for D and R) one curve.
#: ("M", x, y) moves, ("L", x, y) draws a line, ("C", x1, y1, x2, y2, x, y) a curve.
_LETTERS: dict[str, tuple[tuple[tuple[Any, ...], ...], ...]] = {
    "D": ((("M", 0, 0), ("L", 0, 100), ("L", 22, 100), ("C", 72, 100, 72, 0, 22, 0),
           ("L", 0, 0)),),
    "R": ((("M", 0, 0), ("L", 0, 100), ("L", 32, 100), ("C", 64, 100, 64, 50, 32, 50),
           ("L", 0, 50)), (("M", 28, 50), ("L", 60, 0))),
    "A": ((("M", 0, 0), ("L", 30, 100), ("L", 60, 0)), (("M", 12, 38), ("L", 48, 38))),
    "F": ((("M", 0, 0), ("L", 0, 100), ("L", 58, 100)), (("M", 0, 54), ("L", 44, 54))),
    "T": ((("M", 0, 100), ("L", 60, 100)), (("M", 30, 100), ("L", 30, 0))),
}
_ADVANCE = 86  # from one letter's left edge to the next's, in grid units
WORD = "DRAFT"


def draw_draft_mark(canvas: Any, width: float, height: float) -> None:
    """The word DRAFT across the page from lower left to upper right, faint red, as paths."""
    scale = min(width, height) / 560  # 1.1 on Letter, a little less on A4
    word_width = (_ADVANCE * (len(WORD) - 1) + 60) * scale
    canvas.saveState()
    canvas.setStrokeColor(colors.Color(0.75, 0.1, 0.1))
    canvas.setStrokeAlpha(0.16)
    canvas.setLineWidth(15 * scale)
    canvas.setLineCap(1)
    canvas.setLineJoin(1)
    canvas.translate(width / 2, height / 2)
    canvas.rotate(48)
    canvas.translate(-word_width / 2, -50 * scale)
    for index, letter in enumerate(WORD):
        x0 = index * _ADVANCE
        for stroke in _LETTERS[letter]:
            path = canvas.beginPath()
            for op, *xy in stroke:
                points = [(x0 + xy[i]) * scale if i % 2 == 0 else xy[i] * scale
                          for i in range(len(xy))]
                {"M": path.moveTo, "L": path.lineTo, "C": path.curveTo}[op](*points)
            canvas.drawPath(path, stroke=1, fill=0)
    canvas.restoreState()
