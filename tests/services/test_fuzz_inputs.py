"""Property-based tests over the files a user hands the product: a backup archive damaged
anywhere, and any bytes under any name as an attachment. Whatever the input, the answer is a
result or one clear refusal (LicenseAppError), never an internal error, and a refused input
leaves the database as it was."""

from __future__ import annotations

import itertools
import tempfile
from pathlib import Path

import pytest
from factories import make_application
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import text

from licenseapp.errors import LicenseAppError
from licenseapp.services.output.attachments import attach
from licenseapp.services.safety.backup import backup
from licenseapp.services.safety.integrity import verify
from licenseapp.services.safety.restore import restore
from licenseapp.store.database import Database, open_database

_WORK = Path(tempfile.mkdtemp(prefix="licenseapp-fuzz-"))
_COUNTER = itertools.count()


def _archive() -> bytes:
    """One valid backup of a small database, made once."""
    path = _WORK / "good.zip"
    if not path.exists():
        source = open_database(str(_WORK / "source.db"))
        try:
            make_application(source, status="draft")
            make_application(source, "LA-2026-0002", given="Алексей", family="Смирнов",
                             native="Алексей Смирнов", citizenship="RU")
            backup(source, path)
        finally:
            source.dispose()
    return path.read_bytes()


def _rows(db: Database) -> int:
    with db.engine.connect() as conn:
        return sum(int(conn.execute(text(f"SELECT count(*) FROM {t}")).scalar() or 0)
                   for t in ("people", "applications", "organizations", "audit_entries"))


damage = st.one_of(
    st.tuples(st.just("truncate"), st.floats(0, 1)),
    st.tuples(st.just("flip"), st.floats(0, 1), st.integers(1, 255)),
    st.tuples(st.just("insert"), st.floats(0, 1), st.binary(min_size=1, max_size=64)),
)


@pytest.mark.slow
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(damage)
def test_a_damaged_backup_restores_whole_or_is_refused_in_one_sentence(
        how: tuple[object, ...]) -> None:
    data = bytearray(_archive())
    at = int(float(how[1]) * (len(data) - 1))  # type: ignore[arg-type]
    if how[0] == "truncate":
        del data[at:]
    elif how[0] == "flip":
        data[at] ^= int(how[2])  # type: ignore[call-overload]
    else:
        data[at:at] = how[2]  # type: ignore[index]
    n = next(_COUNTER)
    source = _WORK / f"damaged-{n}.zip"
    source.write_bytes(bytes(data))
    target = open_database(str(_WORK / f"target-{n}.db"))
    try:
        try:
            result = restore(target, source)
        except LicenseAppError as exc:
            assert "\n" not in exc.message and exc.message
            assert _rows(target) == 0  # nothing half restored
        else:
            assert result.verified, result  # a damage the archive did not notice: harmless
    finally:
        target.dispose()


@pytest.mark.slow
@settings(max_examples=80, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(content=st.one_of(
    st.binary(max_size=2048),
    st.builds(lambda tail: b"%PDF-1.7\n" + tail, st.binary(max_size=2048)),
    st.builds(lambda tail: b"\x89PNG\r\n\x1a\n" + tail, st.binary(max_size=512))),
    name=st.text(min_size=1, max_size=80))
def test_any_bytes_under_any_name_are_attached_or_refused(db: Database, content: bytes,
                                                         name: str) -> None:
    with db.reading() as s:
        if not s.execute(text("SELECT count(*) FROM applications")).scalar():
            make_application(db, status="draft")
    before = _rows(db)
    try:
        view = attach(db, "LA-2026-0001", content, "other", file_name=name)
    except LicenseAppError as exc:
        assert exc.message and "\n" not in exc.message
        assert _rows(db) == before
    else:
        assert view.size == len(content)
    assert verify(db).ok
