"""Colours come from the theme: no module in gui/ but theme.py writes a colour literal.

A hex colour, ``QColor(r, g, b)`` or ``QColor("…")``, a ``Qt.GlobalColor`` or a named CSS
colour anywhere else in ``licenseapp/gui`` is drawn the same in light and dark and is how
the overdue red came to read at 2.3:1 on a dark window. Such a line fails this test unless
it is allowed below, with the reason.
"""

from __future__ import annotations

import io
import re
import tokenize
from pathlib import Path

import licenseapp.gui

GUI = Path(licenseapp.gui.__file__).parent
THEME = GUI / "theme.py"

#: (file relative to gui/, the text allowed) → why it is not a colour of the theme.
ALLOWED: dict[tuple[str, str], str] = {
    ("date_field.py", "Qt.GlobalColor.transparent"):
        "the empty pixmap the calendar icon is drawn on: no colour, nothing seen",
}

_HEX = re.compile(r"#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})\b")
_NAMED = re.compile(r"\b(?:color|background(?:-color)?|border(?:-color)?)\s*:[^;{}'\"]*?"
                    r"\b(?:red|white|black|gr[ae]y|blue|green|yellow|orange|silver)\b")
_CODE = re.compile(r"QColor\(\s*(?:\d|['\"])|QColor\.fromRgb|Qt\.GlobalColor\.\w+|"
                   r"Qt\.(?:red|white|black|gray|darkRed|blue|green)\b")


def colour_literals(path: Path) -> list[tuple[int, str]]:
    """(line, text) of each colour literal in ``path``: in strings, and in code."""
    found: list[tuple[int, str]] = []
    source = path.read_text(encoding="utf-8")
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type == tokenize.STRING:
            for pattern in (_HEX, _NAMED):
                found += [(token.start[0], m.group(0)) for m in pattern.finditer(token.string)]
    for number, line in enumerate(source.splitlines(), 1):
        code = line.split("#", 1)[0] if "QColor" not in line else line
        found += [(number, m.group(0)) for m in _CODE.finditer(code)]
    return found


def test_no_colour_literal_in_gui_outside_the_theme() -> None:
    offenders = []
    for path in sorted(GUI.rglob("*.py")):
        if path == THEME:
            continue
        name = path.relative_to(GUI).as_posix()
        offenders += [f"{name}:{line}: {text}" for line, text in colour_literals(path)
                      if (name, text) not in ALLOWED]
    assert offenders == [], "colours outside gui/theme.py:\n" + "\n".join(offenders)


def test_the_scan_finds_each_kind_of_literal(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text(
        'A = QColor("#b00020")\nB = "color: #555;"\nC = QColor(200, 0, 0)\n'
        'D = Qt.GlobalColor.red\nE = "QLabel { color: grey; }"\nF = "issue 18"  # #fff\n',
        encoding="utf-8")
    texts = [text for _line, text in colour_literals(sample)]
    assert texts == ["#b00020", "#555", "color: grey", 'QColor("', "QColor(2",
                     "Qt.GlobalColor.red"]
