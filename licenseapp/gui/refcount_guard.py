"""A guard against a reference-counting bug in PySide6 6.12.0 on Python 3.11.

Each ``Signal.emit()`` from Python (and ``QModelIndex.data()`` returning None) drops one
reference to ``True``/``None`` that it never took. Python 3.12+ makes these objects immortal,
so nothing happens there; on 3.11 the count reaches zero after a few hundred emits and the
interpreter aborts ("Fatal Python error: bool_dealloc"). Reproduced in
tests/gui/test_refcount_guard.py.

The guard does what Python 3.12 does: it gives ``True``, ``False`` and ``None`` a reference
count so large that no amount of missing increments can bring it to zero.
"""

from __future__ import annotations

import ctypes
import sys

#: Far more than any session's emits, far below overflow of a signed 64-bit count.
_EXTRA_REFERENCES = 1 << 40


def guard_singletons() -> bool:
    """Make True/False/None practically immortal on Python < 3.12; True if applied."""
    if sys.version_info >= (3, 12) or getattr(guard_singletons, "_applied", False):
        return False
    for singleton in (True, False, None):
        count = ctypes.c_ssize_t.from_address(id(singleton))
        count.value += _EXTRA_REFERENCES
    guard_singletons._applied = True  # type: ignore[attr-defined]
    return True
