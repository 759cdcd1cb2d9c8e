"""What the access panel and the grant dialog show: the record's subject (an item or a
person), the access records as table rows, and the choices offered when granting."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt

from licenseapp.domain.days import local_day
from licenseapp.domain.enums import GrantState, ItemKind
from licenseapp.domain.item_form import kind_label, mode_label
from licenseapp.gui.applications.model import fold, ref_sort_key
from licenseapp.gui.records_model import RecordsModel
from licenseapp.gui.theme import Ink, current

if TYPE_CHECKING:
    from licenseapp.services.catalog.access import AccessRecord
    from licenseapp.services.catalog.items import ItemSummary
    from licenseapp.services.catalog.people import PersonSummary

#: The subject of a panel is an item (who has access to it) or a person (what they hold).
ITEM, PERSON = "item", "person"
_STATE_ORDER = {GrantState.ACTIVE.value: 0, GrantState.REQUESTED.value: 1,
                GrantState.SUSPENDED.value: 2, GrantState.REVOKED.value: 3}
#: States that still stand (what "has access" means on the lists).
LIVE_STATES = (GrantState.ACTIVE.value, GrantState.REQUESTED.value,
               GrantState.SUSPENDED.value)


@dataclass(frozen=True)
class AccessSubject:
    """The item or person a panel shows the access of."""

    kind: str  # ITEM or PERSON
    id: int
    ref: str
    name: str
    #: One line of facts under the title (an item's kind and classification).
    facts: str = ""
    #: An AI model's access modes offered; empty for anything else.
    modes: tuple[str, ...] = ()
    is_ai_model: bool = False
    retired: bool = False

    @property
    def title(self) -> str:
        return f"{self.name} ({self.ref})"


def item_subject(item: ItemSummary) -> AccessSubject:
    is_model = item.kind == ItemKind.AI_MODEL_ACCESS.value
    parts = [kind_word(item.kind),
             f"{item.regime} {item.classification}".strip()]
    if item.reasons_for_control:
        parts.append(f"reasons for control {item.reasons_for_control}")
    if is_model and item.access_modes:
        parts.append("offered for " + ", ".join(mode_word(m) for m in item.access_modes))
    if item.retired_at is not None:
        why = f": {item.retired_reason}" if item.retired_reason else ""
        parts.append(f"retired {local_day(item.retired_at).isoformat()}{why}")
    return AccessSubject(ITEM, item.id, item.ref, item.name, " · ".join(parts),
                         item.access_modes, is_model, item.retired)


def person_subject(person: PersonSummary) -> AccessSubject:
    facts = " · ".join(x for x in (person.native_name, ", ".join(person.citizenships),
                                   person.job_title) if x)
    return AccessSubject(PERSON, person.id, person.ref, person.name, facts)


def kind_word(kind: str) -> str:
    """"AI model", "Technology", "Source code"."""
    label = kind_label(kind)
    return label[:1].upper() + label[1:]


def mode_word(mode: str | None) -> str:
    """"parameters", "use", "fine-tuning"; "whole item" for an item without modes."""
    if not mode:
        return "whole item"
    return mode.replace("_", "-")


def state_text(record: AccessRecord) -> str:
    text = record.state.capitalize()
    if record.suspended_at is not None and record.state in (GrantState.SUSPENDED.value,
                                                            GrantState.REVOKED.value):
        text += f" {local_day(record.suspended_at).isoformat()}"
    return text


def state_tip(record: AccessRecord) -> str:
    tips = {
        GrantState.ACTIVE.value: "Access is on.",
        GrantState.REQUESTED.value: "Access is asked for and not on yet (e.g. waiting for a "
                                    "license).",
        GrantState.SUSPENDED.value: "Access is suspended",
        GrantState.REVOKED.value: "Access was revoked",
    }
    tip = tips.get(record.state, record.state)
    if record.suspended_reason:
        tip += f": {record.suspended_reason}"
    elif record.state in (GrantState.SUSPENDED.value, GrantState.REVOKED.value):
        tip += "."
    return tip


class AccessModel(RecordsModel["AccessRecord"]):
    """One row per :class:`AccessRecord`: who (or what), mode, state, since."""

    WHO, MODE, STATE, SINCE = range(4)

    def __init__(self, subject_kind: str, parent: Any = None) -> None:
        super().__init__(parent)
        #: The other side of each record: the person for an item's panel, and the reverse.
        self.other = PERSON if subject_kind == ITEM else ITEM

    @property
    def headers(self) -> dict[int, str]:  # type: ignore[override]
        return {self.WHO: "Person" if self.other == PERSON else "Item", self.MODE: "Mode",
                self.STATE: "State", self.SINCE: "Since"}

    def text(self, record: AccessRecord, column: int) -> str:
        if column == self.WHO:
            if self.other == PERSON:
                return f"{record.person_name} ({record.person_ref})"
            return f"{record.item_name} ({record.item_ref})"
        if column == self.MODE:
            return mode_word(record.mode)
        if column == self.STATE:
            return state_text(record)
        return record.since.isoformat() if record.since else ""

    def sort_value(self, record: AccessRecord, column: int) -> Any:
        if column == self.STATE:
            return (_STATE_ORDER.get(record.state, 9), record.suspended_at is None)
        if column == self.SINCE:
            return record.since.isoformat() if record.since else ""
        if column == self.WHO:
            ref = record.person_ref if self.other == PERSON else record.item_ref
            name = record.person_name if self.other == PERSON else record.item_name
            return (fold(name), ref_sort_key(ref))
        return super().sort_value(record, column)

    def tooltip(self, record: AccessRecord, column: int) -> str | None:
        if column == self.STATE:
            return state_tip(record)
        if column == self.MODE:
            return mode_label(record.mode) if record.mode else (
                "Access to the item as a whole (it has no access modes)")
        return super().tooltip(record, column)

    def cell(self, record: AccessRecord, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole:
            if record.state == GrantState.REVOKED.value:
                return current().ink(Ink.HINT)
            if record.state == GrantState.SUSPENDED.value:
                return current().ink(Ink.WARNING)
            return None
        return super().cell(record, column, role)


@dataclass(frozen=True)
class GrantChoice:
    """A person or item offered in the grant dialog."""

    id: int
    name: str  # "Wei Zhang", "Mythos 5"
    text: str  # "Wei Zhang · 张伟 (P-00001)"
    key: str  # folded, for the search box
    #: What this person already holds of the subject, or this item already grants the
    #: subject ("active: use"); empty when nothing.
    holds: str = ""
    is_ai_model: bool = False
    modes: tuple[str, ...] = ()


def people_choices(people: list[PersonSummary], held: dict[int, str]) -> list[GrantChoice]:
    out = []
    for p in people:
        native = f" · {p.native_name}" if p.native_name and p.native_name != p.name else ""
        text = f"{p.name}{native} ({p.ref})"
        out.append(GrantChoice(p.id, p.name, text, fold("\n".join([p.name, p.native_name, p.ref,
                                                           p.employer, p.job_title])),
                               held.get(p.id, "")))
    return out


def item_choices(items: list[ItemSummary], held: dict[int, str]) -> list[GrantChoice]:
    out = []
    for i in items:
        if i.retired:
            continue  # a retired item takes no new access
        is_model = i.kind == ItemKind.AI_MODEL_ACCESS.value
        text = f"{i.name} ({i.ref}) — {kind_word(i.kind)}, {i.regime} {i.classification}"
        out.append(GrantChoice(i.id, i.name, text, fold("\n".join([i.name, i.ref, i.classification,
                                                           kind_label(i.kind)])),
                               held.get(i.id, ""), is_model, i.access_modes))
    return out


def holdings(records: list[AccessRecord], other: str) -> dict[int, str]:
    """What each person (``other`` = PERSON) or item already holds that still stands, as
    "active (use, parameters), requested (fine-tuning)"."""
    found: dict[int, dict[str, list[str]]] = {}
    for r in records:
        if r.state not in LIVE_STATES:
            continue
        key = r.person_id if other == PERSON else r.item_id
        found.setdefault(key, {}).setdefault(r.state, []).append(mode_word(r.mode))
    return {key: ", ".join(f"{state} ({', '.join(modes)})" if modes != ["whole item"]
                           else state for state, modes in by_state.items())
            for key, by_state in found.items()}
