"""What an action changed: the records it touched, by kind, so each screen updates only those.

Every service action that writes returns a :class:`Changes` with its result (learned from
Anki's ``OpChanges``). A front end hands it to whatever shows those records: the desktop
app's list replaces the one row whose status changed instead of reloading 100,000; the
command line ignores it. An action that changes too much to name (a restore, an import of
thousands) says so with :meth:`Changes.all_of`, and the screens reload that kind.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from types import MappingProxyType


class Kind(StrEnum):
    """The kinds of records a screen shows, each with the key that names one."""

    APPLICATIONS = "applications"  # the application's reference
    PEOPLE = "people"  # the person's id
    ORGANIZATIONS = "organizations"  # the organization's id
    ITEMS = "items"  # the controlled item's id
    ACCESS = "access"  # the id of the person whose access records changed
    LICENSES = "licenses"  # the reference of the application the license was issued on
    DEADLINES = "deadlines"  # the reference of the application the deadline belongs to
    RULESETS = "rulesets"  # the rule set's key
    SETTINGS = "settings"  # the setting's name
    SCREENING = "screening"  # the id of the screening hit (a decision, a re-screen's new hit)


Key = str | int

_EMPTY: Mapping[Kind, frozenset[Key]] = MappingProxyType({})


@dataclass(frozen=True, slots=True)
class Changes:
    """Records changed, by kind; ``whole`` kinds changed beyond naming (reload them)."""

    records: Mapping[Kind, frozenset[Key]] = field(default_factory=lambda: _EMPTY)
    whole: frozenset[Kind] = frozenset()

    @classmethod
    def of(cls, kind: Kind, keys: Iterable[Key]) -> Changes:
        found = frozenset(keys)
        return cls(MappingProxyType({kind: found}) if found else _EMPTY)

    @classmethod
    def all_of(cls, *kinds: Kind) -> Changes:
        return cls(whole=frozenset(kinds))

    @classmethod
    def everything(cls) -> Changes:
        return cls(whole=frozenset(Kind))

    def __or__(self, other: Changes) -> Changes:
        merged = {kind: self.keys(kind) | other.keys(kind)
                  for kind in self.records.keys() | other.records.keys()}
        return Changes(MappingProxyType(merged), self.whole | other.whole)

    def __bool__(self) -> bool:
        return bool(self.whole) or any(self.records.values())

    def touches(self, *kinds: Kind) -> bool:
        """Whether any record of these kinds changed."""
        return any(kind in self.whole or self.records.get(kind) for kind in kinds)

    def is_whole(self, kind: Kind) -> bool:
        """Whether ``kind`` changed beyond naming: show it again from scratch."""
        return kind in self.whole

    def keys(self, kind: Kind) -> frozenset[Key]:
        """The changed records of ``kind`` that are named (see also :meth:`is_whole`)."""
        return self.records.get(kind, frozenset())

    def refs(self, kind: Kind) -> frozenset[str]:
        """The named keys of ``kind`` that are references (text)."""
        return frozenset(k for k in self.keys(kind) if isinstance(k, str))

    def ids(self, kind: Kind) -> frozenset[int]:
        """The named keys of ``kind`` that are record ids."""
        return frozenset(k for k in self.keys(kind) if isinstance(k, int))

    def describe(self) -> str:
        """For logs and test failures: "applications: LA-2026-0001; people: all"."""
        parts = [f"{kind}: all" for kind in sorted(self.whole)]
        parts += [f"{kind}: {', '.join(sorted(map(str, keys)))}"
                  for kind, keys in sorted(self.records.items()) if keys and kind not in self.whole]
        return "; ".join(parts) or "nothing"


NOTHING = Changes()


def application_changes(refs: Iterable[str], *, license_changed: bool = False) -> Changes:
    """An application's record changed (status, fields, owner): its row, its deadlines, and
    its license if one was recorded or changed."""
    found = frozenset(refs)
    changes = Changes.of(Kind.APPLICATIONS, found) | Changes.of(Kind.DEADLINES, found)
    return changes | Changes.of(Kind.LICENSES, found) if license_changed else changes
