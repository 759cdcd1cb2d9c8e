"""The shipped fonts inside ReportLab: registration, glyph coverage and shaping fixes.

ReportLab has no font fallback, so every run of text is set in the first family whose
character map has its glyphs (Noto Sans, then Noto Sans Arabic, Noto Sans Devanagari and
WenQuanYi Micro Hei). Fonts are registered on first use: a packet in Latin script never
parses the 5 MB CJK collection.
"""

from __future__ import annotations

import threading
from functools import cache

from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.platypus import paragraph as _rl_paragraph

from licenseapp.fonts import SHIPPED_FONTS, ShippedFont

#: Fallback order of families (the first one is the base font of every style).
FAMILIES: tuple[str, ...] = tuple(dict.fromkeys(f.family for f in SHIPPED_FONTS))
BASE_FAMILY = FAMILIES[0]
#: Families whose scripts need shaping (contextual forms, conjuncts, reordering).
SHAPED_FAMILIES = frozenset(
    f.family for f in SHIPPED_FONTS if {"arabic", "devanagari"} & set(f.scripts)
)
STYLES = ("regular", "bold", "italic")

_lock = threading.RLock()
_registered: set[str] = set()


def _face_name(font: ShippedFont) -> str:
    return font.file.rsplit(".", 1)[0]


@cache
def _faces() -> dict[tuple[str, str], ShippedFont]:
    return {(f.family, f.style): f for f in SHIPPED_FONTS}


def face(family: str, style: str = "regular") -> str:
    """The registered ReportLab font name of a family in a style (falls back to regular)."""
    faces = _faces()
    font = faces.get((family, style)) or faces[(family, "regular")]
    name = _face_name(font)
    if name not in _registered:
        with _lock:
            if name not in _registered:
                sub = {"subfontIndex": 0} if font.file.endswith(".ttc") else {}
                pdfmetrics.registerFont(ttfonts.TTFont(name, str(font.path), **sub))
                _registered.add(name)
    return name


@cache
def face_family_style(name: str) -> tuple[str, str]:
    """The (family, style) of a registered face name."""
    for font in SHIPPED_FONTS:
        if _face_name(font) == name:
            return font.family, font.style
    raise KeyError(name)


@cache
def _char_map(family: str) -> frozenset[int]:
    font = pdfmetrics.getFont(face(family))
    assert isinstance(font, ttfonts.TTFont)
    return frozenset(font.face.charToGlyph)


@cache
def family_for(ch: str) -> str | None:
    """The first family that has a glyph for ``ch``, or None when no shipped font has one."""
    code = ord(ch)
    for family in FAMILIES:
        if code in _char_map(family):
            return family
    return None


def shaped_width(text: str, face_name: str, size: float) -> float:
    """The width of ``text`` once HarfBuzz has shaped it in that face."""
    shaped = ttfonts.shapeStr(text, face_name, size, force=True)
    data = getattr(shaped, "__shapeData__", None)
    if not data:
        return float(pdfmetrics.stringWidth(text, face_name, size))
    return float(sum(d.x_advance for d in data) * size / 1000)


def covers(family: str, ch: str) -> bool:
    return ord(ch) in _char_map(family)


def all_faces() -> list[str]:
    """Register every shipped face (for tests and the benchmark's warm-up)."""
    return [face(f.family, f.style) for f in SHIPPED_FONTS]


_shaping_fixed = False


def install_shaping_fixes() -> None:
    """Two corrections to ReportLab's HarfBuzz shaping, applied once per process.

    * Discretionary ligatures are off: Noto Sans Arabic's ``dlig`` turns the name "محمد" into
      one decorated glyph with vowel marks the user never typed. Names print as typed.
    * A word that mixes fonts (``(محمد)``, ``abcمحمد``) is shaped font run by font run;
      ReportLab shapes the whole word with the first run's font and prints wrong glyphs.
    """
    global _shaping_fixed
    with _lock:
        if _shaping_fixed:
            return
        defaults = ttfonts.shapeFragWord.__defaults__
        if defaults and isinstance(defaults[0], dict):
            defaults[0]["dlig"] = False
        original = _rl_paragraph.shapeFragWord

        def shape_per_font_run(word, *args, **kwargs):  # type: ignore[no-untyped-def]
            if isinstance(word, ttfonts.ShapedFragWord) or len(word) <= 2:
                return original(word, *args, **kwargs)
            groups: list[list[tuple[object, str]]] = []
            for pair in word[1:]:
                frag = pair[0]
                if groups and groups[-1][-1][0] is frag:
                    groups[-1].append(pair)
                else:
                    groups.append([pair])
            if len(groups) == 1:
                return original(word, *args, **kwargs)
            shaped = ttfonts.makeShapedFragWord(word)([0.0])
            total = 0.0
            for group in groups:
                frag = group[0][0]
                if hasattr(frag, "cbDefn"):
                    shaped.extend(group)
                    continue
                width = sum(
                    pdfmetrics.stringWidth(text, f.fontName, f.fontSize)  # type: ignore[attr-defined]
                    for f, text in group
                )
                result = original([width, *group], force=True)
                total += result[0]
                shaped.extend(result[1:])
            shaped[0] = total
            return shaped

        _rl_paragraph.shapeFragWord = shape_per_font_run  # type: ignore[attr-defined]
        _shaping_fixed = True
