"""``licenseapp settings``: the team's settings as a user lists and changes them, and the
commands that show renewals (``deadlines``, ``show``) reading the window from the database."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
from factories import make_application, make_license

from licenseapp.cli.main import main
from licenseapp.store.database import open_database


def run(url: str, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(["--db", url, *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_list_set_and_list_again(db_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(db_url, capsys, "settings")
    assert code == 0
    assert "License renewal window   renewal_window_days  60 days    default" in out
    assert "apply to everyone using this database" in out

    code, out, _ = run(db_url, capsys, "settings", "set", "renewal-window-days", "90")
    assert code == 0
    assert out.startswith("License renewal window: 60 days → 90 days (recorded by tester;")

    code, out, _ = run(db_url, capsys, "settings", "--json")
    found = json.loads(out)[0]  # the renewal window, declared first
    assert (found["name"], found["value"], found["default"], found["source"],
            found["changed_by"], found["valid"]) == (
        "renewal_window_days", 90, 60, "database", "tester", "from 1 to 365 days")
    code, out, _ = run(db_url, capsys, "settings")
    assert "90 days    database (set by tester, " in out

    code, out, _ = run(db_url, capsys, "settings", "set", "renewal_window_days", "90")
    assert (code, out.strip()) == (0, "License renewal window is already 90 days; nothing "
                                      "changed.")


@pytest.mark.parametrize("args, message", [
    (("renewal_window_days", "0"), "License renewal window must be a whole number from 1 to "
                                   "365 days (0 was given)"),
    (("renewal_window_days", "two months"), "License renewal window must be a whole number "
                                            "from 1 to 365 days (“two months” was given)"),
    (("reminders", "3"), "there is no setting “reminders”; the settings are: "
                         "renewal_window_days, screening_threshold"),
    (("display_name", "Jane"), "Your name in this window is a personal setting, kept by the "
                               "desktop app on each computer; the team settings are: "
                               "renewal_window_days, screening_threshold"),
])
def test_what_cannot_be_set_is_refused_in_one_line(db_url: str, capsys, args, message) -> None:
    code, out, err = run(db_url, capsys, "settings", "set", *args)
    assert (code, out, err) == (2, "", f"licenseapp: error: {message}\n")
    code, out, _ = run(db_url, capsys, "settings", "--json")
    assert json.loads(out)[0]["source"] == "default"


def test_deadlines_and_show_use_the_teams_window(db_url: str, capsys) -> None:
    today = date.today()
    db = open_database(db_url)
    try:
        app_id = make_application(db, "LA-2026-0001", status="approved", visa_expires=None)
        make_license(db, app_id, "D1200001", issued_on=today - timedelta(days=300),
                     expires_on=today + timedelta(days=200))
    finally:
        db.dispose()

    def renewal_due() -> tuple[str, str]:
        _, out, _ = run(db_url, capsys, "deadlines", "--within", "365", "--json")
        [due] = [d["due_on"] for d in json.loads(out) if d["kind"] == "license_renewal"]
        _, out, _ = run(db_url, capsys, "show", "LA-2026-0001", "--json")
        [shown] = [d["due_on"] for d in json.loads(out)["deadlines"]
                   if d["kind"] == "license_renewal"]
        return due, shown

    before = (today + timedelta(days=140)).isoformat()
    assert renewal_due() == (before, before)
    assert run(db_url, capsys, "settings", "set", "renewal_window_days", "120")[0] == 0
    after = (today + timedelta(days=80)).isoformat()
    assert renewal_due() == (after, after)
