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


class Mnemonics:
    """Hands out Alt+letters unique within each group (a tab, a dialog), ``reserved``
    letters excepted (the dialog's own buttons: Save and Cancel)."""

    def __init__(self, reserved: str = "sc") -> None:
        self._reserved = reserved
        self._taken: dict[object, str] = {}

    def mark(self, text: str, group: object) -> str:
        taken = self._taken.get(group, self._reserved)
        marked = with_mnemonic(text, taken)
        self._taken[group] = taken + (mnemonic_of(marked) or "")
        return marked
