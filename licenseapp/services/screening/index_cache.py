"""The name index of a list snapshot, built once per process from the stored entries and
kept by the snapshot's SHA-256 (a snapshot never changes)."""

from __future__ import annotations

import threading

from sqlalchemy import select
from sqlalchemy.orm import Session

from licenseapp.domain.screening.matching import NameIndex
from licenseapp.services.screening.entry_data import entry_from_json
from licenseapp.store.models import ScreeningEntry, ScreeningSnapshot

_KEEP = 2
_lock = threading.Lock()
_indexes: dict[str, NameIndex] = {}


def index_for(session: Session, snapshot: ScreeningSnapshot) -> NameIndex:
    with _lock:
        found = _indexes.get(snapshot.sha256)
        if found is not None:
            return found
        entries = [entry_from_json(data) for data in session.execute(
            select(ScreeningEntry.data).where(ScreeningEntry.snapshot_id == snapshot.id)
            .order_by(ScreeningEntry.position)).scalars()]
        found = NameIndex(entries)
        while len(_indexes) >= _KEEP:
            _indexes.pop(next(iter(_indexes)))
        _indexes[snapshot.sha256] = found
        return found
