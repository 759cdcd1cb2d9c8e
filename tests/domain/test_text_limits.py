"""One set of text limits: equal to the store's columns, and refusing what PostgreSQL would."""

from __future__ import annotations

import pytest
from sqlalchemy import String, Text

from licenseapp.domain import text_limits
from licenseapp.store.models import Base


def test_limits_equal_the_store_columns() -> None:
    for table, columns in text_limits.LIMITS.items():
        tbl = Base.metadata.tables[table]
        for name, length in columns.items():
            col_type = tbl.columns[name].type
            if isinstance(col_type, Text):
                assert length >= text_limits.LONG_TEXT, f"{table}.{name}"
            else:
                assert isinstance(col_type, String), f"{table}.{name}"
                assert col_type.length == length, f"{table}.{name}"


def test_every_text_column_a_user_reaches_has_a_limit() -> None:
    for table in text_limits.LIMITS:
        tbl = Base.metadata.tables[table]
        for col in tbl.columns:
            if isinstance(col.type, String) and not col.primary_key:
                assert col.name in text_limits.LIMITS[table], f"{table}.{col.name} has no limit"


@pytest.mark.parametrize("value, fragment", [
    ("a\x00b", "NUL"),
    ("Ali\u202ece", "text-direction"),
    ("x\x07", "control character"),
    ("line\nbreak", "line break"),
    ("x" * 201, "at most 200"),
])
def test_single_line_refusals_name_the_fix(value: str, fragment: str) -> None:
    message = text_limits.column_problem("people", "given_name", value)
    assert message is not None and fragment in message


def test_multi_line_fields_take_line_breaks_and_tabs() -> None:
    assert text_limits.column_problem("people", "duties", "one\r\n\ttwo") is None
    assert text_limits.column_problem("people", "duties", "one\x00") is not None
    assert text_limits.column_problem("people", "given_name", "محمد \u200fأحمد") is None


def test_check_columns_names_the_field() -> None:
    problems = text_limits.check_columns("people", {"other_names": "y" * 10_000, "x": 1},
                                         prefix="")
    assert [p.field for p in problems] == ["other_names"]
    assert "10,000 characters" in problems[0].message
