"""Quick draws from a ``random.Random`` (the demo makes millions; ``randint`` is slow)."""

from __future__ import annotations

import random
from collections.abc import Sequence
from typing import TypeVar

_T = TypeVar("_T")


def ri(rng: random.Random, low: int, high: int) -> int:
    """An integer from ``low`` to ``high`` inclusive."""
    return low + int(rng.random() * (high - low + 1))


def rb(rng: random.Random, n: int) -> int:
    """An integer from 0 to ``n - 1``."""
    return int(rng.random() * n)


def pick(rng: random.Random, seq: Sequence[_T]) -> _T:
    return seq[int(rng.random() * len(seq))]


__all__ = ["pick", "rb", "ri"]
