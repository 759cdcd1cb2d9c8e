"""The fonts shipped in resources/fonts, for the desktop app and the PDF renderer alike."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from licenseapp import paths


@dataclass(frozen=True)
class ShippedFont:
    file: str
    family: str
    style: str  # regular, bold, italic
    scripts: tuple[str, ...]

    @property
    def path(self) -> Path:
        return paths.resource_path("fonts", self.file)


#: Noto families of one script each, in Regular and Bold: (file stem, scripts).
_NOTO_SCRIPTS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Arabic", ("arabic",)),
    ("Devanagari", ("devanagari",)),
    ("Hebrew", ("hebrew",)),
    ("Thai", ("thai",)),
    ("Tamil", ("tamil",)),
    ("Bengali", ("bengali",)),
    ("Gujarati", ("gujarati",)),
    ("Telugu", ("telugu",)),
    ("Kannada", ("kannada",)),
    ("Malayalam", ("malayalam",)),
    ("Sinhala", ("sinhala",)),
    ("Armenian", ("armenian",)),
    ("Georgian", ("georgian",)),
    ("Ethiopic", ("ethiopic",)),
    ("Khmer", ("khmer",)),
    ("Myanmar", ("myanmar",)),
)

#: Every shipped font, in fallback order of families (a character is set in the first
#: family that has it). resources/fonts/README.md gives each file's source and licence.
SHIPPED_FONTS: tuple[ShippedFont, ...] = (
    ShippedFont("NotoSans-Regular.ttf", "Noto Sans", "regular", ("latin", "cyrillic", "greek")),
    ShippedFont("NotoSans-Bold.ttf", "Noto Sans", "bold", ("latin", "cyrillic", "greek")),
    ShippedFont("NotoSans-Italic.ttf", "Noto Sans", "italic", ("latin", "cyrillic", "greek")),
    *(
        ShippedFont(f"NotoSans{stem}-{style.title()}.ttf", f"Noto Sans {stem}", style, scripts)
        for stem, scripts in _NOTO_SCRIPTS
        for style in ("regular", "bold")
    ),
    ShippedFont("wqy-microhei.ttc", "WenQuanYi Micro Hei", "regular",
                ("han", "hiragana", "katakana", "hangul")),
    ShippedFont("HanaMinB-ExtB.ttf", "HanaMinB", "regular", ("han-extension-b",)),
)

#: Scripts that need HarfBuzz: contextual forms, conjuncts, reordering, mark positioning,
#: or right-to-left glyph order.
SHAPED_SCRIPTS = frozenset({
    "arabic", "devanagari", "hebrew", "thai", "tamil", "bengali", "gujarati", "telugu",
    "kannada", "malayalam", "sinhala", "khmer", "myanmar",
})
