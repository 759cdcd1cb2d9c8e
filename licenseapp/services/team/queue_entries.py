"""The queues' rows as plain values (no database library), for the screen that shows them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class QueueEntry:
    ref: str
    regulator: str
    form: str
    person: str
    prepared_by: str
    #: Who marked it ready to file ("" while in review).
    reviewed_by: str
    #: Since when it waits (its last status change).
    since: datetime | None


@dataclass(frozen=True)
class MyQueues:
    actor: str
    may_review: bool
    may_sign_off: bool
    review: tuple[QueueEntry, ...]
    sign_off: tuple[QueueEntry, ...]
