"""``check`` on the command line does not flatter (issue #16 point 3): each case with its
citation, run as a user runs it (a subprocess), on the database under test."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
from factories import make_application

from licenseapp.store.database import Database, open_database
from licenseapp.store.models import Application, Person, PersonDocument, ResumeEntry

GUIDELINES = "BIS deemed export licensing guidelines (September 2024)"
O2 = "Supp. 2 to 15 CFR Part 748, paragraph (o)(2)"
KEYWORD_LOE = (
    "Northwind Frontier AI, Inc. and Zhang: the project is located at our office. The "
    "technology is software. The release is by access. It is used for research. The scope is "
    "limited. Comparable technology is not available abroad."
)


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "licenseapp", *args], capture_output=True,
                          text=True, timeout=300, env=dict(os.environ))


def _person(db: Database, ref: str, status: str, *kinds: str) -> None:
    """The application's person: ``status`` and documents of ``kinds`` (plus a passport)."""
    with db.unit_of_work() as s:
        app = s.query(Application).filter_by(ref=ref).one()
        person = s.get(Person, app.person_id)
        assert person is not None
        person.immigration_status = status
        person.documents = [
            PersonDocument(kind=kind, number=f"N{n:08d}", issuing_country="US",
                           expires_on=date(2030, 1, 1))
            for n, kind in enumerate(("passport", *kinds))]


@pytest.fixture(scope="module")
def refs(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, dict[str, str]]]:
    from dbsupport import postgres_url, reset_postgres

    url = postgres_url()
    if url:
        reset_postgres(url)
    target = url or str(tmp_path_factory.mktemp("check") / "check.db")
    db = open_database(target)
    try:
        cases = {name: f"LA-2026-{n:04d}" for n, name in enumerate(
            ("template", "keywords", "visitor", "student", "resident", "uk"), start=1)}
        for name, ref in cases.items():
            make_application(db, ref, regulator="ECJU" if name == "uk" else "BIS")
        _person(db, cases["template"], "j1", "visa", "i94")
        _person(db, cases["keywords"], "h1b", "visa", "i94")
        _person(db, cases["visitor"], "b1b2", "visa", "i94")
        _person(db, cases["student"], "f1", "visa", "i94")
        _person(db, cases["resident"], "lpr")
        with db.unit_of_work() as s:
            rows = {a.ref: a for a in s.query(Application)}
            rows[cases["keywords"]].loe_text = KEYWORD_LOE
            rows[cases["keywords"]].tcp_text = "Access is limited by badge."
            rows[cases["template"]].additional_info = "Prior licenses: TBD."
            rows[cases["template"]].form_values = {"b11": "D" * 260}
            rows[cases["uk"]].end_use = "Transfer of radar software. " * 90  # 2,520 characters
            person = s.get(Person, rows[cases["template"]].person_id)
            assert person is not None
            person.resume = [
                ResumeEntry(kind="education", organization="Tsinghua University",
                            start_year=2008, start_month=9, end_year=2012, end_month=6),
                ResumeEntry(kind="employment", organization="Northwind Frontier AI, Inc.",
                            location="100 Market St, San Jose, CA", title="Scientist",
                            start_year=2012, start_month=7)]
    finally:
        db.dispose()
    yield target, cases


def _check(target: str, ref: str) -> tuple[int, list[dict[str, Any]]]:
    done = run("--db", target, "check", ref, "--json")
    assert "Traceback" not in done.stderr
    return done.returncode, json.loads(done.stdout)


def _found(findings: list[dict[str, Any]], rule: str, needle: str = "") -> dict[str, Any]:
    hits = [f for f in findings if f["rule"] == rule and needle in f["message"]]
    assert hits, [(f["rule"], f["message"]) for f in findings]
    return hits[0]


def test_the_shipped_letter_filled_and_saved_is_refused_for_its_unfilled_parts(
        refs: tuple[str, dict[str, str]]) -> None:
    target, cases = refs
    saved = run("--db", target, "letter", cases["template"], "--save")
    assert saved.returncode == 0, saved.stderr
    code, findings = _check(target, cases["template"])
    assert code == 1
    left = _found(findings, "template-text", "[Describe whether")
    assert (left["severity"], left["target"]) == ("error", "application.loe_text")
    assert left["source"].startswith("LicenseApp templates")
    tbd = _found(findings, "template-text", "TBD")
    assert (tbd["severity"], tbd["target"]) == ("error", "application.additional_info")
    text = run("--db", target, "check", cases["template"]).stdout
    assert "[error]" in text and "Describe whether" in text


def test_status_documents_and_resume_details(refs: tuple[str, dict[str, str]]) -> None:
    target, cases = refs
    _, findings = _check(target, cases["template"])
    ds2019 = _found(findings, "document-missing", "DS-2019")  # a J-1 with an I-94 only
    assert (ds2019["severity"], ds2019["source"]) == ("error", GUIDELINES)
    school = _found(findings, "resume-detail", "Tsinghua University")
    assert school["severity"] == "error" and "no address or degree" in school["message"]
    assert school["source"] == f"{GUIDELINES}: résumé"
    job = _found(findings, "resume-detail", "Northwind")
    assert "no duties" in job["message"]
    long = _found(findings, "entry-too-long")
    assert long["severity"] == "warning" and long["source"].startswith("LicenseApp")


def test_a_keyword_letter_is_refused_element_by_element(
        refs: tuple[str, dict[str, str]]) -> None:
    target, cases = refs
    code, findings = _check(target, cases["keywords"])
    assert code == 1
    elements = [f for f in findings if f["rule"] == "loe-element"]
    assert {f["message"].split(" ")[0] for f in elements} >= {
        "(ii)", "(iii)", "(iv)", "(v)", "(vi)", "(vii)"}
    assert all(f["severity"] == "error" and f["source"] == O2 for f in elements)
    abroad = _found(findings, "loe-element", "(vii)")
    assert "available in China" in abroad["message"]
    i797 = _found(findings, "document-missing", "I-797")  # an I-94 is not a work authorization
    assert i797["severity"] == "error"
    plan = [f for f in findings if f["rule"] == "tcp-element"]
    assert plan and all(f["severity"] == "warning" for f in plan)
    assert all(f["source"] == f"{GUIDELINES}: technology control plan" for f in plan)


def test_a_visitor_is_warned_and_a_student_asked_for_the_i20(
        refs: tuple[str, dict[str, str]]) -> None:
    target, cases = refs
    _, visitor = _check(target, cases["visitor"])
    warned = _found(visitor, "no-work-authorization")
    assert warned["severity"] == "warning" and "B-1/B-2" in warned["message"]
    assert not [f for f in visitor if f["rule"] == "document-missing"]
    _, student = _check(target, cases["student"])
    assert _found(student, "document-missing", "I-20")["severity"] == "error"
    assert _found(student, "document-missing", "EAD")["severity"] == "warning"


def test_a_permanent_resident_shows_the_green_card(refs: tuple[str, dict[str, str]]) -> None:
    target, cases = refs
    _, findings = _check(target, cases["resident"])
    card = _found(findings, "document-missing", "green card (Form I-551)")
    assert (card["severity"], card["source"]) == ("error", GUIDELINES)
    assert not [f for f in findings if f["rule"] == "document-missing" and "visa" in f["field"]]


def test_the_forms_own_limit_is_an_error_citing_it(refs: tuple[str, dict[str, str]]) -> None:
    target, cases = refs
    _, findings = _check(target, cases["uk"])
    over = _found(findings, "entry-over-form-limit", "at most 2200")
    assert over["severity"] == "error" and "lite-api" in over["source"]
    assert over["target"] == "application.end_use"
