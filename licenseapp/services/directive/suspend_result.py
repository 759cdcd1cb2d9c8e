"""What a suspension did, and the reason it records when the user gives none."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from licenseapp.domain.rules import RuleSet
from licenseapp.services.changes import NOTHING, Changes


@dataclass(frozen=True)
class SuspendResult:
    ruleset_id: str
    at: datetime  # UTC: when the first access was suspended (or asked, if none was)
    suspended: tuple[int, ...]  # grant ids suspended now
    already_suspended: int
    licensed: int  # affected pairs left alone: a valid license covers them
    not_affected: int  # asked for, but not (or no longer) affected
    #: The people whose access was suspended.
    changes: Changes = NOTHING
    cancelled: bool = False  # stopped by the user part-way: ``suspended`` holds what was done
    order_id: int | None = None  # the directive order the suspensions were recorded under
    planned: int = 0  # the accesses this call set out to suspend (``suspended`` if not stopped)


def default_reason(target: RuleSet) -> str:
    return (f"{target.title} ({target.id}), in force {target.period}: a license is now "
            "required for this access.")
