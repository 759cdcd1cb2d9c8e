"""The authorization matrix: for every access grant (person x item), whether it is authorized.

Its rows are every person and its columns every item in use (not retired, or still with an
access record), so someone just added shows at once; a pair without a record has no cell.
An AI model's access is recorded per mode: the pair's cell is the most pressing record
(access on before access asked for before access off; then the state needing most action),
and its detail lists each mode with its record's state.

The state is derived, never stored, in this order (the first that holds wins):

1. ``suspended`` / ``revoked`` — what was recorded on the grant itself (when, by whom, why):
   access is off whatever the rules say.
2. ``not_required`` — the rule sets in force on the date need no license for the pair.
3. ``licensed`` — an application for the person covering the item was approved (in whole,
   with conditions or in part) and its license is active and unexpired on the date.
4. ``pending`` — such an application is with the regulator (submitted ... appealed).
5. ``application_drafted`` — such an application exists but is not filed yet (draft,
   internal review, ready, or returned unregistered): the team still has to act, unlike
   ``pending`` where the regulator has to.
6. ``denied`` — the latest decided application for the pair was denied.
7. ``license_needed`` — a license is required and nothing of the above exists.
8. ``unknown`` — the determination cannot tell (the detail says what is missing).

A license or an application found for a pair whose answer is unknown still counts (3-6).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import select

from licenseapp.domain.days import local_day, local_time
from licenseapp.domain.enums import CLOSED_STATUSES, LICENSED_STATUSES, PENDING_STATUSES
from licenseapp.domain.enums import ApplicationStatus as S
from licenseapp.domain.licenses import in_force
from licenseapp.domain.lifecycle import lifecycle
from licenseapp.domain.rules import Determination, ItemFacts, RuleSet
from licenseapp.domain.tabular import write_table
from licenseapp.errors import LicenseAppError
from licenseapp.services.catalog.access_data import (
    CaseInfo,
    Determiner,
    GrantInfo,
    GrantItem,
    PairReason,
    Snapshot,
    load_snapshot,
    rulesets_in_use,
)
from licenseapp.services.collector import collector_paused
from licenseapp.services.directive.matrix_cell import AuthState, MatrixCell
from licenseapp.services.directive.matrix_columns import NO_CASE, AuthorizationMatrix
from licenseapp.store.database import Database
from licenseapp.store.models import AccessGrant, Application, ControlledItem, Person


@dataclass(frozen=True, slots=True)
class CaseStanding:
    """The applications for one pair that matter to its state, on a date."""

    licensed: CaseInfo | None = None
    pending: CaseInfo | None = None
    drafted: CaseInfo | None = None
    denied: CaseInfo | None = None

    @property
    def open(self) -> CaseInfo | None:
        return self.pending or self.drafted


def case_standing(cases: list[CaseInfo], on: date) -> CaseStanding:
    """From a pair's applications (oldest first): the newest valid license, open applications
    (with the regulator, or not yet filed), and a denial if it is the latest decision."""
    licensed = pending = drafted = last_decided = None
    for case in cases:
        status = S(case.status)
        if (status in LICENSED_STATUSES and case.license_expires is not None
                and in_force(case.license_state, case.license_expires, on)):
            licensed = case
        if status in PENDING_STATUSES:
            pending = case
        elif status not in CLOSED_STATUSES:
            drafted = case
        else:
            last_decided = case
    denied = last_decided if last_decided and last_decided.status == S.DENIED.value else None
    return CaseStanding(licensed, pending, drafted, denied)


def _label(regulator: str, status: str) -> str:
    try:
        return lifecycle(regulator).label(status)
    except (ValueError, KeyError, LicenseAppError):
        return status


def derive(grant: GrantInfo, d: Determination, standing: CaseStanding
           ) -> tuple[AuthState, str, CaseInfo | None]:
    """The state of one pair, a one-line detail, and the application it rests on."""
    if grant.state in ("suspended", "revoked"):
        what = "Suspended" if grant.state == "suspended" else "Access revoked"
        by = f" by {grant.suspended_by}" if grant.suspended_by else ""
        why = f": {grant.suspended_reason}" if grant.suspended_reason else ""
        when = f" {local_time(grant.suspended_at)}" if grant.suspended_at else ""
        lic = standing.licensed
        then = (f"; license {lic.license_number} (valid until {lic.license_expires}) now covers "
                "it: access can be resumed" if lic and grant.suspended_ruleset_id else "")
        state = AuthState.SUSPENDED if grant.state == "suspended" else AuthState.REVOKED
        return state, f"{what}{when}{by}{why}{then}", lic or standing.open
    if d.license_required is False:
        return AuthState.NOT_REQUIRED, f"No license required ({d.ruleset or 'no rule set'})", None
    if (case := standing.licensed) is not None:
        return (AuthState.LICENSED, f"License {case.license_number}, valid until "
                f"{case.license_expires} ({case.ref})", case)
    if (case := standing.pending) is not None:
        return (AuthState.PENDING, f"{case.ref}: {_label(case.regulator, case.status)} "
                f"(with {case.regulator})", case)
    if (case := standing.drafted) is not None:
        return (AuthState.APPLICATION_DRAFTED, f"{case.ref}: "
                f"{_label(case.regulator, case.status)}, not filed yet", case)
    if (case := standing.denied) is not None:
        return (AuthState.DENIED, f"{case.ref} denied on "
                f"{local_day(case.status_changed_at).isoformat()}", case)
    if d.license_required is True:
        return AuthState.LICENSE_NEEDED, f"License required ({d.ruleset}); no application", None
    missing = "; ".join(d.missing) or "data"
    return AuthState.UNKNOWN, f"Cannot be determined: {missing} missing", None


def authorization_matrix(db: Database, on: date | None = None, *,
                         rulesets: tuple[RuleSet, ...] | None = None,
                         person_ids: Collection[int] | None = None) -> AuthorizationMatrix:
    """Every access grant with its derived state on ``on`` (default today); with
    ``person_ids``, only those people's rows (what a screen needs after their access, facts
    or applications changed: the cost of a few rows, whatever the matrix's size)."""
    on = on or db.clock.today()
    determiner = Determiner(rulesets if rulesets is not None else rulesets_in_use(db), on,
                            pairs_remembered=False,  # each pair is asked about once
                            reasons_remembered=False)  # reasons read after forget()
    with collector_paused():
        return _matrix(db, on, determiner, person_ids)


def people_of_applications(db: Database, refs: Collection[str]) -> frozenset[int]:
    """The people the applications ``refs`` are for."""
    if not refs:
        return frozenset()
    with db.reading() as session:
        return frozenset(pid for pid in session.execute(
            select(Application.person_id).where(Application.ref.in_(sorted(refs)))).scalars()
            if pid is not None)


#: People worked out at a time: each batch's snapshot (grants, facts, applications) is let
#: go before the next is read, so the load's high point is a batch's, not everyone's.
BATCH = 5_000


def _matrix(db: Database, on: date, determiner: Determiner,
            person_ids: Collection[int] | None = None) -> AuthorizationMatrix:
    chosen = sorted(person_ids) if person_ids is not None else None
    with db.reading() as session:
        people_query = select(Person.id, Person.ref, Person.given_name, Person.family_name,
                              Person.native_name)
        held_query = select(AccessGrant.item_id).distinct()
        if chosen is not None:
            people_query = people_query.where(Person.id.in_(chosen))
            held_query = held_query.where(AccessGrant.person_id.in_(chosen))
        everyone = sorted(((pid, ref, f"{given} {family}".strip(), native)
                           for pid, ref, given, family, native in session.execute(people_query)),
                          key=lambda p: (p[2].casefold(), p[1]))
        held = set(session.execute(held_query).scalars())
        catalog = session.execute(
            select(ControlledItem.id, ControlledItem.ref, ControlledItem.name,
                   ControlledItem.classification, ControlledItem.retired_at)).all()
        items = sorted(((iid, ref, name) for iid, ref, name, _c, retired in catalog
                        if retired is None or iid in held), key=lambda i: i[1])
        matrix = AuthorizationMatrix(
            on, (), ((pid, ref, name) for pid, ref, name, _n in everyone), items,
            classifications={iid: c for iid, _r, _n, c, _t in catalog},
            native_names={pid: native for pid, _r, _n, native in everyone if native})
        rows = {pid: n for n, (pid, _r, _n, _x) in enumerate(everyone)}
        del everyone
        columns = {iid: n for n, (iid, _r, _n) in enumerate(items)}
        ids = sorted(rows)
        in_mode = _ModeFacts()
        for start in range(0, len(ids), BATCH):
            batch = ids[start:start + BATCH]
            if chosen is not None:
                where = AccessGrant.person_id.in_(batch)
                applicants = Application.person_id.in_(batch)
            else:
                where = AccessGrant.person_id.between(batch[0], batch[-1])
                applicants = Application.person_id.between(batch[0], batch[-1])
            _add_batch(matrix, load_snapshot(session, where, applicants=applicants), on,
                       determiner, in_mode, rows, columns)
            determiner.forget_people()  # this batch's people are done
    determiner.forget()  # the cells' reasons are worked out again when read
    matrix.seal()
    return matrix


def _add_batch(matrix: AuthorizationMatrix, snap: Snapshot, on: date, determiner: Determiner,
               in_mode: _ModeFacts, rows: dict[int, int], columns: dict[int, int]) -> None:
    # Pair by pair (the grants come in that order: the sort only checks it), not a dict of
    # every pair's list at once; each pair's grants and applications, and each person, are
    # let go once their cell is made.
    for person_id, item_id, grants in _pairs(snap):
        person, item = snap.people[person_id], snap.items[item_id]
        standing = case_standing(snap.cases.pop((person_id, item_id), []), on)
        # Each mode is judged by the rules for that mode (parameters, use, fine-tuning).
        facts = {g.id: in_mode(item, g.mode) for g in grants}
        answers = {g.id: determiner(person.facts, facts[g.id]) for g in grants}
        judged = [(g, *derive(g, answers[g.id], standing)) for g in grants]
        g, state, detail, case = max(judged, key=lambda j: _pressing(j[0].state, j[1]))
        d = answers[g.id]
        modes = {x.id: x.mode for x in grants if x.mode}
        shown = tuple(f"{modes[x.id].replace('_', '-')}: {x.state}"
                      for x in sorted(grants, key=lambda x: modes.get(x.id, ""))
                      if x.id in modes)
        if shown:
            detail += f" [{'; '.join(shown)}]" if len(grants) > 1 else \
                f" [{modes.get(g.id, 'item as a whole').replace('_', '-')}]"
        licensed = case is not None and case is standing.licensed
        # One reason per distinct answer (people with facts the answer cannot tell apart
        # share it); the person's name is put in when it is read.
        matrix.add(
            rows[person_id], columns[item_id], g.id, g.state, state, detail,
            PairReason(determiner, person.facts, facts[g.id], ""),
            (d.ruleset, d.country, d.missing),
            (case.ref, case.status, case.license_number if licensed else "",
             case.license_expires if licensed else None) if case else NO_CASE,
            (g.suspended_at, g.suspended_by, g.suspended_reason),
            shown, reason_key=determiner.key(person.facts, facts[g.id]))


#: How much a record's access matters to the cell of its pair: access on first, then access
#: asked for; among equals the state that needs the most action.
_ACCESS_RANK = {"active": 3, "requested": 2, "suspended": 1, "revoked": 0}
_STATE_RANK = {AuthState.DENIED: 6, AuthState.LICENSE_NEEDED: 5, AuthState.UNKNOWN: 4,
               AuthState.APPLICATION_DRAFTED: 3, AuthState.PENDING: 2, AuthState.LICENSED: 1,
               AuthState.NOT_REQUIRED: 0, AuthState.SUSPENDED: 0, AuthState.REVOKED: 0}


class _ModeFacts(dict[tuple[int, str | None], ItemFacts]):
    """An item's facts in a mode, one object per item and mode: each cell's reason keeps
    its facts (37,000 copies at 100,000 access records otherwise)."""

    def __call__(self, item: GrantItem, mode: str | None) -> ItemFacts:
        found = self.get((item.id, mode))
        if found is None:
            found = self[(item.id, mode)] = item.facts.in_mode(mode)
        return found


def _pair(grant: GrantInfo) -> tuple[int, int]:
    return grant.person_id, grant.item_id


def _pairs(snap: Snapshot) -> Iterator[tuple[int, int, list[GrantInfo]]]:
    """Each (person, item) pair's grants, in pair order, taken out of ``snap`` as they are
    given (a person once their last pair is given)."""
    pending = sorted(snap.grants, key=_pair)
    snap.grants = []
    pending.reverse()  # taken from the end: each pair's grants come out in their order
    last_person: int | None = None
    while pending:
        person_id, item_id = pair = _pair(pending[-1])
        if last_person is not None and person_id != last_person:
            snap.people.pop(last_person, None)
        last_person = person_id
        grants = []
        while pending and _pair(pending[-1]) == pair:
            grants.append(pending.pop())
        yield person_id, item_id, grants


def _pressing(access: str, state: AuthState) -> tuple[int, int]:
    return _ACCESS_RANK.get(access, 0), _STATE_RANK[state]


MATRIX_HEADERS = ("person_ref", "person", "native_name", "item_ref", "item", "classification",
                  "access", "state", "detail", "country", "rule_set", "reason", "missing",
                  "application", "license_number", "license_expires", "suspended_at_utc",
                  "suspended_by", "suspended_reason")


def matrix_row(c: MatrixCell) -> list[Any]:
    return [c.person_ref, c.person_name, c.native_name, c.item_ref, c.item_name, c.eccn,
            c.access, c.state.value, c.detail, c.country or "", c.ruleset or "", c.reason,
            list(c.missing), c.application_ref, c.license_number, c.license_expires,
            c.suspended_at.isoformat() if c.suspended_at else "", c.suspended_by,
            c.suspended_reason]


def export_matrix_csv(db: Database, path: Path, on: date | None = None, *,
                      cells: Iterable[MatrixCell] | None = None,
                      replace: bool = False) -> int:
    """The matrix as a list (one row per grant) in CSV or XLSX, by the file's extension.

    ``cells``: export these (e.g. what the user filtered) instead of the whole matrix.
    Cells are neutralised against spreadsheet formula injection. Checked and written by
    :mod:`licenseapp.services.output.output_files` (never the database, an existing file only with
    ``replace``, whole or not at all, 0600).
    """
    from licenseapp.services.output.output_files import check_output, write_atomically

    check_output(path, database=db, replace=replace)
    if cells is None:
        matrix = authorization_matrix(db, on)
        cells = (matrix.cell_view(k) for k in matrix.live())
    rows = cells
    return write_atomically(
        path, lambda tmp: write_table(tmp, MATRIX_HEADERS, (matrix_row(c) for c in rows)))


__all__ = [
    "MATRIX_HEADERS", "AuthState", "AuthorizationMatrix", "CaseStanding", "MatrixCell",
    "authorization_matrix", "case_standing", "derive", "export_matrix_csv", "matrix_row",
]
