"""Migration 0004 (form values): older databases gain the columns without losing a record or a
seal; the values are sealed, survive backups, and a change made behind the app's back shows."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import zipfile
from datetime import UTC, datetime
from pathlib import Path
from types import SimpleNamespace

import pytest
from factories import make_application, make_older_database, seal_as_an_older_version_did
from sqlalchemy import insert, inspect, select, text

from licenseapp.services.drafts.applications import get_application
from licenseapp.services.drafts.draft_editing import load_draft, save_draft
from licenseapp.services.safety.backup import backup
from licenseapp.services.safety.integrity import verify
from licenseapp.services.safety.restore import restore
from licenseapp.store import migrate, seals
from licenseapp.store.database import Database, open_database
from licenseapp.store.engine import make_engine, resolve
from licenseapp.store.models import Application, Base

WHEN = datetime(2026, 1, 5, 9, 30, tzinfo=UTC)


def _at_0003_sealed(location_arg: str) -> None:
    """A database as LicenseApp at schema 0003 left it: an application with an item, every
    row sealed by that version."""
    engine = make_engine(resolve(location_arg))
    tables = Base.metadata.tables
    try:
        migrate.upgrade(engine, "0003_record_seals")
        with engine.begin() as conn:
            conn.execute(insert(tables["organizations"]), [
                {"id": 1, "legal_name": "Acme Ünïcode Labs", "created_at": WHEN,
                 "updated_at": WHEN}])
            conn.execute(insert(tables["people"]), [
                {"id": 1, "ref": "P-0001", "given_name": "Wei", "family_name": "Zhang",
                 "native_name": "张伟", "created_at": WHEN, "updated_at": WHEN}])
            conn.execute(insert(tables["controlled_items"]), [
                {"id": 1, "ref": "ITM-001", "name": "Atlas cluster", "kind": "commodity",
                 "regime": "EAR", "classification": "4A003", "created_at": WHEN,
                 "updated_at": WHEN}])
            conn.execute(insert(tables["applications"]), [
                {"id": 1, "ref": "LA-2026-0001", "organization_id": 1, "regulator_code": "BIS",
                 "form_code": "BIS-748P", "person_id": 1, "status": "draft",
                 "status_changed_at": WHEN, "created_at": WHEN, "updated_at": WHEN}])
            conn.execute(insert(tables["application_items"]), [
                {"id": 1, "application_id": 1, "item_id": 1, "position": 1, "eccn": "4A003"}])
            conn.execute(insert(tables["status_events"]), [
                {"id": 1, "application_id": 1, "from_status": None, "to_status": "draft",
                 "occurred_at": WHEN, "recorded_at": WHEN, "actor": "mchen"}])
        seal_as_an_older_version_did(engine)
    finally:
        engine.dispose()


def _raw(db: Database, table: str) -> list[object]:
    with db.engine.connect() as conn:
        value = conn.execute(text(f"SELECT form_values FROM {table} ORDER BY id")).scalars().all()
    return [json.loads(v) if isinstance(v, str) else v for v in value]


def test_a_sealed_0003_database_upgrades_with_its_seals_intact(db_url: str) -> None:
    _at_0003_sealed(db_url)
    database = open_database(db_url)
    try:
        assert migrate.inspect_engine(database.engine).state is migrate.SchemaState.CURRENT
        for table in ("applications", "application_items"):
            columns = {c["name"] for c in inspect(database.engine).get_columns(table)}
            assert "form_values" in columns
            assert _raw(database, table) == [None]
        report = verify(database)
        assert report.ok, [f.message for f in report.findings]
        assert report.records_checked >= 6  # nothing resealed behind the user's back
        form = load_draft(database, "LA-2026-0001")
        assert form.form_values == () and form.items[0].form_values == ()
        saved = save_draft(database, dataclasses.replace(
            form, form_values=(("b11", "D123456"),),
            items=(dataclasses.replace(form.items[0], form_values=(("b22b", "0.75 WT"),)),)),
            base=form)
        assert saved.form_values == (("b11", "D123456"),)
        assert _raw(database, "applications") == [{"b11": "D123456"}]
        assert _raw(database, "application_items") == [{"b22b": "0.75 WT"}]
        assert verify(database).ok
    finally:
        database.dispose()


def test_an_older_sqlite_file_is_upgraded_backed_up_and_verified(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    make_older_database(str(path))
    database = open_database(str(path))
    try:
        assert verify(database).ok
        assert _raw(database, "applications") == [None]
        assert get_application(database, "LA-2026-0001").form_values == {}
        with database.unit_of_work() as session:  # written by the app: sealed as it goes
            app = session.execute(select(Application)).scalar_one()
            app.form_values = {"b7": "Other"}
        assert load_draft(database, "LA-2026-0001").form_values == (("b7", "Other"),)
        assert verify(database).ok
    finally:
        database.dispose()
    assert len(list(tmp_path.glob("old.db.*.bak"))) == 1


#: Hashes computed by LicenseApp at schema 0003, before the form_values columns existed.
_HASHES_BEFORE_0004 = {
    "applications": "00d7c47fdb81450a1d328bbf303e166e6d5d3c104052b329737a827eec16a286",
    "application_items": "6ed268135c903b24f46d2f299902ddb81ef7f402addffed0a2028f1da0ffb1d8",
}


def _row(table: str, **values: object) -> SimpleNamespace:
    row = dict.fromkeys((c.name for c in seals.table(table).columns), None)
    row.update(values)
    return SimpleNamespace(**row)


def _application_row(**values: object) -> SimpleNamespace:
    return _row(
        "applications", id=7, ref="LA-2026-0007", organization_id=1, regulator_code="BIS",
        form_code="BIS-748P", person_id=3, owner="mchen", status="draft",
        status_changed_at=WHEN, regulator_ref="", transaction_no="", application_type="export",
        special_purpose="Technology", documents_submitted="", end_use="Évaluation 张伟",
        justification="", additional_info="", loe_text="", tcp_text="",
        submitted_on=datetime(2026, 2, 1).date(), packet_sha256="", acknowledged_warnings="",
        version=2, created_at=WHEN, updated_at=datetime(2026, 1, 6, 9, 30, tzinfo=UTC),
        **values)


def test_rows_without_form_values_hash_as_before_the_column_existed() -> None:
    apps = seals.table("applications")
    assert seals.row_hash(apps, _application_row()) == _HASHES_BEFORE_0004["applications"]
    item = _row("application_items", id=4, application_id=7, item_id=2, position=1,
                eccn="4E091", model_number="", ccats="G123456", quantity="", units="",
                unit_price_cents=None, total_price_cents=125000, manufacturer="",
                technical_description="Model weights")
    assert seals.row_hash(seals.table("application_items"), item) == \
        _HASHES_BEFORE_0004["application_items"]
    one = seals.row_hash(apps, _application_row(form_values={"b11": "D1", "b7": "Other"}))
    other = seals.row_hash(apps, _application_row(form_values={"b7": "Other", "b11": "D1"}))
    assert one == other != _HASHES_BEFORE_0004["applications"]  # key order does not matter


@pytest.mark.parametrize("change", ["'{\"b11\": \"X999999\"}'", "NULL"])
def test_a_form_value_changed_outside_the_app_is_found(db: Database, change: str) -> None:
    make_application(db)
    form = load_draft(db, "LA-2026-0001")
    save_draft(db, dataclasses.replace(form, form_values=(("b11", "D123456"),)), base=form)
    assert verify(db).ok
    with db.engine.begin() as conn:
        conn.execute(text(f"UPDATE applications SET form_values = {change}"))
    messages = [f.message for f in verify(db).findings]
    assert messages == ["application LA-2026-0001 (applications #1) was changed outside "
                        "LicenseApp"]


def _source_with_values(path: Path) -> Database:
    database = open_database(str(path))
    make_application(database)
    form = load_draft(database, "LA-2026-0001")
    save_draft(database, dataclasses.replace(
        form, form_values=(("b11", "D123456"), ("b13", "Import certificate CN-42, 2026-01-05")),
        items=(dataclasses.replace(form.items[0], form_values=(("b22b", "1.5 WT"),)),)),
        base=form)
    return database


@pytest.mark.parametrize("kind", ["backup.zip", "backup.db"])
def test_form_values_survive_a_backup(tmp_path: Path, db: Database, kind: str) -> None:
    source = _source_with_values(tmp_path / "source.db")
    try:
        backup(source, tmp_path / kind)
    finally:
        source.dispose()
    result = restore(db, tmp_path / kind)
    assert result.verified, result.problems
    back = load_draft(db, "LA-2026-0001")
    assert back.form_values == (("b11", "D123456"),
                                ("b13", "Import certificate CN-42, 2026-01-05"))
    assert back.items[0].form_values == (("b22b", "1.5 WT"),)


def test_an_archive_from_schema_0003_still_restores(tmp_path: Path, db: Database) -> None:
    """0004 only added nullable columns: an archive written before it restores, NULL there."""
    source = open_database(str(tmp_path / "source.db"))
    try:
        make_application(source)
        backup(source, tmp_path / "new.zip")
    finally:
        source.dispose()
    old = tmp_path / "old.zip"
    with zipfile.ZipFile(tmp_path / "new.zip") as new, zipfile.ZipFile(old, "w") as out:
        manifest = json.loads(new.read("manifest.json"))
        manifest["schema"] = "0003_record_seals"
        for name in new.namelist():
            data = new.read(name)
            table = name.removeprefix("tables/").removesuffix(".jsonl")
            if name.startswith("tables/") and table in ("applications", "application_items"):
                rows = [json.loads(line) for line in data.splitlines()]
                assert all(r.pop("form_values") is None for r in rows)
                data = b"".join(json.dumps(r, ensure_ascii=False, sort_keys=True).encode()
                                + b"\n" for r in rows)
                manifest["tables"][table]["sha256"] = hashlib.sha256(data).hexdigest()
            if name != "manifest.json":
                out.writestr(name, data)
        out.writestr("manifest.json", json.dumps(manifest))
    result = restore(db, old)
    assert result.verified, result.problems
    assert load_draft(db, "LA-2026-0001").form_values == ()
