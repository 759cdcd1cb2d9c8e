"""A DSP-5 numbers the blocks sourced from the DSP-5 DECCS Form & Instructions (OMB 1405-0003)
as that text does, cites it, and marks every block it could not source (#17 point 3)."""

from __future__ import annotations

from factories import make_application
from test_regulator_packets import _texts

from licenseapp.domain.forms import spec_of
from licenseapp.services.output.packets import build_packet
from licenseapp.store.database import Database

#: Block number and DECCS title of each block the DECCS instructions were read for.
SOURCED = {"1": "Transaction Number", "2": "DDTC Registration Code",
           "3": "Country of Ultimate Destination", "14": "Foreign End-User"}


def test_the_spec_cites_deccs_for_each_sourced_block_and_only_those() -> None:
    spec = spec_of("DSP-5")
    assert spec is not None
    confirmed = {f.number: f.label for f in spec.walk() if f.name_confirmed}
    assert confirmed == SOURCED
    for field in spec.walk():
        if field.name_confirmed:
            assert "OMB 1405-0003" in field.evidence, field.id
    assert any("OMB 1405-0003" in s and "202408-1405-003" in s for s in spec.sources)


def test_the_dsp5_packet_prints_the_deccs_block_numbers(db: Database) -> None:
    make_application(db, "LA-2026-0021", regulator="DDTC")
    text = _texts(build_packet(db, "LA-2026-0021"))["pdftotext"]
    for number, label in SOURCED.items():
        assert f"{number} {label}" in text, (number, label)
    # The transaction number is block 1 in DECCS, not a sub-entry of the applicant's block.
    assert "5(a)" not in text
    # Every block still from secondary sources says so, and only those (one item line here).
    spec = spec_of("DSP-5")
    assert spec is not None
    unconfirmed = [f for f in spec.walk() if not f.name_confirmed]
    # (one more: the note above the table that explains the mark)
    assert "marked 'Name unconfirmed'" in text
    assert text.count("Name unconfirmed") == len(unconfirmed) + 1
