"""Beside and below the impact list: the counts by item and by country, the tally of what
is already done, and why one access is affected (before and now)."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from licenseapp.gui.authorization.impact_model import country_text
from licenseapp.services.directive.impact import GROUP_TITLES

if TYPE_CHECKING:
    from licenseapp.services.directive.impact import AffectedPair, ImpactReport


def _count_table(headers: list[str], name: str) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.setAccessibleName(name)
    table.verticalHeader().hide()
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
    table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    header = table.horizontalHeader()
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    for column in range(1, len(headers)):
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
    return table


def _fill(table: QTableWidget, rows: list[list[str]]) -> None:
    table.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            item = QTableWidgetItem(text)
            if c == len(row) - 1:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            table.setItem(r, c, item)


class ImpactCountsWidget(QWidget):
    """How many newly affected accesses per item and per deciding country."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.by_item = _count_table(["Item", "ECCN", "Accesses"], "Counts by item")
        self.by_country = _count_table(["Deciding country", "Accesses"], "Counts by country")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel("<b>By item</b>"))
        layout.addWidget(self.by_item)
        layout.addWidget(QLabel("<b>By deciding country</b>"))
        layout.addWidget(self.by_country)

    def show_report(self, report: ImpactReport | None) -> None:
        if report is None:
            _fill(self.by_item, [])
            _fill(self.by_country, [])
            return
        eccns = {p.item_ref: p.eccn for p in report.pairs + report.already_required
                 + report.undetermined}
        _fill(self.by_item, [[c.label, eccns.get(c.key, ""), f"{c.count:,}"]
                             for c in report.by_item])
        _fill(self.by_country, [[country_text(c.key or None), f"{c.count:,}"]
                                for c in report.by_country])


def summary(report: ImpactReport) -> str:
    n = len(report.must_stop())
    people = len({p.person_id for p in report.must_stop()})
    return (f"{n:,} access{'es' if n != 1 else ''} of {people:,} "
            f"{'person' if people == 1 else 'people'} must stop under {report.title} on "
            f"{report.on.isoformat()}: {len(report.pairs):,} newly required, "
            f"{len(report.already_required):,} already required and unlicensed, "
            f"{len(report.undetermined):,} undetermined.")


def tally(pairs: tuple[AffectedPair, ...]) -> str:
    """What is already done about them: suspended, licensed, applied for."""
    suspended = sum(p.access == "suspended" for p in pairs)
    licensed = sum(bool(p.license_number) for p in pairs)
    to_suspend = sum(p.access != "suspended" and not p.license_number for p in pairs)
    open_apps = sum(bool(p.open_application) and not p.license_number for p in pairs)
    parts = [f"to suspend: {to_suspend:,}", f"suspended: {suspended:,}",
             f"covered by a valid license: {licensed:,}",
             f"with an open application: {open_apps:,}"]
    return "Of these — " + " · ".join(parts)


def undetermined(pairs: tuple[AffectedPair, ...]) -> str:
    """The facts missing for the undetermined accesses, said once below the list."""
    if not pairs:
        return ""
    missing = sorted({m for p in pairs for m in p.missing})
    n = len(pairs)
    return (f"{n:,} access{'es' if n != 1 else ''} undetermined: data is missing to tell "
            f"({'; '.join(missing[:4]) or 'see each'}{' …' if len(missing) > 4 else ''}).")


def why_html(pair: AffectedPair) -> str:
    before = pair.before.replace("_", " ")
    group = GROUP_TITLES.get(pair.group, "")
    missing = (f"<p><b>Missing:</b> {escape('; '.join(pair.missing))}</p>"
               if pair.missing else "")
    return (f"<p><b>{escape(pair.person_name)} — {escape(pair.item_name)} "
            f"({escape(pair.eccn)})</b> · {escape(group)}</p>{missing}"
            f"<p><b>Now:</b> {escape(pair.reason)}</p>"
            f"<p><b>Before ({escape(before)}):</b> {escape(pair.before_reason)}</p>")
