"""What a dry run or an import found, in sentences: the summary above the rows, the
import button's words, the boxes for unknown employers and name matches."""

from __future__ import annotations

from licenseapp.domain.import_outcomes import ImportReport, Outcome


def count(n: int, one: str, many: str) -> str:
    return f"{n:,} {one if n == 1 else many}"


def rows(n: int) -> str:
    return count(n, "row", "rows")


def to_write(report: ImportReport) -> int:
    """Rows the import writes: added and updated (unchanged rows need nothing)."""
    counts = report.counts
    return counts[Outcome.ADDED] + counts[Outcome.UPDATED]


def summary(report: ImportReport) -> str:
    """One or two sentences on what the rows would do (or did)."""
    c = report.counts
    total = report.total
    left = c[Outcome.REJECTED] + c[Outcome.NEEDS_CONFIRMATION]
    if not total:
        return f"{report.source} has no data rows under its header."
    if not report.dry_run and not report.applied:
        return (f"Nothing was imported from {report.source}: all or nothing was chosen and "
                f"{rows(left)} cannot go in.")
    good = (f"{c[Outcome.ADDED]:,} added, {c[Outcome.UPDATED]:,} updated, "
            f"{c[Outcome.UNCHANGED]:,} unchanged")
    if report.dry_run:
        text = f"Of {rows(total)}: {good.replace(' added', ' would be added', 1)}."
    else:
        text = f"Imported from {report.source}: {good}."
    if left:
        bits = []
        if c[Outcome.REJECTED]:
            bits.append(f"{c[Outcome.REJECTED]:,} rejected")
        if c[Outcome.NEEDS_CONFIRMATION]:
            bits.append(f"{c[Outcome.NEEDS_CONFIRMATION]:,} to confirm")
        verb = "will not be" if report.dry_run else ("was not" if left == 1 else "were not")
        if report.dry_run and left == 1:
            verb = "will not be"
        text += f" {' and '.join(bits)} {verb} imported (each row says why)."
    if report.left_out:  # a long file: the first rows that go in are listed, all counted
        text += (f" The list shows the first {rows(total - left - report.left_out)} that go "
                 f"in and every row that does not.")
    return text


def import_button_text(report: ImportReport | None) -> str:
    n = to_write(report) if report is not None else 0
    return f"&Import {rows(n)}" if n else "&Import"


__all__ = ["count", "import_button_text", "rows", "summary", "to_write"]
