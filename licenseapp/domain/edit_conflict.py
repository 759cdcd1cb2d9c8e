"""A save over someone else's newer change: both versions, field by field.

Every editable record is edited as a *form*: a frozen dataclass of plain values with an
``id`` and the ``version`` it was read at. When the stored row has moved on, the save is
refused with an :class:`EditConflict` holding the version the user started from (base),
theirs and mine. The user keeps theirs, takes the other, or merges field by field; the
merged form carries the other's version, so saving it is an ordinary save again. Nothing
typed is lost either way.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Generic, TypeVar

from licenseapp.errors import ConflictError

F = TypeVar("F")

#: Fields that identify a record rather than hold what the user typed.
BOOKKEEPING = frozenset({"id", "version", "ref"})


@dataclass(frozen=True)
class FieldDiff:
    name: str
    label: str
    base: Any
    mine: Any
    theirs: Any

    @property
    def mine_changed(self) -> bool:
        return bool(self.mine != self.base)

    @property
    def theirs_changed(self) -> bool:
        return bool(self.theirs != self.base)

    @property
    def clash(self) -> bool:
        """Both changed the field, to different values: the user must choose."""
        return self.mine_changed and self.theirs_changed and self.mine != self.theirs

    @property
    def default_theirs(self) -> bool:
        """Without a choice: take their value where only they changed it."""
        return self.theirs_changed and not self.mine_changed


class EditConflict(ConflictError, Generic[F]):
    """Refused save: the record changed since the user opened it."""

    def __init__(self, what: str, base: F, mine: F, theirs: F, *,
                 labels: Mapping[str, str], changed_by: str = "",
                 changed_at: datetime | None = None) -> None:
        who = f" by {changed_by}" if changed_by else ""
        super().__init__(f"{what} was changed{who} after you opened it; "
                         "choose what to keep — nothing you typed is lost")
        self.what = what
        self.base = base
        self.mine = mine
        self.theirs = theirs
        self.labels = dict(labels)
        self.changed_by = changed_by
        self.changed_at = changed_at

    def diffs(self) -> list[FieldDiff]:
        """Every field where any of the three versions differs, in form order."""
        out: list[FieldDiff] = []
        for f in dataclasses.fields(self.mine):  # type: ignore[arg-type]
            if f.name in BOOKKEEPING:
                continue
            base, mine, theirs = (getattr(v, f.name) for v in (self.base, self.mine, self.theirs))
            if base == mine == theirs:
                continue
            out.append(FieldDiff(f.name, self.labels.get(f.name, f.name.replace("_", " ")),
                                 base, mine, theirs))
        return out

    def merged(self, take_theirs: Iterable[str] | None = None) -> F:
        """Mine, with their value for the named fields (default: the fields only they
        changed), at their version so it saves over theirs."""
        names = (set(take_theirs) if take_theirs is not None
                 else {d.name for d in self.diffs() if d.default_theirs})
        values = {n: getattr(self.theirs, n) for n in names | {"version"}}
        return dataclasses.replace(self.mine, **values)  # type: ignore[type-var]

    def keep_mine(self) -> F:
        """Everything as I typed it, saved over theirs."""
        return self.merged(take_theirs=())

    def take_theirs(self) -> F:
        return self.theirs


__all__ = ["BOOKKEEPING", "EditConflict", "FieldDiff"]
