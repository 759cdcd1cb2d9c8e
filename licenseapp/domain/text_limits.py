"""One set of limits on stored text, the same for SQLite and PostgreSQL.

SQLite stores a 10,000-character name or a NUL byte without complaint; PostgreSQL refuses
both with an SQL error. So every text a user can type, import or restore is checked here,
before it reaches either database, and refused with the field named and the fix:

- at most the column's length (``LIMITS``; a test keeps it equal to the store's columns);
- no NUL and no other control character (tab, line feed and carriage return are allowed in
  multi-line fields only: letters, duties, notes, descriptions);
- no bidirectional embedding, override or isolate character (U+202A–U+202E,
  U+2066–U+2069): invisible, they make a name or a reference read differently on screen
  than it is stored ("Trojan Source"). The marks U+200E/U+200F stay allowed.

The limits are keyed by the store's table and column names, which the domain may know as
plain strings (it never imports the store).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from licenseapp.domain.form_problems import FieldProblem

#: A multi-line text column (Text in the store): no length the database enforces, so ours.
LONG_TEXT = 20_000
#: Letters, plans and templates: several pages.
DOCUMENT_TEXT = 200_000

#: Maximum length in characters of each column a user's text reaches, by table.
LIMITS: dict[str, dict[str, int]] = {
    "organizations": {
        "legal_name": 200, "street": 200, "city": 100, "state": 100, "postal_code": 20,
        "country": 2, "phone": 40, "fax": 40, "ein": 20, "snapr_cin": 20, "ddtc_code": 20,
        "contact_name": 200, "contact_phone": 40, "contact_email": 200, "signatory_name": 200,
        "signatory_title": 200, "default_loe_template": DOCUMENT_TEXT,
        "default_tcp_template": DOCUMENT_TEXT,
    },
    "people": {
        "ref": 20, "given_name": 200, "family_name": 200, "native_name": 300,
        "other_names": 500, "birth_city": 100, "birth_country": 2, "residency_country": 2,
        "immigration_status": 20, "email": 200, "phone": 40, "job_title": 200,
        "duties": LONG_TEXT, "supervisor": 200, "work_site": 300, "notes": LONG_TEXT,
        "employee_number": 40,
    },
    "citizenships": {"country": 2, "basis": 20},
    "person_documents": {"kind": 20, "number": 60, "issuing_country": 2, "document_class": 20},
    "resume_entries": {"kind": 20, "organization": 200, "location": 200, "title": 200,
                       "description": LONG_TEXT},
    "controlled_items": {
        "ref": 20, "name": 200, "kind": 30, "regime": 10, "classification": 30,
        "reasons_for_control": 100, "ccats": 20, "description": LONG_TEXT, "access_modes": 60,
        "retired_by": 100, "retired_reason": LONG_TEXT,
    },
    "access_grants": {"state": 20, "suspended_by": 100, "suspended_reason": LONG_TEXT,
                      "suspended_ruleset_id": 80, "mode": 20},
    "applications": {
        "ref": 20, "regulator_code": 10, "form_code": 20, "owner": 100, "status": 40,
        "regulator_ref": 40, "transaction_no": 40, "ruleset_id": 80, "application_type": 20,
        "special_purpose": 200, "documents_submitted": 300, "end_use": LONG_TEXT,
        "justification": LONG_TEXT, "additional_info": LONG_TEXT, "loe_text": DOCUMENT_TEXT,
        "tcp_text": DOCUMENT_TEXT, "packet_sha256": 64, "acknowledged_warnings": LONG_TEXT,
    },
    "application_items": {
        "eccn": 30, "model_number": 100, "ccats": 20, "quantity": 30, "units": 30,
        "manufacturer": 200, "technical_description": LONG_TEXT,
    },
    "application_parties": {
        "role": 40, "name": 300, "street": 200, "city": 100, "state": 100, "postal_code": 20,
        "country": 2, "phone": 40,
    },
    "status_events": {"kind": 20, "from_status": 40, "to_status": 40, "actor": 100,
                      "note": LONG_TEXT, "reference": 100},
    "licenses": {"number": 60, "state": 20, "state_reason": LONG_TEXT},
    "license_conditions": {"kind": 20, "text": LONG_TEXT},
    "deadlines": {"key": 100, "kind": 40, "completed_by": 100, "note": LONG_TEXT},
    "attachments": {"kind": 30, "file_name": 255, "media_type": 60, "sha256": 64,
                    "created_by": 100, "removed_by": 100},
}

_BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_SINGLE_LINE_BAD = re.compile("[\x00-\x1f\x7f-\x9f" + _BIDI_CONTROLS + "]")
_MULTI_LINE_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f" + _BIDI_CONTROLS + "]")


def limit(table: str, column: str) -> int:
    """The most characters ``table.column`` holds."""
    return LIMITS[table][column]


def is_multi_line(table: str, column: str) -> bool:
    return LIMITS[table][column] >= LONG_TEXT


def _describe(char: str) -> str:
    code = f"U+{ord(char):04X}"
    if char == "\x00":
        return f"a NUL character ({code})"
    if char in _BIDI_CONTROLS:
        return f"an invisible text-direction control ({code})"
    if char in "\t\n\r":
        return {"\t": "a tab", "\n": "a line break", "\r": "a line break"}[char]
    return f"an invisible control character ({code})"


def text_problem(value: str, max_length: int, *, multi_line: bool = False) -> str | None:
    """Why ``value`` cannot be stored, in the user's words, or None when it can."""
    bad = (_MULTI_LINE_BAD if multi_line else _SINGLE_LINE_BAD).search(value)
    if bad is not None:
        where = f" at character {bad.start() + 1}" if len(value) > 1 else ""
        return f"contains {_describe(bad.group())}{where}; remove it"
    if len(value) > max_length:
        return (f"is {len(value):,} characters long; at most {max_length:,} fit, "
                "shorten it")
    return None


def column_problem(table: str, column: str, value: str | None) -> str | None:
    """Why ``value`` cannot be stored in ``table.column``, or None."""
    if not value:
        return None
    return text_problem(value, limit(table, column), multi_line=is_multi_line(table, column))


def check_columns(table: str, values: Mapping[str, object],
                  fields: Iterable[str] | None = None, *,
                  prefix: str = "") -> list[FieldProblem]:
    """A problem for each text value in ``values`` (column name → value) that cannot be
    stored in ``table``; ``fields`` limits the check to those columns; ``prefix`` goes before
    each field name (a row of a list: ``"resume[2]."``)."""
    problems: list[FieldProblem] = []
    columns = LIMITS[table]
    for name in fields if fields is not None else values:
        value = values.get(name)
        if name not in columns or not isinstance(value, str):
            continue
        message = column_problem(table, name, value)
        if message:
            problems.append(FieldProblem(f"{prefix}{name}", message))
    return problems


def clean_problem(value: str, *, multi_line: bool = False) -> str | None:
    """Why ``value`` holds a character no stored text may hold, or None (no length check)."""
    return text_problem(value, len(value), multi_line=multi_line)


__all__ = ["DOCUMENT_TEXT", "LIMITS", "LONG_TEXT", "check_columns", "clean_problem",
           "column_problem", "is_multi_line", "limit", "text_problem"]
