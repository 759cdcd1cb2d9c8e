"""The coverage table matches the shipped fonts, and a document opens only the fonts its text
needs (a Latin-only packet never parses the CJK fonts)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from licenseapp import paths
from licenseapp.domain import font_coverage
from licenseapp.fonts import SHIPPED_FONTS
from licenseapp.pdf import fonts

TESTS = Path(__file__).resolve().parents[1]


def test_coverage_table_is_the_fonts_own() -> None:
    shipped = json.loads(paths.resource_path(*font_coverage.COVERAGE_FILE).read_text("utf-8"))
    assert shipped == fonts.coverage_table(), (
        "resources/fonts/coverage.json is stale: rewrite it with "
        "licenseapp.pdf.fonts.write_coverage_table() (resources/fonts/README.md)")


@pytest.mark.parametrize("font", [f for f in SHIPPED_FONTS if f.style != "regular"],
                         ids=lambda f: f.file)
def test_other_weights_have_every_glyph_of_the_regular(font: object) -> None:
    family = font.family  # type: ignore[attr-defined]
    regular = next(f for f in SHIPPED_FONTS if f.family == family and f.style == "regular")
    missing = set(fonts._faces_file(regular).charToGlyph) - set(
        fonts._faces_file(font).charToGlyph)  # type: ignore[arg-type]
    assert not {c for c in missing if c > 0x20}, family


def _fonts_opened(native: str) -> set[str]:
    """The TrueType fonts a fresh process registers to print one packet."""
    script = f"""
import sys
sys.path[:0] = [{str(TESTS / "domain")!r}, {str(TESTS)!r}]
from dataclasses import replace
from test_checker import complete
from licenseapp.pdf.packet import render_packet
from reportlab.pdfbase import pdfmetrics, ttfonts
record = complete()
person = replace(record.person, native_name={native!r}, other_names="")
render_packet(replace(record, person=person))
print(" ".join(sorted(n for n in pdfmetrics.getRegisteredFontNames()
                      if isinstance(pdfmetrics.getFont(n), ttfonts.TTFont))))
"""
    out = subprocess.run([sys.executable, "-c", script], check=True, capture_output=True,
                         text=True).stdout
    return set(out.split())


def test_a_latin_packet_opens_noto_sans_alone() -> None:
    assert _fonts_opened("") == {"NotoSans-Regular", "NotoSans-Bold", "NotoSans-Italic"}


def test_a_hebrew_name_opens_the_hebrew_font_and_no_cjk_font() -> None:
    opened = _fonts_opened("נועה לוי")
    assert "NotoSansHebrew-Regular" in opened
    assert not {"wqy-microhei", "HanaMinB-ExtB"} & opened
