"""Bulk inserts seal each row exactly as ``verify`` recomputes the seal from the row read
back: NULL and set SEALED_IF_SET columns, dates, moments with microseconds, any text."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import select

from licenseapp.services.safety.integrity import verify
from licenseapp.services.safety.sealed_inserts import defaults, insert_sealed, new_ids
from licenseapp.store import seals
from licenseapp.store.database import Database
from licenseapp.store.models import RecordSeal


def test_seals_of_bulk_rows_match_the_rows_read_back(db: Database) -> None:
    now = datetime(2026, 11, 27, 17, 30, 5, 123456, tzinfo=UTC)
    with db.unit_of_work() as s:
        ids = new_ids(s, "people", 3)
        base = defaults("people")
        rows = [
            {**base, "id": ids[0], "ref": "P-0001", "given_name": "Zoë \"Z\" \\ O'Neil",
             "family_name": "张伟", "version": 1, "created_at": now, "updated_at": now,
             "employee_number": None},
            {**base, "id": ids[1], "ref": "P-0002", "given_name": "Ana", "family_name": "Sá",
             "date_of_birth": date(1990, 3, 5), "version": 1, "created_at": now,
             "updated_at": now.replace(microsecond=0), "employee_number": "E-7"},
            {**base, "id": ids[2], "ref": "P-0003", "given_name": "Ünal", "family_name": "Ö",
             "native_name": "ليلى", "version": 3, "created_at": now, "updated_at": now,
             "employee_number": "", "birth_country": "TR"},
        ]
        insert_sealed(s, "people", rows)
        cits = new_ids(s, "citizenships", 2)
        insert_sealed(s, "citizenships", [
            {**defaults("citizenships"), "id": cits[0], "person_id": ids[0], "country": "CN"},
            {**defaults("citizenships"), "id": cits[1], "person_id": ids[1], "country": "PT",
             "acquired_on": date(2001, 1, 1)}])
    with db.reading() as s:
        table = seals.table("people")
        stored = {r.row_id: r.row_hash for r in s.execute(
            select(RecordSeal).where(RecordSeal.table_name == "people")).scalars()}
        read_back = {seals.row_id(table, r): seals.row_hash(table, r, seals.seal_key(s))
                     for r in seals.iter_rows(s, table)}
    assert stored == read_back and len(stored) == 3
    assert verify(db).ok
    with db.unit_of_work() as s:  # ids after the ones taken
        assert new_ids(s, "people", 2)[0] > max(ids)
