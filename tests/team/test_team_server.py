"""Done when (#20): on the real server with separate logins, the roles and four eyes hold in
the services and in the server itself, the server records who acted, and clients of the
wrong version are told which version they need."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from factories import complete_for_filing, make_application
from sqlalchemy import Connection, create_engine, text
from sqlalchemy.exc import DBAPIError
from team_server import LOGINS, TeamServer, empty_team_database

from licenseapp.domain.enums import ApplicationStatus as S
from licenseapp.errors import DatabaseError
from licenseapp.services.failures import explain
from licenseapp.services.follow_up.tracking import StatusChange, change_status
from licenseapp.services.safety.integrity import verify
from licenseapp.services.team import administration
from licenseapp.services.team.four_eyes import sign_off
from licenseapp.services.team.permissions import NotPermitted
from licenseapp.store.database import Database, open_database
from licenseapp.store.models import StatusEvent

REF = "LA-2026-0001"


@pytest.fixture
def team() -> Iterator[TeamServer]:
    server = empty_team_database()
    if server is None:
        pytest.skip("needs the PostgreSQL server (LICENSEAPP_TEST_PG_URL)")
    administration.setup(server.superuser_url)
    for login, role in LOGINS.items():
        administration.add_user(server.superuser_url, login, role)
    yield server


def _open(team: TeamServer, login: str) -> Database:
    return open_database(team.url_for(login), upgrade=False, actor="somebody-else")


def _claim_event(conn: Connection, to_status: str, *, claimed_actor: str) -> None:
    """A status event written straight in SQL, as a client that skips every check would."""
    conn.execute(text(
        "INSERT INTO status_events (application_id, kind, from_status, to_status, occurred_at, "
        "recorded_at, actor, note, reference) SELECT id, 'status', status, :to, now(), now(), "
        ":actor, '', '' FROM applications"), {"to": to_status, "actor": claimed_actor})


def _one_revision_back(team: TeamServer) -> None:
    """The database as the previous LicenseApp left it: one revision back."""
    from alembic import command

    from licenseapp.store import migrate

    su = create_engine(team.superuser_url)
    try:
        with su.begin() as conn:
            conn.execute(text("SET ROLE licenseapp_owner"))
            command.downgrade(migrate.alembic_config(conn), "-1")
    finally:
        su.dispose()


def _ready_application(team: TeamServer, by: str = "la_test_prep") -> None:
    db = _open(team, by)
    try:
        make_application(db, REF)
        complete_for_filing(db, REF)
        change_status(db, StatusChange(REF, S.INTERNAL_REVIEW, on=date(2026, 9, 2)))
    finally:
        db.dispose()


def test_a_preparer_cannot_mark_ready_or_submit(team: TeamServer) -> None:
    _ready_application(team)
    db = _open(team, "la_test_prep")
    try:
        assert db.actor == "la_test_prep" and db.identity.team
        with pytest.raises(NotPermitted, match="only a reviewer may mark an application ready"):
            change_status(db, StatusChange(REF, S.READY, acknowledge_warnings=True))
        with pytest.raises(NotPermitted, match="may mark an application submitted"):
            change_status(db, StatusChange(REF, S.SUBMITTED))
        # A client that skips the check is refused by the server all the same.
        with pytest.raises(DBAPIError, match="only a reviewer may mark an application ready"), \
                db.engine.begin() as conn:
            _claim_event(conn, "ready", claimed_actor="la_test_rev")
        with pytest.raises(DBAPIError, match="only by recording the change"), \
                db.engine.begin() as conn:
            conn.execute(text("UPDATE applications SET status = 'ready'"))
    finally:
        db.dispose()


def test_a_reviewer_cannot_approve_their_own_draft(team: TeamServer) -> None:
    _ready_application(team, by="la_test_rev")
    db = _open(team, "la_test_rev")
    try:
        with pytest.raises(NotPermitted, match="a reviewer other than its preparer"):
            change_status(db, StatusChange(REF, S.READY, acknowledge_warnings=True))
        with pytest.raises(DBAPIError, match="a reviewer other than its preparer"), \
                db.engine.begin() as conn:
            _claim_event(conn, "ready", claimed_actor="someone")
    finally:
        db.dispose()
    other = _open(team, "la_test_rev2")
    try:
        done = change_status(other, StatusChange(REF, S.READY, acknowledge_warnings=True))
        assert done.actor == "la_test_rev2"
    finally:
        other.dispose()


def test_submitted_needs_the_officials_sign_off_of_the_packet_filed(team: TeamServer) -> None:
    _ready_application(team)
    reviewer = _open(team, "la_test_rev")
    try:
        change_status(reviewer, StatusChange(REF, S.READY, acknowledge_warnings=True))
        with pytest.raises(NotPermitted, match="needs an empowered official's sign-off"):
            change_status(reviewer, StatusChange(REF, S.SUBMITTED))
        with pytest.raises(NotPermitted, match="only an empowered official may sign off"):
            sign_off(reviewer, REF)
    finally:
        reviewer.dispose()
    official = _open(team, "la_test_eo")
    try:
        signed = sign_off(official, REF, note="Checked against the portal.")
        assert signed.signed_by == "la_test_eo" and len(signed.packet_sha256) == 64
        filed = change_status(official, StatusChange(REF, S.SUBMITTED))
        assert filed.to_status is S.SUBMITTED
        with official.reading() as s:
            events = s.query(StatusEvent).order_by(StatusEvent.id).all()
            assert [(e.kind, e.to_status, e.actor) for e in events][-3:] == [
                ("status", "ready", "la_test_rev"), ("sign_off", "ready", "la_test_eo"),
                ("status", "submitted", "la_test_eo")]
            assert events[-2].reference == signed.packet_sha256
        # verify knows the team's triggers; the chain holds the actors the server wrote.
        findings = verify(official).findings
        assert [f.message for f in findings if f.check in ("trigger", "audit")] == []
    finally:
        official.dispose()


def test_the_actor_is_the_login_whatever_the_client_claims(team: TeamServer) -> None:
    db = _open(team, "la_test_prep")
    try:
        make_application(db, REF)  # the factory writes actor 'tester' on its events
        with db.engine.begin() as conn:
            _claim_event(conn, "internal_review", claimed_actor="the_boss")
            actors = {a for (a,) in conn.execute(text("SELECT actor FROM status_events"))}
            audit = {a for (a,) in conn.execute(text("SELECT DISTINCT actor FROM audit_entries"))}
        assert actors == {"la_test_prep"}
        assert audit <= {"la_test_prep"}
    finally:
        db.dispose()


def test_a_preparers_direct_update_of_a_status_event_is_refused(team: TeamServer) -> None:
    db = _open(team, "la_test_prep")
    try:
        make_application(db, REF)
        for statement in ("UPDATE status_events SET note = 'changed'",
                          "DELETE FROM status_events", "UPDATE audit_entries SET actor = 'x'"):
            with pytest.raises(DBAPIError, match="permission denied") as refused, \
                    db.engine.begin() as conn:
                conn.execute(text(statement))
            assert explain(refused.value) == (  # what the person is told, in one line
                f"the database server refused it (permission denied for table "
                f"{statement.split()[1 if statement.startswith('UPDATE') else 2]}); nothing "
                "was saved. Your login lacks the role for this: ask the administrator if you "
                "need it")
    finally:
        db.dispose()


def test_only_the_administrator_upgrades_and_older_clients_are_told(
        team: TeamServer, tmp_path) -> None:  # type: ignore[no-untyped-def]
    # The database as an older LicenseApp left it: one revision back.
    administration.setup(team.superuser_url)  # re-applying is harmless
    _one_revision_back(team)
    with pytest.raises(DatabaseError, match="only the administrator upgrades it"):
        open_database(team.url_for("la_test_prep"))
    with pytest.raises(NotPermitted, match="only the administrator"):
        administration.upgrade(team.url_for("la_test_rev"), backup_dir=tmp_path)
    done = administration.upgrade(team.url_for("la_test_admin"), backup_dir=tmp_path)
    assert done.backup is not None and done.backup.stat().st_size > 0
    db = open_database(team.url_for("la_test_prep"))
    db.dispose()
    # A newer LicenseApp upgraded it: this one names the version to install.
    su = create_engine(team.superuser_url)
    try:
        with su.begin() as conn:
            conn.execute(text("UPDATE alembic_version SET version_num = '0999_future'"))
            conn.execute(text("UPDATE licenseapp_meta SET value = '9.1' "
                              "WHERE key = 'needs_version'"))
    finally:
        su.dispose()
    with pytest.raises(DatabaseError, match=r"install LicenseApp 9\.1 or later to open it"):
        open_database(team.url_for("la_test_prep"))


def test_without_pg_dump_nothing_is_upgraded(
        team: TeamServer, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    _one_revision_back(team)
    monkeypatch.setattr("shutil.which", lambda _name: None)  # no server tools on this desktop
    with pytest.raises(DatabaseError, match=r"pg_dump is not installed\. Nothing was changed; "
                                            r"install the PostgreSQL client tools"):
        administration.upgrade(team.url_for("la_test_admin"), backup_dir=tmp_path)
    with pytest.raises(DatabaseError, match="only the administrator upgrades it"):
        open_database(team.url_for("la_test_prep"))  # still at the older schema


def test_a_database_one_person_used_is_taken_over_by_the_team() -> None:
    server = empty_team_database()
    if server is None:
        pytest.skip("needs the PostgreSQL server (LICENSEAPP_TEST_PG_URL)")
    alone = open_database(server.superuser_url)  # made by one person, tables their own
    try:
        make_application(alone, REF)
    finally:
        alone.dispose()
    administration.setup(server.superuser_url)
    for login, role in LOGINS.items():
        administration.add_user(server.superuser_url, login, role)
    db = _open(server, "la_test_prep")
    try:
        assert db.identity.team
        change_status(db, StatusChange(REF, S.INTERNAL_REVIEW, on=date(2026, 9, 2)))
        with db.reading() as s:
            assert [e.actor for e in s.query(StatusEvent).order_by(StatusEvent.id)] == [
                "tester", "la_test_prep"]  # the history kept, the new event the login's
    finally:
        db.dispose()
