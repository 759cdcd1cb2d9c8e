"""A directive one officer enters is in force for every colleague on the same database
(#14 with #20): the rule set is stored there with its content, and each colleague's app
reads the rule sets it lacks from it; a colleague's own file of the same id wins, the
shipped ones are never replaced, and an id that is not a plain file name is never written."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from directive_population import populate

from licenseapp.services.catalog.team_rulesets import team_rulesets_dir
from licenseapp.services.directive.impact import impact
from licenseapp.services.directive.new_directive import new_directive
from licenseapp.services.directive.rulesets import available_rulesets, import_ruleset
from licenseapp.store.database import Database
from licenseapp.store.models import RuleSetVersion

ON = date(2026, 12, 1)
ORDER = {"title": "Directive on model use by Country Group D:5 nationals",
         "authority": "U.S. Department of Commerce, Bureau of Industry and Security",
         "citation": "91 FR 70001 (Dec. 1, 2026)", "eccns": ["4E091"],
         "modes": ["use"], "country_groups": "D:5", "requires": "prohibited",
         "effective_from": "2026-12-01"}


def test_a_colleagues_directive_reaches_everyone_on_the_database(
        db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    populate(db, 10, 3)
    monkeypatch.setenv("LICENSEAPP_DATA_DIR", str(tmp_path / "alice"))
    made = new_directive(db, dict(ORDER), name="the form")
    rid = made.imported.ruleset.id
    alices = impact(db, rid, ON)
    assert alices.must_stop()

    monkeypatch.setenv("LICENSEAPP_DATA_DIR", str(tmp_path / "bob"))  # Bob's own computer
    assert rid not in {r.id for r in available_rulesets()}  # not in his folders
    seen = {r.id: r for r in available_rulesets(db)}
    assert seen[rid].team and not seen[rid].user_file
    assert Path(seen[rid].source).parent == team_rulesets_dir(db)
    assert str(team_rulesets_dir(db)).startswith(str(tmp_path / "bob"))
    bobs = impact(db, rid, ON)  # the same directive, the same accesses to stop
    assert [(p.person_ref, p.item_ref, p.mode) for p in bobs.must_stop()] == [
        (p.person_ref, p.item_ref, p.mode) for p in alices.must_stop()]
    # only what he lacks: the shipped rule sets stay the program's
    assert {p.stem for p in team_rulesets_dir(db).glob("*.json")} == {rid}

    # Bob's own file of the same id wins over the team's copy, which is then removed
    own = json.loads(Path(seen[rid].source).read_text("utf-8"))
    own["title"] = "Bob's reading of the directive"
    mine = tmp_path / "mine.json"
    mine.write_text(json.dumps(own), encoding="utf-8")
    import_ruleset(mine)
    again = {r.id: r for r in available_rulesets(db)}
    assert again[rid].user_file and again[rid].title == "Bob's reading of the directive"
    assert not list(team_rulesets_dir(db).glob("*.json"))


def test_an_id_that_is_not_a_file_name_is_never_written(
        db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LICENSEAPP_DATA_DIR", str(tmp_path / "data"))
    with db.unit_of_work() as session:  # as written outside the app
        session.add(RuleSetVersion(ruleset_id="../escape", version_no=1, declared_version="1",
                                   title="x", sha256="0" * 64, source_name="x.json",
                                   content="{}", recorded_by="someone"))
    ids = {r.id for r in available_rulesets(db)}
    assert "../escape" not in ids
    assert not (tmp_path / "data" / "escape.json").exists()
    assert not list((tmp_path / "data").rglob("*escape*"))


def test_a_draft_made_by_a_colleague_records_the_teams_directive(
        db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Bob's draft is determined under Alice's directive too, though he has no file of it."""
    from sqlalchemy import select

    from licenseapp.demo.dataset import generate_demo
    from licenseapp.services.drafts.drafting import (
        DraftItem,
        DraftParty,
        NewApplication,
        create_draft,
    )
    from licenseapp.store.models import Application, ControlledItem, StoredDetermination

    generate_demo(db, size=12)
    monkeypatch.setenv("LICENSEAPP_DATA_DIR", str(tmp_path / "alice"))
    rid = new_directive(db, dict(ORDER), name="the form").imported.ruleset.id
    monkeypatch.setenv("LICENSEAPP_DATA_DIR", str(tmp_path / "bob"))
    with db.reading() as s:
        app = s.execute(select(Application).order_by(Application.id)).scalars().first()
        assert app is not None
        org_id, person_id = app.organization_id, app.person_id
        item_id = s.execute(select(ControlledItem.id).where(
            ControlledItem.classification == "4E091")).scalars().first()
    made = create_draft(db, NewApplication(
        organization_id=org_id, regulator="BIS", form="BIS-748P", person_id=person_id,
        items=(DraftItem(item_id, "4E091", "Model weights"),), note="drafted by Bob",
        parties=(DraftParty("applicant", "Northwind Frontier AI, Inc.", country="US",
                            organization_id=org_id),)))
    with db.reading() as s:
        stored = s.execute(select(StoredDetermination.rulesets).where(
            StoredDetermination.application_ref == made.ref)).scalars().all()
    assert stored and all(rid in {r["id"] for r in json.loads(text)} for text in stored)
