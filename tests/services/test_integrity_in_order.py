"""``verify`` compares a table's stored seals with its rows as two texts in id order (the
usual case: no row looked up by id); when they differ in any way it looks each row up by id
(the reference, :func:`_check_table`), so it names the same rows as that — also when the
stored seals were tampered with so that the joined texts still line up."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy import text

from licenseapp.demo.dataset import generate_demo
from licenseapp.services.safety.integrity import (
    IntegrityReport,
    _check_table,
    _unchanged_rows,
    verify,
)
from licenseapp.store import keys, seals
from licenseapp.store.database import Database

TABLE = "resume_entries"


@pytest.fixture
def demo(db: Database) -> Database:
    generate_demo(db, size=12)
    return db


def _seal_of(row_id: str) -> str:
    return (f"(SELECT row_hash FROM record_seals WHERE table_name = '{TABLE}' "
            f"AND row_id = '{row_id}')")


def _raw(db: Database, *statements: str) -> None:
    with db.engine.begin() as conn:
        for statement in statements:
            conn.execute(text(statement))


def test_a_clean_table_is_checked_in_order(demo: Database) -> None:
    with demo.reading() as s:
        seal = seals.TableSeal(seals.table(TABLE), keys.context(s).key)
        count = s.execute(text(f"SELECT count(*) FROM {TABLE}")).scalar_one()
        assert count > 100  # ids of one, two and three digits: not in the order of their text
        assert _unchanged_rows(s, seal) == count
    assert verify(demo).ok


def _merged(db: Database) -> None:
    """Two rows' seals stored as one, under the id ``98,99`` (sorted as 98): the joined
    texts still agree, only the number of seals differs."""
    if db.dialect != "sqlite":
        pytest.skip("PostgreSQL holds a stored seal to 64 characters")
    _raw(db, f"INSERT INTO record_seals (table_name, row_id, row_hash) SELECT '{TABLE}', "
             f"'98,99', {_seal_of('98')} || ',' || {_seal_of('99')}",
         f"DELETE FROM record_seals WHERE table_name = '{TABLE}' AND row_id IN ('98', '99')")


def _swapped(db: Database) -> None:
    _raw(db, *(f"UPDATE record_seals SET row_id = '{new}' WHERE table_name = '{TABLE}' "
               f"AND row_id = '{old}'" for old, new in [("3", "x"), ("4", "3"), ("x", "4")]))


def _renamed(db: Database) -> None:
    _raw(db, f"UPDATE record_seals SET row_id = '05' WHERE table_name = '{TABLE}' "
             "AND row_id = '5'")


def _extra_after_the_last(db: Database) -> None:
    _raw(db, f"INSERT INTO record_seals (table_name, row_id, row_hash) SELECT '{TABLE}', "
             f"'100000', {_seal_of('7')}")


def _last_row_deleted(db: Database) -> None:
    _raw(db, f"DELETE FROM {TABLE} WHERE id = (SELECT max(id) FROM {TABLE})")


def _last_seal_deleted(db: Database) -> None:
    _raw(db, f"DELETE FROM record_seals WHERE table_name = '{TABLE}' AND row_id = "
             f"(SELECT CAST(max(id) AS VARCHAR(80)) FROM {TABLE})")


def _changed(db: Database) -> None:
    _raw(db, f"UPDATE {TABLE} SET title = 'Chief' WHERE id = 150")


TAMPERS: dict[str, tuple[Callable[[Database], None], int]] = {
    "merged": (_merged, 3), "swapped": (_swapped, 2), "renamed": (_renamed, 2),
    "extra after the last": (_extra_after_the_last, 1),
    "last row deleted": (_last_row_deleted, 1), "last seal deleted": (_last_seal_deleted, 1),
    "changed": (_changed, 1),
}


@pytest.mark.parametrize("tamper", TAMPERS)
def test_tampered_seals_are_named_as_row_by_row(demo: Database, tamper: str) -> None:
    change, expected = TAMPERS[tamper]
    change(demo)
    with demo.reading() as s:
        seal = seals.TableSeal(seals.table(TABLE), keys.context(s).key)
        assert _unchanged_rows(s, seal) is None
        reference = IntegrityReport()
        _check_table(s, reference, seal)
    report = verify(demo)
    named = sorted((f.table, f.row_id, f.message) for f in report.findings)
    assert named == sorted((f.table, f.row_id, f.message) for f in reference.findings)
    assert len(named) == expected, named
    if tamper == "merged":
        assert [(rid, msg.rsplit(" was ", 1)[1]) for _t, rid, msg in named] == [
            ("98", "added outside LicenseApp"), ("98,99", "deleted outside LicenseApp"),
            ("99", "added outside LicenseApp")]


def test_plain_text_is_what_json_writes_as_it_is() -> None:
    from json.encoder import encode_basestring

    from licenseapp.store.seal_text import plain_text

    for code in [*range(0x3000), 0x10FFFF]:
        char = chr(code)
        assert plain_text(["a", char, "b"]) == (encode_basestring(char) == f'"{char}"'), code
    # not text, or not UTF-8 (a lone surrogate): written value by value
    assert not plain_text(["a", None]) and not plain_text(["a", b"b"])
    assert not plain_text(["a", "\ud800"])
