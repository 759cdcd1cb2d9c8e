"""CSV cells are made a column at a time (a column's kinds of value looked at once, formula
starts looked for over the whole column): the file is byte for byte the one the cell by
cell way writes, whatever the cells hold."""

from __future__ import annotations

import csv
from datetime import UTC, date, datetime
from enum import Enum, StrEnum
from pathlib import Path
from typing import Any

import pytest
from awkward_applications import cell_by_cell_csv

from licenseapp.domain.tabular import FORMULA_STARTS, _cell, neutralised, write_table


class Colour(StrEnum):
    RED = "red"


class Mode(str, Enum):  # noqa: UP042 - str() of this one is "Mode.USE", not its value
    USE = "use"


FORMULAS = ["=1+1", "+x", "-x", "@x", "\tx", "\rx", "=HYPERLINK(\"http://x\")"]
TEXTS = ["LA-2026-0001", "张伟", "محمد", "Ölwerk", "Иван", "", "a\n=1+1", "-", "x=1", "'=1"]
MOMENTS = [date(2026, 12, 24), datetime(2026, 12, 7, 9, 30),
           datetime(2026, 12, 7, 17, 30, 5, 12, tzinfo=UTC), None]


def awkward_rows(count: int) -> list[list[Any]]:
    """Columns of one kind (text, text or nothing, moments, lists, numbers) and columns of
    mixed kinds, with a formula start now and then, over more than one chunk of rows."""
    texts = TEXTS + FORMULAS
    rows = []
    for n in range(count):
        text = texts[n % len(texts)]
        rows.append([
            f"LA-2026-{n:04d}",                          # text, never a formula
            text,                                        # text, now and then a formula
            None if n % 3 == 0 else text,                # text or nothing
            MOMENTS[n % len(MOMENTS)],                   # dates, moments or nothing
            [text, "CN"] if n % 4 else ["US"],           # lists, a formula first now and then
            ("4E091", "3A090") if n % 2 else (),         # tuples, some empty
            [Mode.USE, Colour.RED] if n % 9 == 0 else [3, "x"] if n % 9 == 1 else ["use"],
            n if n % 5 else None,                        # numbers or nothing
            n / 3,                                       # floats
            [True, Colour.RED, Mode.USE, 7, text, None, 1.5][n % 7],  # mixed kinds
        ])
    return rows


HEADERS = ["ref", "text", "maybe", "when", "list", "tuple", "modes", "count", "ratio", "mixed"]


@pytest.mark.parametrize("count", [0, 1, 7, 1_234])
def test_csv_column_by_column_is_the_csv_cell_by_cell(tmp_path: Path, count: int) -> None:
    rows = awkward_rows(count)
    expected = cell_by_cell_csv(tmp_path / "expected.csv", HEADERS, rows)
    assert write_table(tmp_path / "got.csv", HEADERS, rows) == count
    assert (tmp_path / "got.csv").read_bytes() == expected


def test_ragged_and_empty_rows_are_written_as_they_are(tmp_path: Path) -> None:
    rows: list[list[Any]] = [["=1", None], [], ["x"], [date(2026, 1, 2), "@x", 3], []]
    expected = cell_by_cell_csv(tmp_path / "expected.csv", ["a", "b"], rows)
    write_table(tmp_path / "got.csv", ["a", "b"], rows)
    assert (tmp_path / "got.csv").read_bytes() == expected


def test_a_column_of_one_kind_is_neutralised_where_it_starts_as_a_formula(
        tmp_path: Path) -> None:
    rows = [[v, [v], None if v == "" else v] for v in TEXTS + FORMULAS]
    write_table(tmp_path / "got.csv", ["text", "list", "maybe"], rows)
    with (tmp_path / "got.csv").open(encoding="utf-8-sig", newline="") as fh:
        written = list(csv.reader(fh))[1:]
    for (text, in_list, maybe), value in zip(written, TEXTS + FORMULAS, strict=True):
        shown = "'" + value if value.startswith(FORMULA_STARTS) else value
        assert text == in_list == maybe == shown


def test_a_list_starting_as_a_formula_is_text_in_every_format(tmp_path: Path) -> None:
    rows = [["LA-1", ["=cmd|'/C calc'!A0", "Mythos 5"]], ["LA-2", ("-2+3",)]]
    assert _cell(rows[0][1]) == "'=cmd|'/C calc'!A0; Mythos 5"
    write_table(tmp_path / "l.csv", ["ref", "items"], rows)
    with (tmp_path / "l.csv").open(encoding="utf-8-sig", newline="") as fh:
        assert [r[1] for r in list(csv.reader(fh))[1:]] == ["'=cmd|'/C calc'!A0; Mythos 5",
                                                            "'-2+3"]
    from openpyxl import load_workbook

    write_table(tmp_path / "l.xlsx", ["ref", "items"], rows)
    sheet = load_workbook(tmp_path / "l.xlsx").active
    assert sheet is not None
    assert [sheet["B2"].value, sheet["B3"].value] == ["'=cmd|'/C calc'!A0; Mythos 5", "'-2+3"]


def test_neutralised_gives_the_column_back_untouched_when_nothing_starts_a_formula() -> None:
    clean = ("LA-1", "张伟", "x-1", "")
    assert neutralised(clean) is clean
    # A formula start after a line break is looked at again, and left: the cell starts "a".
    assert neutralised(("LA-1", "a\n=b")) == ["LA-1", "a\n=b"]
    assert neutralised(["ok", "=1", "+x", "@y", "\tz", "\rw", "-v"]) == [
        "ok", "'=1", "'+x", "'@y", "'\tz", "'\rw", "'-v"]
