"""Plain, immutable views of records handed to the command line and the GUI.

Never live ORM objects: these survive the session that made them and cross threads safely.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from typing import Any

from licenseapp.domain.clock import ClockReading, PeriodReading


def _jsonable(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return [_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    return value


@dataclass(frozen=True, slots=True)  # 100,000 of them in the list: no __dict__ each
class ApplicationRow:
    """One line of the applications list."""

    id: int
    ref: str
    status: str
    status_label: str
    regulator: str
    form: str
    applicant: str
    foreign_national: str
    native_name: str
    citizenships: tuple[str, ...]
    items: tuple[str, ...]
    eccns: tuple[str, ...]
    acn: str
    owner: str
    updated_at: datetime
    status_changed_at: datetime
    submitted_on: date | None

    def to_json(self) -> dict[str, Any]:
        # Field by field, not dataclasses.asdict (a deep copy): half of `list --json`'s time.
        submitted = self.submitted_on
        return {
            "id": self.id, "ref": self.ref, "status": self.status,
            "status_label": self.status_label, "regulator": self.regulator, "form": self.form,
            "applicant": self.applicant, "foreign_national": self.foreign_national,
            "native_name": self.native_name, "citizenships": list(self.citizenships),
            "items": list(self.items), "eccns": list(self.eccns), "acn": self.acn,
            "owner": self.owner, "updated_at": self.updated_at.isoformat(),
            "status_changed_at": self.status_changed_at.isoformat(),
            "submitted_on": submitted.isoformat() if submitted is not None else None,
        }


@dataclass(frozen=True)
class EventView:
    id: int
    kind: str
    from_status: str | None
    to_status: str
    to_label: str
    occurred_at: datetime
    recorded_at: datetime
    actor: str
    note: str
    reference: str


@dataclass(frozen=True)
class ItemLine:
    item_ref: str
    name: str
    kind: str
    eccn: str
    regime: str
    technical_description: str
    #: Per-item blocks without a column, by the form spec's field id: ``{"b22b": "0.5 WT"}``.
    form_values: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class PartyView:
    role: str
    name: str
    address: str
    country: str | None


@dataclass(frozen=True)
class CitizenshipView:
    country: str
    country_name: str
    acquired_on: date | None
    ended_on: date | None
    basis: str


@dataclass(frozen=True)
class DocumentView:
    kind: str
    number_masked: str
    issuing_country: str | None
    document_class: str
    issued_on: date | None
    expires_on: date | None


@dataclass(frozen=True)
class ResumeLine:
    kind: str
    organization: str
    location: str
    title: str
    start: str  # YYYY-MM
    end: str  # YYYY-MM or "present"


@dataclass(frozen=True)
class PersonView:
    id: int
    ref: str
    full_name: str
    given_name: str
    family_name: str
    native_name: str
    other_names: str
    date_of_birth: date | None
    birth_country: str | None
    residency_country: str | None
    immigration_status: str | None
    employer: str
    job_title: str
    work_site: str
    citizenships: tuple[CitizenshipView, ...] = ()
    documents: tuple[DocumentView, ...] = ()
    resume: tuple[ResumeLine, ...] = ()


@dataclass(frozen=True)
class ConditionView:
    kind: str
    text: str
    anniversary_report: bool


@dataclass(frozen=True)
class LicenseView:
    number: str
    issued_on: date
    expires_on: date
    state: str  # on the day read: active, expiring, expired, suspended or revoked
    conditions: tuple[ConditionView, ...] = ()
    recorded_state: str = ""  # as recorded: active, suspended or revoked


@dataclass(frozen=True)
class DeadlineView:
    """A deadline of one application, with what the team recorded about it."""

    kind: str
    due_on: date
    title: str
    application_ref: str | None = None
    key: str = ""
    state: str = "open"  # "open", "snoozed" (until ``snoozed_until``) or "done"
    done_at: datetime | None = None
    done_by: str = ""
    snoozed_until: date | None = None
    note: str = ""

    def state_words(self) -> str:
        """"" while open; "done 2026-11-27 by alice" (local date); "snoozed until D"."""
        if self.state == "done" and self.done_at is not None:
            return f"done {self.done_at.astimezone().date().isoformat()} by {self.done_by or '?'}"
        if self.state == "snoozed" and self.snoozed_until is not None:
            return f"snoozed until {self.snoozed_until.isoformat()}"
        return ""


@dataclass(frozen=True)
class ApplicationDetail:
    row: ApplicationRow
    organization: str
    person: PersonView | None
    items: tuple[ItemLine, ...]
    parties: tuple[PartyView, ...]
    events: tuple[EventView, ...]
    license: LicenseView | None
    end_use: str
    justification: str
    additional_info: str
    ruleset_id: str | None
    resubmission_of: str | None
    deadlines: tuple[DeadlineView, ...] = field(default_factory=tuple)
    clock: ClockReading | None = None
    #: Blocks without a column, by the form spec's field id: ``{"b11": "D123456"}``.
    form_values: dict[str, str] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        data = self.row.to_json()
        raw = asdict(self)
        raw.pop("clock")
        rest = _jsonable(raw)
        assert isinstance(rest, dict)
        rest.pop("row")
        data.update(rest)
        if self.clock is not None:
            data["clock"] = _clock_json(self.clock)
        return data


def _clock_json(clock: ClockReading) -> dict[str, Any]:
    """The clock by its regulator's rule: what it counts and each limit or open step."""
    def period(r: PeriodReading) -> dict[str, Any]:
        p = r.period
        return {"key": p.key, "label": p.label, "due_on": r.due_on.isoformat(), "past": r.past,
                "what": p.what, "citation": p.citation, "binding": p.binding,
                "confirmed": p.confirmed}

    return {
        "rule": clock.rule.name, "counting": clock.rule.count.words,
        "started_on": clock.started_on.isoformat() if clock.started_on else None,
        "ended_on": clock.ended_on.isoformat() if clock.ended_on else None,
        "elapsed_days": clock.elapsed_days, "stopped_days": clock.stopped_days,
        "stopped_now": clock.stopped_now, "counted_days": clock.counted_days,
        "limits": [period(r) for r in clock.limits], "steps": [period(r) for r in clock.steps],
        "flags": list(clock.flags),
    }
