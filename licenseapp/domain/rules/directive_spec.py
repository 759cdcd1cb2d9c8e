"""A new directive as a user writes it: a short YAML or JSON file, or the GUI's form.

The spec names what the order says (title, authority and citation, when it was received
and the deadline, effective dates, the items, classes and access modes covered, the persons
covered by U.S. status, nationality and Country Group, and what is required) and becomes a
rule-set file of the ordinary format, validated by the same loader (:func:`parse_ruleset`).

YAML here is the small subset a person writes by hand: ``key: value`` lines, ``#``
comments, lists as ``[a, b]``, ``a, b`` or ``- a`` lines under the key.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from licenseapp.domain.enums import FORM_OF_REGULATOR, Regulator
from licenseapp.domain.rules.json_fields import DataFileError
from licenseapp.domain.rules.ruleset import RuleSet
from licenseapp.domain.rules.ruleset_loader import parse_ruleset
from licenseapp.errors import ValidationError

FIELDS = ("id", "title", "authority", "citation", "received", "zone", "deadline_minutes",
          "effective_from", "effective_until", "eccns", "item_kinds", "modes", "exempt",
          "nationalities", "country_groups", "requires", "regulator", "form", "policy", "note")
_LISTS = ("eccns", "item_kinds", "modes", "exempt", "nationalities", "country_groups")
_EXEMPT_WORDS = {"us_citizen": "U.S. citizens and nationals",
                 "lpr": "lawful permanent residents", "protected": "protected individuals"}
#: The generated rule set's fields, by the spec's field the user wrote.
_SPEC_FIELD = {"id": "id", "effective_from": "effective_from", "effective_to": "effective_until",
               "items.eccns": "eccns", "items.item_kinds": "item_kinds", "items.modes": "modes",
               "items": "eccns", "covered_persons.not_covered": "exempt",
               "covered_persons.countries": "nationalities",
               "covered_persons.country_groups": "country_groups", "regulator": "regulator",
               "form": "form"}
_RECEIVED = re.compile(r"^\s*(\d{4}-\d{2}-\d{2})[ T](\d{1,2}:\d{2})\s*$")


@dataclass(frozen=True, slots=True)
class DirectiveSpec:
    """The rule set a spec makes, and the order's receipt (None: not given)."""

    ruleset: RuleSet
    text: str  # the rule-set file's JSON
    received_day: date | None
    received_time: str
    zone: str
    deadline_minutes: int


def read_spec_text(text: str, name: str) -> dict[str, Any]:
    """The spec's fields from JSON (a file starting with "{") or the YAML subset."""
    if text.lstrip().startswith("{"):
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise ValidationError("file", f"{name}: not valid JSON at line {exc.lineno}: "
                                  f"{exc.msg}") from None
        if not isinstance(data, dict):
            raise ValidationError("file", f"{name}: write one object {{...}} of fields")
        return data
    out: dict[str, Any] = {}
    key = ""
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.split(" #")[0].rstrip() if not raw.lstrip().startswith("#") else ""
        if not line.strip():
            continue
        if line.lstrip().startswith("- ") and key:
            current = out.get(key)
            out[key] = [*(current if isinstance(current, list) else []),
                        _scalar(line.lstrip()[2:])]
            continue
        head, sep, value = line.partition(":")
        if not sep or line[0].isspace():
            raise ValidationError("file", f"{name}, line {number}: write 'field: value' "
                                  f"(read {raw.strip()!r})")
        key = head.strip()
        out[key] = _scalar(value)
    return out


def _scalar(value: str) -> Any:
    text = value.strip().strip('"').strip("'") if value.strip()[:1] in "\"'" else value.strip()
    if text.startswith("[") and text.endswith("]"):
        return [_scalar(v) for v in text[1:-1].split(",") if v.strip()]
    return text


def _list(value: Any) -> list[str]:
    if value is None or value == "":
        return []
    items = value if isinstance(value, list) else str(value).split(",")
    return [str(v).strip() for v in items if str(v).strip()]


def _slug(title: str) -> str:
    words = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")
    return words[:60].rstrip("-") or "directive"


def build_spec(fields: dict[str, Any], name: str = "the directive") -> DirectiveSpec:
    """The rule set (validated by the loader) and the order's receipt for ``fields``."""
    unknown = sorted(set(fields) - set(FIELDS))
    if unknown:
        raise ValidationError(unknown[0], f"{name}: {unknown[0]!r} is not a field of a "
                              f"directive; the fields are {', '.join(FIELDS)}")

    def text(key: str, default: str = "") -> str:
        value = fields.get(key)
        return default if value is None or str(value).strip() == "" else str(value).strip()

    for key in ("title", "authority", "citation"):
        if not text(key):
            raise ValidationError(key, f"{name}: give the directive's {key}")
    received_day, received_time = None, ""
    if text("received"):
        match = _RECEIVED.match(text("received"))
        if not match:
            raise ValidationError("received", f"{name}: write when the order was received as "
                                  "YYYY-MM-DD HH:MM, e.g. 2026-12-07 09:00")
        received_day, received_time = date.fromisoformat(match[1]), match[2]
    effective_from = text("effective_from", received_day.isoformat() if received_day else "")
    if not effective_from:
        raise ValidationError("effective_from", f"{name}: give the date the directive takes "
                              "effect (or when the order was received)")
    try:
        deadline = int(text("deadline_minutes", "90"))
    except ValueError:
        raise ValidationError("deadline_minutes", f"{name}: the deadline is a number of "
                              f"minutes, not {text('deadline_minutes')!r}") from None
    requires = text("requires", "license").lower()
    if requires not in ("license", "prohibited"):
        raise ValidationError("requires", f"{name}: write 'license' (an individual license "
                              f"is required) or 'prohibited', not {requires!r}")
    regulator = text("regulator", "BIS").upper()
    form = text("form", FORM_OF_REGULATOR[Regulator(regulator)].value
                if regulator in Regulator.__members__ else "")
    exempt = [e.lower().replace(" ", "_").replace(".", "") for e in _list(
        fields.get("exempt", ["us_citizen"]))]
    nationalities = [c.upper() for c in _list(fields.get("nationalities"))]
    groups = [g.upper() for g in _list(fields.get("country_groups"))]
    modes = [m.lower().replace("-", "_").replace(" ", "_") for m in _list(fields.get("modes"))]
    eccns, kinds = _list(fields.get("eccns")), _list(fields.get("item_kinds"))
    title = text("title")
    who = "everyone who is not " + " or ".join(
        _EXEMPT_WORDS.get(e, e) for e in exempt) if exempt else "everyone"
    if nationalities or groups:
        where = [*nationalities, *(f"Country Group {g}" for g in groups)]
        who += f", whose deciding country is {' or '.join(where)}"
    policy = text("policy", (
        "Access is prohibited: it must stop and no license will be granted for it."
        if requires == "prohibited" else
        "An individual license is required for each covered person before access is given "
        "or resumed."))
    citation = {"cite": text("citation"), "user_editable": True}
    data: dict[str, Any] = {
        "format": 1, "id": text("id", _slug(title)), "version": "1", "title": title,
        "authority": text("authority"), "regulator": regulator, "form": form,
        "effective_from": effective_from, "effective_to": text("effective_until") or None,
        "note": text("note", f"Entered as a new directive ({requires})."),
        "citations": [citation],
        "covered_persons": {"description": who, "not_covered": exempt,
                            "citations": [text("citation")], "countries": nationalities,
                            "country_groups": groups},
        "items": {"description": _items_words(eccns, kinds, modes),
                  "regimes": ["EAR"], "eccns": eccns, "item_kinds": kinds, "modes": modes},
        "deciding_country": {"rule": "most_recent_citizenship_or_residency",
                             "stateless_fallback": ["residency", "birth"],
                             "citations": ["15 CFR 734.13(b)"]},
        "licensing": {"method": "all_destinations", "policy": policy,
                      "citations": [f"{text('citation')}, licensing policy"]},
    }
    body = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    try:
        ruleset = parse_ruleset(body, f"{data['id']}.json", expected_id=str(data["id"]))
    except DataFileError as exc:  # said in the spec's words, not the generated file's
        field = _SPEC_FIELD.get(exc.field.split("[")[0], exc.field)
        raise ValidationError(field, f"{name}: {field}: {exc.detail}") from None
    return DirectiveSpec(ruleset, body, received_day, received_time, text("zone", "UTC"),
                         deadline)


def _items_words(eccns: list[str], kinds: list[str], modes: list[str]) -> str:
    what = ", ".join([*eccns, *(k.replace("_", " ") for k in kinds)]) or "the items named"
    how = (" (" + ", ".join(m.replace("_", "-") for m in modes) + ")") if modes else ""
    return f"access to {what}{how}"


__all__ = ["FIELDS", "DirectiveSpec", "build_spec", "read_spec_text"]
