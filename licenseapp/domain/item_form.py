"""A controlled item as the user edits it, and its checks.

An item's classification depends on its regime: an ECCN on the Commerce Control List,
``EAR99`` or ``not subject`` (not subject to the EAR) for the EAR; a USML category such as
``XI`` or ``XI(d)`` for ITAR (stored as ``USML XI(d)``); a control-list entry such as
``PL5017`` or ``ML22.a`` for the UK and the EU. An AI model is offered in one or more access
modes (:class:`~licenseapp.domain.enums.AccessMode`); other kinds have none.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from licenseapp.domain import not_subject, validators
from licenseapp.domain.enums import AccessMode, ItemKind, Regime
from licenseapp.domain.form_problems import FieldProblem
from licenseapp.domain.text_limits import check_columns, limit
from licenseapp.errors import ValidationError

#: The classification of an EAR item that is not subject to the EAR at all.
#: With its basis: "not subject (published)", "(fundamental research)", "(educational)".
NOT_SUBJECT = "not subject"

# USML categories I-XXI, with optional paragraphs: XI, XI(d), XI(a)(3)(i).
_ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII",
          "XIV", "XV", "XVI", "XVII", "XVIII", "XIX", "XX", "XXI")
_USML = re.compile(r"^(?:USML\s*)?(?:CAT(?:EGORY)?\.?\s*)?([IVX]+)\s*((?:\([A-Za-z0-9]+\))*)$",
                   re.IGNORECASE)

_KIND_ALIASES = {
    "ai_model": ItemKind.AI_MODEL_ACCESS, "ai": ItemKind.AI_MODEL_ACCESS,
    "model": ItemKind.AI_MODEL_ACCESS, "ai_model_access": ItemKind.AI_MODEL_ACCESS,
    "source": ItemKind.SOURCE_CODE, "code": ItemKind.SOURCE_CODE,
    "software": ItemKind.SOURCE_CODE, "data": ItemKind.TECHNICAL_DATA,
    "service": ItemKind.DEFENSE_SERVICE,
}
_KIND_WORDS = {
    ItemKind.TECHNOLOGY: "technology", ItemKind.SOURCE_CODE: "source code",
    ItemKind.AI_MODEL_ACCESS: "AI model", ItemKind.TECHNICAL_DATA: "technical data",
    ItemKind.DEFENSE_SERVICE: "defense service",
}
_MODE_WORDS = {AccessMode.PARAMETERS: "parameters (the weights)",
               AccessMode.USE: "use (inference)", AccessMode.FINE_TUNING: "fine-tuning"}


@dataclass(frozen=True)
class ItemForm:
    name: str = ""
    kind: str = ItemKind.TECHNOLOGY.value
    access_modes: tuple[str, ...] = ()
    regime: str = Regime.EAR.value
    classification: str = ""
    reasons_for_control: str = ""
    ccats: str = ""
    description: str = ""
    id: int | None = None
    ref: str = ""
    version: int = 0


ITEM_LABELS: dict[str, str] = {
    "name": "Name",
    "kind": "Kind",
    "access_modes": "Access modes",
    "regime": "Regime",
    "classification": "Classification",
    "reasons_for_control": "Reasons for control",
    "ccats": "CCATS",
    "description": "Description",
}


def _word(text: str) -> str:
    return re.sub(r"[\s\-]+", "_", text.strip().lower())


def kind_of(text: str) -> ItemKind | None:
    """The kind a user typed ("AI model", "ai-model", "source code"...), or None."""
    word = _word(text)
    try:
        return ItemKind(word)
    except ValueError:
        return _KIND_ALIASES.get(word)


def kind_label(kind: str) -> str:
    found = kind_of(kind)
    return _KIND_WORDS[found] if found else kind


def mode_of(text: str) -> AccessMode | None:
    """The access mode a user typed ("fine-tuning", "Fine tuning", "weights"...), or None."""
    word = _word(text)
    if word in ("weights", "parameter"):
        return AccessMode.PARAMETERS
    if word in ("finetuning", "tuning"):
        return AccessMode.FINE_TUNING
    if word in ("inference",):
        return AccessMode.USE
    try:
        return AccessMode(word)
    except ValueError:
        return None


def mode_label(mode: str) -> str:
    found = mode_of(mode)
    return _MODE_WORDS[found] if found else mode


def modes_of(text: str) -> tuple[str, ...]:
    """``"parameters, use"`` → ``("parameters", "use")``: split on commas, semicolons or
    spaces; what is not a mode is kept as typed so the check can name it."""
    out: list[str] = []
    for part in re.split(r"[,;]", text):
        part = part.strip()
        if not part:
            continue
        found = mode_of(part)
        value = found.value if found else part
        if value not in out:
            out.append(value)
    return tuple(out)


def regime_of(text: str) -> Regime | None:
    try:
        return Regime(text.strip().upper())
    except ValueError:
        return None


def _usml(text: str) -> str | None:
    """``"xi(d)"`` → ``"USML XI(d)"``; None if it is not a USML category."""
    match = _USML.match(text.strip())
    if not match or match.group(1).upper() not in _ROMAN:
        return None
    return f"USML {match.group(1).upper()}{match.group(2).lower()}"


def normal_classification(regime: str, text: str) -> str:
    """The classification as stored: an ECCN in its canonical form, ``EAR99``, ``not
    subject``, ``USML XI(d)``; a control-list entry as typed (trimmed). Unreadable text is
    returned trimmed, for the check to refuse."""
    value = text.strip()
    found = regime_of(regime)
    if found is Regime.EAR:
        basis = not_subject.basis_of(value)
        if basis is not None:
            return basis.classification
        return validators.eccn(value) if validators.is_eccn(value) else value
    if found is Regime.ITAR:
        return _usml(value) or value
    return value


def _ccl_base(eccn: str) -> str:
    return eccn.split(".", 1)[0]


def _classification_problem(regime: Regime, text: str) -> str | None:
    value = text.strip()
    if regime is Regime.EAR:
        if not value:
            return ("type the ECCN (e.g. 4E091 or 3E001), EAR99, or \"not subject\" if the "
                    "item is not subject to the EAR")
        if not_subject.basis_of(value) is not None:
            return None
        if not validators.is_eccn(value):
            return (f"{value!r} is not an ECCN; write a digit, a letter A-E and three digits, "
                    "with optional paragraphs (e.g. 4E091, 3E001, 3A090.a), EAR99, or "
                    "\"not subject\"")
        eccn = validators.eccn(value)
        if eccn == "EAR99":
            return None
        from licenseapp.domain.rules.reference import load_reference

        reference = load_reference()
        if _ccl_base(eccn) not in reference.ccl:
            return (f"{eccn} is not on the Commerce Control List (Supp. 1 to Part 774, eCFR "
                    f"{reference.issue_date.isoformat()}); check the ECCN")
        return None
    if regime is Regime.ITAR:
        if not value:
            return "type the USML category, e.g. XI or XI(d)"
        if _usml(value) is None:
            return (f"{value!r} is not a USML category; write the category as a Roman numeral "
                    "from I to XXI, with an optional paragraph, e.g. XI or XI(d)")
        return None
    if not value:
        which = "UK Strategic Export Control List" if regime is Regime.UK else "EU dual-use list"
        return f"type the {which} entry, e.g. PL5017 or ML22"
    return None


def check_item(form: ItemForm) -> list[FieldProblem]:
    """Why the item cannot be saved as it is, field by field (empty: it can)."""
    problems: list[FieldProblem] = []
    if not form.name.strip():
        problems.append(FieldProblem("name", "type the item's name, e.g. Mythos 5"))
    kind = kind_of(form.kind)
    if kind is None:
        kinds = ", ".join(_KIND_WORDS[k] for k in ItemKind)
        problems.append(FieldProblem("kind", f"{form.kind!r} is not a kind of item; choose "
                                             f"one of {kinds}"))
    modes = [m.strip() for m in form.access_modes if m.strip()]
    wrong = [m for m in modes if mode_of(m) is None]
    if kind is ItemKind.AI_MODEL_ACCESS and not modes:
        problems.append(FieldProblem("access_modes", "an AI model is offered in at least one "
                                     "access mode: parameters (the weights), use (inference) "
                                     "or fine-tuning; choose the ones offered"))
    elif kind is not None and kind is not ItemKind.AI_MODEL_ACCESS and modes:
        problems.append(FieldProblem("access_modes", f"only an AI model has access modes; "
                                     f"leave them empty for {_KIND_WORDS[kind]}"))
    elif wrong:
        problems.append(FieldProblem("access_modes", f"{wrong[0]!r} is not an access mode; "
                                     "choose parameters, use or fine-tuning"))
    regime = regime_of(form.regime)
    if regime is None:
        problems.append(FieldProblem("regime", f"{form.regime!r} is not a regime; choose "
                                     + ", ".join(r.value for r in Regime)))
    else:
        message = _classification_problem(regime, form.classification)
        if message:
            problems.append(FieldProblem("classification", message))
    if form.ccats.strip() and not re.match(r"^G\d{5,8}$", form.ccats.strip().upper()):
        problems.append(FieldProblem("ccats", f"{form.ccats.strip()!r} is not a CCATS number; "
                                              "it is G followed by digits, e.g. G195530"))
    taken = {p.field for p in problems}
    values = {"name": form.name, "kind": form.kind, "regime": form.regime,
              "classification": form.classification,
              "reasons_for_control": form.reasons_for_control, "ccats": form.ccats,
              "description": form.description, "access_modes": ",".join(modes)}
    problems += [p for p in check_columns("controlled_items", values) if p.field not in taken]
    return problems


#: Reasons for control in the order the CCL lists them.
_REASON_ORDER = ("NS", "MT", "NP", "CB", "CW", "RS", "CC", "FC", "SL", "SI", "EI", "UN", "AT")


def reasons_for(classification: str) -> str:
    """The reasons for control of an ECCN from the reference data, as the Commerce Country
    Chart columns it names ("NS1, AT1"), or the bare reason where it applies without a chart
    column ("RS" for 4E091's worldwide control): ``"RS, AT1"``. Empty for EAR99, "not
    subject", an ECCN the reference data does not hold, and anything that is not an ECCN."""
    if not validators.is_eccn(classification):
        return ""
    eccn = validators.eccn(classification)
    if eccn == "EAR99":
        return ""
    from licenseapp.domain.rules.ccl_controls import DestinationKind
    from licenseapp.domain.rules.reference import load_reference

    entry = load_reference().ccl.get(_ccl_base(eccn))
    if entry is None:
        return ""
    columns: dict[str, list[str]] = {}
    bare: set[str] = set()
    for control in entry.controls:
        if not control.reason:
            continue
        found = columns.setdefault(control.reason, [])
        if control.destination.kind is DestinationKind.COLUMN:
            if control.destination.column not in found:
                found.append(control.destination.column)
        else:
            bare.add(control.reason)
    for reason in entry.reasons:
        columns.setdefault(reason, [])
    order = sorted(columns, key=lambda r: (_REASON_ORDER.index(r) if r in _REASON_ORDER
                                           else len(_REASON_ORDER), r))
    parts: list[str] = []
    for reason in order:
        if reason in bare or not columns[reason]:
            parts.append(reason)
        else:
            parts.extend(sorted(columns[reason]))
    text = ", ".join(parts)
    most = limit("controlled_items", "reasons_for_control")
    return text if len(text) <= most else ", ".join(order)[:most]


def check_access_mode(value: str, field: str = "mode") -> str:
    """An access mode as stored (``fine_tuning`` for "fine-tuning"), or a ValidationError."""
    found = mode_of(value)
    if found is None:
        raise ValidationError(field, f"{value!r} is not an access mode; choose parameters, use "
                                     "or fine-tuning")
    return found.value


__all__ = ["ITEM_LABELS", "NOT_SUBJECT", "ItemForm", "check_access_mode", "check_item",
           "kind_label", "kind_of", "mode_label", "mode_of", "modes_of",
           "normal_classification", "reasons_for", "regime_of"]
