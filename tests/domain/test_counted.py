"""Counts shown to people say "1 attachment", "2 errors" — not "1 attachments" or "1 error(s)"
(#17 point 2)."""

from __future__ import annotations

from licenseapp.domain.counted import counted
from licenseapp.gui.audit.verify import summary_of
from licenseapp.services.safety.integrity import IntegrityReport


def test_a_count_takes_its_noun_in_the_right_number() -> None:
    assert counted(1, "error") == "1 error"
    assert counted(2, "error") == "2 errors"
    assert counted(0, "warning") == "0 warnings"
    assert counted(1204, "record") == "1,204 records"
    assert counted(1, "audit entry", "audit entries") == "1 audit entry"
    assert counted(3, "audit entry", "audit entries") == "3 audit entries"


def test_verify_database_says_1_attachment() -> None:
    one = summary_of(IntegrityReport(records_checked=1, audit_entries_checked=1,
                                     attachments_checked=1))
    assert one == "1 record, 1 audit entry and 1 attachment checked"
    many = summary_of(IntegrityReport(records_checked=1500, audit_entries_checked=2,
                                      attachments_checked=0))
    assert many == "1,500 records, 2 audit entries and 0 attachments checked"
