"""Which immigration documents show a person's U.S. status and right to work, per status.

BIS asks for legible copies of the passport, visa and work authorization (deemed export
guidelines). What "work authorization" is depends on the status: an H-1B, L-1 or O-1
worker's is the I-797 approval notice; a J-1's is the DS-2019 (the sponsor's program); an
F-1 student works on OPT with an EAD (or CPT endorsed on the I-20); a TN or E-3 worker's
employment is incident to the status the I-94 records, extended by an I-797. An I-94 by
itself is only the arrival record. A B-1/B-2 visitor has no work authorization at all, and a
permanent resident under the directive shows the green card (Form I-551).
"""

from __future__ import annotations

from dataclasses import dataclass

#: Canadians need no visa for these classes (8 CFR 212.1(a)(1)): no visa foil is asked for.
VISA_EXEMPT_COUNTRIES = frozenset({"CA"})


@dataclass(frozen=True)
class Wanted:
    """A document the status calls for: any of ``kinds`` recorded on the person shows it."""

    label: str  # "DS-2019 (work authorization of a J-1 exchange visitor)"
    kinds: frozenset[str]
    #: The attachment kind its copy is filed as.
    attachment: str = "work_authorization"
    required: bool = True  # False: a warning (another document may stand for it)
    why: str = ""  # added to the message when it is missing


def _w(label: str, *kinds: str, required: bool = True, why: str = "") -> Wanted:
    return Wanted(label, frozenset(kinds), required=required, why=why)


_I797 = _w("I-797 approval notice (the work authorization)", "i797", "ead")
_STATUS = {
    "h1b": (_I797,),
    "l1": (_I797,),
    "o1": (_I797,),
    "tn": (_w("I-94 showing TN status, or an I-797 extending it (the work authorization)",
              "i94", "i797"),),
    "e3": (_w("I-94 showing E-3 status, or an I-797 extending it (the work authorization)",
              "i94", "i797"),),
    "j1": (_w("DS-2019 (the exchange program that authorizes a J-1's work)", "ds2019"),),
    "f1": (_w("I-20 (the student's program and any CPT)", "i20"),
           _w("EAD for OPT (the work authorization of an F-1 student)", "ead", required=False,
              why="an F-1 student may work only on OPT with an EAD, or on CPT endorsed on the "
                  "I-20")),
    "other": (_w("work authorization (EAD or I-797)", "ead", "i797",
                 why="an I-94 alone is an arrival record, not a work authorization"),),
}
#: Statuses that enter with a visa.
VISA_STATUSES = frozenset({"h1b", "l1", "o1", "f1", "j1", "tn", "e3", "b1b2", "other"})
GREEN_CARD = Wanted("green card (Form I-551)", frozenset({"green_card"}))


def status_documents(status: str) -> tuple[Wanted, ...]:
    """The documents beyond passport and visa that ``status`` calls for."""
    return _STATUS.get(status, ())


def needs_visa(status: str, citizenships: set[str]) -> bool:
    return status in VISA_STATUSES and not citizenships & VISA_EXEMPT_COUNTRIES
