"""List snapshots: loaded from trade.gov's JSON and CSV and from the shipped list, kept with
date, SHA-256 and counts, and refused when a list's count falls sharply."""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path

import pytest
from screening_lists import LISTED, csv_list, json_list

from licenseapp.services.screening.runs import screen_name
from licenseapp.services.screening.snapshots import (
    ListCountDropped,
    current_snapshot,
    ensure_snapshot,
    import_snapshot,
    list_snapshots,
)
from licenseapp.store.database import Database


def test_a_json_list_becomes_the_current_snapshot(db: Database, tmp_path: Path) -> None:
    assert current_snapshot(db) is None
    path = json_list(tmp_path / "csl.json")
    info = import_snapshot(db, path)
    assert info.current and info.entries == len(LISTED) + 30
    assert info.published_on == date(2026, 7, 31)
    assert info.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    assert dict(info.counts_by_list) == {"SDN": 32, "EL": 1}
    assert current_snapshot(db) == info
    again = import_snapshot(db, path)  # the same file: the same snapshot, nothing added
    assert again.id == info.id and len(list_snapshots(db)) == 1
    [hit] = screen_name(db, "Wei Zhang")
    assert (hit.list_code, hit.entry_id, hit.matched_name) == ("SDN", "1201", "ZHANG, Wei")


def test_a_csv_list_is_read_with_its_aliases_and_countries(db: Database, tmp_path: Path) -> None:
    info = import_snapshot(db, csv_list(tmp_path / "csl.csv"))
    assert dict(info.counts_by_list) == {"SDN": 32, "EL": 1}
    [hit] = screen_name(db, "Northwind Photonics", country="CN")
    assert hit.list_code == "EL" and hit.entry_id.startswith("EL-")  # no number: derived
    assert "country CN on both" in hit.explained
    [hit] = screen_name(db, "Dmitri Kuznetsov")
    assert hit.entry_id == "1202"


def test_a_sharp_drop_is_refused_unless_accepted(db: Database, tmp_path: Path) -> None:
    first = import_snapshot(db, json_list(tmp_path / "a.json"))
    shrunk = json_list(tmp_path / "b.json", published="2026-08-01", fillers=5)
    with pytest.raises(ListCountDropped) as refused:
        import_snapshot(db, shrunk)
    assert refused.value.field == "file"
    assert refused.value.message.startswith("SDN fell from 32 to 7: the previous list is kept")
    assert current_snapshot(db) == first and len(list_snapshots(db)) == 1
    second = import_snapshot(db, shrunk, accept_drop=True)
    assert second.current and second.published_on == date(2026, 8, 1)
    [newest, older] = list_snapshots(db)
    assert newest.id == second.id and not older.current


def test_a_file_that_is_not_a_list_is_refused_in_words(db: Database, tmp_path: Path) -> None:
    path = tmp_path / "people.csv"
    path.write_text("given_name,family_name\nWei,Zhang\n", encoding="utf-8")
    with pytest.raises(Exception, match="not a Consolidated Screening List"):
        import_snapshot(db, path)
    assert current_snapshot(db) is None


def test_the_shipped_list_is_loaded_on_first_use(db: Database) -> None:
    info = ensure_snapshot(db)
    counts = dict(info.counts_by_list)
    assert info.entries == 25_921 and counts["SDN"] == 19_181 and counts["EL"] == 3_420
    assert info.published_on == date(2026, 7, 31)
    assert ensure_snapshot(db).id == info.id
    names = [h.matched_name for h in screen_name(db, "张伟")]  # Chinese script
    assert "ZHANG, Wei" in names
