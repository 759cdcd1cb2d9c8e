"""Suspending every access that must stop under a rule set: one call, in batches.

The accesses are those of the impact groups chosen (all by default: newly required, already
required and unlicensed, undetermined), less those a valid license covers. They are
suspended in batches of a few hundred, each batch its own unit of work with an audit entry
per access, so the countdown sees progress and a cancelled run keeps what it did. Under a
directive order each suspension is also recorded against the order (when, by whom); every
suspension stores the determination it acted on (a determination record, purpose
"suspension"), in the same batch.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from licenseapp.domain.rules import RuleSet
from licenseapp.services.changes import Changes, Kind
from licenseapp.services.directive.determinations_in_bulk import record_for_grants
from licenseapp.services.directive.impact import (
    GROUPS,
    LIVE,
    AffectedPair,
    compute,
    resolve,
)
from licenseapp.services.directive.suspend_result import SuspendResult, default_reason
from licenseapp.store import audit, seals
from licenseapp.store.base import utcnow
from licenseapp.store.database import Database
from licenseapp.store.models import AccessGrant, DirectiveSuspension

#: (done, total) -> False to stop before the next batch.
Progress = Callable[[int, int], bool]
BATCH = 250


def suspend(
    db: Database, ruleset_id: str, pairs: Iterable[AffectedPair | int] | None = None,
    reason: str = "", actor: str | None = None, *, on: date | None = None,
    now: datetime | None = None, rulesets: tuple[RuleSet, ...] | None = None,
    groups: Sequence[str] = GROUPS, order_id: int | None = None,
    progress: Progress | None = None, batch: int = BATCH,
) -> SuspendResult:
    """Mark the accesses that must stop suspended now, by ``actor``, with the reason and the
    rule set (``pairs``: some of them, by pair or grant id; default all of ``groups``).
    Already suspended ones are left as they are; so is an access changed meanwhile."""
    target, known, on = resolve(ruleset_id, on, rulesets, db)
    actor = actor or db.actor
    reason = reason.strip() or default_reason(target)
    wanted = None if pairs is None else {p if isinstance(p, int) else p.grant_id for p in pairs}
    with db.reading() as session:
        report = compute(session, target, known, on)
    chosen = [p for g in groups for p in report.group(g)
              if wanted is None or p.grant_id in wanted]
    not_affected = len(wanted - {p.grant_id for p in chosen}) if wanted is not None else 0
    already = sum(1 for p in chosen if p.access == "suspended")
    licensed = sum(1 for p in chosen if p.access != "suspended" and p.license_number)
    todo = sorted((p for p in chosen if p.access != "suspended" and not p.license_number),
                  key=lambda p: p.grant_id)
    done: list[int] = []
    people: set[int] = set()
    first: datetime | None = None
    cancelled = False
    for start in range(0, len(todo), max(1, batch)):
        if progress is not None and not progress(len(done), len(todo)):
            cancelled = True
            break
        at = (now or db.clock.now()).replace(microsecond=0)
        first = first or at
        chunk = todo[start:start + batch]
        with db.unit_of_work() as session:
            ids = _suspend_batch(session, chunk, at, actor, reason, target, order_id)
            # the determinations acted on, stored with the batch (one insert)
            record_for_grants(session, "suspension", ids, known, on)
        done.extend(ids)
        people.update(p.person_id for p in chunk if p.grant_id in ids)
    if progress is not None and not cancelled:
        progress(len(done), len(todo))
    return SuspendResult(target.id, first or (now or db.clock.now()).replace(microsecond=0),
                         tuple(done), already, licensed, not_affected,
                         Changes.of(Kind.ACCESS, people), cancelled, order_id, len(todo))


def _suspend_batch(session: Session, chunk: list[AffectedPair], at: datetime, actor: str,
                   reason: str, target: RuleSet, order_id: int | None) -> set[int]:
    """One batch in three statements: read the grants still live, update them all at once
    (the version counted up as an edit through the app would), seal them as they now are;
    then their audit entries and, under an order, their suspension records."""
    by_id = {p.grant_id: p for p in chunk}
    live = AccessGrant.state.in_(LIVE)
    befores = {row.id: {"state": row.state, "suspended_at": row.suspended_at,
                        "suspended_by": row.suspended_by, "reason": row.suspended_reason,
                        "ruleset": row.suspended_ruleset_id}
               for row in session.execute(
                   select(AccessGrant.id, AccessGrant.state, AccessGrant.suspended_at,
                          AccessGrant.suspended_by, AccessGrant.suspended_reason,
                          AccessGrant.suspended_ruleset_id)
                   .where(AccessGrant.id.in_(sorted(by_id)), live))}
    if not befores:
        return set()
    done = sorted(session.execute(
        update(AccessGrant).where(AccessGrant.id.in_(sorted(befores)), live)
        .values(state="suspended", suspended_at=at, suspended_by=actor,
                suspended_reason=reason, suspended_ruleset_id=target.id,
                version=AccessGrant.version + 1, updated_at=utcnow())
        .returning(AccessGrant.id).execution_options(synchronize_session=False)).scalars())
    seals.seal_rows(session, "access_grants", [(i,) for i in done])
    entries = []
    for grant_id in done:
        p = by_id[grant_id]
        after: dict[str, object] = {
            "state": "suspended", "suspended_at": at.isoformat(), "by": actor,
            "reason": reason, "ruleset": target.id, "group": p.group}
        if order_id is not None:
            after["order"] = order_id
        entries.append(audit.Entry(
            grant_id, f"{p.person_ref} {p.person_name}: access to {p.item_name} suspended "
            f"under {target.id}", befores[grant_id], after))
    audit.record_many(session, entries, actor=actor, action="suspend", entity="access_grant",
                      at=at)
    if order_id is not None:
        records = session.execute(insert(DirectiveSuspension).returning(
            DirectiveSuspension.id).execution_options(synchronize_session=False), [
            {"order_id": order_id, "grant_id": i, "impact_group": by_id[i].group,
             "person_ref": by_id[i].person_ref, "person_name": by_id[i].person_name,
             "item_ref": by_id[i].item_ref, "item_name": by_id[i].item_name,
             "mode": by_id[i].mode, "suspended_at": at, "suspended_by": actor}
            for i in done]).scalars().all()
        seals.seal_rows(session, "directive_suspensions", [(i,) for i in records])
    return set(done)


__all__ = ["BATCH", "Progress", "suspend"]
