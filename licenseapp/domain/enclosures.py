"""What a packet encloses, said once: for the cover letter's list, block 6 ("Documents
Submitted with Application") and block 7 ("Documents on File with Applicant") of a BIS-748P.

A document is named only when it is there: the letter of explanation and the technology
control plan when written or attached, each supporting document by its kind when attached.
A visa or "technical specifications" typed into block 6 is dropped when none is attached (a
green-card holder has no visa to send); entries LicenseApp does not track are kept as typed.
"""

from __future__ import annotations

import re

from licenseapp.domain.forms import form_spec
from licenseapp.domain.record import ApplicationRecord

#: The supporting documents LicenseApp knows by kind, as a filer names them, in print order.
KIND_WORDS: dict[str, str] = {
    "passport": "passport", "visa": "visa", "work_authorization": "work authorization",
    "resume": "résumé", "loe": "letter of explanation", "tcp": "technology control plan",
    "nda": "employee's non-disclosure agreement", "other": "other document",
}

#: Words in a typed block 6 entry that name a document LicenseApp tracks (so it is named
#: only when enclosed); ``tech_spec`` is enclosed when an attachment's name says so.
_TRACKED: tuple[tuple[str, str], ...] = (
    ("loe", r"letter of explanation|\bloe\b"),
    ("passport", r"passport"),
    ("visa", r"\bvisa"),
    ("work_authorization", r"work authori[sz]ation|\bead\b|i-797|i-94"),
    ("resume", r"r[ée]sum[ée]|\bcv\b|curriculum"),
    ("tcp", r"technology control plan|\btcp\b"),
    ("tech_spec", r"technical specification"),
)
_ON_FILE = re.compile(r"\bon file\b", re.IGNORECASE)
_TCP_WORDS = re.compile(r"technology control plan|\btcp\b", re.IGNORECASE)


def has_letter(data: ApplicationRecord) -> bool:
    return bool(data.loe_text.strip()) or any(a.kind == "loe" for a in data.attachments)


def has_plan(data: ApplicationRecord) -> bool:
    return bool(data.tcp_text.strip()) or any(a.kind == "tcp" for a in data.attachments)


def attached_kinds(data: ApplicationRecord) -> list[str]:
    """The kinds of the attached documents, each once, in :data:`KIND_WORDS` order."""
    present = {a.kind for a in data.attachments}
    return [kind for kind in KIND_WORDS if kind in present]


def _enclosed(data: ApplicationRecord) -> set[str]:
    kinds = set(attached_kinds(data))
    if has_letter(data):
        kinds.add("loe")
    if has_plan(data):
        kinds.add("tcp")
    if any("spec" in a.file_name.lower() for a in data.attachments if a.kind == "other"):
        kinds.add("tech_spec")
    return kinds


def _typed_entries(text: str) -> list[str]:
    """Block 6 as typed, one entry per document ("Other: a, b" gives a and b)."""
    entries: list[str] = []
    for part in re.split(r"[;\n]", text):
        part = part.strip().rstrip(".")
        if part.lower().startswith("other:"):
            entries += [p.strip() for p in part[6:].split(",") if p.strip()]
        elif part:
            entries.append(part)
    return entries


def _tracked(entry: str) -> bool:
    return any(re.search(pattern, entry, re.IGNORECASE) for _, pattern in _TRACKED)


def documents_submitted(data: ApplicationRecord) -> str:
    """Block 6: the letter of explanation when there is one, "Other:" with the documents
    attached, and whatever else was typed that LicenseApp does not track."""
    enclosed = _enclosed(data)
    others = [KIND_WORDS[k] for k in attached_kinds(data) if k not in ("loe", "tcp")]
    if "tcp" in enclosed and not plan_on_file(data):  # on file: block 7 names it
        others.append("technology control plan")
    typed = _typed_entries(data.documents_submitted)
    if "tech_spec" in enclosed and any(re.search("technical specification", e, re.I)
                                       for e in typed):
        others.append("technical specifications")
    untracked = [e for e in typed if not _tracked(e)]
    parts = (["Letter of explanation"] if "loe" in enclosed else []) + untracked
    if others:
        parts.append("Other: " + ", ".join(others))
    return "; ".join(parts)


def plan_on_file(data: ApplicationRecord) -> bool:
    """The technology control plan is said to be on file with the applicant (its text says
    "on file") rather than attached."""
    return bool(_ON_FILE.search(data.tcp_text)) and not any(
        a.kind == "tcp" for a in data.attachments)


def documents_on_file(data: ApplicationRecord, recorded: tuple[str, ...]) -> tuple[str, ...]:
    """Block 7 as recorded, plus the technology control plan when the plan says it is on
    file and block 7 does not name it yet (the TCP page and block 7 then agree)."""
    if plan_on_file(data) and not any(_TCP_WORDS.search(line) for line in recorded):
        return (*recorded, "Other: technology control plan")
    return recorded


def enclosure_phrases(data: ApplicationRecord) -> list[str]:
    """The cover letter's list of what the packet encloses, only what is really in it."""
    phrases = ["the filing summary in the order of the form"]
    if has_letter(data):
        phrases.append("the letter of explanation")
    if data.person is not None:
        phrases.append(f"the {form_spec(data.form).term('person_sheet').lower()}" + (
            " with résumé timeline" if data.person.resume else ""))
    if data.tcp_text.strip():
        phrases.append("a summary of the technology control plan, which is on file"
                       if plan_on_file(data) else "the technology control plan")
    kinds = [KIND_WORDS[k] for k in attached_kinds(data)]
    if kinds:
        copies = kinds[0] if len(kinds) == 1 else ", ".join(kinds[:-1]) + " and " + kinds[-1]
        phrases.append(f"copies of the {copies}, with their index")
    return phrases
