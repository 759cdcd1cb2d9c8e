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


SHIPPED_FONTS: tuple[ShippedFont, ...] = (
    ShippedFont("NotoSans-Regular.ttf", "Noto Sans", "regular", ("latin", "cyrillic", "greek")),
    ShippedFont("NotoSans-Bold.ttf", "Noto Sans", "bold", ("latin", "cyrillic", "greek")),
    ShippedFont("NotoSans-Italic.ttf", "Noto Sans", "italic", ("latin", "cyrillic", "greek")),
    ShippedFont("NotoSansArabic-Regular.ttf", "Noto Sans Arabic", "regular", ("arabic",)),
    ShippedFont("NotoSansArabic-Bold.ttf", "Noto Sans Arabic", "bold", ("arabic",)),
    ShippedFont(
        "NotoSansDevanagari-Regular.ttf", "Noto Sans Devanagari", "regular", ("devanagari",)
    ),
    ShippedFont("NotoSansDevanagari-Bold.ttf", "Noto Sans Devanagari", "bold", ("devanagari",)),
    ShippedFont("wqy-microhei.ttc", "WenQuanYi Micro Hei", "regular", ("han",)),
)
