"""The shipped fonts inside ReportLab: registration, glyph coverage and shaping fixes.

ReportLab has no font fallback, so every run of text is set in the first family whose
character map has its glyphs (Noto Sans, then the Noto family of each script, WenQuanYi
Micro Hei for Chinese, kana and Hangul, HanaMinB for CJK Extension B). The family is chosen
from the coverage table (:mod:`licenseapp.domain.font_coverage`), without opening a font,
and a font is registered with ReportLab only when a document sets text in it: a packet in
Latin script parses Noto Sans alone.
"""

from __future__ import annotations

import json
import threading
from functools import cache
from typing import Any

from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.platypus import paragraph as _rl_paragraph

from licenseapp import paths
from licenseapp.domain import font_coverage
from licenseapp.fonts import SHAPED_SCRIPTS, SHIPPED_FONTS, ShippedFont
from licenseapp.pdf import glyph_text

#: Fallback order of families (the first one is the base font of every style).
FAMILIES: tuple[str, ...] = tuple(dict.fromkeys(f.family for f in SHIPPED_FONTS))
BASE_FAMILY = FAMILIES[0]
#: Families whose scripts need shaping (contextual forms, conjuncts, reordering).
SHAPED_FAMILIES = frozenset(f.family for f in SHIPPED_FONTS if SHAPED_SCRIPTS & set(f.scripts))
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


#: The first family with a glyph for a character, or None (from the coverage table).
family_for = font_coverage.family_for
covers = font_coverage.covers


def _faces_file(font: ShippedFont) -> ttfonts.TTFontFile:
    return ttfonts.TTFontFile(str(font.path), subfontIndex=0)


def coverage_table() -> dict[str, list[dict[str, str]]]:
    """The coverage table as read from the font files: each family in fallback order with
    the code points its regular face maps (what resources/fonts/coverage.json must hold)."""
    rows = []
    for family in FAMILIES:
        regular = _faces()[(family, "regular")]
        codes = set(_faces_file(regular).charToGlyph)
        rows.append({"family": family, "ranges": font_coverage.format_ranges(codes)})
    return {"families": rows}


def write_coverage_table() -> None:
    """Rewrite resources/fonts/coverage.json from the font files (after changing them)."""
    path = paths.resource_path(*font_coverage.COVERAGE_FILE)
    path.write_text(json.dumps(coverage_table(), ensure_ascii=False, indent=1) + "\n",
                    encoding="utf-8")


def shaped_width(text: str, face_name: str, size: float) -> float:
    """The width of ``text`` once HarfBuzz has shaped it in that face."""
    shaped = ttfonts.shapeStr(text, face_name, size, force=True)
    data = getattr(shaped, "__shapeData__", None)
    if not data:
        return float(pdfmetrics.stringWidth(text, face_name, size))
    return float(sum(d.x_advance for d in data) * size / 1000)


def all_faces() -> list[str]:
    """Register every shipped face (for tests and the benchmark's warm-up)."""
    return [face(f.family, f.style) for f in SHIPPED_FONTS]


_shaping_fixed = False


def install_shaping_fixes() -> None:
    """Three corrections to ReportLab's HarfBuzz shaping, applied once per process.

    * Discretionary ligatures are off: Noto Sans Arabic's ``dlig`` turns the name "محمد" into
      one decorated glyph with vowel marks the user never typed. Names print as typed.
    * A word that mixes fonts (``(محمد)``, ``abcمحمد``) is shaped font run by font run;
      ReportLab shapes the whole word with the first run's font and prints wrong glyphs.
    * Each shaped glyph copies out as the text it stands for (:mod:`glyph_text`).
    """
    global _shaping_fixed
    with _lock:
        if _shaping_fixed:
            return
        defaults = ttfonts.shapeFragWord.__defaults__
        if defaults and isinstance(defaults[0], dict):
            defaults[0]["dlig"] = False
        shape_alone = _rl_paragraph.shapeFragWord

        def original(word: Any, *args: Any, **kwargs: Any) -> Any:
            """ReportLab's shaping, each glyph then labelled with the text it stands for."""
            shaped = shape_alone(word, *args, **kwargs)
            if shaped is not word and isinstance(shaped, ttfonts.ShapedFragWord):
                typed = "".join(text for frag, text in word[1:] if not hasattr(frag, "cbDefn"))
                glyph_text.relabel(typed, shaped)
            return shaped

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
        glyph_text.install()
        _shaping_fixed = True
