"""The directive clock: an order as received, its deadline, and the suspensions under it.

Recording an order captures when it was received (a date and time in a named time zone),
its deadline in minutes and who recorded it, and counts the accesses that must stop. The
countdown reads :func:`order_progress` (one count), and :func:`suspend_under_order`
suspends them all in one call, each suspension recorded against the order.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import func, select

from licenseapp.domain.counted import counted
from licenseapp.domain.rules import RuleSet, find_ruleset
from licenseapp.errors import NotFoundError, ValidationError
from licenseapp.services.catalog.access_data import rulesets_in_use
from licenseapp.services.directive.impact import GROUPS, compute, resolve
from licenseapp.services.directive.suspend_result import SuspendResult
from licenseapp.services.directive.suspension import BATCH, Progress, suspend
from licenseapp.store.database import Database
from licenseapp.store.models import DirectiveOrder, DirectiveSuspension

MAX_DEADLINE_MINUTES = 60 * 24 * 30


@dataclass(frozen=True, slots=True)
class OrderInfo:
    id: int
    ruleset_id: str
    title: str
    citation: str
    received_at: datetime  # UTC
    zone: str
    deadline_minutes: int
    to_suspend: int
    recorded_by: str
    recorded_at: datetime
    note: str = ""

    @property
    def deadline_at(self) -> datetime:
        return self.received_at + timedelta(minutes=self.deadline_minutes)

    def local(self, moment: datetime) -> datetime:
        return moment.astimezone(ZoneInfo(self.zone))

    @property
    def received_text(self) -> str:
        return self.local(self.received_at).strftime("%Y-%m-%d %H:%M %Z")


@dataclass(frozen=True, slots=True)
class OrderProgress:
    """Where the clock stands: suspended of to suspend, and when the last one was."""

    order: OrderInfo
    suspended: int
    last_at: datetime | None

    @property
    def done(self) -> bool:
        return self.suspended >= self.order.to_suspend

    def minutes_after(self, moment: datetime) -> int:
        return int((moment - self.order.received_at).total_seconds() // 60)

    def summary(self, now: datetime) -> str:
        """One line for the countdown, in the user's words."""
        order, n = self.order, self.order.to_suspend
        if self.done and self.last_at is not None:
            minutes = self.minutes_after(self.last_at)
            late = "" if self.last_at <= order.deadline_at else ", after the deadline"
            every = "the only access" if n == 1 else f"all {n:,} accesses"
            return (f"{every[0].upper()}{every[1:]} suspended {counted(minutes, 'minute')} "
                    f"after the order{late}.")
        if self.done:
            return "No access had to be suspended."
        left = order.deadline_at - now
        seconds = int(left.total_seconds())
        clock = (f"{seconds // 3600}:{seconds % 3600 // 60:02d}:{seconds % 60:02d} left"
                 if seconds > 0 else
                 f"deadline passed {counted(-seconds // 60, 'minute')} ago")
        return f"{self.suspended:,} of {n:,} accesses suspended; {clock}."


def _info(row: DirectiveOrder) -> OrderInfo:
    return OrderInfo(row.id, row.ruleset_id, row.title, row.citation, row.received_at,
                     row.received_zone, row.deadline_minutes, row.to_suspend, row.recorded_by,
                     row.recorded_at, row.note)


def received_moment(day: date, clock_time: str, zone: str) -> datetime:
    """The moment ``day`` at ``clock_time`` (HH:MM) in ``zone`` (e.g. America/New_York)."""
    try:
        tz = ZoneInfo(zone.strip())
    except (ZoneInfoNotFoundError, ValueError):
        raise ValidationError("received_zone", f"{zone!r} is not a time zone; write one such "
                              "as America/New_York or Europe/London") from None
    hours, _, minutes = clock_time.strip().partition(":")
    if not (hours.isdigit() and minutes.isdigit() and int(hours) < 24 and int(minutes) < 60):
        raise ValidationError("received_time", f"{clock_time!r} is not a time of day; write it "
                              "as HH:MM, e.g. 09:30")
    local = datetime(day.year, day.month, day.day, int(hours), int(minutes), tzinfo=tz)
    return local.astimezone(UTC)


def check_order(db: Database, received_at: datetime, deadline_minutes: int) -> None:
    """Refuse an order that cannot be recorded (before anything about it is written)."""
    if received_at.tzinfo is None:
        raise ValidationError("received_at", "give the time zone the order was received in")
    if not 1 <= deadline_minutes <= MAX_DEADLINE_MINUTES:
        raise ValidationError("deadline_minutes", f"the deadline is {deadline_minutes} minutes; "
                              f"give 1 to {MAX_DEADLINE_MINUTES:,} minutes (e.g. 90)")
    if received_at > db.clock.now() + timedelta(minutes=1):
        raise ValidationError("received_at", "the order cannot have been received later than "
                              "now; check the date, the time and the time zone")


def record_order(db: Database, ruleset_id: str, received_at: datetime, zone: str,
                 deadline_minutes: int, *, citation: str = "", note: str = "",
                 actor: str | None = None, rulesets: tuple[RuleSet, ...] | None = None
                 ) -> OrderInfo:
    """Record the order for ``ruleset_id``, received at ``received_at`` (aware), and count
    the accesses that must stop under it."""
    check_order(db, received_at, deadline_minutes)
    target = find_ruleset(rulesets if rulesets is not None else rulesets_in_use(db), ruleset_id)
    try:
        ZoneInfo(zone)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValidationError("received_zone", f"{zone!r} is not a time zone") from None
    with db.unit_of_work() as session:
        row = DirectiveOrder(
            ruleset_id=target.id, title=target.title,
            citation=citation or (str(target.citations[0]) if target.citations else ""),
            received_at=received_at.astimezone(UTC).replace(microsecond=0), received_zone=zone,
            deadline_minutes=deadline_minutes, to_suspend=0, note=note,
            recorded_at=db.clock.now().replace(microsecond=0), recorded_by=actor or db.actor)
        session.add(row)
        session.flush()
        order_id = row.id
    return recount(db, order_id, rulesets=rulesets)


def get_order(db: Database, order_id: int) -> OrderInfo:
    with db.reading() as session:
        row = session.get(DirectiveOrder, order_id)
        if row is None:
            raise NotFoundError(f"no directive order {order_id}")
        return _info(row)


def list_orders(db: Database, ruleset_id: str | None = None) -> tuple[OrderInfo, ...]:
    query = select(DirectiveOrder).order_by(DirectiveOrder.received_at.desc())
    if ruleset_id:
        query = query.where(DirectiveOrder.ruleset_id == ruleset_id)
    with db.reading() as session:
        return tuple(_info(r) for r in session.execute(query).scalars())


def order_day(order: OrderInfo, rulesets: tuple[RuleSet, ...] | None) -> date:
    """The day the order is judged on: the day it was received, or the directive's effective
    date if that is later."""
    target = find_ruleset(rulesets if rulesets is not None else rulesets_in_use(),
                          order.ruleset_id)
    return max(order.local(order.received_at).date(), target.effective_from)


def recount(db: Database, order_id: int, *, groups: Sequence[str] = GROUPS,
            rulesets: tuple[RuleSet, ...] | None = None) -> OrderInfo:
    """Count again the accesses that must stop: those suspended under the order plus those
    still live (the impact of its rule set on the day it was received)."""
    order = get_order(db, order_id)
    rulesets = rulesets if rulesets is not None else rulesets_in_use(db)
    target, known, on = resolve(order.ruleset_id, order_day(order, rulesets), rulesets)
    with db.unit_of_work() as session:
        report = compute(session, target, known, on)
        live = sum(1 for p in report.must_stop(groups) if p.access != "suspended")
        done = session.execute(select(func.count(DirectiveSuspension.id)).where(
            DirectiveSuspension.order_id == order_id)).scalar_one()
        row = session.get(DirectiveOrder, order_id)
        assert row is not None
        row.to_suspend = live + done
    return get_order(db, order_id)


def order_progress(db: Database, order_id: int) -> OrderProgress:
    """The countdown's one query: suspensions under the order so far, and the last one."""
    with db.reading() as session:
        row = session.get(DirectiveOrder, order_id)
        if row is None:
            raise NotFoundError(f"no directive order {order_id}")
        count, last = session.execute(
            select(func.count(DirectiveSuspension.id), func.max(DirectiveSuspension.suspended_at))
            .where(DirectiveSuspension.order_id == order_id)).one()
        info = _info(row)
    if last is not None and last.tzinfo is None:
        last = last.replace(tzinfo=UTC)
    return OrderProgress(info, int(count), last)


def suspend_under_order(db: Database, order_id: int, *, groups: Sequence[str] = GROUPS,
                        reason: str = "", actor: str | None = None,
                        progress: Progress | None = None, now: datetime | None = None,
                        rulesets: tuple[RuleSet, ...] | None = None, batch: int = BATCH
                        ) -> SuspendResult:
    """Suspend every access that must stop under the order's rule set (the chosen groups),
    each recorded against the order; then count again what is left."""
    order = get_order(db, order_id)
    rulesets = rulesets if rulesets is not None else rulesets_in_use(db)
    result = suspend(db, order.ruleset_id, None, reason or _reason(order), actor,
                     on=order_day(order, rulesets), now=now, rulesets=rulesets, groups=groups,
                     order_id=order_id, progress=progress, batch=batch)
    with db.unit_of_work() as session:  # what is left is what this call did not reach
        done = session.execute(select(func.count(DirectiveSuspension.id)).where(
            DirectiveSuspension.order_id == order_id)).scalar_one()
        row = session.get(DirectiveOrder, order_id)
        assert row is not None
        row.to_suspend = done + result.planned - len(result.suspended)
    return result


def _reason(order: OrderInfo) -> str:
    return (f"{order.title}: order received {order.received_text}; access suspended until an "
            "individual license is granted.")


__all__ = [
    "OrderInfo", "OrderProgress", "get_order", "list_orders", "order_day", "order_progress",
    "received_moment", "record_order", "recount", "suspend_under_order",
]
