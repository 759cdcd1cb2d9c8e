"""The fix for an empty SIEL block 7(a) says each thing once (#17 point 2): it repeated the
label's "country of receipt or remote access" in its note and closed on a nested ".)"."""

from __future__ import annotations

import re

from test_finding_headlines import _findings


def test_the_siel_recipient_fix_says_each_thing_once() -> None:
    (fix,) = {f.fix for f in _findings() if f.rule == "required-field" and "7(a)" in f.field}
    assert fix.startswith("fill in where the recipient is (country of receipt or remote access)")
    assert "person abroad" in fix and "needs no licence" in fix
    assert fix.lower().count("country") == 1, fix
    assert ".)" not in fix and ") (" not in fix, fix
    sentences = [s.strip().lower() for s in re.split(r"[.;:]", fix) if s.strip()]
    assert len(sentences) == len(set(sentences)), fix


def test_no_required_field_fix_nests_its_note_in_brackets() -> None:
    fixes = {f.fix for f in _findings() if f.rule == "required-field"}
    assert any(". " in fix for fix in fixes)  # some notes reach the fixes
    assert not [fix for fix in fixes if fix.endswith(".)")]
