"""Applications drafted for a directive say so (#14, point 8): block 24 and the letter of
explanation cite the directive, a permanent resident is described as a lawful permanent
resident (never "a foreign national"), and the packet prints the recorded justification."""

from __future__ import annotations

import shutil
import subprocess
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from licenseapp import paths
from licenseapp.demo.dataset import generate_demo
from licenseapp.domain.rules import clear_cache, shipped_rulesets_dir
from licenseapp.services.drafts.bulk_drafts import draft_bulk
from licenseapp.services.output.packets import build_packet
from licenseapp.store.database import Database
from licenseapp.store.models import Application, Person

DIRECTIVE = "ai-access-directive-2026"
ON = date(2026, 11, 27)
NOW = datetime(2026, 11, 27, 18, 0, tzinfo=UTC)
CITATION = "91 Fed. Reg. 81234 (Nov. 20, 2026)"


@pytest.fixture
def demo(db: Database) -> Database:
    """The demo data, with the directive's real citation entered by the user."""
    text = (shipped_rulesets_dir() / f"{DIRECTIVE}.json").read_text(encoding="utf-8")
    marker = '"cite": "Directive on Frontier AI Model Access (2026)"'
    assert marker in text
    folder = paths.user_rulesets_dir()
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{DIRECTIVE}.json").write_text(
        text.replace(marker, f'"cite": "{CITATION}"', 1), encoding="utf-8")
    clear_cache()
    generate_demo(db)
    yield db
    clear_cache()


def _pdf_text(pdf: bytes, tmp_path: Path) -> str:
    path = tmp_path / "packet.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, check=True,
                         text=True).stdout
    return " ".join(out.split())


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext is not installed")
def test_drafts_for_a_directive_cite_it_and_call_a_green_card_holder_what_they_are(
        demo: Database, tmp_path: Path) -> None:
    result = draft_bulk(demo, DIRECTIVE, on=ON, now=NOW)
    refs = [d.ref for d in result.drafts]
    assert refs
    with demo.reading() as session:
        rows = session.execute(
            select(Application, Person.immigration_status)
            .join(Person, Person.id == Application.person_id)
            .where(Application.ref.in_(refs))).all()
    statuses = {status for _app, status in rows}
    assert "lpr" in statuses, statuses  # the demo has green-card holders the directive reaches
    for app, status in rows:
        assert app.additional_info.startswith(
            f"Legal basis: Directive on Frontier AI Model Access (2026) ({CITATION}")
        assert CITATION in app.justification and CITATION in app.loe_text
        assert app.justification in app.additional_info  # block 24 carries the justification
        if status == "lpr":
            assert "Lawful permanent resident: " in app.additional_info
            assert "lawful permanent residents included" in app.justification
            assert "lawful permanent resident" in app.loe_text.lower()
            assert "foreign national" not in (app.additional_info + app.loe_text).lower()
        else:
            assert "Foreign national: " in app.additional_info
    lpr = next(app.ref for app, status in rows if status == "lpr")
    text = _pdf_text(build_packet(demo, lpr), tmp_path)
    assert "The license is sought because: Directive on Frontier AI Model Access (2026) " \
           f"({CITATION}; in force from 2026-11-20) requires an individual license, lawful " \
           "permanent residents included," in text
    assert "a lawful permanent resident of the United States and a national of" in text
    assert "controlled technology to a lawful permanent resident (BIS-748P)" in text


def test_the_built_in_letter_cites_the_directive_and_names_a_permanent_resident() -> None:
    from licenseapp.services.drafts.draft_texts import (
        DirectiveFacts,
        ItemForDraft,
        OrgFacts,
        PersonFactsForDraft,
        draft_texts,
    )

    org = OrgFacts(1, "Northwind Frontier AI, Inc.", "1 Main St", "San Jose", "CA", "95110",
                   "US", "", "Dana Whitfield", "Empowered Official", "", "")
    person = PersonFactsForDraft(1, "Priya Raman", "", ("IN",), "lpr", None, "IN",
                                 "Research engineer", "Trains models.", "Ann Lee", "")
    items = (ItemForDraft(1, "Mythos 5", "4E091", "", ""),)
    texts = draft_texts(person, org, items,
                        DirectiveFacts(DIRECTIVE, "Directive on Frontier AI Model Access (2026)",
                                       date(2026, 11, 20), CITATION), ON)
    assert "the lawful permanent resident Priya Raman, a citizen of India" in texts.loe_text
    assert f"({CITATION}; in force from 2026-11-20)" in texts.loe_text
    assert texts.loe_text.count(CITATION) == 1  # the template cites it: nothing appended
    assert texts.additional_info.splitlines()[1].startswith("Lawful permanent resident: ")
    assert "foreign national" not in (texts.loe_text + texts.additional_info).lower()


def test_the_already_required_are_drafted_under_the_rule_that_required_them(
        demo: Database) -> None:
    from licenseapp.services.directive.impact import ALREADY_REQUIRED, GROUPS, impact

    report = impact(demo, DIRECTIVE, ON)
    already = {p.person_ref for p in report.already_required if not p.open_application}
    assert already  # the demo's H-1B holders given the models' parameters, unlicensed
    bases = {p.before_ruleset for p in report.already_required}
    assert "ear-baseline" in bases and None not in bases and DIRECTIVE not in bases
    newly_only = draft_bulk(demo, DIRECTIVE, on=ON, now=NOW, dry_run=True)
    assert not already & {d.person_ref for d in newly_only.drafts}  # not by default
    result = draft_bulk(demo, DIRECTIVE, on=ON, now=NOW, groups=(ALREADY_REQUIRED,))
    assert {d.person_ref for d in result.drafts} == already
    with demo.reading() as session:
        apps = session.execute(select(Application).where(
            Application.ref.in_([d.ref for d in result.drafts]))).scalars().all()
    assert apps and "ear-baseline" in {a.ruleset_id for a in apps}
    assert {a.ruleset_id for a in apps} <= bases
    for app in apps:
        assert app.additional_info.startswith("Legal basis: ")
        assert "Frontier AI Model Access" not in app.additional_info + app.justification
    # every group at once: the undetermined are never drafted for (their facts are missing)
    undetermined = {p.person_ref for p in report.undetermined} - already - {
        p.person_ref for p in report.pairs}
    again = draft_bulk(demo, DIRECTIVE, on=ON, now=NOW, groups=GROUPS, dry_run=True)
    assert not undetermined & {d.person_ref for d in again.drafts}
