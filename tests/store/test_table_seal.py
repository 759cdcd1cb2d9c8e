"""A table's seal worked out once (:class:`TableSeal`) hashes a row exactly as the seals
stored by earlier versions were made: the reference below is the per-row code it replaced,
so a database sealed before checks clean after."""

from __future__ import annotations

import hashlib
import hmac
import json
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

import pytest

from licenseapp.store import seals
from licenseapp.store.base import SEALED_IF_SET


def reference_hash(name: str, row: dict[str, Any], key: bytes | None) -> str:
    """The seal as written before (per column, by name, every value normalised)."""
    def norm(value: Any) -> Any:
        if isinstance(value, datetime | date):
            return value.isoformat()
        if isinstance(value, Decimal):
            return str(value.normalize())
        if isinstance(value, bytes | memoryview):
            return hashlib.sha256(bytes(value)).hexdigest()
        return value

    tbl = seals.table(name)
    values = [[c.name, norm(row[c.name])] for c in tbl.columns
              if not (c.info.get(SEALED_IF_SET) and row[c.name] is None)]
    material = json.dumps([name, values], ensure_ascii=False, separators=(",", ":"),
                          sort_keys=True).encode("utf-8")
    if key is None:
        return hashlib.sha256(material).hexdigest()
    return hmac.new(key, material, hashlib.sha256).hexdigest()


def sample(name: str, n: int) -> dict[str, Any]:
    """A value of each column's kind, varied by ``n`` (NULLs, JSON with keys out of order,
    moments, dates, non-Latin text, bytes)."""
    choices: list[Any] = [
        None, f"Zhang \u5f20 {n}", n, n % 2 == 0, datetime(2026, 1, 2, 3, 4, 5, n, tzinfo=UTC),
        date(2026, 1, 1 + n % 28), {"z": n, "a": [1, "é"]}, Decimal("12.500"), b"\x00bytes",
    ]
    return {c.name: choices[(i + n) % len(choices)]
            for i, c in enumerate(seals.table(name).columns)}


@pytest.mark.parametrize("key", [None, b"k" * 32])
@pytest.mark.parametrize("name", ["people", "applications", "access_grants", "attachments"])
def test_a_row_hashes_as_the_seals_stored_before(name: str, key: bytes | None) -> None:
    seal = seals.TableSeal(seals.table(name), key)
    for n in range(40):
        row = sample(name, n)
        as_tuple = tuple(row[c.name] for c in seals.table(name).columns)
        assert seal.row_hash(as_tuple) == reference_hash(name, row, key)
        pk = [c.name for c in seals.table(name).primary_key.columns]
        assert seal.row_id(as_tuple) == "|".join(str(row[c]) for c in pk)


def test_a_changed_value_changes_the_seal() -> None:
    seal = seals.TableSeal(seals.table("people"), b"k" * 32)
    row = list(sample("people", 1))
    values = [sample("people", 1)[c] for c in row]
    before = seal.row_hash(values)
    values[2] = "someone else"
    assert seal.row_hash(values) != before
