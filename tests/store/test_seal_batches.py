"""``verify`` and ``reseal`` make record seals from the driver's raw rows, a batch at a time
(:meth:`TableSeal.batches`): the seals must be byte for byte those the per-row code makes of
the rows SQLAlchemy returns (:meth:`TableSeal.row_hash`, checked against the seals stored by
earlier versions in test_table_seal.py), on every column type — dates, moments stored from
other zones with and without microseconds, NULLs, unicode and quotes, integers, booleans,
floats, JSON with keys out of order, bytes — or every database sealed before would fail."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from datetime import date, datetime, timedelta, timezone
from typing import Any

import pytest
from sqlalchemy import Boolean, Date, Float, Integer, LargeBinary, String, insert, select, update

from licenseapp.demo.dataset import generate_demo
from licenseapp.store import seals
from licenseapp.store.base import UTCDateTime
from licenseapp.store.database import Database

KEYS: list[bytes | None] = [b"k" * 32, None]
ODD_TEXT = 'Zoë 张伟 "quoted" \\ back\nline \u202e ☃'
IST = timezone(timedelta(hours=5, minutes=30))


def _kind(column: Any) -> str:
    kind = column.type
    for name, cls in (("moment", UTCDateTime), ("date", Date), ("bool", Boolean),
                      ("int", Integer), ("text", String), ("float", Float),
                      ("bytes", LargeBinary)):
        if isinstance(kind, cls):
            return name
    return "json"


@pytest.fixture
def filled(db: Database) -> Iterator[Database]:
    """The demo, then odd values written through SQLAlchemy as the app writes them."""
    generate_demo(db, size=12)
    people, apps = seals.table("people"), seals.table("applications")
    items = seals.table("application_items")
    with db.unit_of_work() as s:
        first, second = s.execute(select(people.c.id).order_by(people.c.id).limit(2)).scalars()
        s.execute(update(people).where(people.c.id == first).values(
            given_name=ODD_TEXT, birth_country=None, lpr_since=None,
            updated_at=datetime(2026, 3, 4, 5, 6, 7, tzinfo=IST)))
        s.execute(update(people).where(people.c.id == second).values(
            native_name="", updated_at=datetime(2026, 3, 4, 5, 6, 7, 120, tzinfo=IST)))
        app_ids = list(s.execute(select(apps.c.id).order_by(apps.c.id).limit(3)).scalars())
        s.execute(update(apps).where(apps.c.id == app_ids[0]).values(
            form_values={"z": 1, "a": [1.5, "é", None, True], "m": {"b": 2.25, "a": ODD_TEXT}}))
        s.execute(update(apps).where(apps.c.id == app_ids[1]).values(form_values={}))
        s.execute(update(apps).where(apps.c.id == app_ids[2]).values(form_values=None))
        s.execute(update(items).where(items.c.id.in_(
            select(items.c.id).order_by(items.c.id).limit(1).scalar_subquery())).values(
            form_values={"b22b": "0.5 WT", "a1": 10**20}))
        s.execute(update(apps).where(apps.c.id == app_ids[1]).values(
            status_changed_at=datetime(1999, 12, 31, 23, 59, 59, 999999, tzinfo=UTC_MINUS)))
        moment = datetime(2026, 5, 6, 7, 8, 9, 5, tzinfo=IST)
        snapshot = s.execute(insert(seals.table("screening_snapshots")).values(
            source="CSL", published_on=date(2026, 7, 31), loaded_at=moment, loaded_by="tester",
            sha256="s", entry_count=0, counts="{}", current=True,
        ).returning(seals.table("screening_snapshots").c.id)).scalar_one()
        s.execute(insert(seals.table("screening_hits")), [
            {"subject": "person", "subject_id": first, "list_code": "SDN", "entry_id": f"e{n}",
             "snapshot_id": snapshot, "score": score, "subject_fingerprint": "f",
             "entry_fingerprint": "g", "data": ODD_TEXT, "first_found_at": moment,
             "screened_at": moment, "current": n % 2 == 0}
            for n, score in enumerate([0.1 + 0.2, 100.0, 87.5, 1e-7])])
        s.execute(insert(seals.table("attachments")), [
            {"application_id": app_ids[0], "kind": "other", "file_name": "é.pdf",
             "media_type": "application/pdf", "size": len(content),
             "sha256": hashlib.sha256(content).hexdigest(), "content": content,
             "created_at": moment, "created_by": "tester", "removed_by": ""}
            for content in (b"%PDF-1.4 \x00\xff", b"")])
        seals.seal_tables(s)
    yield db


UTC_MINUS = timezone(timedelta(hours=-8))


@pytest.mark.parametrize("key", KEYS)
def test_batch_seals_are_the_per_row_seals(filled: Database, key: bytes | None) -> None:
    covered: set[str] = set()
    with filled.reading() as s:
        for name in seals.SEALED_TABLES:
            tbl = seals.table(name)
            seal = seals.TableSeal(tbl, key)
            reference = {seal.row_id(row): seal.row_hash(row)
                         for row in seals.iter_rows(s, tbl)}
            batched: dict[str, str] = {}
            for rows, ids, digests in seal.batches(s):
                assert len(rows) == len(ids) == len(digests)
                batched.update(zip(ids, digests, strict=True))
                for row in rows:
                    covered |= {_kind(c) for c, v in zip(tbl.columns, row, strict=True)
                                if v is not None}
            assert batched == reference, name
    assert covered >= {"moment", "date", "bool", "int", "text", "json", "float", "bytes"}, covered


def test_verify_is_clean_and_names_a_change(filled: Database) -> None:
    from sqlalchemy import text

    from licenseapp.services.safety.integrity import verify

    assert verify(filled).ok
    with filled.unit_of_work() as s:
        ref = s.execute(text("SELECT ref FROM people ORDER BY id LIMIT 1")).scalar_one()
        s.execute(text("UPDATE people SET family_name = 'X' WHERE ref = :r"), {"r": ref})
    found = [f.message for f in verify(filled).findings]
    assert any(ref in m and "changed outside" in m for m in found), found


@pytest.mark.parametrize("key", [b"k" * 32, b"x" * 64, b"long" * 40, b""])
def test_the_keyed_hash_is_hmac_sha256(key: bytes) -> None:
    import hmac

    from licenseapp.store.seal_text import hmac_sha256

    texts = [ODD_TEXT.encode(), b"", b"x" * 1000]
    assert hmac_sha256(key, texts) == [hmac.new(key, t, hashlib.sha256).hexdigest()
                                       for t in texts]


def test_a_column_of_sqlite_moments_written_whole_matches_each_written_alone() -> None:
    """The whole-column writer of SQLite moments (``verify``'s fast path) against the
    per-value writer it stands in for: a column with one odd value goes value by value."""
    from licenseapp.store.seal_text import _pieces

    moments = ["2026-01-02 03:04:05.000000", "2026-12-31 23:59:59.999999",
               "1999-07-08 09:10:11.000100", "2026-03-04 05:06:07.000000"] * 3

    def slow(value: object) -> str:
        return f"<{value!r}>"

    whole = _pieces("sqlite moment", moments, slow)
    alone = _pieces("sqlite moment", [*moments, "2026-01-02T03:04:05"], slow)
    assert alone is not None and alone[-1] == "<'2026-01-02T03:04:05'>"
    assert whole == alone[:-1]
    assert whole is not None and whole[:2] == ['"2026-01-02T03:04:05+00:00"',
                                                '"2026-12-31T23:59:59.999999+00:00"']
    for odd in ("2026-01-02 03:04:05.00000 ", "2026-01-02 03:04:05 000000", None):
        column = _pieces("sqlite moment", [*moments, odd], slow)
        assert column is not None and column[:-1] == whole
