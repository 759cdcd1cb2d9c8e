"""What a dashboard card shows, as plain values: its bars, its table's rows, the scale of
its value axis (no Qt: worked out and tested on their own)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class BarSet:
    name: str
    values: tuple[float, ...]


@dataclass(frozen=True)
class CardData:
    """What one card shows: categories (bars), sets (stacked), and the table's rows."""

    categories: tuple[str, ...]
    sets: tuple[BarSet, ...]
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]  # one per category, then any total rows
    note: str = ""


#: A value axis reaches at least this far: one application is not drawn as a full bar.
SMALLEST_TOP = 4

#: Steps of a value axis, times a power of ten: 1, 2, 5, 10, 20, 50, …
_NICE_STEPS = (1, 2, 5)


def whole_number_scale(highest: float, most_ticks: int = 6) -> tuple[int, int]:
    """(top, step) of a value axis from 0 that reaches ``highest`` in whole-number steps of
    1, 2 or 5 times a power of ten, with at most ``most_ticks`` intervals (at least 1)."""
    target = max(highest, 1.0)
    magnitude = 1
    while True:
        for nice in _NICE_STEPS:
            step = nice * magnitude
            intervals = -(-target // step)  # ceiling
            if intervals <= most_ticks:
                return int(intervals * step), step
        magnitude *= 10


def count_rows(
    categories: Sequence[str], sets: Sequence[BarSet], total_label: str = "Total"
) -> tuple[tuple[str, ...], ...]:
    """Table rows: each category with its count per set (and a row total if several sets),
    then a total row."""
    several = len(sets) > 1
    rows = []
    for i, name in enumerate(categories):
        values = [int(s.values[i]) for s in sets]
        rows.append((name, *(f"{v:,}" for v in values), *((f"{sum(values):,}",) if several
                                                          else ())))
    totals = [int(sum(s.values)) for s in sets]
    rows.append((total_label, *(f"{v:,}" for v in totals),
                 *((f"{sum(totals):,}",) if several else ())))
    return tuple(rows)
