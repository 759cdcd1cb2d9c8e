"""No finding says its block twice ("block 21 …: the block 21 … says", #18 point 7).

Every rule is provoked on every form (each text blank, vague, holding template text, too
long or off its choices), and each finding as shown — its headline and its fix — names each
block at most once.
"""

from __future__ import annotations

import re
from dataclasses import replace

import pytest
from test_checker import TODAY, complete

from licenseapp.domain.checker import Finding, check
from licenseapp.domain.checker.headline import headline
from licenseapp.domain.forms import form_spec

FORMS = {"BIS-748P": "BIS", "DSP-5": "DDTC", "SIEL": "ECJU"}
BLOCK = re.compile(r"\bblock\s+(\d+[a-z]?(?:\([a-z0-9]+\))?)", re.IGNORECASE)
TEXTS = ("end_use", "justification", "additional_info", "loe_text", "tcp_text")


def _variants(form: str):
    spec = form_spec(form)
    base = replace(complete(), form=form, regulator=FORMS[form])
    yield replace(base, **{t: "" for t in TEXTS}, application_type="",
                  special_purpose="", documents_submitted="")
    vague = "Research on models, including but not limited to weights, etc. and/or such as"
    yield replace(base, **{t: vague for t in TEXTS})
    yield replace(base, **{t: "[Describe whether the model is deployed]" for t in TEXTS})
    recorded = tuple((f.id, "x" * 400) for f in spec.recorded_fields())
    yield replace(base, form_values=recorded)
    odd = tuple((f.id, "perhaps") for f in spec.recorded_fields())
    yield replace(base, form_values=odd)
    yield replace(base, items=tuple(replace(i, eccn="", technical_description="etc.",
                                            form_values=tuple((f.id, "lots")
                                                              for f in spec.recorded_item_fields()))
                                    for i in base.items))


def _findings() -> list[Finding]:
    found: list[Finding] = []
    for form in FORMS:
        for record in _variants(form):
            found += check(record, form_spec(form), TODAY)
    return found


def test_the_variants_provoke_findings_that_name_blocks() -> None:
    named = [f for f in _findings() if BLOCK.search(f.field)]
    assert len({f.rule for f in named}) >= 4  # required, vague, template, length...
    assert any(f.rule == "required-field" for f in named)
    assert any(f.rule == "vague-phrase" for f in named)


@pytest.mark.parametrize("finding", _findings(), ids=lambda f: f"{f.rule}:{f.field}"[:60])
def test_no_block_is_named_twice_in_one_finding(finding: Finding) -> None:
    shown = f"{headline(finding)} Fix: {finding.fix}"
    blocks = [b.lower() for b in BLOCK.findall(shown)]
    assert len(blocks) == len(set(blocks)), shown
