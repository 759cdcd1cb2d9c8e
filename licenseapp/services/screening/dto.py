"""What screening hands to the command line, the GUI, the checker and the packets.

The contract between the screening engine (snapshots, matching, stored results) and the
places that show its results. Plain frozen dataclasses: they cross threads and outlive the
session that made them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum

from licenseapp.services.changes import NOTHING, Changes


class Decision(StrEnum):
    """What a reviewer decided about one hit."""

    OPEN = "open"  # not yet reviewed
    CLEARED = "cleared"  # not the same party
    ESCALATED = "escalated"  # needs a second look; still blocks filing
    CONFIRMED = "confirmed"  # the same party: blocks filing


class Subject(StrEnum):
    """What kind of record was screened."""

    PERSON = "person"
    ORGANIZATION = "organization"


@dataclass(frozen=True)
class SnapshotInfo:
    """One restricted-party list snapshot as loaded."""

    id: int
    source: str  # e.g. "U.S. Consolidated Screening List (trade.gov)"
    published_on: date
    loaded_at: datetime
    sha256: str
    entries: int
    counts_by_list: tuple[tuple[str, int], ...]  # (list code, count), e.g. ("SDN", 19181)
    current: bool


@dataclass(frozen=True)
class ScoreFactor:
    """One line of a hit's explanation: what moved the score and by how much."""

    label: str  # e.g. "name 'Wei Zhang' ~ alias 'ZHANG, Wei' (word order ignored)"
    effect: float  # points added (+) or taken away (-)


@dataclass(frozen=True)
class Hit:
    """One possible match of a screened name against one list entry."""

    score: float  # 0-100
    list_code: str  # e.g. "SDN", "EL", "DPL"
    list_name: str  # e.g. "Specially Designated Nationals (Treasury OFAC)"
    entry_id: str  # stable across snapshots where the list gives an id
    entry_name: str
    matched_name: str  # the entry's name or alias that matched
    query_name: str  # the variant of our name that matched it
    programs: tuple[str, ...]
    countries: tuple[str, ...]
    source_url: str
    explanation: tuple[ScoreFactor, ...]

    @property
    def explained(self) -> str:
        return "; ".join(f"{f.label} ({f.effect:+.0f})" for f in self.explanation)


@dataclass(frozen=True)
class HitView:
    """A stored hit on one of our records, with the reviewer's decision."""

    id: int
    subject: Subject
    subject_id: int
    subject_ref: str  # P-0001 / the organization's name
    subject_name: str
    hit: Hit
    decision: Decision
    decided_by: str | None
    decided_at: datetime | None
    note: str
    snapshot_id: int
    screened_at: datetime
    #: Why an earlier decision no longer applies ("cleared by ana on 2026-12-01; the list
    #: entry changed since"), "" when none lapsed. The hit is open again.
    lapsed: str = ""
    #: Whether the latest screening of the record still finds it (a hit no longer found
    #: keeps its decisions but needs none).
    current: bool = True


@dataclass(frozen=True)
class ScreeningState:
    """Where a record stands: what the wizard, checker, packet and case report show."""

    subject: Subject
    subject_id: int
    screened_at: datetime | None  # None: never screened
    snapshot: SnapshotInfo | None
    hits: tuple[HitView, ...]

    @property
    def open_hits(self) -> tuple[HitView, ...]:
        return tuple(h for h in self.hits if h.decision in (Decision.OPEN, Decision.ESCALATED))

    @property
    def confirmed(self) -> tuple[HitView, ...]:
        return tuple(h for h in self.hits if h.decision is Decision.CONFIRMED)

    @property
    def clear(self) -> bool:
        """Screened against a list and nothing open or confirmed."""
        return self.screened_at is not None and not self.open_hits and not self.confirmed


@dataclass(frozen=True)
class RescreenResult:
    """What re-screening everyone found: only ``new_hits`` and ``changed`` need a person."""

    screened: int  # records screened
    new_hits: int  # hits not found before
    changed: int  # hits whose list entry or record changed (a decision lapsed) or came back
    unchanged: int  # hits as before (a decision on them still applies)
    gone: int = 0  # hits no longer found
    cancelled: bool = False  # stopped before everyone was screened (what was done is kept)
    changes: Changes = field(default=NOTHING)

    @property
    def to_review(self) -> int:
        return self.new_hits + self.changed
