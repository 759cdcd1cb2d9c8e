"""What a printed report says, as plain data: the services build it, :mod:`.reports` lays it out.

No ReportLab here, so the services and the desktop app can hold a report without loading
the PDF library.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True)
class ReportTable:
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    widths: tuple[float, ...] = ()  # relative widths; equal when empty
    empty: str = "Nothing to report."


@dataclass(frozen=True)
class ReportSection:
    title: str
    table: ReportTable | None = None
    lines: tuple[str, ...] = ()  # label/value or free lines printed before the table


@dataclass(frozen=True)
class Report:
    title: str
    subtitle: str
    as_of: datetime  # zone-aware; fixes the PDF's date: the same rows give the same bytes
    sections: tuple[ReportSection, ...]
    reference: str = ""  # printed in the header (e.g. an application's reference)
    organization: str = ""
    page: str = "letter"
    notes: tuple[str, ...] = field(default_factory=tuple)

    @property
    def stamp(self) -> str:
        """When the report was made, on the user's clock: ``2026-12-06 18:00 PST``."""
        local = self.as_of.astimezone()
        return f"{local:%Y-%m-%d %H:%M} {local.tzname() or ''}".rstrip()

    def text(self) -> str:
        """Every word the report prints, for a test or a search (not the layout)."""
        parts = [self.title, self.subtitle, *self.notes]
        for section in self.sections:
            parts += [section.title, *section.lines]
            if section.table is not None:
                parts += section.table.columns
                parts += [cell for row in section.table.rows for cell in row]
        return "\n".join(parts)
