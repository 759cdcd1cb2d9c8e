"""License exceptions ENC, TSR and STA (15 CFR part 740), offered with their conditions.

Never applied: a license stays required unless the person responsible confirms the
conditions. An exception is offered only where the ECCN's entry lists it (its "List Based
License Exceptions" or "Special Conditions for STA"), for the reasons that require the
license, and for a country the exception can reach (its Country Groups).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import cache

from licenseapp.domain.rules.reference import reference_dir

#: in_group(country, "B") for the deciding country.
InGroup = Callable[[str, str], bool]


def offers(eccn: str, listed: dict[str, str], reasons: frozenset[str], country: str,
           in_group: InGroup) -> tuple[str, ...]:
    """What to say about each exception the entry lists, for a license required for
    ``reasons`` (e.g. ``{"NS"}``) to ``country``."""
    base = eccn.split(".")[0]
    found = []
    enc = listed.get("ENC", "")
    if enc and not enc.upper().startswith("N/A"):
        found.append(_enc(base, reasons, country, in_group))
    tsr = listed.get("TSR", "")
    if tsr and not tsr.upper().startswith("N/A"):
        found.append(_tsr(base, tsr, reasons, country, in_group))
    sta = listed.get("STA", "")
    if sta:
        found.append(_sta(base, sta, reasons, country, in_group))
    return tuple(f for f in found if f)


def _enc(base: str, reasons: frozenset[str], country: str, in_group: InGroup) -> str:
    if in_group(country, "E:1") or in_group(country, "E:2"):
        return (f"License Exception ENC (15 CFR 740.17(a)(2)) is not available: it excludes "
                f"nationals of Country Groups E:1 and E:2 ({base}).")
    if not reasons <= {"NS", "EI", "AT"}:
        return ""
    return (f"License Exception ENC may be available if the person is an employee, contractor "
            f"or intern of a U.S. company or its subsidiary and receives the {base} technology "
            "or source code for developing or producing new products (15 CFR 740.17(a)(2)); "
            "the entry limits it to certain encryption items (see 740.17 for eligibility).")


def _tsr(base: str, text: str, reasons: frozenset[str], country: str,
         in_group: InGroup) -> str:
    if reasons - {"NS"} or not in_group(country, "B"):
        return ""
    limits = "" if text.strip().rstrip(".").lower() == "yes" else f" The entry says: {text}"
    return (f"License Exception TSR may be available if {base} is controlled for national "
            "security reasons only (as here) to a Country Group B destination, and the person "
            "gives the written assurance of 15 CFR 740.6(a) before the release (that the "
            "technology will not be exported to Country Group D:1, E:1 or E:2 without "
            f"authorization).{limits}")


#: 740.20(c)(1): Country Group A:5 for these reasons; (c)(2): A:6 for NS only.
_STA_A5 = frozenset({"NS", "CB", "NP", "RS", "CC", "SL", "AT"})


def _sta(base: str, text: str, reasons: frozenset[str], country: str,
         in_group: InGroup) -> str:
    a5 = in_group(country, "A:5") and reasons <= _STA_A5
    a6 = in_group(country, "A:6") and reasons <= {"NS", "AT"}
    if not (a5 or a6) or (not a5 and "(c)(2)" in text and "may not be used for any" in text):
        return ""
    where = "A:5 (15 CFR 740.20(c)(1))" if a5 else "A:6 (15 CFR 740.20(c)(2))"
    return (f"License Exception STA may be available for a national of Country Group {where} "
            "if the prior consignee statement and notification of 15 CFR 740.20(d) are in "
            f"place, within the entry's special conditions: {text}")


def listed_for(base: str) -> dict[str, str]:
    """The license exceptions the entry of ``base`` lists (shipped reference data, with the
    entries ccl_corrections.json replaces)."""
    return _listed().get(base, {})


@cache
def _listed() -> dict[str, dict[str, str]]:
    folder = reference_dir()
    entries = json.loads((folder / "ccl_controls.json").read_text(encoding="utf-8"))["entries"]
    out = {e["eccn"]: dict(e.get("license_exceptions") or {}) for e in entries}
    fixes_file = folder / "ccl_corrections.json"
    fixes = json.loads(fixes_file.read_text(encoding="utf-8")) if fixes_file.exists() else {}
    for fix in (*fixes.get("restore", []), *fixes.get("replace", [])):
        if "license_exceptions" in fix:
            out[fix["eccn"]] = dict(fix["license_exceptions"])
    return out
