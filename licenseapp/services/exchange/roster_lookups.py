"""What a roster names besides people: the organizations it gives as employers (matched by
name, unknown ones noted or created) and the references new people are given."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from licenseapp.domain.import_outcomes import CellProblem

_NOT_WORD = re.compile(r"[^\w]+")


@dataclass
class Employers:
    """Organizations by name ("Acme, Inc." = "ACME Inc"); unknown ones noted, and given a
    placeholder (negative) id when the import may create them."""

    ids: dict[str, int]  # name key → id
    names: dict[int, str]  # id → legal name
    create: bool
    unknown: list[str] = field(default_factory=list)
    new: dict[int, str] = field(default_factory=dict)  # placeholder id → name to create
    _seen: dict[str, int | None] = field(default_factory=dict)

    @staticmethod
    def key(name: str) -> str:
        return " ".join(_NOT_WORD.sub(" ", name.casefold()).split())

    def created(self, org_ids: dict[int, int]) -> None:
        """New organizations written (placeholder → id): later rows are given the id."""
        for placeholder, org_id in org_ids.items():
            self.names[org_id] = self.names[placeholder]
            for found in (self.ids, self._seen):
                for name, value in found.items():
                    if value == placeholder:
                        found[name] = org_id

    def resolve(self, name: str) -> int | None:
        """The organization's id (a placeholder for one to create), None if unknown."""
        if name in self._seen:
            return self._seen[name]
        found = self._resolve(name)
        self._seen[name] = found
        return found

    def _resolve(self, name: str) -> int | None:
        key = self.key(name)
        found = self.ids.get(key)
        if found is not None:
            return found
        if name not in self.unknown and not any(self.key(u) == key for u in self.unknown):
            self.unknown.append(name)
        if not self.create:
            return None
        placeholder = -(len(self.new) + 1)
        self.new[placeholder] = name
        self.ids[key] = placeholder
        self.names[placeholder] = name
        return placeholder


def unknown_employer(name: str) -> CellProblem:
    return CellProblem("employer", name, f"no organization is called {name!r}",
                       "add the organization first, or let the import create it")


class RefCounter:
    """New people's references: after the highest stored, skipping the file's own."""

    def __init__(self, used: Iterable[str], reserved: Iterable[str]) -> None:
        numbers = [int(r[2:]) for r in used if r.startswith("P-") and r[2:].isdigit()]
        self.next = max(numbers, default=0) + 1
        self.reserved = set(reserved)

    def take(self) -> str:
        while True:
            ref = f"P-{self.next:04d}"
            self.next += 1
            if ref not in self.reserved:
                return ref


__all__ = ["Employers", "RefCounter", "unknown_employer"]
