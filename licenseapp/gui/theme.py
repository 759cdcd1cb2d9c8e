"""The app's colours, derived from the current palette (light or dark), each readable.

Every colour the app draws with beyond the palette's own lives here, by what it means:
*inks* (text on the window or a list: late, warning, ok, hint, …), *tones* (a badge or a
cell: text on a tinted background: "License needed", "Licensed", …) and the dashboard's
chart colours. Each is derived from the palette in use and then moved in lightness until
its contrast with the background it is drawn on reaches 4.5:1 (WCAG 2.x, AA for text).

:func:`apply_theme` sets the look ("system", "light" or "dark": Fusion with the palettes
below); :mod:`licenseapp.gui.theme_follow` re-renders what holds colours when it changes.
No other module in ``gui/`` writes a colour literal (a test keeps it so).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from functools import cache

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory

#: WCAG 2.x AA for normal text.
MINIMUM_CONTRAST = 4.5
THEMES = ("system", "light", "dark")


class Ink(StrEnum):
    """Text colours, drawn on the window or on a list's base."""

    LATE = "late"  # overdue, errors, problems, "license required"
    WARNING = "warning"  # due soon, warnings, to review
    OK = "ok"  # done, "no license required", added
    INFO = "info"  # updated, neutral news
    HINT = "hint"  # notes, muted words, greyed rows
    HEADING = "heading"  # section headings of the details panes
    LINK = "link"


class Tone(StrEnum):
    """Badges and cells: text on a tinted background."""

    DANGER = "danger"  # license needed, confirmed hit, attention
    DENIED = "denied"
    UNKNOWN = "unknown"
    CAUTION = "caution"  # to review, expiring, a clash
    ESCALATED = "escalated"
    DRAFTED = "drafted"
    INFO = "info"  # pending with the regulator
    VIOLET = "violet"  # suspended
    OK = "ok"  # licensed, cleared
    NEUTRAL = "neutral"  # closed, expired
    REVOKED = "revoked"
    QUIET = "quiet"  # not required


#: The light look each colour starts from (its hue is kept in the dark one).
_INK_SEEDS: dict[Ink, str] = {
    Ink.LATE: "#b00020", Ink.WARNING: "#8a5300", Ink.OK: "#1b5e20", Ink.INFO: "#0b57a4",
    Ink.HINT: "#666666", Ink.HEADING: "#2c4a6e", Ink.LINK: "#0b57a4",
}
#: (text, background) of each tone in the light look.
_TONE_SEEDS: dict[Tone, tuple[str, str]] = {
    Tone.DANGER: ("#8a1c14", "#fde2e1"), Tone.DENIED: ("#6e130d", "#f6cfcc"),
    Tone.UNKNOWN: ("#7a4100", "#ffe9cc"), Tone.CAUTION: ("#8a5300", "#fff4d6"),
    Tone.ESCALATED: ("#8a5300", "#ffe3b8"), Tone.DRAFTED: ("#6b4e00", "#fff4d6"),
    Tone.INFO: ("#1c4587", "#dde9fb"), Tone.VIOLET: ("#4a2a7a", "#ebe1f7"),
    Tone.OK: ("#1d5e33", "#dcf3e3"), Tone.NEUTRAL: ("#444444", "#ececec"),
    Tone.REVOKED: ("#333333", "#e4e4e4"), Tone.QUIET: ("#3c4043", "#f3f4f5"),
}
_SERIES_SEEDS = ("#2f5d8c", "#d08a2c", "#3f8f5b", "#8c4f8c")

#: The dark palette (Fusion): role → colour.
_DARK: dict[QPalette.ColorRole, str] = {
    QPalette.ColorRole.Window: "#2b2b2b", QPalette.ColorRole.WindowText: "#e6e6e6",
    QPalette.ColorRole.Base: "#1e1e1e", QPalette.ColorRole.AlternateBase: "#262626",
    QPalette.ColorRole.Text: "#e6e6e6", QPalette.ColorRole.Button: "#353535",
    QPalette.ColorRole.ButtonText: "#e6e6e6", QPalette.ColorRole.BrightText: "#ffffff",
    QPalette.ColorRole.Highlight: "#2f65ca", QPalette.ColorRole.HighlightedText: "#ffffff",
    QPalette.ColorRole.Link: "#8ab4f8", QPalette.ColorRole.LinkVisited: "#c58af9",
    QPalette.ColorRole.ToolTipBase: "#3a3a3a", QPalette.ColorRole.ToolTipText: "#e6e6e6",
    QPalette.ColorRole.Light: "#4a4a4a", QPalette.ColorRole.Midlight: "#3e3e3e",
    QPalette.ColorRole.Mid: "#303030", QPalette.ColorRole.Dark: "#1a1a1a",
    QPalette.ColorRole.Shadow: "#0d0d0d", QPalette.ColorRole.PlaceholderText: "#8f8f8f",
}
_DARK_DISABLED: dict[QPalette.ColorRole, str] = {
    QPalette.ColorRole.WindowText: "#8c8c8c", QPalette.ColorRole.Text: "#8c8c8c",
    QPalette.ColorRole.ButtonText: "#8c8c8c", QPalette.ColorRole.Base: "#262626",
    QPalette.ColorRole.Button: "#303030", QPalette.ColorRole.Highlight: "#444444",
}


# --- contrast --------------------------------------------------------------------------

def relative_luminance(color: QColor) -> float:
    """WCAG 2.x relative luminance of an opaque colour (0 black … 1 white)."""
    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    return (0.2126 * channel(color.redF()) + 0.7152 * channel(color.greenF())
            + 0.0722 * channel(color.blueF()))


def contrast_ratio(first: QColor, second: QColor) -> float:
    """WCAG contrast ratio (1 … 21) of two opaque colours."""
    a, b = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (a + 0.05) / (b + 0.05)


def is_dark(color: QColor) -> bool:
    return relative_luminance(color) < 0.18


def _hsl(color: QColor) -> tuple[float, float, float]:
    """Hue (0 for greys), saturation and lightness, each 0 … 1."""
    return max(color.hslHueF(), 0.0), color.hslSaturationF(), color.lightnessF()


def readable(color: QColor, *backgrounds: QColor, minimum: float = MINIMUM_CONTRAST) -> QColor:
    """``color`` with its lightness moved (hue kept) until it reaches ``minimum`` against
    every one of ``backgrounds``: darker on light backgrounds, lighter on dark ones."""
    def worst(candidate: QColor) -> float:
        return min(contrast_ratio(candidate, back) for back in backgrounds)

    if worst(color) >= minimum:
        return QColor(color)
    hue, saturation, lightness = _hsl(color)
    step = 0.01 if is_dark(backgrounds[0]) else -0.01
    candidate = QColor(color)
    while 0.0 <= lightness <= 1.0:
        lightness += step
        candidate = QColor.fromHslF(hue, saturation, min(max(lightness, 0.0), 1.0))
        if worst(candidate) >= minimum:
            return candidate
    return QColor(Qt.GlobalColor.white if step > 0 else Qt.GlobalColor.black)


def blend(back: QColor, front: QColor, amount: float) -> QColor:
    """``front`` laid over ``back`` at ``amount`` (0 … 1) opacity."""
    return QColor.fromRgbF(*(b + (f - b) * amount for b, f in (
        (back.redF(), front.redF()), (back.greenF(), front.greenF()),
        (back.blueF(), front.blueF()))))


# --- the theme -------------------------------------------------------------------------

@dataclass(frozen=True)
class Badge:
    text: QColor
    background: QColor

    def css(self) -> str:
        """``background-color: …; color: …`` for HTML and style sheets."""
        return f"background-color: {self.background.name()}; color: {self.text.name()};"


@dataclass(frozen=True)
class ChartColors:
    background: QColor
    text: QColor
    axis: QColor
    grid: QColor
    series: tuple[QColor, ...]


@dataclass(frozen=True)
class Theme:
    """The semantic colours for one palette (see :func:`current`)."""

    dark: bool
    window: QColor
    base: QColor
    text: QColor
    inks: dict[Ink, QColor]
    badges: dict[Tone, Badge]
    chart: ChartColors

    def ink(self, ink: Ink) -> QColor:
        return self.inks[ink]

    def hex(self, ink: Ink) -> str:
        return self.inks[ink].name()

    def badge(self, tone: Tone) -> Badge:
        return self.badges[tone]

    def html_style(self) -> str:
        """The ``<style>`` block of the details panes (rich text in the theme's colours)."""
        return (
            "<style>\nh2 { margin: 0; }\n"
            f"h3 {{ margin-top: 12px; margin-bottom: 4px; color: {self.hex(Ink.HEADING)}; }}\n"
            "td { padding: 2px 8px 2px 0; vertical-align: top; }\n"
            "th { padding: 2px 8px 2px 0; text-align: left; "
            f"color: {self.hex(Ink.HINT)}; font-weight: 600; }}\n"
            f".key {{ color: {self.hex(Ink.HINT)}; white-space: nowrap; }}\n"
            f".muted {{ color: {self.hex(Ink.HINT)}; }}\n"
            ".native { font-size: large; }\n"
            f".late {{ color: {self.hex(Ink.LATE)}; font-weight: 600; }}\n"
            f".alert {{ color: {self.hex(Ink.LATE)}; font-weight: 600; }}\n"
            f".soon {{ color: {self.hex(Ink.WARNING)}; font-weight: 600; }}\n"
            f".done {{ color: {self.hex(Ink.OK)}; }}\n"
            f"a {{ color: {self.hex(Ink.LINK)}; }}\n"
            ".done-head { margin-top: 8px; margin-bottom: 2px; }\n</style>\n"
        )


def _dark_badge(seed_text: QColor, seed_background: QColor, base: QColor) -> Badge:
    hue, saturation, _lightness = _hsl(seed_background)
    background = blend(base, QColor.fromHslF(hue, min(saturation, 0.55), 0.32), 0.75)
    t_hue, t_saturation, _t_lightness = _hsl(seed_text)
    text = QColor.fromHslF(t_hue, min(t_saturation, 0.75), 0.80)
    return Badge(readable(text, background), background)


def theme_for(palette: QPalette) -> Theme:
    """The colours for ``palette`` (cached: the same palette gives the same theme)."""
    group = QPalette.ColorGroup.Active
    return _theme(palette.color(group, QPalette.ColorRole.Window).rgba(),
                  palette.color(group, QPalette.ColorRole.Base).rgba(),
                  palette.color(group, QPalette.ColorRole.Text).rgba(),
                  palette.color(group, QPalette.ColorRole.Link).rgba())


@cache
def _theme(window_rgba: int, base_rgba: int, text_rgba: int, link_rgba: int) -> Theme:
    window, base, text = QColor.fromRgba(window_rgba), QColor.fromRgba(base_rgba), \
        QColor.fromRgba(text_rgba)
    dark = is_dark(base)
    inks = {ink: readable(QColor(seed), base, window) for ink, seed in _INK_SEEDS.items()}
    inks[Ink.LINK] = readable(QColor.fromRgba(link_rgba), base, window)
    if dark:
        badges = {tone: _dark_badge(QColor(t), QColor(b), base)
                  for tone, (t, b) in _TONE_SEEDS.items()}
    else:
        badges = {tone: Badge(readable(QColor(t), QColor(b)), QColor(b))
                  for tone, (t, b) in _TONE_SEEDS.items()}
    chart = ChartColors(
        background=base, text=text, axis=inks[Ink.HINT], grid=blend(base, text, 0.15),
        series=tuple(readable(QColor(seed), base) for seed in _SERIES_SEEDS))
    return Theme(dark, window, base, text, inks, badges, chart)


def current() -> Theme:
    """The colours for the application's palette now."""
    return theme_for(QGuiApplication.palette())


# --- choosing the look -----------------------------------------------------------------

def dark_palette() -> QPalette:
    palette = QPalette()
    for role, value in _DARK.items():
        palette.setColor(role, QColor(value))
    for role, value in _DARK_DISABLED.items():
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor(value))
    return palette


def light_palette() -> QPalette:
    style = QStyleFactory.create("Fusion")
    palette = style.standardPalette()
    # Fusion's placeholder is the text at half opacity (3.9:1 on white): too faint.
    palette.setColor(QPalette.ColorRole.PlaceholderText, QColor("#6b6b6b"))
    palette.setColor(QPalette.ColorRole.Link, QColor(_INK_SEEDS[Ink.LINK]))
    return palette


def system_prefers_dark() -> bool:
    return QGuiApplication.styleHints().colorScheme() == Qt.ColorScheme.Dark


def apply_theme(app: QApplication, choice: str) -> None:
    """Use ``choice`` ("system", "light" or "dark"): Fusion, with the matching palette.

    "system" follows the desktop's colour scheme as Qt reports it (Qt 6.5+). Widgets that
    hold colours re-render on the palette change (see :mod:`licenseapp.gui.theme_follow`).
    """
    if choice not in THEMES:
        raise ValueError(f"Unknown appearance {choice!r}: choose system, light or dark.")
    hints = QGuiApplication.styleHints()
    schemes = {"system": Qt.ColorScheme.Unknown, "light": Qt.ColorScheme.Light,
               "dark": Qt.ColorScheme.Dark}
    if hasattr(hints, "setColorScheme"):  # Qt 6.8+: native dialogs follow the choice
        hints.setColorScheme(schemes[choice])
    dark = choice == "dark" or (choice == "system" and system_prefers_dark())
    from licenseapp.gui.indicator_style import ReadableIndicatorStyle

    if not isinstance(app.style(), ReadableIndicatorStyle):
        app.setStyle(ReadableIndicatorStyle())  # Fusion, with indicators seen on dark
    app.setPalette(dark_palette() if dark else light_palette())
