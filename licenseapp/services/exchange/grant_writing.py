"""Writing an access-record import: the new records with a few multi-row INSERTs and the
changed ones with one prepared UPDATE, each sealed (:mod:`.grant_import` decides what to
write)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import bindparam, update
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from licenseapp.services.safety.sealed_inserts import defaults, insert_sealed, new_ids
from licenseapp.store import seals
from licenseapp.store.models import AccessGrant

#: The columns of ``access_grants`` a grant or a revocation changes.
_CHANGING = ("state", "since", "granted_at", "suspended_at", "suspended_by", "suspended_reason",
             "suspended_ruleset_id")
_BATCH = 5_000


def insert_grants(session: Session, grants: list[AccessGrant], now: datetime) -> None:
    """Write the new records with a few multi-row INSERTs (COPY on PostgreSQL) and their
    seals (:mod:`licenseapp.services.safety.sealed_inserts`), not one by one through the ORM."""
    if not grants:
        return
    base = defaults("access_grants")
    names = list(base)
    rows = []
    for grant, gid in zip(grants, new_ids(session, "access_grants", len(grants)), strict=True):
        session.expunge(grant)  # written here, not by the ORM's flush
        row = {name: getattr(grant, name) for name in names}
        row.update(id=gid, version=1, created_at=now, updated_at=now)
        rows.append({name: base[name] if value is None and base[name] is not None else value
                     for name, value in row.items()})
    insert_sealed(session, "access_grants", rows)


def update_grants(session: Session, grants: list[AccessGrant], now: datetime) -> None:
    """Write the stored records the import changed with one prepared UPDATE run over all of
    them, each at the version it was read at (the ORM would send one statement each), and
    seal them. Someone else's change in between refuses the import."""
    if not grants:
        return
    table = seals.table("access_grants")
    params = [{"b_id": g.id, "b_version": g.version, "b_new_version": g.version + 1,
               "b_now": now, **{f"b_{name}": getattr(g, name) for name in _CHANGING}}
              for g in grants]
    for g in grants:
        session.expunge(g)  # written here, not by the ORM's flush
    statement = (
        update(table)
        .where(table.c.id == bindparam("b_id"), table.c.version == bindparam("b_version"))
        .values(version=bindparam("b_new_version"), updated_at=bindparam("b_now"),
                **{name: bindparam(f"b_{name}") for name in _CHANGING}))
    done = 0
    for i in range(0, len(params), _BATCH):
        result = session.execute(statement, params[i:i + _BATCH])
        done += max(result.rowcount, 0)  # type: ignore[attr-defined]
    if done != len(grants):
        raise StaleDataError("an access record changed meanwhile")
    seals.seal_rows(session, "access_grants", [(p["b_id"],) for p in params])


__all__ = ["insert_grants", "update_grants"]
