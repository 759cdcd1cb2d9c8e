"""The directive compliance record: the order, every affected access, when it was suspended,
by whom, and how long after the order — proof afterwards that the deadline was met.

Built as a :class:`~licenseapp.pdf.report_model.Report` (plain data) and laid out by the
project's report layer; times are in the zone the order was received in.
"""

from __future__ import annotations

from collections import Counter
from datetime import datetime
from pathlib import Path

from sqlalchemy import select

from licenseapp.domain.counted import counted
from licenseapp.pdf.report_model import Report, ReportSection, ReportTable
from licenseapp.services.catalog.access_data import rulesets_in_use
from licenseapp.services.directive.impact import GROUP_TITLES, LIVE, MODE_WORDS, compute, resolve
from licenseapp.services.directive.orders import (
    OrderInfo,
    get_order,
    order_day,
    order_progress,
)
from licenseapp.store.database import Database
from licenseapp.store.models import DirectiveSuspension

_SHORT_GROUP = {"newly_required": "newly required", "already_required": "already required",
                "undetermined": "undetermined"}
COLUMNS = ("Person", "Name", "Item", "Access mode", "Group", "Suspended at", "By",
           "After the order")


def _elapsed(order: OrderInfo, moment: datetime) -> str:
    minutes = int((moment - order.received_at).total_seconds() // 60)
    late = " (late)" if moment > order.deadline_at else ""
    return f"{minutes // 60}:{minutes % 60:02d}{late}"


def compliance_report(db: Database, order_id: int) -> Report:
    order = get_order(db, order_id)
    progress = order_progress(db, order_id)
    rulesets = rulesets_in_use(db)
    with db.reading() as session:
        done = list(session.execute(
            select(DirectiveSuspension).where(DirectiveSuspension.order_id == order_id)
            .order_by(DirectiveSuspension.suspended_at, DirectiveSuspension.person_ref,
                      DirectiveSuspension.item_ref)).scalars())
        target, known, on = resolve(order.ruleset_id, order_day(order, rulesets), rulesets)
        report = compute(session, target, known, on)
    recorded = {s.grant_id for s in done}
    waiting = [p for p in report.must_stop() if p.grant_id not in recorded and p.access in LIVE]
    now = db.clock.now().replace(microsecond=0)
    rows = [(s.person_ref, s.person_name, f"{s.item_name} ({s.item_ref})",
             MODE_WORDS.get(s.mode or "", "item as a whole"), _SHORT_GROUP[s.impact_group],
             order.local(s.suspended_at).strftime("%Y-%m-%d %H:%M:%S"), s.suspended_by,
             _elapsed(order, s.suspended_at)) for s in done]
    rows += [(p.person_ref, p.person_name, f"{p.item_name} ({p.item_ref})",
              MODE_WORDS.get(p.mode or "", "item as a whole"), _SHORT_GROUP[p.group],
              "not suspended", "", "") for p in waiting]
    zone = order.local(order.received_at).tzname() or order.zone
    lines = (
        f"Order: {order.title}",
        f"Citation: {order.citation or 'not recorded'}",
        f"Received: {order.received_text}"
        f"{'' if order.received_text.endswith(order.zone) else f' ({order.zone})'}; "
        f"recorded by {order.recorded_by} at "
        f"{order.local(order.recorded_at).strftime('%Y-%m-%d %H:%M %Z')}",
        f"Deadline: {counted(order.deadline_minutes, 'minute')} after receipt, "
        f"{order.local(order.deadline_at).strftime('%Y-%m-%d %H:%M %Z')}",
        f"Rule set: {order.ruleset_id}; affected accesses judged on {on.isoformat()}",
        progress.summary(now) if not waiting else
        f"{progress.suspended:,} of {progress.suspended + len(waiting):,} accesses suspended; "
        f"{counted(len(waiting), 'access', 'accesses')} not yet suspended.",
    )
    groups = Counter([s.impact_group for s in done] + [p.group for p in waiting])
    counts = tuple(f"{title}: {groups[g]:,}" for g, title in GROUP_TITLES.items())
    return Report(
        title="Directive compliance record",
        subtitle=f"{order.title} — order received {order.received_text}",
        as_of=now,
        sections=(
            ReportSection("The order", None, lines + counts),
            ReportSection(f"Every affected access (times {zone})", ReportTable(
                COLUMNS, tuple(rows), (0.8, 1.6, 2.0, 1.1, 1.1, 1.5, 0.9, 0.9),
                "No access had to be suspended under this order.")),
        ),
        reference=f"Order {order.id}",
    )


def write_compliance_record(db: Database, order_id: int, path: Path, *,
                            replace: bool = False) -> Report:
    """Write the record as a PDF at ``path`` (checked like every output file)."""
    from licenseapp.pdf.reports import render_report
    from licenseapp.services.output.output_files import check_output, write_atomically

    check_output(path, database=db, replace=replace)
    report = compliance_report(db, order_id)
    pdf = render_report(report)
    write_atomically(path, lambda tmp: tmp.write_bytes(pdf))
    return report


__all__ = ["COLUMNS", "compliance_report", "write_compliance_record"]
