"""How the command line names what the services refuse: its options, and the advice it adds.

The services name a field by a neutral id (``"valid_until"``) and say what is wrong in
words any user reads; they never name an option or a command. Here, and only here, the
command line turns the id into the option that gives the value (``--valid-until``) and
adds, for some kinds of refusal (the error's ``code``), the option or command that helps.
"""

from __future__ import annotations

from licenseapp.domain.form_problems import FormInvalid
from licenseapp.errors import LicenseAppError, ValidationError

#: The option that gives each field the services name. A field the user did not type on
#: the command line (an attachment, a person) is left out: its message names it.
FLAGS: dict[str, str] = {
    # status, assign
    "regulator_ref": "--acn",
    "license_number": "--license-no",
    "valid_until": "--valid-until",
    "change_date": "--date",
    "note": "--note",
    "acknowledge_warnings": "--acknowledge-warnings",
    # deadlines --snooze
    "snooze_until": "--until",
    # impact, suspend, draft-bulk
    "ruleset": "--rules",
    "impact_date": "--date",
    # reseal
    "reason": "--reason",
    # attach, letter
    "kind": "--kind",
    "which": "--which",
    # every command
    "database": "--db",
}

#: What the command line adds to a refusal of each kind (``LicenseAppError.code``); the
#: text is formatted with the error's attributes and ``flag``, the option of its field.
HINTS: dict[str, str] = {
    "errors_remain": "licenseapp check {ref}",
    "warnings_need_acknowledgement": "use {flag}",
    "unknown_deadline": "see 'licenseapp deadlines --json' for the keys",
    "restore_needs_empty_database": "e.g. --db restored.db",
    "backup_needs_upgrade": "e.g. licenseapp --db FILE list upgrades it",
    "foreign_database": "choose another file with --db",
    "no_schema": "run 'licenseapp init'",
    "database_location": "given with --db or $LICENSEAPP_DB",
    "list_drop": "to load it anyway, add --accept-drop",
}


def option(field: str) -> str:
    """The option (or argument) that gives ``field``, or "" when the command line has none.

    The command line's own refusals name their option already (``"--within"``, ``"REF"``).
    """
    if field in FLAGS:
        return FLAGS[field]
    return field if field.startswith("-") or field.isupper() else ""


def error_text(exc: LicenseAppError) -> str:
    """The refusal as the command line prints it: the options concerned first, then the
    service's words, then what helps on the command line."""
    text = exc.message
    if isinstance(exc, ValidationError) and not isinstance(exc, FormInvalid):
        named = ", ".join(filter(None, (option(f) for f in exc.fields)))
        if named:
            text = f"{named}: {text}"
    hint = HINTS.get(exc.code)
    if hint:
        hint = hint.format_map({**vars(exc), "flag": option(getattr(exc, "field", ""))})
        text = (f"{text} {hint[:1].upper()}{hint[1:]}." if text.endswith(".")
                else f"{text} ({hint})")
    return text


__all__ = ["FLAGS", "HINTS", "error_text", "option"]
