"""The theme: every text colour reads at 4.5:1 on what it is drawn on, in light and dark;
switching the appearance at run time recolours what holds colours as text."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QLabel, QTextBrowser
from pytestqt.qtbot import QtBot

from licenseapp.gui.appearance import APPEARANCE_KEY, THEME_VARIABLE, saved_appearance
from licenseapp.gui.dashboard.charts import BarSet, CardData, ChartCard
from licenseapp.gui.main_window import MainWindow
from licenseapp.gui.personal_settings import store
from licenseapp.gui.tasks import TaskRunner
from licenseapp.gui.theme import (
    MINIMUM_CONTRAST,
    Ink,
    Theme,
    Tone,
    apply_theme,
    contrast_ratio,
    current,
    dark_palette,
    light_palette,
    readable,
    theme_for,
)
from licenseapp.gui.theme_follow import ink_style, make_hint, show_html

PALETTES = {"light": light_palette, "dark": dark_palette}


@pytest.fixture
def restore_look(qapp: QApplication) -> Iterator[QApplication]:
    """Whatever a test switches to, the next test gets the palette and style it had."""
    palette, style = QPalette(qapp.palette()), qapp.style().name()
    yield qapp
    QGuiApplication.styleHints().setColorScheme(Qt.ColorScheme.Unknown)  # the desktop's again
    qapp.setStyle(style)
    qapp.setPalette(palette)


def _text_pairs(theme: Theme) -> list[tuple[str, QColor, QColor]]:
    """(what, text, background) for every text colour the app draws, on its background."""
    pairs = []
    for ink in Ink:
        pairs.append((f"{ink} on base", theme.ink(ink), theme.base))
        pairs.append((f"{ink} on window", theme.ink(ink), theme.window))
    for tone in Tone:
        badge = theme.badge(tone)
        pairs.append((f"{tone} badge", badge.text, badge.background))
        pairs.append((f"list text on a {tone} tint", theme.text, badge.background))
        pairs.append((f"late on a {tone} tint", readable(theme.ink(Ink.LATE), badge.background),
                      badge.background))
    chart = theme.chart
    pairs.append(("chart text", chart.text, chart.background))
    pairs.append(("chart axis labels", chart.axis, chart.background))
    pairs += [(f"chart series {n}", color, chart.background)
              for n, color in enumerate(chart.series)]
    return pairs


@pytest.mark.parametrize("look", sorted(PALETTES))
def test_every_text_colour_reaches_4_5_to_1_against_its_background(qapp: QApplication,
                                                                  look: str) -> None:
    palette = PALETTES[look]()
    theme = theme_for(palette)
    assert theme.dark == (look == "dark")
    low = [f"{what}: {text.name()} on {back.name()} = {contrast_ratio(text, back):.2f}"
           for what, text, back in _text_pairs(theme)
           if contrast_ratio(text, back) < MINIMUM_CONTRAST]
    assert low == []
    # The palette's own hint-like roles too: placeholder text and links.
    base = palette.color(QPalette.ColorRole.Base)
    for role in (QPalette.ColorRole.PlaceholderText, QPalette.ColorRole.Text,
                 QPalette.ColorRole.WindowText):
        assert contrast_ratio(palette.color(role), base) >= MINIMUM_CONTRAST, role
    # A placeholder reads as a hint, not as typed text: well below the text's contrast
    # (the dark one at 6.85:1 beside text at 14:1 was taken for a value typed in).
    placeholder = contrast_ratio(palette.color(QPalette.ColorRole.PlaceholderText), base)
    assert placeholder <= contrast_ratio(palette.color(QPalette.ColorRole.Text), base) / 2.5


@pytest.mark.parametrize("look", sorted(PALETTES))
def test_every_colour_of_the_details_panes_style_reads_on_the_pane(qapp: QApplication,
                                                                  look: str) -> None:
    theme = theme_for(PALETTES[look]())
    colours = re.findall(r"color: (#[0-9a-f]{6})", theme.html_style())
    assert len(colours) >= 7
    for colour in colours:
        assert contrast_ratio(QColor(colour), theme.base) >= MINIMUM_CONTRAST, colour


def test_the_contrast_ratio_is_wcags() -> None:
    assert contrast_ratio(QColor("#000000"), QColor("#ffffff")) == pytest.approx(21.0)
    assert contrast_ratio(QColor("#777777"), QColor("#ffffff")) == pytest.approx(4.48, abs=0.01)
    # The colours of before: the overdue red on a dark window, a hint on Fusion's grey.
    assert contrast_ratio(QColor("#b00020"), QColor("#2b2b2b")) < 2.5
    assert contrast_ratio(QColor("#bebebe"), QColor("#efefef")) < 1.8


def test_readable_keeps_the_hue_and_moves_only_as_far_as_needed() -> None:
    red, dark = QColor("#b00020"), QColor("#1e1e1e")
    lifted = readable(red, dark)
    assert contrast_ratio(lifted, dark) >= MINIMUM_CONTRAST
    assert abs(lifted.hslHueF() - red.hslHueF()) < 0.02
    assert contrast_ratio(readable(lifted, dark, minimum=4.6), dark) < 5.0
    assert readable(QColor("#000000"), QColor("#ffffff")) == QColor("#000000")  # already fine


def test_the_overdue_red_and_hints_are_readable_in_dark(restore_look: QApplication) -> None:
    apply_theme(restore_look, "dark")
    theme = current()
    assert theme.dark
    assert contrast_ratio(theme.ink(Ink.LATE), theme.window) >= MINIMUM_CONTRAST
    assert contrast_ratio(theme.ink(Ink.HINT), theme.window) >= MINIMUM_CONTRAST
    apply_theme(restore_look, "light")
    assert not current().dark


def test_switching_to_dark_rerenders_html_style_sheets_and_charts(
        qtbot: QtBot, restore_look: QApplication) -> None:
    apply_theme(restore_look, "light")
    light_late = current().hex(Ink.LATE)
    browser = QTextBrowser()
    qtbot.addWidget(browser)
    show_html(browser, lambda: f"{current().html_style()}<p class='late'>3 days overdue</p>")
    label, note = QLabel("1 overdue"), QLabel("A note")
    qtbot.addWidget(label)
    qtbot.addWidget(note)
    ink_style(label, Ink.LATE, "font-weight: 600;")
    make_hint(note)
    card = ChartCard("Pipeline")
    qtbot.addWidget(card)
    card.set_data(CardData(categories=("Draft", "Filed"), sets=(BarSet("BIS", (3.0, 5.0)),),
                           headers=("Status", "BIS"), rows=(("Draft", "3"), ("Filed", "5"))))
    assert light_late in browser.toHtml() and light_late in label.styleSheet()
    assert card.chart.backgroundBrush().color() == current().chart.background

    apply_theme(restore_look, "dark")
    dark = current()
    assert dark.dark and dark.hex(Ink.LATE) != light_late
    assert dark.hex(Ink.LATE) in browser.toHtml() and light_late not in browser.toHtml()
    assert label.styleSheet() == f"color: {dark.hex(Ink.LATE)}; font-weight: 600;"
    assert dark.hex(Ink.HINT) in note.styleSheet()
    assert card.chart.backgroundBrush().color() == dark.base  # no white island
    assert card.bar_sets[0].color() == dark.chart.series[0]
    assert card.chart.axes()[0].labelsColor() == dark.text


def test_the_appearance_menu_applies_and_remembers_the_choice(
        window: MainWindow, restore_look: QApplication) -> None:
    actions = window.appearance.actions
    assert [a.text() for a in actions.values()] == ["&System", "&Light", "&Dark"]
    assert actions["system"].isChecked()
    actions["dark"].trigger()
    assert QGuiApplication.palette().color(QPalette.ColorRole.Window) == QColor("#2b2b2b")
    assert store().value(APPEARANCE_KEY) == "dark"
    assert saved_appearance(store()) == "dark"
    actions["light"].trigger()
    assert not current().dark and store().value(APPEARANCE_KEY) == "light"


def test_the_environment_overrides_the_saved_appearance(monkeypatch: pytest.MonkeyPatch,
                                                        qapp: QApplication) -> None:
    monkeypatch.setenv(THEME_VARIABLE, "dark")
    assert saved_appearance(store()) == "dark"
    monkeypatch.setenv(THEME_VARIABLE, "purple")  # not a choice: the default
    assert saved_appearance(store()) == "system"
    with pytest.raises(ValueError, match="choose system, light or dark"):
        apply_theme(qapp, "purple")


def _ink_of(icon_owner_action: QAction) -> QColor:
    """The mean colour of the opaque pixels of an action's 24-pixel icon."""
    image = icon_owner_action.icon().pixmap(24, 24).toImage()
    colours = [image.pixelColor(x, y) for x in range(image.width())
               for y in range(image.height()) if image.pixelColor(x, y).alpha() > 200]
    assert colours, "the icon is empty"
    return QColor(*(sum(getattr(c, part)() for c in colours) // len(colours)
                    for part in ("red", "green", "blue")))


def test_the_change_status_arrow_reads_on_a_dark_toolbar(restore_look: QApplication,
                                                         qtbot: QtBot) -> None:
    """Qt's built-in arrow is black; on a dark toolbar it was all but invisible."""
    window = MainWindow(TaskRunner())
    qtbot.addWidget(window)
    action = window.tracking.change_status_action
    apply_theme(restore_look, "dark")
    qtbot.waitUntil(lambda: contrast_ratio(_ink_of(action), restore_look.palette().window().color())
                    >= 3.0)
    apply_theme(restore_look, "light")
    qtbot.waitUntil(lambda: contrast_ratio(_ink_of(action), restore_look.palette().window().color())
                    >= 3.0)


@pytest.mark.parametrize("look", ["light", "dark"])
def test_an_unchecked_box_shows_its_edge(restore_look: QApplication, qtbot: QtBot,
                                         look: str) -> None:
    """Fusion edged an unchecked box in the window colour made darker: on the dark palette,
    near black on near black, and the Release column looked empty."""
    from PySide6.QtWidgets import QCheckBox, QStyle, QStyleOptionButton

    apply_theme(restore_look, look)
    box = QCheckBox("Release")
    qtbot.addWidget(box)
    box.show()
    option = QStyleOptionButton()
    box.initStyleOption(option)
    indicator = box.style().subElementRect(QStyle.SubElement.SE_CheckBoxIndicator, option, box)
    image = box.grab().toImage()
    window = restore_look.palette().window().color()
    edge = max(contrast_ratio(image.pixelColor(x, indicator.center().y()), window)
               for x in range(indicator.left(), indicator.center().x()))
    assert edge >= 3.0, f"the box's edge reads at {edge:.2f}:1 on the {look} window"


@pytest.mark.parametrize("look", ["light", "dark"])
def test_qts_one_colour_arrows_show_on_the_palette(qapp: QApplication, look: str) -> None:
    """The file dialog's "Parent folder" arrow and the back/forward arrows were black on the
    dark palette; they keep 3:1 against the window in both looks, and look disabled when
    they are."""
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QStyle

    from licenseapp.gui.indicator_style import ReadableIndicatorStyle

    style = ReadableIndicatorStyle()
    palette = PALETTES[look]()
    window = palette.color(QPalette.ColorRole.Window)
    qapp.setPalette(palette)
    try:
        icon = style.standardIcon(QStyle.StandardPixmap.SP_FileDialogToParent)
        image = icon.pixmap(16, 16).toImage()
        opaque = [image.pixelColor(x, y) for x in range(16) for y in range(16)
                  if image.pixelColor(x, y).alpha() > 200]
        assert opaque
        darkest_or_lightest = max(opaque, key=lambda c: contrast_ratio(c, window))
        assert contrast_ratio(darkest_or_lightest, window) >= 3.0, darkest_or_lightest.name()
        if look == "dark":
            disabled = icon.pixmap(16, 16, QIcon.Mode.Disabled).toImage()
            shown = [disabled.pixelColor(x, y) for x in range(16) for y in range(16)
                     if disabled.pixelColor(x, y).alpha() > 200]
            assert max(contrast_ratio(c, window) for c in shown) < \
                contrast_ratio(darkest_or_lightest, window)
    finally:
        qapp.setPalette(PALETTES["light"]())
