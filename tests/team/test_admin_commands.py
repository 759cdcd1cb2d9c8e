"""``licenseapp admin ...`` and ``sign-off`` on the command line (#20, 4 and 5)."""

from __future__ import annotations

import json

import pytest
from factories import make_application
from team_server import empty_team_database

from licenseapp.cli.main import main


def test_a_sqlite_file_is_not_a_team_server(tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["--db", str(tmp_path / "one.db"), "admin", "setup"]) != 0
    err = capsys.readouterr().err
    assert "a team works on a PostgreSQL database; a SQLite file belongs to one person" in err
    assert main(["--db", str(tmp_path / "one.db"), "admin", "add-user", "kim",
                 "--role", "boss"]) != 0
    assert "'boss' is not a role; the roles are viewer, preparer, reviewer, " \
        "empowered_official, administrator" in capsys.readouterr().err


def test_setup_add_user_roles_and_upgrade_on_the_server(capsys) -> None:  # type: ignore[no-untyped-def]
    server = empty_team_database()
    if server is None:
        pytest.skip("needs the PostgreSQL server (LICENSEAPP_TEST_PG_URL)")
    url = server.superuser_url
    assert main(["--db", url, "admin", "setup"]) == 0
    assert "for a team at schema" in capsys.readouterr().out
    assert main(["--db", url, "admin", "add-user", "la_test_cli", "--role",
                 "empowered official"]) == 0
    assert "holds the role empowered official" in capsys.readouterr().out
    assert main(["--db", url, "admin", "roles", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["la_test_cli"] == ["empowered_official"]
    assert main(["--db", url, "admin", "upgrade"]) == 0
    assert "nothing to do" in capsys.readouterr().out
    # A person who is not the administrator is told so, in one line.
    cli_url = server.url_for("la_test_cli")
    assert main(["--db", cli_url, "admin", "add-user", "la_test_x", "--role", "viewer"]) == 2
    assert capsys.readouterr().err.strip() == (
        "licenseapp: error: only the administrator may add people to the team")


def test_sign_off_on_the_command_line(db, db_url: str, capsys) -> None:  # type: ignore[no-untyped-def]
    make_application(db, "LA-2026-0001", status="ready")
    assert main(["--db", db_url, "sign-off", "la-2026-0001", "--note", "Portal checked"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("LA-2026-0001 signed off by tester at ")
    assert "; packet SHA-256 " in out
    assert main(["--db", db_url, "sign-off", "LA-2026-0001"]) == 0  # again: a second sign-off
    make_application(db, "LA-2026-0002", status="draft", given="Olena", family="Kovalenko",
                     native="Олена Коваленко", citizenship="UA")
    assert main(["--db", db_url, "sign-off", "LA-2026-0002"]) == 2
    assert "LA-2026-0002 is not ready to file" in capsys.readouterr().err
