"""User text into ReportLab flowables, literally: escaped, in the right fonts, shaped, ordered.

Everything a user typed goes through :func:`paragraphs` or :func:`paragraph`: it is never
read as markup (``<b>Zhang</b> & Sons`` prints as typed), each run of characters is set in
the first shipped font that has their glyphs, Arabic and Devanagari are shaped by HarfBuzz,
right-to-left runs are put in visual order (:mod:`licenseapp.pdf.bidi`), and a character no
shipped font can draw prints as its code point (``[U+1F600]``) instead of an empty box (the
checker reports such a character as an error in its field, so only a draft can show one).
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from xml.sax.saxutils import escape

from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Paragraph

from licenseapp.domain import font_coverage
from licenseapp.pdf import bidi, fonts

NOTATION_COLOR = "#6b6b6b"
_NOTATION = "\x00notation"  # the run key of characters no font has
_BLANK_LINES = re.compile(r"\n[ \t\u00a0]*\n\s*")


#: Invisible formatting dropped before layout: explicit bidi controls (the layout orders
#: right-to-left text itself) and soft hyphens (ReportLab would hyphenate there and loses the
#: space after a word that mixes fonts).
_DROPPED = font_coverage.NOT_DRAWN


def clean(text: str) -> str:
    """Line ends made ``\\n``, tabs made spaces, invisible formatting dropped."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", "    ")
    return "".join(ch for ch in text if ch not in _DROPPED)


def notation(ch: str) -> str:
    return f"[U+{ord(ch):04X}]"


def font_keys(text: str) -> list[str]:
    """For each character, the family to set it in (or the notation key).

    Letters take the first family that has them; marks stay with their base; spaces,
    digits and punctuation stay in the family of what precedes them when it has them, so
    ``محمد، 2024`` is one Arabic run and ``(张伟)`` keeps its brackets in the CJK font.
    """
    keys: list[str] = []
    previous: str | None = None
    for ch in text:
        key: str | None
        if (family := fonts.family_for(ch)) is None:
            key = _NOTATION
        else:
            category = unicodedata.category(ch)
            strong = category[0] == "L"
            if not strong and previous not in (None, _NOTATION) and fonts.covers(previous, ch):
                key = previous
            else:
                key = family
        keys.append(key)
        previous = key
    return keys


def _face(key: str, style: str) -> str:
    return fonts.face(fonts.BASE_FAMILY if key == _NOTATION else key, style)


def _run_markup(text: str, key: str, style: str, plain_face: str = "") -> str:
    """One run as markup; a run in ``plain_face`` (the paragraph's own font) needs no tag."""
    if key == _NOTATION:
        shown = "".join(notation(ch) if ch != "\n" else "<br/>" for ch in text)
        return f'<font face="{_face(key, style)}" color="{NOTATION_COLOR}">{shown}</font>'
    body = escape(text).replace("\n", "<br/>")
    face = _face(key, style)
    return body if face == plain_face else f'<font face="{face}">{body}</font>'


def _runs(text: str, keys: list[str]) -> list[tuple[str, str]]:
    runs: list[tuple[str, str]] = []
    start = 0
    for i in range(1, len(text) + 1):
        if i == len(text) or keys[i] != keys[start]:
            runs.append((text[start:i], keys[start]))
            start = i
    return runs


def markup(text: str, style: str = "regular") -> str:
    """Paragraph markup for left-to-right text: escaped, one ``<font>`` per run."""
    keys = font_keys(text)
    return "".join(_run_markup(chunk, key, style) for chunk, key in _runs(text, keys))


def _weight(style: ParagraphStyle) -> str:
    try:
        return fonts.face_family_style(style.fontName)[1]
    except KeyError:
        return "regular"


@cache
def _variant(style: ParagraphStyle, shaping: bool, right: bool, tight: bool) -> ParagraphStyle:
    changes: dict[str, object] = {}
    if shaping:
        changes["shaping"] = 1
    if right:
        changes["alignment"] = TA_RIGHT
    if tight:
        changes.update(spaceBefore=0, spaceAfter=0)
    if not changes:
        return style
    return ParagraphStyle(f"{style.name}~{int(shaping)}{int(right)}{int(tight)}", style, **changes)


def _needs_shaping(keys: list[str]) -> bool:
    return any(k in fonts.SHAPED_FAMILIES for k in keys)


def paragraph(text: str, style: ParagraphStyle) -> Flowable:
    """One paragraph of user text (single line ends kept as line breaks)."""
    fonts.install_shaping_fixes()
    text = clean(text)
    if bidi.has_rtl(text):
        return BidiParagraph(text, style)
    keys = font_keys(text)
    weight = _weight(style)
    body = "".join(
        _run_markup(chunk, key, weight, style.fontName) for chunk, key in _runs(text, keys)
    )
    return Paragraph(body, _variant(style, _needs_shaping(keys), False, False))


def paragraphs(text: str, style: ParagraphStyle) -> list[Flowable]:
    """User text of any length: one flowable per paragraph (blank lines separate them)."""
    parts = [p for p in _BLANK_LINES.split(clean(text).strip("\n")) if p.strip()]
    return [paragraph(p, style) for p in parts]


def _visual_runs(visual: list[bidi.Token]) -> list[tuple[str, str | None]]:
    """Tokens in visual order as runs of one font (None: the paragraph's own). A space between
    two pieces in the same font stays in that font, so the words of a right-to-left phrase
    are written as one piece of text: a reader that reverses right-to-left text piece by
    piece (pypdf) then gives the words in the order they were typed."""
    runs: list[tuple[str, str | None]] = []
    for i, token in enumerate(visual):
        key: str | None = token.key
        text = token.text
        if token.space:
            before = visual[i - 1].key if i else None
            after = visual[i + 1].key if i + 1 < len(visual) else None
            same = before is not None and before == after and before != _NOTATION
            key = before if same and fonts.covers(str(before), " ") else None
        else:
            text = bidi.visual_text(token)
        if runs and runs[-1][1] == key:
            runs[-1] = (runs[-1][0] + text, key)
        else:
            runs.append((text, key))
    return runs


class BidiParagraph(Flowable):  # type: ignore[misc]  # ReportLab is untyped
    """A paragraph holding right-to-left text: broken into lines in logical order, each line
    put in visual order and set as its own one-line paragraph (right-aligned when the text
    starts right to left and takes several lines)."""

    def __init__(self, text: str, style: ParagraphStyle) -> None:
        super().__init__()
        self.text = text
        self.style = style
        self._lines: list[Paragraph] = []
        self._heights: list[float] = []
        self._width = -1.0

    def getSpaceBefore(self) -> float:
        return float(self.style.spaceBefore)

    def getSpaceAfter(self) -> float:
        return float(self.style.spaceAfter)

    def _word_width(self, word: str, weight: str) -> float:
        """The word's width as drawn: shaped where it will be shaped (Arabic joins narrower
        than its isolated letters)."""
        total = 0.0
        size = self.style.fontSize
        for chunk, key in _runs(word, font_keys(word)):
            if key == _NOTATION:
                shown = "".join(notation(c) for c in chunk)
                total += stringWidth(shown, _face(key, weight), size)
            elif key in fonts.SHAPED_FAMILIES:
                total += fonts.shaped_width(chunk, _face(key, weight), size)
            else:
                total += stringWidth(chunk, _face(key, weight), size)
        return total

    def _break(self, width: float) -> list[tuple[str, int, bool]]:
        """Lines in logical order, each with the base direction of its hard line (every line
        end starts a new bidi paragraph) and whether it aligns right: right-to-left text of
        several lines does; a short name stays in line with the values around it."""
        weight = _weight(self.style)
        space = stringWidth(" ", _face(fonts.BASE_FAMILY, weight), self.style.fontSize)
        lines: list[tuple[str, int, bool]] = []
        for hard_line in self.text.split("\n"):
            base = bidi.base_level(hard_line)
            broken: list[str] = []
            current: list[str] = []
            used = 0.0
            for word in hard_line.split():
                w = self._word_width(word, weight)
                if current and used + space + w > width * 0.97:
                    broken.append(" ".join(current))
                    current, used = [], 0.0
                used += (space if current else 0.0) + w
                current.append(word)
            broken.append(" ".join(current) or "\u00a0")
            lines += [(line, base, base == 1 and len(broken) > 1) for line in broken]
        return lines

    def _line(self, line: str, base: int, right: bool) -> Paragraph:
        weight = _weight(self.style)
        keys = font_keys(line)
        tokens = bidi.tokenize(line, bidi.resolve_levels(line, base), keys)
        body = "".join(
            escape(text) if key is None else _run_markup(text, key, weight)
            for text, key in _visual_runs(bidi.visual_order(tokens))
        )
        return Paragraph(body, _variant(self.style, _needs_shaping(keys), right, True))

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        if availWidth != self._width:
            self._lines = [self._line(*line) for line in self._break(availWidth)]
            self._width = availWidth
        self._heights = [p.wrap(availWidth, availHeight)[1] for p in self._lines]
        self.width, self.height = availWidth, sum(self._heights)
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        self.wrap(availWidth, availHeight)
        stack = _LineStack(self._lines, self.getSpaceBefore(), self.getSpaceAfter())
        return stack.split(availWidth, availHeight)

    def draw(self) -> None:
        _draw_lines(self.canv, self._lines, self._heights, self.height)


def _draw_lines(canvas: object, lines: list[Paragraph], heights: list[float], top: float) -> None:
    y = top
    for line, height in zip(lines, heights, strict=True):
        y -= height
        line.drawOn(canvas, 0, y)


class _LineStack(Flowable):  # type: ignore[misc]  # ReportLab is untyped
    """Lines already set, split between them into the part that fits and the rest (what
    frames and table cells expect from a split: two flowables)."""

    def __init__(self, lines: list[Paragraph], space_before: float, space_after: float) -> None:
        super().__init__()
        self._lines = lines
        self._heights: list[float] = []
        self._before, self._after = space_before, space_after

    def getSpaceBefore(self) -> float:
        return self._before

    def getSpaceAfter(self) -> float:
        return self._after

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self._heights = [p.wrap(availWidth, availHeight)[1] for p in self._lines]
        self.width, self.height = availWidth, sum(self._heights)
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        self.wrap(availWidth, availHeight)
        used, fit = 0.0, 0
        for height in self._heights:
            if used + height > availHeight:
                break
            used, fit = used + height, fit + 1
        if fit == 0 or fit == len(self._lines):
            return []  # nothing fits here, or everything does: no split
        return [_LineStack(self._lines[:fit], self._before, 0.0),
                _LineStack(self._lines[fit:], 0.0, self._after)]

    def draw(self) -> None:
        _draw_lines(self.canv, self._lines, self._heights, self.height)
