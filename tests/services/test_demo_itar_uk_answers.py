"""The demo's ITAR item gets real answers in the authorization matrix (issue #16 point 1):
a DSP-5 naming every country of citizenship for a foreign person, none for a U.S. person;
its UK item stays 'no licence' for access in the UK."""

from __future__ import annotations

from licenseapp.demo.dataset import DEMO_TODAY, generate_demo
from licenseapp.services.directive.authorization import AuthState, authorization_matrix
from licenseapp.store.database import Database


def test_itar_cells_are_definite_and_cite_120_50(db: Database) -> None:
    generate_demo(db)
    matrix = authorization_matrix(db, DEMO_TODAY)
    itar = [c for c in matrix.cells if c.eccn == "USML XI(d)"]
    assert len(itar) >= 5
    assert all(c.state is not AuthState.UNKNOWN for c in itar), [c.reason for c in itar]
    decided = [c for c in itar if c.ruleset == "itar-technical-data"]
    assert len(decided) == len(itar)
    foreign = [c for c in decided if "22 CFR 120.50(b)" in c.reason]
    assert foreign and all(c.country for c in foreign)
    dual = next(c for c in foreign if " and " in c.reason.split(".")[0])
    assert "each of" in dual.reason
    uk = [c for c in matrix.cells if c.eccn == "ML22.a"]
    assert uk and all("no licence is needed for access in the UK" in c.reason for c in uk)
