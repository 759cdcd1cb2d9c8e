"""Team settings live in the database: the default until someone sets one, each change
audited (who, when, old → new) and sealed, a value the setting cannot take refused in words,
and every screen and command that shows a renewal reads the window from there."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from factories import make_application, make_license
from sqlalchemy import select, text

from licenseapp.domain.settings import RENEWAL_WINDOW_DAYS, InvalidSetting
from licenseapp.domain.wall_clock import FixedClock
from licenseapp.errors import ConflictError, NotFoundError
from licenseapp.services.changes import Kind
from licenseapp.services.drafts.applications import get_application
from licenseapp.services.follow_up.deadlines import upcoming_deadlines
from licenseapp.services.follow_up.licenses import list_licenses
from licenseapp.services.safety.integrity import verify
from licenseapp.services.team_settings import (
    change_team_setting,
    read_team_settings,
    team_setting,
)
from licenseapp.store.database import Database
from licenseapp.store.models import AuditEntry

NOW = datetime(2026, 12, 6, 15, 30, tzinfo=UTC)


def _audit(db: Database) -> list[AuditEntry]:
    with db.reading() as session:
        return list(session.execute(
            select(AuditEntry).where(AuditEntry.entity == "team_setting")
            .order_by(AuditEntry.id)).scalars())


def test_a_database_without_a_row_has_the_declared_default(db: Database) -> None:
    assert team_setting(db, RENEWAL_WINDOW_DAYS) == 60
    found = read_team_settings(db)[0]  # the renewal window, declared first
    assert (found.setting, found.value, found.source, found.changed_by) == (
        RENEWAL_WINDOW_DAYS, 60, "default", "")


def test_a_change_is_stored_audited_and_sealed(db: Database) -> None:
    db.clock = FixedClock(NOW)
    result = change_team_setting(db, "renewal_window_days", "90")
    assert (result.before, result.after, result.actor, result.at) == (60, 90, "tester", NOW)
    assert result.describe() == "License renewal window: 60 days → 90 days"
    assert result.changes.touches(Kind.SETTINGS) and result.changes.is_whole(Kind.DEADLINES)
    assert team_setting(db, RENEWAL_WINDOW_DAYS) == 90
    found = read_team_settings(db)[0]  # the renewal window, declared first
    assert (found.value, found.source, found.changed_by, found.changed_at) == (
        90, "database", "tester", NOW)
    [entry] = _audit(db)
    assert (entry.actor, entry.action, entry.entity_id, entry.occurred_at) == (
        "tester", "setting_change", "renewal_window_days", NOW)
    assert entry.summary == "License renewal window: 60 days → 90 days"
    assert '"value":60' in entry.before_json and '"value":90' in entry.after_json
    assert verify(db).ok

    again = change_team_setting(db, "renewal-window-days", 90)  # the same value
    assert not again.changed and not again.changes
    assert len(_audit(db)) == 1


def test_a_value_changed_behind_the_apps_back_is_named_by_verify(db: Database) -> None:
    change_team_setting(db, "renewal_window_days", 90)
    with db.engine.begin() as conn:
        conn.execute(text("UPDATE team_settings SET value = '5'"))
    report = verify(db)
    assert not report.ok
    assert any(f.table == "team_settings" for f in report.findings), report.findings


@pytest.mark.parametrize("value, given", [("0", "0"), ("366", "366"), ("ninety", "“ninety”"),
                                          ("", "“”"), (400, "400")])
def test_a_value_out_of_range_is_refused_in_words(db: Database, value: object,
                                                  given: str) -> None:
    with pytest.raises(InvalidSetting) as refused:
        change_team_setting(db, "renewal_window_days", value)  # type: ignore[arg-type]
    assert refused.value.message == (
        f"License renewal window must be a whole number from 1 to 365 days ({given} was given)")
    assert refused.value.field == "renewal_window_days"
    assert team_setting(db, RENEWAL_WINDOW_DAYS) == 60 and _audit(db) == []


def test_an_unknown_or_personal_setting_is_refused(db: Database) -> None:
    with pytest.raises(NotFoundError, match="no setting “window”; the settings are: "
                                            "renewal_window_days"):
        change_team_setting(db, "window", "90")
    with pytest.raises(NotFoundError, match="Your name in this window is a personal setting"):
        change_team_setting(db, "display_name", "Jane")


def test_a_change_made_meanwhile_is_not_overwritten_unseen(db: Database) -> None:
    change_team_setting(db, "renewal_window_days", 30)  # a colleague, after the dialog opened
    with pytest.raises(ConflictError, match=r"changed to 30 days by tester on .* meanwhile"):
        change_team_setting(db, "renewal_window_days", 90, expected=60)
    assert team_setting(db, RENEWAL_WINDOW_DAYS) == 30


def test_a_stored_value_it_cannot_take_reads_as_the_default_and_says_why(db: Database) -> None:
    change_team_setting(db, "renewal_window_days", 90)
    with db.engine.begin() as conn:
        conn.execute(text("UPDATE team_settings SET value = '9999'"))
    found = read_team_settings(db)[0]  # the renewal window, declared first
    assert (found.value, found.source) == (60, "default")
    assert "9999 was given" in found.problem
    assert change_team_setting(db, "renewal_window_days", 60).changed is False  # same value
    fixed = change_team_setting(db, "renewal_window_days", 45)
    assert fixed.before == 60 and team_setting(db, RENEWAL_WINDOW_DAYS) == 45


def test_deadlines_licenses_and_the_detail_follow_the_team_setting(db: Database) -> None:
    today = date(2026, 12, 6)
    db.clock = FixedClock(NOW)
    app_id = make_application(db, "LA-2026-0001", status="approved", visa_expires=None)
    make_license(db, app_id, "D1200001", issued_on=date(2025, 1, 15),
                 expires_on=today + timedelta(days=80))

    def renewal() -> list[date]:
        return [d.due_on for d in upcoming_deadlines(db, within_days=365)
                if d.kind == "license_renewal"]

    assert renewal() == [today + timedelta(days=20)]
    assert list_licenses(db)[0].state.value == "active"
    change_team_setting(db, "renewal_window_days", 90)
    assert renewal() == [today - timedelta(days=10)]
    assert list_licenses(db)[0].state.value == "expiring"
    detail = get_application(db, "LA-2026-0001")
    assert detail.license is not None and detail.license.state == "expiring"
    assert [d.due_on for d in detail.deadlines if d.kind == "license_renewal"] == [
        today - timedelta(days=10)]
    # A caller may still ask for another window explicitly.
    assert [d.due_on for d in upcoming_deadlines(db, renewal_window_days=30)
            if d.kind == "license_renewal"] == [today + timedelta(days=50)]


@pytest.mark.parametrize("kind", ["backup.zip", "backup.db"])
def test_a_team_setting_survives_backup_and_restore(tmp_path, db: Database, kind: str) -> None:
    from licenseapp.services.safety.backup import backup
    from licenseapp.services.safety.restore import restore
    from licenseapp.store.database import open_database

    source = open_database(str(tmp_path / "source.db"))
    try:
        change_team_setting(source, "renewal_window_days", 90)
        backup(source, tmp_path / kind)
    finally:
        source.dispose()
    result = restore(db, tmp_path / kind)
    assert result.verified, result.problems
    found = read_team_settings(db)[0]  # the renewal window, declared first
    assert (found.value, found.source, found.changed_by) == (90, "database", "tester")


def test_an_archive_written_before_team_settings_restores_with_the_defaults(
    tmp_path, db: Database
) -> None:
    """Archives of schema 0007 have no team_settings table: they restore, its defaults apply."""
    import hashlib
    import json
    import zipfile

    from licenseapp.services.safety.backup import backup
    from licenseapp.services.safety.restore import restore
    from licenseapp.store.database import open_database

    source = open_database(str(tmp_path / "source.db"))
    try:
        make_application(source)
        backup(source, tmp_path / "new.zip")
    finally:
        source.dispose()
    old = tmp_path / "old.zip"
    with zipfile.ZipFile(tmp_path / "new.zip") as new, zipfile.ZipFile(old, "w") as out:
        manifest = json.loads(new.read("manifest.json"))
        manifest["schema"] = "0007_attachment_safety"
        assert manifest["tables"].pop("team_settings") == {
            "rows": 0, "sha256": hashlib.sha256(b"").hexdigest()}
        for name in new.namelist():
            if name not in ("manifest.json", "tables/team_settings.jsonl"):
                out.writestr(name, new.read(name))
        out.writestr("manifest.json", json.dumps(manifest))
    result = restore(db, old)
    assert result.verified, result.problems
    assert team_setting(db, RENEWAL_WINDOW_DAYS) == 60
    assert get_application(db, "LA-2026-0001").row.ref == "LA-2026-0001"
