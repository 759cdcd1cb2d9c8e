"""One object for each distinct value of a big list's column.

A driver returns a new ``str`` (or ``date``, or tuple) for every cell, so 100,000 rows
naming one of three regulators hold 100,000 copies of "BIS". A list kept for a screen
passes the values that repeat (a status, an employer, a country list) through
:class:`SharedValues`, and holds one object per distinct value instead.
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import TypeVar

V = TypeVar("V", bound=Hashable)


class SharedValues(dict[Hashable, Hashable]):
    """Call with a value: the first equal value seen, so equal values are one object."""

    def __call__(self, value: V) -> V:
        return self.setdefault(value, value)  # type: ignore[return-value]


__all__ = ["SharedValues"]
