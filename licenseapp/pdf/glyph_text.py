"""What a shaped glyph copies out as: the characters the user typed, in their order.

HarfBuzz turns typed text into glyphs that are not characters: a Devanagari conjunct is one
glyph for three characters, the vowel sign of प्रि is drawn before the consonants it follows,
an Arabic letter takes its joining form. ReportLab writes each glyph under the first
character the font's character map gives it (an Arabic presentation form) or a private-use
code (a conjunct), and its ToUnicode map says exactly that, so a copy gives
``\\ue000\\ue001या`` or look-alike presentation forms.

Here each shaped glyph is written under a code of its own for the text it stands for in that
place: the first glyph drawn of a cluster (HarfBuzz's unit of characters and glyphs) maps to
the cluster's whole text, the cluster's other glyphs map to nothing, and the ToUnicode map
says so. A reader that follows the glyphs in the order they are drawn (pypdf) or by their
position (poppler) then gives back the typed text. The same glyph standing for different text
elsewhere gets another code. ToUnicode entries are written in UTF-16, so characters beyond the
Basic Multilingual Plane (CJK Extension B) copy out too.
"""

from __future__ import annotations

import math
import threading
import unicodedata
from typing import Any

from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfgen import textobject

#: Codes for (glyph, text) aliases: Supplementary Private Use Area-A, clear of the codes the
#: fonts map and of ReportLab's own private-use codes (U+E000-U+F8FF).
_FIRST_ALIAS = 0xF0000
_LAST_ALIAS = 0xFFFFD

_lock = threading.Lock()
_next_alias = _FIRST_ALIAS
#: alias code -> the text it copies out as ("" for a glyph that adds nothing)
_alias_text: dict[int, str] = {}
#: (font name, glyph id, text) -> alias code
_aliases: dict[tuple[str, int, str], int] = {}


def _alias(font: Any, gid: int, width: float, text: str) -> int:
    """The code under which ``font`` draws glyph ``gid`` copying out as ``text``."""
    global _next_alias
    key = (font.fontName, gid, text)
    code = _aliases.get(key)
    if code is not None:
        return code
    with _lock:
        code = _aliases.get(key)
        if code is None:
            if _next_alias > _LAST_ALIAS:
                raise RuntimeError("no private-use code left for a shaped glyph")
            code = _next_alias
            _next_alias += 1
            font.face.charToGlyph[code] = gid
            font.face.charWidths[code] = width
            _alias_text[code] = text
            _aliases[key] = code
    return code


def _cluster_texts(text: str, clusters: list[int]) -> dict[int, str]:
    """Each cluster's characters: from its start to the next cluster's start."""
    starts = sorted({c for c in clusters if 0 <= c <= len(text)})
    ends = [*starts[1:], len(text)]
    return {start: text[start:end] for start, end in zip(starts, ends, strict=True)}


#: Characters whose glyph draws nothing and advances nothing, to carry a letter of a
#: right-to-left ligature (see :func:`_right_to_left_labels`).
_INVISIBLE = (0x200C, 0x200D, 0x200B, 0x2060)


def _invisible_glyph(font: Any) -> int | None:
    face = font.face
    for code in _INVISIBLE:
        gid = face.charToGlyph.get(code)
        if gid is not None and not face.charWidths.get(code, 1):
            return int(gid)
    return None


def _left_to_right_labels(cluster_glyphs: int, text: str) -> list[str]:
    """The first glyph drawn stands for the whole cluster, the others for nothing: in drawing
    order the cluster's text comes out once and whole (a vowel sign drawn before its
    consonant included)."""
    return [text] + [""] * (cluster_glyphs - 1)


def _right_to_left_labels(cluster_glyphs: int, text: str) -> list[str]:
    """One letter a glyph, last letter first (the glyphs are drawn right to left), and letters
    left over (a lam-alef is one glyph for two letters) on invisible glyphs after them.

    Readers put a right-to-left line in order letter by letter (poppler by position, pypdf
    by reversing the drawn order); a glyph standing for two letters would come out with its
    two letters swapped (صالح for صلاح)."""
    letters = list(text)[::-1]
    labels = letters[:cluster_glyphs] + [""] * (cluster_glyphs - len(letters))
    return labels + letters[cluster_glyphs:]


def _advance(font: Any, gid: int, fallback: float) -> float:
    """The glyph's advance in the font program (thousandths of an em): the width its code
    must have in the PDF. (ReportLab records a private-use glyph's width as HarfBuzz's
    advance at its first use, kerning included, which the font program does not say.)"""
    face = font.face
    if face.unitsPerEm != 1000:  # ReportLab keeps unscaled advances apart only at 1000
        return fallback
    return float(face.hmetrics[gid][0])


def _relabelled(font: Any, drawn: str, text: str) -> str:
    """The character under which glyph ``drawn`` of ``font`` copies out as ``text``."""
    if drawn == text:
        return drawn
    code = ord(drawn)
    gid = font.face.charToGlyph.get(code)
    if gid is None:
        return drawn
    return chr(_alias(font, gid, _advance(font, gid, font.face.charWidths.get(code, 0)), text))


def _with_width(font: Any, drawn: str, data: Any) -> Any:
    """The glyph's shaping data with the width its code has in the PDF (ReportLab draws each
    glyph at HarfBuzz's place by correcting for that width)."""
    width = font.face.charWidths.get(ord(drawn), data.width)
    return data if width == data.width else data._replace(width=width)


def _cluster_runs(glyphs: list[tuple[int, str, Any]]) -> list[tuple[int, int]]:
    """``(start, end)`` of each run of consecutive glyphs in one part and one cluster."""
    runs: list[tuple[int, int]] = []
    i = 0
    while i < len(glyphs):
        j = i + 1
        while (j < len(glyphs) and glyphs[j][0] == glyphs[i][0]
               and glyphs[j][2].cluster == glyphs[i][2].cluster):
            j += 1
        runs.append((i, j))
        i = j
    return runs


def _marks_joined(glyphs: list[tuple[int, str, Any]], runs: list[tuple[int, int]],
                  texts: dict[int, str]) -> list[tuple[int, int, str | None]]:
    """Left to right: the runs with their texts (None: a character added after shaping, which
    copies out as itself), a cluster whose glyphs advance nothing joined to the cluster before
    it in the same font.

    ReportLab shapes character by character (HarfBuzz's MONOTONE_CHARACTERS), so a mark is a
    cluster of its own: the e-matra of पटेल, drawn over the ट before it 44 units to the left
    with no advance of its own. Carrying its own character there, it is a character of no
    width that ends short of the next glyph, and poppler reads the gap as a space (``पटे ल``).
    Joined, the glyph before it carries both characters over its whole advance and the mark
    carries nothing, wherever it is drawn (Devanagari, Bengali and Thai vowel signs and tone
    marks alike)."""
    units: list[tuple[int, int, str | None]] = []
    for i, j in runs:
        text = texts.get(glyphs[i][2].cluster)
        before = units[-1] if units else None
        if (text is not None and before is not None and before[2] is not None
                and glyphs[before[0]][0] == glyphs[i][0]
                and all(d.x_advance == 0 for _, _, d in glyphs[i:j])):
            units[-1] = (before[0], j, before[2] + text)
        else:
            units.append((i, j, text))
    return units


#: The widest move to the right (thousandths of an em) written between two glyphs of a word:
#: pypdf takes a move right of half a space or more (130 in Noto Sans) for a word gap.
_MAX_STEP = 100.0


def _in_steps(font: Any, chars: list[str], data: list[Any]) -> tuple[list[str], list[Any]]:
    """The glyphs of one font, each move right back from a glyph drawn left of its place
    wider than :data:`_MAX_STEP` made in steps no wider, after invisible glyphs that copy out as
    nothing. The vowel sign of কৃষ্ণ is drawn 220 units left of the ষ্ণ that follows it; the
    move back to ষ্ণ made pypdf write a space inside the word (কৃ ষ্ণ). The glyphs are drawn
    where they were (the steps add up to the move)."""
    invisible = _invisible_glyph(font)
    if invisible is None:
        return chars, data
    out_chars: list[str] = []
    out_data: list[Any] = []
    for ch, d in zip(chars, data, strict=True):
        back = d.x_advance - d.x_offset - d.width  # how far right the pen then moves
        if back <= _MAX_STEP:
            out_chars.append(ch)
            out_data.append(d)
            continue
        steps = math.ceil(back / _MAX_STEP) - 1  # full steps after the glyph's own
        out_chars += [ch] + [chr(_alias(font, invisible, 0, ""))] * steps
        out_data += [d._replace(x_advance=d.x_advance - steps * _MAX_STEP)] + [
            ttfonts.ShapeData(d.cluster, _MAX_STEP, 0, 0, 0, 0)] * steps
    return out_chars, out_data


def relabel(typed: str, shaped: list[Any]) -> None:
    """Give every glyph of a shaped word (``[width, (frag, ShapedStr), ...]`` as ReportLab's
    shapeFragWord returns it, shaped from ``typed``) the code of the text it stands for."""
    glyphs: list[tuple[int, str, Any]] = []  # (part, character drawn, shape data) in order
    for p, (_, drawn) in enumerate(shaped[1:], start=1):
        data = getattr(drawn, "__shapeData__", None)
        if data is None:
            return  # a special (an image, a link) or an unshaped word: nothing to relabel
        glyphs += [(p, ch, d) for ch, d in zip(str(drawn), data, strict=True)]
    texts = _cluster_texts(typed, [d.cluster for _, _, d in glyphs])
    clusters = [d.cluster for _, _, d in glyphs if d.cluster in texts]
    right_to_left = (len(clusters) > 1 and clusters[0] > clusters[-1]) or (
        len(set(clusters)) == 1 and unicodedata.bidirectional(typed[:1]) in ("R", "AL"))
    runs = _cluster_runs(glyphs)
    units: list[tuple[int, int, str | None]]
    if right_to_left:
        units = [(i, j, texts.get(glyphs[i][2].cluster)) for i, j in runs]
        labelled = _right_to_left_labels
    else:
        units = _marks_joined(glyphs, runs, texts)
        labelled = _left_to_right_labels
    parts: dict[int, tuple[list[str], list[Any]]] = {p: ([], []) for p in range(1, len(shaped))}
    for i, j, text in units:
        p, _, first = glyphs[i]
        chars, data = parts[p]
        if text is None:  # a character added after shaping: copies as itself
            chars += [ch for _, ch, _ in glyphs[i:j]]
            data += [d for _, _, d in glyphs[i:j]]
            continue
        font = pdfmetrics.getFont(shaped[p][0].fontName)
        labels = labelled(j - i, text)
        for (_, ch, d), label in zip(glyphs[i:j], labels, strict=False):
            chars.append(_relabelled(font, ch, label))
            data.append(_with_width(font, chars[-1], d))
        left_over = labels[j - i:]
        invisible = _invisible_glyph(font) if left_over else None
        if left_over and invisible is None:  # the last glyph carries the letters left over
            chars[-1] = _relabelled(font, glyphs[j - 1][1], labels[j - i - 1] + "".join(left_over))
            data[-1] = _with_width(font, chars[-1], data[-1])
        elif invisible is not None:
            for letter in left_over:
                chars.append(chr(_alias(font, invisible, 0, letter)))
                data.append(ttfonts.ShapeData(first.cluster, 0, 0, 0, 0, 0))
    for p, (chars, data) in parts.items():
        chars, data = _in_steps(pdfmetrics.getFont(shaped[p][0].fontName), chars, data)
        shaped[p] = (shaped[p][0], ttfonts.ShapedStr("".join(chars), data))


def _utf16_hex(text: str) -> str:
    return text.encode("utf-16-be").hex().upper()


def to_unicode_cmap(fontname: str, subset: list[int]) -> str:
    """ReportLab's ToUnicode CMap for one font subset, with the aliases' texts, UTF-16
    (surrogate pairs beyond U+FFFF) and at most 100 entries a block, as the PDF standard
    asks."""
    entries = [f"<{i:02X}> <{_utf16_hex(_alias_text.get(code, chr(code)))}>"
               for i, code in enumerate(subset)]
    blocks: list[str] = []
    for start in range(0, len(entries), 100):
        chunk = entries[start:start + 100]
        blocks += [f"{len(chunk)} beginbfchar", *chunk, "endbfchar"]
    return "\n".join([
        "/CIDInit /ProcSet findresource begin",
        "12 dict begin",
        "begincmap",
        "/CIDSystemInfo",
        f"<< /Registry ({fontname})",
        f"/Ordering ({fontname})",
        "/Supplement 0",
        ">> def",
        f"/CMapName /{fontname} def",
        "/CMapType 2 def",
        "1 begincodespacerange",
        f"<00> <{len(subset) - 1:02X}>",
        "endcodespacerange",
        *blocks,
        "endcmap",
        "CMapName currentdict /CMap defineresource pop",
        "end",
        "end",
    ])


def actual_text(drawn: object) -> str | None:
    """The typed text of a shaped piece as drawn, or None when it copies out as it is."""
    if not isinstance(drawn, ttfonts.ShapedStr) or not any(ord(c) in _alias_text for c in drawn):
        return None
    data = drawn.__shapeData__
    if len(data) > 1 and data[0].cluster > data[-1].cluster:
        # Right to left: each glyph copies out as its letters already, and poppler puts a
        # right-to-left line in reading order by the glyphs' places. (A span would be
        # reversed with the line; known limit: poppler reverses a lam-alef ligature's two
        # letters, pypdf does not.)
        return None
    return "".join(_alias_text.get(ord(c), c) for c in drawn)


def install() -> None:
    """Write every TrueType subset's ToUnicode map with :func:`to_unicode_cmap`, and wrap each
    relabelled shaped piece in a marked-content span whose /ActualText is its typed text
    (readers that honour it, such as poppler, take the whole span as that text)."""
    ttfonts.makeToUnicodeCMap = to_unicode_cmap
    format_text = textobject.PDFTextObject._formatText
    if getattr(format_text, "with_actual_text", False):
        return

    def with_actual_text(self: Any, text: Any) -> str:
        code: str = format_text(self, text)
        actual = actual_text(text)
        if actual is None:
            return code
        return f"/Span <</ActualText <FEFF{_utf16_hex(actual)}>>> BDC {code} EMC"

    with_actual_text.with_actual_text = True  # type: ignore[attr-defined]
    textobject.PDFTextObject._formatText = with_actual_text
