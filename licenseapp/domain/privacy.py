"""Personal data shown in lists and logs: masked."""

from __future__ import annotations


def mask_number(number: str, visible: int = 3) -> str:
    """A passport or document number with all but its last characters hidden."""
    text = number.strip()
    if not text:
        return ""
    if len(text) <= visible:
        return "•" * len(text)
    return "•" * (len(text) - visible) + text[-visible:]
