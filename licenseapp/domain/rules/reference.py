"""The reference tables the EAR rules read: Commerce Country Chart, Country Groups, CCL.

Shipped in ``resources/reference/`` (see its README.md for source and date) and loaded once.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from licenseapp import paths
from licenseapp.domain.rules.ccl_controls import Control, parse_control
from licenseapp.domain.rules.json_fields import DataFileError

CHART_COLUMNS = ("CB1", "CB2", "CB3", "NP1", "NP2", "NS1", "NS2", "MT1", "RS1", "RS2", "FC1",
                 "CC1", "CC2", "CC3", "AT1", "AT2")
GROUPS = ("A:1", "A:2", "A:3", "A:4", "A:5", "A:6", "B", "D:1", "D:2", "D:3", "D:4", "D:5",
          "E:1", "E:2")
#: Names the CCL uses for countries besides the chart's own row names.
_EXTRA_NAMES = {"North Korea": "KP", "South Korea": "KR", "Hong Kong": "HK"}
_REASON_CODE = re.compile(r"\b[A-Z]{2,3}\b")


@dataclass(frozen=True, slots=True)
class CclEntry:
    eccn: str
    heading: str
    reasons: frozenset[str]
    controls: tuple[Control, ...]
    caveat: str = ""  # a known problem with this record (ccl_corrections.json)


@dataclass(frozen=True, slots=True)
class EntryDate:
    """When a CCL entry took effect: before ``effective`` it did not exist and is not cited."""

    eccn: str
    effective: date
    citation: str
    before: str  # what stood before, in words


@dataclass(frozen=True, slots=True)
class ChartChange:
    """A Commerce Country Chart mark that changed on ``effective`` (``marked_before``: the
    column was marked for the country until then)."""

    country: str
    column: str
    marked_before: bool
    effective: date
    citation: str
    note: str
    unconfirmed: str = ""


@dataclass(frozen=True, eq=False)
class Reference:
    issue_date: date
    source: str
    names: dict[str, str]
    chart: dict[str, frozenset[str]]
    pointers: dict[str, str]
    footnotes: dict[str, frozenset[str]]
    footnote_texts: dict[str, str]
    groups: dict[str, frozenset[str]]
    ccl: dict[str, CclEntry]
    entry_dates: dict[str, EntryDate] = field(default_factory=dict)
    chart_changes: tuple[ChartChange, ...] = ()
    #: Set on a reference read as of an earlier date (see :func:`reference_on`): the chart
    #: as it stood before this date; None: the issue itself.
    before: date | None = None

    def in_group(self, country: str, group: str) -> bool:
        return group in self.groups.get(country, frozenset())

    def countries_with_footnote(self, footnote: str) -> frozenset[str]:
        return frozenset(c for c, notes in self.footnotes.items() if footnote in notes)


def reference_dir() -> Path:
    return paths.resource_path("reference")


def load_reference(directory: Path | str | None = None) -> Reference:
    """The reference tables (default: the shipped ones), loaded once per directory."""
    if directory is None:
        return _default()
    return _load(str(directory))


@cache
def _default() -> Reference:
    return _load(str(reference_dir()))


@cache
def _load(directory: str) -> Reference:
    folder = Path(directory)
    names: dict[str, str] = {}
    chart: dict[str, frozenset[str]] = {}
    for line, row in _rows(folder / "country_chart.csv", ("country_code", *CHART_COLUMNS)):
        code = row["country_code"]
        names[code] = row.get("country_name") or code
        marks = [row[c].strip() for c in CHART_COLUMNS]
        if all(m == "" for m in marks):
            continue  # a pointer row (Part 746): no marks at all
        for column, mark in zip(CHART_COLUMNS, marks, strict=True):
            if mark not in ("0", "1"):
                raise DataFileError(str(folder / "country_chart.csv"), line, column,
                                    f"{mark!r} is not 0 or 1 (row {code})")
        chart[code] = frozenset(c for c, m in zip(CHART_COLUMNS, marks, strict=True) if m == "1")
    pointers: dict[str, str] = {}
    footnotes: dict[str, frozenset[str]] = {}
    for _, row in _rows(folder / "country_chart_rows.csv", ("country_code", "row_type")):
        code = row["country_code"]
        if row["row_type"] != "graded":
            pointers[code] = row.get("pointer_text", "")
        notes = row.get("footnotes", "")
        footnotes[code] = frozenset(n.strip() for n in notes.split(";") if n.strip())
    texts = {row["footnote"]: row["text"] for _, row in
             _rows(folder / "country_chart_footnotes.csv", ("footnote", "text"))}
    groups: dict[str, frozenset[str]] = {}
    for _, row in _rows(folder / "country_groups.csv", ("country_code", *GROUPS)):
        groups[row["country_code"]] = frozenset(g for g in GROUPS if row[g].strip() == "1")
    ccl, issue, source = _ccl(folder / "ccl_controls.json", names,
                              folder / "ccl_corrections.json")
    entry_dates, changes = _dated(folder / "dated_changes.json")
    return Reference(issue, source, names, chart, pointers, footnotes, texts, groups, ccl,
                     entry_dates, changes)


def _dated(file: Path) -> tuple[dict[str, EntryDate], tuple[ChartChange, ...]]:
    """The entries' effective dates and the chart's dated changes (none without the file)."""
    if not file.exists():
        return {}, ()
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
        entries = {e["eccn"]: EntryDate(e["eccn"], date.fromisoformat(e["effective"]),
                                        e["citation"], e.get("before", ""))
                   for e in data.get("entries", [])}
        changes = tuple(
            ChartChange(c["country"], c["column"], bool(c["marked_before"]),
                        date.fromisoformat(c["effective"]), c["citation"], c.get("note", ""),
                        c.get("unconfirmed", ""))
            for c in data.get("chart_changes", []))
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise DataFileError(str(file), None, "(file)",
                            f"not a dated-changes file: {exc}") from None
    for c in changes:
        if c.column not in CHART_COLUMNS:
            raise DataFileError(str(file), None, "column",
                                f"{c.column!r} is not a Country Chart column")
    return entries, changes


def not_yet_in_force(ref: Reference, eccn: str, on: date) -> EntryDate | None:
    """The entry's date when ``eccn`` (or its base ECCN) did not exist yet on ``on``."""
    dated = ref.entry_dates.get(eccn.partition(".")[0])
    return dated if dated is not None and on < dated.effective else None


_ON: dict[tuple[int, tuple[int, ...]], Reference] = {}


def reference_on(ref: Reference, on: date) -> Reference:
    """``ref`` with the chart as it stood on ``on``: every dated change that took effect
    after ``on`` undone. ``ref`` itself when none did (the common case: one comparison)."""
    if on >= ref.issue_date:
        return ref
    undone = tuple(i for i, c in enumerate(ref.chart_changes) if c.effective > on)
    key = (id(ref), undone)
    hit = _ON.get(key)
    if hit is None:
        chart = dict(ref.chart)
        for i in undone:
            c = ref.chart_changes[i]
            marks = set(chart.get(c.country, frozenset()))
            if c.marked_before:
                marks.add(c.column)
            else:
                marks.discard(c.column)
            chart[c.country] = frozenset(marks)
        first = min((ref.chart_changes[i].effective for i in undone), default=None)
        hit = replace(ref, chart=chart, before=first) if undone else ref
        if len(_ON) > 256:
            _ON.clear()
        _ON[key] = hit
    return hit


def data_caveat(ref: Reference, on: date, country: str | None = None) -> str:
    """For a date before the tables' issue: which data the answer rests on, in a sentence
    for the reason itself (empty on or after the issue date). With ``country``, only the
    changes to its row are named."""
    if on >= ref.issue_date:
        return ""
    undone = [c for c in ref.chart_changes
              if c.effective > on and country in (None, c.country)]
    text = (f"This answer for {on.isoformat()} rests on the Commerce Control List, Commerce "
            f"Country Chart and Country Groups of the eCFR of {ref.issue_date.isoformat()}")
    if undone:
        changes = "; ".join(
            f"{c.note} from {c.effective.isoformat()} ({c.citation})"
            + (f", unconfirmed: {c.unconfirmed}" if c.unconfirmed else "") for c in undone)
        which = "this change" if len(undone) == 1 else "these changes"
        text += f", read as it stood before {which}: {changes}"
    return text + "; other changes between the two dates are not reflected."


def _rows(file: Path, required: tuple[str, ...]) -> list[tuple[int, dict[str, str]]]:
    try:
        text = file.read_text(encoding="utf-8")
    except OSError as exc:
        raise DataFileError(str(file), None, "(file)", f"cannot be read: {exc}") from None
    reader = csv.DictReader(io.StringIO(text))
    missing = [c for c in required if c not in (reader.fieldnames or ())]
    if missing:
        raise DataFileError(str(file), 1, missing[0], "column missing from the header")
    return [(reader.line_num, dict(row)) for row in reader]


def _ccl(file: Path, names: dict[str, str],
         corrections_file: Path) -> tuple[dict[str, CclEntry], date, str]:
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
        source = data["source"]
        entries = data["entries"]
        issue = date.fromisoformat(source["ecfr_issue_date"])
        fixes = (json.loads(corrections_file.read_text(encoding="utf-8"))
                 if corrections_file.exists() else {})
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise DataFileError(str(file), None, "(file)", f"not a CCL controls file: {exc}") from None
    by_name = {name: code for code, name in names.items()} | _EXTRA_NAMES
    raw = {entry["eccn"]: dict(entry) for entry in entries}
    caveats: dict[str, str] = dict(fixes.get("caveats", {}))
    for fix in fixes.get("restore", []):
        raw.setdefault(fix["eccn"], fix)
        caveats[fix["eccn"]] = fix.get("caveat", "")
    for fix in fixes.get("replace", []):
        raw[fix["eccn"]] = {**raw.get(fix["eccn"], {}), **fix}
        caveats[fix["eccn"]] = fix.get("caveat", "")
    ccl = {eccn: _entry(eccn, entry, by_name, caveats.get(eccn, ""))
           for eccn, entry in raw.items()}
    cite = f"{source.get('citation', 'Supp. No. 1 to Part 774')}, eCFR {issue.isoformat()}"
    return ccl, issue, cite


def _entry(eccn: str, entry: dict[str, Any], by_name: dict[str, str], caveat: str) -> CclEntry:
    controls = tuple(
        parse_control(eccn, c.get("control", ""), c.get("chart", ""), by_name)
        for c in entry.get("controls") or ()
    )
    reasons = set(_REASON_CODE.findall(entry.get("reasons") or ""))
    reasons.update(c.reason for c in controls if c.reason)
    return CclEntry(eccn, entry.get("heading", ""), frozenset(reasons), controls, caveat)
