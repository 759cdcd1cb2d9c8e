"""How the packet dialogs word what the services tell them."""

from __future__ import annotations


def sentence(message: str) -> str:
    """``message`` as a sentence: a capital first letter and one full stop."""
    message = message.strip().rstrip(".")
    return f"{message[:1].upper()}{message[1:]}."


def file_size(n: int) -> str:
    """A file's size as a person reads it: "812 bytes", "72 KB", "1.4 MB"."""
    if n < 1024:
        return f"{n} bytes"
    if n < 1024 * 1024:
        return f"{n / 1024:,.0f} KB"
    return f"{n / (1024 * 1024):,.1f} MB"
