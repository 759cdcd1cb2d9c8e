"""Items "not subject to the EAR" (15 CFR 734.3(b)): published information, fundamental
research, educational information. The classification records why, with its citation; the
answer for such an item is "no license required" for any nationality.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class NotSubjectBasis:
    code: str  # stored in ItemFacts.not_subject
    classification: str  # as stored on the item: "not subject (published)"
    words: str  # "published information"
    citations: tuple[str, ...]


PUBLISHED = NotSubjectBasis(
    "published", "not subject (published)", "published information and software "
    "(e.g. model weights or source code made available to the public without restriction)",
    ("15 CFR 734.3(b)(3)", "15 CFR 734.7"))
FUNDAMENTAL_RESEARCH = NotSubjectBasis(
    "fundamental_research", "not subject (fundamental research)",
    "technology or software that arises during, or results from, fundamental research",
    ("15 CFR 734.3(b)(3)", "15 CFR 734.8"))
EDUCATIONAL = NotSubjectBasis(
    "educational", "not subject (educational)",
    "information released by instruction in catalog courses and associated teaching "
    "laboratories of academic institutions", ("15 CFR 734.3(b)(3)(iii)",))
#: "not subject" without saying why: still no license, the basis should be recorded.
UNSTATED = NotSubjectBasis("unstated", "not subject", "an item recorded as not subject to "
                           "the EAR without its basis", ("15 CFR 734.3(b)",))

BASES = (PUBLISHED, FUNDAMENTAL_RESEARCH, EDUCATIONAL, UNSTATED)
_BY_CODE = {b.code: b for b in BASES}
#: What a user or an import file may write, lower case, for each basis.
_WORDS = {
    **{w: UNSTATED for w in ("not subject", "not subject to the ear", "not subject to ear",
                             "nsr", "not-subject", "not_subject")},
    **{w: PUBLISHED for w in ("not subject (published)", "published", "not subject: published",
                              "not subject - published")},
    **{w: FUNDAMENTAL_RESEARCH for w in ("not subject (fundamental research)",
                                         "fundamental research", "not subject: fundamental "
                                         "research", "not subject - fundamental research")},
    **{w: EDUCATIONAL for w in ("not subject (educational)", "educational",
                                "not subject: educational", "not subject - educational")},
}


def basis_of(classification: str) -> NotSubjectBasis | None:
    """The basis a classification names (``"not subject (published)"``), or None."""
    return _WORDS.get(" ".join(classification.lower().split()))


def by_code(code: str) -> NotSubjectBasis:
    return _BY_CODE[code]


def reason(label: str, code: str, who: str) -> tuple[str, tuple[str, ...]]:
    """The reason and citations for releasing a not-subject item to anyone (``who``: the
    person's name, or "this person")."""
    basis = by_code(code)
    cites = ", ".join(basis.citations)
    if basis is UNSTATED:
        text = (f"{label} is recorded as not subject to the EAR ({cites}), so releasing it to "
                f"{who} is not an export that needs a license, whatever their nationality. "
                "Record why (published, fundamental research or educational) so "
                "the memo can cite the exact rule.")
    else:
        text = (f"{label} is not subject to the EAR as {basis.words} ({cites}), so releasing "
                f"it to {who} needs no license, whatever their nationality.")
    return text, basis.citations
