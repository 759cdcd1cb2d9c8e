"""Restricted-party list snapshots: load one (the shipped list on first use, or a newer
file as trade.gov publishes it), keep each with its date, SHA-256 and counts by list, and
refuse one whose counts fall sharply against the current one unless told it is real.

Loading a snapshot makes it current; re-screening everyone against it is
:func:`licenseapp.services.screening.runs.rescreen_everyone` (the front ends run it next,
with progress).
"""

from __future__ import annotations

import hashlib
import json
import logging
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from licenseapp import paths
from licenseapp.domain.screening.list_files import ListFile, read_list_file
from licenseapp.errors import LicenseAppError, ValidationError
from licenseapp.services.screening.dto import SnapshotInfo
from licenseapp.services.screening.entry_data import entry_json
from licenseapp.store import audit
from licenseapp.store.database import Database
from licenseapp.store.models import ScreeningEntry, ScreeningSnapshot

log = logging.getLogger(__name__)

DEFAULT_LIST = ("screening", "consolidated_screening_list.json")
#: A list whose count falls below this share of the current snapshot's is refused.
DROP_SHARE = 0.75
_MIN_COUNT = 20  # lists smaller than this may come and go without alarm
_BATCH = 2_000


class ListCountDropped(ValidationError):
    """A snapshot whose counts fell sharply: a broken feed, most likely. Nothing loaded."""

    def __init__(self, drops: list[tuple[str, int, int]]) -> None:
        said = "; ".join(f"{code} fell from {before:,} to {after:,}"
                         for code, before, after in drops)
        super().__init__("file", f"{said}: the previous list is kept. Load this one only if "
                                 "the lists really shrank.", code="list_drop")
        self.drops = drops


def snapshot_info(row: ScreeningSnapshot) -> SnapshotInfo:
    counts = tuple((str(code), int(n)) for code, n in json.loads(row.counts))
    return SnapshotInfo(row.id, row.source, row.published_on, row.loaded_at, row.sha256,
                        row.entry_count, counts, row.current)


def current_row(session: Session) -> ScreeningSnapshot | None:
    return session.execute(select(ScreeningSnapshot).where(ScreeningSnapshot.current)
                           .order_by(ScreeningSnapshot.id.desc()).limit(1)).scalar_one_or_none()


def current_snapshot(db: Database) -> SnapshotInfo | None:
    """The list screening uses now (None: none loaded yet)."""
    with db.reading() as session:
        row = current_row(session)
        return snapshot_info(row) if row else None


def list_snapshots(db: Database) -> list[SnapshotInfo]:
    """Every snapshot loaded, newest first."""
    with db.reading() as session:
        return [snapshot_info(r) for r in session.execute(
            select(ScreeningSnapshot).order_by(ScreeningSnapshot.id.desc())).scalars()]


def _drops(before: dict[str, int], after: dict[str, int]) -> list[tuple[str, int, int]]:
    return [(code, n, after.get(code, 0)) for code, n in sorted(before.items(),
                                                                key=lambda kv: -kv[1])
            if n >= _MIN_COUNT and after.get(code, 0) < DROP_SHARE * n]


def _load(db: Database, found: ListFile, sha256: str, accept_drop: bool) -> SnapshotInfo:
    now = db.clock.now().astimezone(UTC).replace(microsecond=0)
    counts = found.counts_by_list()
    with db.unit_of_work() as session:
        same = session.execute(select(ScreeningSnapshot).where(
            ScreeningSnapshot.sha256 == sha256)).scalar_one_or_none()
        current = current_row(session)
        if same is not None and same.current:
            return snapshot_info(same)
        if current is not None and not accept_drop:
            drops = _drops(dict(json.loads(current.counts)), dict(counts))
            if drops:
                raise ListCountDropped(drops)
        for older in session.execute(select(ScreeningSnapshot).where(
                ScreeningSnapshot.current)).scalars():
            older.current = False  # through the ORM: its seal follows
        if same is not None:  # loaded before: current again, its entries are there
            same.current = True
            row = same
        else:
            row = ScreeningSnapshot(source=found.source, published_on=found.published_on,
                                    loaded_at=now, loaded_by=db.actor, sha256=sha256,
                                    entry_count=len(found.entries),
                                    counts=json.dumps(counts), current=True)
            session.add(row)
            session.flush()
            rows = [{"snapshot_id": row.id, "position": i, "list_code": e.list_code,
                     "entry_id": e.entry_id, "fingerprint": e.fingerprint,
                     "data": entry_json(e)} for i, e in enumerate(found.entries)]
            for start in range(0, len(rows), _BATCH):
                session.execute(insert(ScreeningEntry), rows[start:start + _BATCH])
        shown = ", ".join(f"{code} {n:,}" for code, n in counts[:6])
        audit.record(session, actor=db.actor, action="list_snapshot", entity="screening_list",
                     entity_id=sha256[:16],
                     summary=f"restricted-party list of {found.published_on.isoformat()} "
                             f"loaded: {len(found.entries):,} entries ({shown})",
                     before={"sha256": current.sha256} if current else None,
                     after={"sha256": sha256, "published_on": found.published_on.isoformat(),
                            "counts": counts, "accepted_drop": accept_drop}, at=now)
        session.flush()
        log.info("list snapshot %s loaded (%d entries)", sha256[:12], len(found.entries))
        return snapshot_info(row)


def import_snapshot(db: Database, path: Path, *, accept_drop: bool = False) -> SnapshotInfo:
    """Load the list file at ``path`` (CSL JSON or CSV as trade.gov publishes it, or the
    compact shipped form) as the current snapshot. Refused with :class:`ListCountDropped`
    when a list's count falls sharply, unless ``accept_drop``."""
    try:
        content = path.read_bytes()
        modified = datetime.fromtimestamp(path.stat().st_mtime, UTC).date()
    except OSError as exc:
        raise LicenseAppError(f"cannot read {path.name}: {exc.strerror or exc}") from None
    found = read_list_file(content, path.name, modified)
    return _load(db, found, hashlib.sha256(content).hexdigest(), accept_drop)


def ensure_snapshot(db: Database) -> SnapshotInfo:
    """The current snapshot, loading the shipped list first if none was ever loaded."""
    found = current_snapshot(db)
    if found is not None:
        return found
    content = paths.resource(*DEFAULT_LIST).read_bytes()
    listed = read_list_file(content, DEFAULT_LIST[-1], db.clock.today())
    return _load(db, listed, hashlib.sha256(content).hexdigest(), accept_drop=True)


__all__ = ["DROP_SHARE", "ListCountDropped", "current_snapshot", "ensure_snapshot",
           "import_snapshot", "list_snapshots", "snapshot_info"]
