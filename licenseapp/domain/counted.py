"""A count with its noun in the right number: "1 attachment", "2 attachments", "1,204 records".

One mechanism for every count shown to people, instead of "1 attachments" or "1 error(s)"."""

from __future__ import annotations


def counted(n: int, one: str, many: str | None = None) -> str:
    """``n`` with thousands separators and ``one`` (n == 1) or ``many`` (default ``one`` + s)."""
    return f"{n:,} {one if n == 1 else (many or one + 's')}"
