"""``org``, ``item`` and ``access`` as a user types them, on SQLite and PostgreSQL.

Most runs call ``main()`` in this process (fast); one runs the installed command in a
subprocess to hold the one-line error contract end to end."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from typing import Any

import pytest

from licenseapp.cli.main import main


class Cli:
    def __init__(self, url: str, capsys: pytest.CaptureFixture[str]) -> None:
        self.url, self.capsys = url, capsys

    def __call__(self, *args: str) -> tuple[int, str, str]:
        self.capsys.readouterr()
        code = main(["--db", self.url, *args])
        out, err = self.capsys.readouterr()
        return code, out, err

    def ok(self, *args: str) -> str:
        code, out, err = self(*args)
        assert code == 0, err
        return out

    def json(self, *args: str) -> Any:
        return json.loads(self.ok(*args, "--json"))

    def error(self, *args: str) -> str:
        code, _out, err = self(*args)
        assert code != 0
        assert "Traceback" not in err
        lines = err.strip().splitlines()
        assert len(lines) == 1, err
        assert lines[0].startswith("licenseapp: error: ")
        return lines[0]


@pytest.fixture
def cli(db_url: str, capsys: pytest.CaptureFixture[str]) -> Cli:
    run = Cli(db_url, capsys)
    run.ok("init")
    return run


def _person(url: str, given: str = "Wei", family: str = "Zhang",
            email: str = "wei.zhang@frontier.example", country: str = "CN") -> str:
    from datetime import date

    from licenseapp.domain.person_form import CitizenshipForm, PersonForm
    from licenseapp.services.catalog.people import save_person
    from licenseapp.store.database import open_database

    db = open_database(url)
    try:
        return save_person(db, PersonForm(given_name=given, family_name=family, email=email,
                                          citizenships=(CitizenshipForm(country),)),
                           today=date(2026, 11, 27)).ref
    finally:
        db.dispose()


def test_organizations_are_added_listed_and_edited(cli: Cli) -> None:
    out = cli.ok("org", "add", "--legal-name", "Frontier Models, Inc.", "--city",
                 "San Francisco", "--state", "CA", "--country", "us", "--ein", "12-3456789",
                 "--snapr-cin", "c123456", "--signatory-name", "Ada Byron",
                 "--signatory-title", "Export Compliance Officer")
    assert "Added organization #1: Frontier Models, Inc." in out
    assert "--legal-name: " in cli.error("org", "add", "--legal-name", "FRONTIER MODELS, INC.")
    line = cli.error("org", "add", "--legal-name", "X", "--country", "ZZ", "--ein", "12")
    assert "--country: " in line and "--ein: an EIN is nine digits" in line
    cli.ok("org", "edit", "frontier models, inc.", "--city", "Oakland")
    cli.ok("org", "edit", "1", "--contact-email", "exports@frontier.example")
    [org] = cli.json("org", "list")
    assert (org["legal_name"], org["city"], org["country"], org["signatory_name"]) == (
        "Frontier Models, Inc.", "Oakland", "US", "Ada Byron")
    assert "no organization 'Acme'" in cli.error("org", "edit", "Acme", "--city", "X")
    assert "nothing to change" in cli.error("org", "edit", "1")
    assert "Frontier Models, Inc." in cli.ok("org", "list")


def test_items_are_added_edited_retired_and_reinstated(cli: Cli) -> None:
    out = cli.ok("item", "add", "--name", "Mythos 5", "--kind", "ai_model", "--modes",
                 "parameters,use,fine_tuning", "--classification", "4E091")
    assert "Added item ITM-001 Mythos 5" in out and "reasons RS, AT1" in out
    cli.ok("item", "add", "--name", "Radar T/R data", "--kind", "technical-data", "--regime",
           "itar", "--classification", "xi(d)")
    cli.ok("item", "add", "--name", "Naval radar technology", "--kind", "technology",
           "--regime", "UK", "--classification", "ML22.a")
    line = cli.error("item", "add", "--name", "GaN", "--kind", "technology", "--modes", "use",
                     "--classification", "4E999")
    assert "--modes: only an AI model has access modes" in line
    assert "--classification: 4E999 is not on the Commerce Control List" in line
    assert "--modes: an AI model is offered in at least one" in cli.error(
        "item", "add", "--name", "Fable", "--kind", "AI model", "--classification", "4E091")
    assert "--kind: 'widget' is not a kind" in cli.error(
        "item", "add", "--name", "W", "--kind", "widget", "--classification", "EAR99")
    assert "--name: ITM-001 is already called 'Mythos 5'" in cli.error(
        "item", "add", "--name", "mythos 5", "--kind", "technology", "--classification",
        "EAR99")
    items = cli.json("item", "list")
    assert [(i["ref"], i["kind"], i["classification"]) for i in items] == [
        ("ITM-001", "ai_model_access", "4E091"), ("ITM-002", "technical_data", "USML XI(d)"),
        ("ITM-003", "technology", "ML22.a")]
    assert items[0]["access_modes"] == ["parameters", "use", "fine_tuning"]
    out = cli.ok("item", "edit", "mythos 5", "--modes", "parameters, use", "--ccats",
                 "g195530")
    assert "(version 2)" in out
    assert cli.json("item", "list")[0]["ccats"] == "G195530"
    assert "--classification: 'XXV' is not a USML category" in cli.error(
        "item", "edit", "ITM-002", "--classification", "XXV")
    out = cli.ok("item", "edit", "ITM-001", "--kind", "technology")  # modes go with the kind
    assert "AI model" not in out
    assert "--reason: say why" in cli.error("item", "retire", "ITM-003", "--reason", " ")
    assert "Retired ITM-003" in cli.ok("item", "retire", "ITM-003", "--reason", "Project over")
    assert [i["ref"] for i in cli.json("item", "list")] == ["ITM-001", "ITM-002"]
    every = cli.json("item", "list", "--all")
    assert every[2]["retired"] and every[2]["retired_reason"] == "Project over"
    assert "Reinstated ITM-003" in cli.ok("item", "reinstate", "Naval radar technology")
    assert "no controlled item 'ITM-404'" in cli.error("item", "edit", "ITM-404", "--name", "x")


def test_access_is_granted_per_mode_revoked_and_listed(cli: Cli) -> None:
    cli.ok("item", "add", "--name", "Mythos 5", "--kind", "AI model", "--modes",
           "parameters,use", "--classification", "4E091")
    cli.ok("item", "add", "--name", "Radar data", "--kind", "technical_data", "--regime",
           "ITAR", "--classification", "XI(d)")
    ref = _person(cli.url)
    assert ref == "P-0001"
    assert "--mode: Mythos 5 is an AI model: choose the access mode" in cli.error(
        "access", "grant", "P-0001", "Mythos 5")
    assert "--mode: Mythos 5 is not offered for fine-tuning" in cli.error(
        "access", "grant", "P-0001", "ITM-001", "--mode", "fine-tuning")
    assert "--mode: Radar data is technical data, not an AI model" in cli.error(
        "access", "grant", "P-0001", "ITM-002", "--mode", "use")
    assert "--since: '2026-13-01' is not a date" in cli.error(
        "access", "grant", "P-0001", "ITM-002", "--since", "2026-13-01")
    assert "no person 'P-0009'" in cli.error("access", "grant", "P-0009", "ITM-002")
    out = cli.ok("access", "grant", "p-0001", "itm-001", "--mode", "parameters", "--since",
                 "2026-03-01")
    assert out.startswith("Granted: Wei Zhang (P-0001) → Mythos 5 (ITM-001) (parameters)")
    assert out.startswith("Unchanged") is False
    assert cli.ok("access", "grant", "P-0001", "ITM-001", "--mode", "parameters").startswith(
        "Unchanged:")
    assert cli.ok("access", "grant", "WEI.ZHANG@frontier.example", "ITM-001", "--mode", "use",
                  "--requested").startswith("Requested:")
    cli.ok("access", "grant", "P-0001", "Radar data")
    records = cli.json("access", "list")
    assert [(r["item_ref"], r["mode"], r["state"], r["since"]) for r in records][:2] == [
        ("ITM-001", "parameters", "active", "2026-03-01"),
        ("ITM-001", "use", "requested", records[1]["since"])]
    assert records[2]["mode"] is None
    out = cli.ok("access", "revoke", "P-0001", "ITM-001", "--mode", "use", "--reason",
                 "Not needed")
    assert out.startswith("Revoked:") and "(use)" in out
    out = cli.ok("access", "revoke", "P-0001", "Mythos 5", "--reason", "Left the project")
    assert "Revoked: " in out and "Already revoked: " in out
    assert "has no access record" in cli.error("access", "revoke", "P-0001", "ITM-001",
                                               "--mode", "fine_tuning")
    mine = cli.json("access", "list", "--item", "Mythos 5")
    assert {r["state"] for r in mine} == {"revoked"}
    assert mine[0]["suspended_reason"] == "Left the project"
    assert cli.ok("access", "grant", "P-0001", "ITM-001", "--mode", "parameters").startswith(
        "Now active (was revoked)")
    table = cli.ok("access", "list", "--person", "P-0001")
    assert "3 access record(s)" in table and "Left the project" not in table.split("\n")[2]
    cli.ok("item", "retire", "ITM-002", "--reason", "Program closed")
    assert cli.error("access", "grant", "P-0001", "ITM-002", "--requested").endswith(
        "ITM-002 Radar data is retired; it takes no new access (reinstate it first)")


def test_determine_reads_an_item_added_on_the_command_line(cli: Cli) -> None:
    cli.ok("item", "add", "--name", "Mythos 5", "--kind", "ai-model", "--modes",
           "parameters", "--classification", "4e091")
    doc = cli.json("determine", "--item", "ITM-001", "--citizenship", "CN", "--date",
                   "2026-11-27")
    assert doc["license_required"] is True and doc["eccn"] == "4E091"
    by_name = cli.json("determine", "--item", "mythos 5", "--citizenship", "CN", "--date",
                       "2026-11-27")
    assert by_name["license_required"] is True


def test_a_refused_command_prints_one_line_from_the_installed_command(db_url: str) -> None:
    env = {**os.environ}

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "licenseapp", "--db", db_url, *args],
                              capture_output=True, text=True, timeout=300, env=env)

    assert run("init").returncode == 0
    result = run("item", "add", "--name", "Mythos 5", "--kind", "ai_model", "--classification",
                 "4E091")
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stderr.strip().splitlines() == [
        "licenseapp: error: --modes: an AI model is offered in at least one access mode: "
        "parameters (the weights), use (inference) or fine-tuning; choose the ones offered"]
    ok = run("item", "add", "--name", "Mythos 5", "--kind", "ai_model", "--modes", "use",
             "--classification", "4E091")
    assert ok.returncode == 0 and "ITM-001" in ok.stdout
