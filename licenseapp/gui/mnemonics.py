"""Mnemonics (Alt+letter): reading the letter of a text, and choosing a free one."""

from __future__ import annotations


def mnemonic_of(text: str) -> str | None:
    """The letter after a single "&", lower case ("&&" is a literal ampersand), or None."""
    n = 0
    while n < len(text) - 1:
        if text[n] == "&":
            if text[n + 1] != "&":
                return text[n + 1].lower()
            n += 1
        n += 1
    return None


def with_mnemonic(label: str, taken: str) -> str:
    """``label`` with an Alt+letter on its first letter not ``taken`` by another control."""
    for n, char in enumerate(label):
        if char.isalpha() and char.lower() not in taken.lower():
            return f"{label[:n]}&{label[n:]}"
    return label
