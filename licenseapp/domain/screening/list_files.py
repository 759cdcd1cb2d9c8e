"""Reading a restricted-party list file: the U.S. Consolidated Screening List as trade.gov
publishes it (JSON or CSV), or the compact form LicenseApp ships as its default list."""

from __future__ import annotations

import csv
import io
import json
import re
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from licenseapp.domain.screening.entries import ListEntry, derived_id, entry_kind, list_code
from licenseapp.errors import ValidationError

SOURCE = "U.S. Consolidated Screening List (trade.gov)"
_ISO2 = re.compile(r"^[A-Z]{2}$")


@dataclass(frozen=True)
class ListFile:
    """What a list file holds: when it was published, by whom, and its entries."""

    source: str
    published_on: date
    entries: tuple[ListEntry, ...]

    def counts_by_list(self) -> tuple[tuple[str, int], ...]:
        counts = Counter(e.list_code for e in self.entries)
        return tuple(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


def _refused(message: str) -> ValidationError:
    return ValidationError("file", message)


def _day(text: Any) -> date | None:
    if not isinstance(text, str) or len(text) < 10:
        return None
    try:
        return datetime.fromisoformat(text[:10]).date()
    except ValueError:
        return None


def _tuple(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return tuple(p.strip() for p in value.split(";") if p.strip())
    return tuple(str(v).strip() for v in value if str(v).strip())


def _unique(values: tuple[str, ...] | list[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(values))


def _entry(code: str, list_name: str, number: str | None, name: str, **fields: Any) -> ListEntry:
    entry_id = str(number).strip() if number else derived_id(code, name)
    return ListEntry(code, list_name, entry_id, name.strip(), **fields)


def read_compact(data: dict[str, Any]) -> ListFile:
    """The compact form (``fieldKey``/``tables``/``entries``) of the shipped snapshot."""
    tables = data.get("tables", {})
    sources, urls = tables.get("sources", []), tables.get("urls", [])
    programmes = tables.get("programmes", [])
    authority = data.get("listAuthority", {})
    entries = []
    for raw in data["entries"]:
        list_name = sources[raw["s"]]
        code = authority.get(list_name, {}).get("code") or list_code(list_name)
        pg = raw.get("pg")
        programs = (programmes[pg],) if isinstance(pg, int) else _tuple(pg)
        entries.append(_entry(
            code, list_name, raw.get("e"), raw["n"], alt_names=_unique(_tuple(raw.get("a"))),
            kind=entry_kind(raw.get("t")), countries=_unique(_tuple(raw.get("c"))),
            programs=programs,
            source_url=urls[raw["u"]] if isinstance(raw.get("u"), int) else ""))
    published = _day(data.get("sourceGeneratedAt")) or _day(data.get("retrievedAt"))
    if published is None:
        raise _refused("the list file does not say when it was published")
    return ListFile(str(data.get("citation") or SOURCE), published, tuple(entries))


def _countries(row: dict[str, Any]) -> tuple[str, ...]:
    found: list[str] = []
    for address in row.get("addresses") or []:
        if isinstance(address, dict) and address.get("country"):
            found.append(str(address["country"]).strip().upper())
    for key in ("nationalities", "citizenships"):
        found += [c.upper() for c in _tuple(row.get(key)) if _ISO2.match(c.upper())]
    return _unique([c for c in found if _ISO2.match(c)])


def _addresses(row: dict[str, Any]) -> tuple[str, ...]:
    out = []
    for address in row.get("addresses") or []:
        if isinstance(address, dict):
            parts = [str(address.get(k) or "").strip()
                     for k in ("address", "city", "state", "postal_code", "country")]
            out.append(", ".join(p for p in parts if p))
    return tuple(a for a in out if a)


def read_trade_gov_json(data: dict[str, Any], modified: date) -> ListFile:
    """trade.gov's JSON: ``{"results": [{"name", "alt_names", "source", ...}]}``; published
    on the newest date its ``sources_used`` give, else the file's date (``modified``)."""
    entries = []
    for row in data["results"]:
        list_name = str(row.get("source") or "")
        code = list_code(list_name)
        entries.append(_entry(
            code, list_name, row.get("entity_number"), str(row.get("name") or ""),
            alt_names=_unique(_tuple(row.get("alt_names"))), kind=entry_kind(row.get("type")),
            countries=_countries(row), programs=_tuple(row.get("programs")),
            dates_of_birth=_tuple(row.get("dates_of_birth")), addresses=_addresses(row),
            source_url=str(row.get("source_list_url") or "")))
    said = [_day(used.get(key)) for used in data.get("sources_used") or []
            if isinstance(used, dict)
            for key in ("source_last_updated", "last_imported", "import_date")]
    when = max((d for d in said if d is not None), default=modified)
    return ListFile(SOURCE, when, tuple(e for e in entries if e.name))


def _csv_addresses(text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    addresses = _tuple(text)
    countries = []
    for address in addresses:
        last = address.rsplit(",", 1)[-1].strip().upper()
        if _ISO2.match(last):
            countries.append(last)
    return addresses, _unique(countries)


def read_trade_gov_csv(text: str, published: date) -> ListFile:
    """trade.gov's CSV: one row per entry, several values in a cell separated by ";"."""
    reader = csv.DictReader(io.StringIO(text))
    if not reader.fieldnames or "name" not in reader.fieldnames \
            or "source" not in reader.fieldnames:
        raise _refused("this CSV file is not a Consolidated Screening List: it has no "
                       "“name” and “source” columns")
    entries = []
    for row in reader:
        name = (row.get("name") or "").strip()
        if not name:
            continue
        list_name = (row.get("source") or "").strip()
        addresses, countries = _csv_addresses(row.get("addresses") or "")
        extra = [c.upper() for c in _tuple(row.get("nationalities")) + _tuple(
            row.get("citizenships")) if _ISO2.match(c.upper())]
        entries.append(_entry(
            list_code(list_name), list_name, row.get("entity_number"), name,
            alt_names=_unique(_tuple(row.get("alt_names"))), kind=entry_kind(row.get("type")),
            countries=_unique([*countries, *extra]), programs=_tuple(row.get("programs")),
            dates_of_birth=_tuple(row.get("dates_of_birth")), addresses=addresses,
            source_url=(row.get("source_list_url") or "").strip()))
    return ListFile(SOURCE, published, tuple(entries))


def read_list_file(content: bytes, file_name: str, modified: date) -> ListFile:
    """Any of the formats, told apart by content; ``modified`` is the publication date of
    a file that does not say it (a CSV)."""
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise _refused(f"{file_name} is not a text file in UTF-8") from None
    stripped = text.lstrip()
    if stripped.startswith("{"):
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise _refused(f"{file_name} is not valid JSON (line {exc.lineno})") from None
        if isinstance(data, dict) and "entries" in data and "fieldKey" in data:
            found = read_compact(data)
        elif isinstance(data, dict) and isinstance(data.get("results"), list):
            found = read_trade_gov_json(data, modified)
        else:
            raise _refused(f"{file_name} is JSON but not a Consolidated Screening List "
                           "(no “results” or “entries”)")
    else:
        found = read_trade_gov_csv(text, modified)
    if not found.entries:
        raise _refused(f"{file_name} holds no list entries")
    return found
