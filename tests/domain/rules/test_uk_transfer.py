"""UK: no licence for access inside the UK; a SIEL for a transfer of listed technology out of
it (Export Control Order 2008, art. 3), decided by where the recipient is."""

from __future__ import annotations

from datetime import date

from licenseapp.domain.enums import Regime
from licenseapp.domain.recipient_location import for_recipient_location
from licenseapp.domain.rules import ItemFacts, PersonFacts, determine, load_rulesets

ML22 = ItemFacts(eccn=None, regime=Regime.UK, name="ML22.a")
ON = date(2026, 12, 1)


def test_access_inside_the_uk_needs_no_licence_and_says_when_one_is_needed() -> None:
    d = determine(PersonFacts.of("CN", name="Lei"), ML22, ON, load_rulesets())
    assert (d.license_required, d.form, d.regulator) == (False, "SIEL", "ECJU")
    assert "no licence is needed for access in the UK" in d.reason
    assert "Export Control Order 2008, art. 3" in d.reason


def test_a_recipient_abroad_is_a_transfer_that_needs_a_siel() -> None:
    d = determine(PersonFacts.of("GB", name="Priya"), ML22, ON, load_rulesets())
    abroad = for_recipient_location(d, "India", "Priya")
    assert (abroad.license_required, abroad.country) == (True, "IN")
    assert abroad.citations == ("Export Control Order 2008, art. 3",)
    assert "transfer out of the United Kingdom" in abroad.reason
    # The recipient's nationality does not matter: a British citizen abroad needs one too.
    assert for_recipient_location(d, "United Kingdom", "Priya") is d
