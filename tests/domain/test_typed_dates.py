"""Dates and months read exactly as typed: ISO, the locale's order, never a guess."""

from __future__ import annotations

from datetime import date

import pytest

from licenseapp.domain.typed_dates import date_order, read_date, read_month


@pytest.mark.parametrize(("short_format", "order"), [
    ("M/d/yy", "MDY"), ("dd/MM/yyyy", "DMY"), ("dd.MM.yy", "DMY"), ("yyyy-MM-dd", "YMD"),
    ("yyyy/MM/dd", "YMD"), ("EEEE", None)])
def test_the_order_of_a_locale_short_format(short_format: str, order: str | None) -> None:
    assert date_order(short_format) == order


@pytest.mark.parametrize(("typed", "order", "expected"), [
    ("1990-04-12", None, date(1990, 4, 12)),
    ("1990-04-12", "MDY", date(1990, 4, 12)),
    (" 1990-4-2 ", "DMY", date(1990, 4, 2)),
    ("19900412", None, date(1990, 4, 12)),
    ("1990/04/12", "YMD", date(1990, 4, 12)),
    ("12/04/1990", "DMY", date(1990, 4, 12)),
    ("4/12/1990", "MDY", date(1990, 4, 12)),
    ("12.04.1990", "DMY", date(1990, 4, 12)),
    ("03/04/1990", "MDY", date(1990, 3, 4)),
    ("03/04/1990", "DMY", date(1990, 4, 3)),
    ("25/12/1990", None, date(1990, 12, 25)),  # only one reading
    ("12/25/1990", None, date(1990, 12, 25)),
    ("04/04/1990", None, date(1990, 4, 4)),
])
def test_dates_keep_the_year_and_day_typed(typed: str, order: str | None,
                                            expected: date) -> None:
    read = read_date(typed, order)
    assert read.ok and read.value == expected


def test_an_empty_field_is_no_date_and_no_problem() -> None:
    assert read_date("  ", "DMY").value is None and read_date("", None).ok


def test_a_date_the_locale_does_not_settle_is_refused_with_both_readings() -> None:
    read = read_date("03/04/1990", None)
    assert read.value is None
    assert "3 April or 4 March 1990" in read.problem and "1990-04-03" in read.problem


@pytest.mark.parametrize(("typed", "words"), [
    ("1990-13-01", "no month 13"), ("1990-02-30", "February 1990 has no day 30"),
    ("12/04/90", "year in full"), ("tomorrow", "is not a date"), ("1990-04", "not a date")])
def test_unreadable_dates_say_what_is_wrong(typed: str, words: str) -> None:
    read = read_date(typed, "DMY")
    assert read.value is None and words in read.problem and typed in read.problem


@pytest.mark.parametrize(("typed", "expected"), [
    ("2019-07", date(2019, 7, 1)), ("201907", date(2019, 7, 1)), ("07/2019", date(2019, 7, 1)),
    ("7.2019", date(2019, 7, 1)), ("2019/7", date(2019, 7, 1)), ("", None)])
def test_months(typed: str, expected: date | None) -> None:
    read = read_month(typed)
    assert read.ok and read.value == expected


@pytest.mark.parametrize("typed", ["2019-13", "07/19", "2019-07-01", "July"])
def test_unreadable_months_are_refused(typed: str) -> None:
    assert read_month(typed).problem
