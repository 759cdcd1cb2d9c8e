"""One new status for many applications: each changed through the same service as a single
change (:func:`~licenseapp.services.follow_up.tracking.change_status`: guarded by the
lifecycle and the filing checks, one unit of work and one audit entry each), so one refused
application never holds back the others, and a cancel stops before the next one.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from licenseapp.domain.enums import ApplicationStatus
from licenseapp.errors import LicenseAppError
from licenseapp.services.changes import NOTHING, Changes
from licenseapp.services.follow_up.tracking import (
    StatusChange,
    StatusChangeResult,
    change_status,
)
from licenseapp.store.database import Database

#: ``progress(done, total, ref)``: before each application (``ref``), and at the end ("").
BulkProgress = Callable[[int, int, str], None]


@dataclass(frozen=True)
class BulkStatusOutcome:
    """What happened to each application asked for."""

    target: ApplicationStatus
    changed: tuple[StatusChangeResult, ...]
    #: (reference, why) for each application the service refused.
    refused: tuple[tuple[str, str], ...]
    #: The applications not tried because the user cancelled.
    not_tried: tuple[str, ...]
    #: Every changed application's row, deadlines and license.
    changes: Changes = NOTHING

    @property
    def cancelled(self) -> bool:
        return bool(self.not_tried)

    def summary(self) -> str:
        """"2 changed, 1 refused" (and how many were left by a cancel)."""
        parts = [f"{len(self.changed)} changed", f"{len(self.refused)} refused"]
        if self.not_tried:
            parts.append(f"{len(self.not_tried)} not tried (cancelled)")
        return ", ".join(parts)


def change_statuses(
    db: Database, refs: Sequence[str], target: ApplicationStatus | str, *,
    on: date | None = None, note: str = "", actor: str | None = None,
    progress: BulkProgress | None = None, cancelled: Callable[[], bool] | None = None,
) -> BulkStatusOutcome:
    """Record ``target`` for each of ``refs`` in turn (see the module)."""
    target = ApplicationStatus(target)
    changed: list[StatusChangeResult] = []
    refused: list[tuple[str, str]] = []
    changes = NOTHING
    total = len(refs)
    for n, ref in enumerate(refs):
        if cancelled is not None and cancelled():
            return BulkStatusOutcome(target, tuple(changed), tuple(refused), tuple(refs[n:]),
                                     changes)
        if progress is not None:
            progress(n, total, ref)
        try:
            result = change_status(db, StatusChange(ref, target, on=on, note=note), actor=actor)
        except LicenseAppError as exc:
            refused.append((ref, exc.message[:1].upper() + exc.message[1:]))
        else:
            changed.append(result)
            changes = changes | result.changes
    if progress is not None:
        progress(total, total, "")
    return BulkStatusOutcome(target, tuple(changed), tuple(refused), (), changes)


__all__ = ["BulkProgress", "BulkStatusOutcome", "change_statuses"]
