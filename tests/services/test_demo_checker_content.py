"""The demo's letters, plans and résumés answer what the checker reads as content (issue #16):
they no longer flatter a keyword checker ('Scope: only what the job requires', 'Not available
abroad'), so no demo application is refused for them; its deliberate problems still are."""

from __future__ import annotations

from collections import Counter
from datetime import date

from sqlalchemy import select

from licenseapp.demo.dataset import DEMO_TODAY, generate_demo
from licenseapp.domain.checker.case_sentences import sentences
from licenseapp.services.drafts.checking import findings_for
from licenseapp.services.output.packets import application_record
from licenseapp.store.database import Database
from licenseapp.store.models import Application

CONTENT_RULES = {"loe-element", "tcp-element", "resume-detail", "template-text",
                 "no-work-authorization"}


def test_demo_texts_answer_each_element_and_its_planted_problems_remain(db: Database) -> None:
    generate_demo(db)
    with db.reading() as s:
        refs = list(s.execute(select(Application.ref)).scalars())
    found: Counter[tuple[str, str]] = Counter()
    today: date = DEMO_TODAY
    for ref in refs:
        for f in findings_for(application_record(db, ref), today):
            found[(f.severity.value, f.rule)] += 1
    assert not {rule for _, rule in found} & CONTENT_RULES, found
    # what the demo plants on purpose is still found (a letter missing, a résumé gap)
    assert found[("error", "loe-missing")] and found[("error", "resume-gap")]


def test_a_company_name_with_inc_is_one_sentence() -> None:
    """"Inc.", "rev." and "U.S." end no sentence: the commitment and the company stay in one."""
    plan = ("TCP NFA-TCP rev. 5 (on file). Northwind Frontier AI, Inc. is committed to complying "
            "with the EAR; its U.S. office is badge-controlled.")
    assert sentences(plan) == [
        "TCP NFA-TCP rev. 5 (on file).",
        "Northwind Frontier AI, Inc. is committed to complying with the EAR;",
        "its U.S. office is badge-controlled."]
