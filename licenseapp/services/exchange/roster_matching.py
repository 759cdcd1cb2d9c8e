"""Who each roster row is: the matching rules and the in-memory people they change.

Plain Python over :class:`PersonRecord` values (the people in the database, loaded once,
plus those the file adds), so a row is decided without a query and a dry run decides exactly
what the import then does. The rules, in the order applied:

1. Keys: our reference (``ref`` column), the key the user matches on (employee number or
   e-mail) and the other one when the file has it. If they point at different people the
   row is rejected (that is how two people get merged); if one of them finds a person, the
   row is that person — a ``ref`` alone only when the names agree too (a file from another
   database may use the same reference for someone else).
2. An employee number is never changed by an import: a row that gives a person a different
   one is rejected. An e-mail may change, but never to another person's.
3. No key found: someone with the same given name, family name and date of birth is only a
   candidate — ``needs_confirmation`` naming them, applied only when the user confirms
   (several candidates: rejected, the key must say which). A candidate whose match key
   differs from the row's is a different person: the row adds someone new. A row identical
   to an earlier row of the file is that row's person (``unchanged``).
4. Otherwise the row adds a person, with the file's reference when it gives a free one.

A duplicate of an earlier row is matched to the person that row added or updated, so it is
``unchanged`` or ``updated``, never a second person.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from licenseapp.domain.import_outcomes import CellProblem, Change, Outcome, RowOutcome
from licenseapp.services.exchange.roster_lookups import Employers, RefCounter, unknown_employer
from licenseapp.services.exchange.roster_rows import LABELS, PersonRow, row_signature

_TEXTS = ("given_name", "family_name", "native_name", "other_names", "job_title")
_VALUES = ("date_of_birth", "birth_country", "residency_country", "immigration_status",
           "lpr_since")


@dataclass(eq=False, slots=True)
class PersonRecord:
    """A person as the import sees them: stored (``id``) or added by this file (None)."""

    id: int | None
    ref: str
    version: int
    given_name: str
    family_name: str
    native_name: str = ""
    other_names: str = ""
    date_of_birth: date | None = None
    birth_country: str | None = None
    residency_country: str | None = None
    immigration_status: str | None = None
    lpr_since: date | None = None
    email: str = ""
    job_title: str = ""
    employer_id: int | None = None  # a new organization's is negative until it is created
    employee_number: str | None = None
    citizenships: list[str] = field(default_factory=list)
    visas: list[tuple[int | None, date | None]] = field(default_factory=list)  # (id, expiry)
    # What the import does to it:
    changed: set[str] = field(default_factory=set)
    before: dict[str, Any] = field(default_factory=dict)  # field → its stored value
    new_citizenships: list[str] = field(default_factory=list)
    visa_change: tuple[int | None, date] | None = None  # (the visa's id or None: new, expiry)
    first_row: int | None = None  # the row of this file that added the person
    #: The last row of this file applied to the person: its number, and the hash of what it
    #: says (:func:`row_signature`), to tell a later row saying the same.
    last_row: tuple[int, int] | None = None

    def pending(self) -> bool:
        """Changed in memory but not written."""
        return (self.id is None or bool(self.changed) or bool(self.new_citizenships)
                or self.visa_change is not None)

    @property
    def label(self) -> str:
        return f"{self.ref} {self.given_name} {self.family_name}".strip()

    def describe(self) -> str:
        born = f", born {self.date_of_birth.isoformat()}" if self.date_of_birth else ""
        # Said also once written (a long file is written a batch at a time).
        where = f" (added by row {self.first_row})" if self.first_row else ""
        return f"{self.label}{born}{where}"

    def name_key(self) -> tuple[str, str, date | None]:
        return (self.given_name.casefold(), self.family_name.casefold(), self.date_of_birth)


#: What the matcher knows of a stored person before a row names them: id, reference,
#: employee number, e-mail, given name, family name, date of birth.
PersonKeys = tuple[int, str, str | None, str | None, str, str, date | None]
#: A person in the indexes: in memory, or the id of one stored (loaded when a row names them).
_Found = PersonRecord | int
NameKey = tuple[str, str, date | None]


class PeopleMatcher:
    """Decides each row's outcome and applies it to the records in memory.

    The indexes hold each stored person by id only; :meth:`prepare` loads (with ``load``)
    the people a batch of rows may name, and :meth:`evict` turns those back into ids once
    they are written, so a file of any length is matched in bounded memory.
    """

    def __init__(self, people: Iterable[PersonKeys], *, match_on: str,
                 other_key: str | None, use_ref: bool, confirm_name_matches: bool,
                 employers: Employers, refs: RefCounter,
                 load: Callable[[list[int]], list[PersonRecord]]) -> None:
        self.match_on, self.other_key, self.use_ref = match_on, other_key, use_ref
        self.confirm = confirm_name_matches
        self.employers, self.refs, self.load = employers, refs, load
        self.by_ref: dict[str, _Found] = {}
        self.by_key: dict[str, dict[str, _Found]] = {"employee_number": {}, "email": {}}
        #: By the hash of the name key (given, family, date of birth), which is checked on
        #: the people found: no copy of everyone's names is held.
        self.by_name: dict[int, list[_Found]] = {}
        for pid, ref, number, email, given, family, born in people:
            self._enter(pid, ref, number, email, (given.casefold(), family.casefold(), born))
        self._touched: dict[int, PersonRecord] = {}  # id() → a person rows changed or added
        #: id() → a person loaded, added or changed by the batch of rows under way.
        self._live: dict[int, PersonRecord] = {}
        #: A person this file named, written and evicted: their first_row and last_row
        #: packed in one int (:func:`_pack`), 100,000 of them held small.
        self._said: dict[int, int] = {}

    # ------------------------------------------------------------ memory

    def prepare(self, rows: Iterable[PersonRow]) -> None:
        """Load the stored people these rows may name (by a key or by name and birth)."""
        wanted: dict[int, None] = {}
        for row in rows:
            found: list[_Found | None] = []
            if self.use_ref and row.ref:
                found.append(self.by_ref.get(row.ref))
            for key in (self.match_on, self.other_key):
                if key is not None and (value := row.key(key)):
                    found.append(self.by_key[key].get(value.lower() if key == "email"
                                                      else value))
            found.extend(self.by_name.get(hash(_name_key(row)), ()))
            wanted.update((f, None) for f in found if isinstance(f, int))
        if wanted:
            for record in self.load(list(wanted)):
                self._hold(record)

    def _hold(self, record: PersonRecord) -> None:
        """A stored person loaded: in the indexes in place of their id."""
        assert record.id is not None
        said = self._said.pop(record.id, None)
        if said is not None:
            record.first_row, record.last_row = _unpack(said)
        self._swap(record, record.id, record)
        self._live[id(record)] = record

    def evict(self) -> None:
        """The batch's people with nothing left to write (written, or unchanged): ids
        again."""
        live, self._live = self._live, {}
        for record in live.values():  # one still to write (a dry run) stays as it is
            if record.id is not None and not record.pending():
                self._swap(record, record, record.id)
                if record.first_row is not None or record.last_row is not None:
                    self._said[record.id] = _pack(record.first_row, record.last_row)

    def _swap(self, record: PersonRecord, old: _Found, new: _Found) -> None:
        if self.by_ref.get(record.ref) == old:
            self.by_ref[record.ref] = new
        for key, value in (("employee_number", record.employee_number or ""),
                           ("email", record.email.lower())):
            if value and self.by_key[key].get(value) == old:
                self.by_key[key][value] = new
        same = self.by_name.get(hash(record.name_key()), [])
        for n, found in enumerate(same):
            if found == old:
                same[n] = new

    def _enter(self, found: _Found, ref: str, number: str | None, email: str | None,
               name: NameKey) -> None:
        self.by_ref[ref] = found
        if number:
            self.by_key["employee_number"].setdefault(number, found)
        if email:
            self.by_key["email"].setdefault(email.lower(), found)
        self.by_name.setdefault(hash(name), []).append(found)

    def _person(self, found: _Found) -> PersonRecord:
        if isinstance(found, int):  # not named by the rows prepared: loaded now
            (record,) = self.load([found])
            self._hold(record)
            return record
        return found

    def take_touched(self) -> list[PersonRecord]:
        """The people rows changed or added since the last call, in the order first met."""
        touched = list(self._touched.values())
        self._touched = {}
        return touched

    # ------------------------------------------------------------ indexes

    def _index(self, r: PersonRecord) -> None:
        self._enter(r, r.ref, r.employee_number, r.email, r.name_key())
        self._live[id(r)] = r

    def _unindex(self, r: PersonRecord, key: str, value: str) -> None:
        if value and self.by_key[key].get(value) is r:
            del self.by_key[key][value]

    # ------------------------------------------------------------ decisions

    def process(self, row: PersonRow) -> RowOutcome:
        """The row's outcome; the records change when it applies."""
        employer_id: int | None = None
        if row.employer:
            employer_id = self.employers.resolve(row.employer)
            if employer_id is None:
                return self._reject(row, unknown_employer(row.employer))
        found: dict[str, PersonRecord] = {}
        if self.use_ref and row.ref and row.ref in self.by_ref:
            found["ref"] = self._person(self.by_ref[row.ref])
        for key in (self.match_on, self.other_key):
            if key is not None:
                value = row.key(key)
                if value:
                    record = self.by_key[key].get(value.lower() if key == "email" else value)
                    if record is not None:
                        found[key] = self._person(record)
        if not found:
            return self._unmatched(row, employer_id)
        people = list(dict.fromkeys(found.values()))
        if len(people) > 1:
            return self._reject(row, self._conflict(row, found))
        if people:
            record = people[0]
            refused = self._refuse_match(row, record, found)
            if refused is not None:
                return self._reject(row, refused)
            return self._apply(row, record, employer_id)
        return self._unmatched(row, employer_id)

    def _conflict(self, row: PersonRow, found: dict[str, PersonRecord]) -> CellProblem:
        (first, a), *rest = found.items()
        second, b = next((k, r) for k, r in rest if r is not a)
        value = row.ref if second == "ref" else row.key(second)
        said = "reference" if first == "ref" else LABELS[first].lower()
        return CellProblem(second, value,
                           f"is {b.label}'s, but the {said} is {a.label}'s",
                           "correct one of them: two different people cannot be one row")

    def _refuse_match(self, row: PersonRow, record: PersonRecord,
                      found: dict[str, PersonRecord]) -> CellProblem | None:
        if (row.employee_number and record.employee_number
                and row.employee_number != record.employee_number):
            if set(found) == {"email"} and self.match_on != "email":
                # Found by the e-mail alone, which then points at someone else.
                return CellProblem(
                    "email", row.email, f"is the e-mail of {record.label}, whose employee "
                    f"number is {record.employee_number}",
                    "correct the e-mail, or leave it empty")
            return CellProblem(
                "employee_number", row.employee_number,
                f"{record.label} has the employee number {record.employee_number}",
                "an import does not change employee numbers; correct it in the file, or "
                "change it on the person's page first")
        if set(found) == {"ref"} and (
                (row.given_name.casefold(), row.family_name.casefold())
                != (record.given_name.casefold(), record.family_name.casefold())):
            return CellProblem(
                "ref", row.ref, f"{row.ref} is {record.given_name} {record.family_name} in "
                f"this database, not {row.given_name} {row.family_name}",
                "correct the name, or leave the reference empty to add this person as new")
        return None

    def _unmatched(self, row: PersonRow, employer_id: int | None) -> RowOutcome:
        name = _name_key(row)
        candidates = [c for c in map(self._person, self.by_name.get(hash(name), ()))
                      if c.name_key() == name]
        note = ""
        if candidates:
            decided = self._by_name(row, candidates, employer_id)
            if isinstance(decided, RowOutcome):
                return decided
            note = decided
        record = PersonRecord(
            id=None, ref=row.ref or self.refs.take(), version=1, given_name=row.given_name,
            family_name=row.family_name, native_name=row.native_name,
            other_names=row.other_names, date_of_birth=row.date_of_birth,
            birth_country=row.birth_country, residency_country=row.residency_country,
            immigration_status=row.immigration_status, lpr_since=row.lpr_since,
            email=row.email,
            job_title=row.job_title, employer_id=employer_id,
            employee_number=row.employee_number or None, citizenships=list(row.citizenships),
            first_row=row.row, last_row=(row.row, _signature(row)))
        if row.visa_expiry is not None:
            record.visas.append((None, row.visa_expiry))
            record.visa_change = (None, row.visa_expiry)
        self._index(record)
        self._touched[id(record)] = record
        return RowOutcome(row.row, Outcome.ADDED, record.label, note=note, line=row.line)

    def _by_name(self, row: PersonRow, candidates: list[PersonRecord],
                 employer_id: int | None) -> RowOutcome | str:
        """The outcome when someone has the row's name and date of birth; else (they are
        someone else by their keys) the note for the person the row adds."""
        key = row.key(self.match_on)
        mine = [(k, v.lower()) for k in (self.match_on, self.other_key)
                if k is not None and (v := row.key(k))]
        others = [c for c in candidates
                  if any((getattr(c, k) or "").lower() not in ("", v) for k, v in mine)]
        same = [c for c in candidates if c not in others]
        if same:
            signature = _signature(row)
            for c in same:
                if c.last_row is not None and c.last_row[1] == signature:
                    return self._apply(row, c, employer_id,
                                       note=f"the same as row {c.last_row[0]}")
        key_label = LABELS[self.match_on].lower()
        if len(same) > 1:
            names = "; ".join(c.describe() for c in same)
            return self._reject(row, CellProblem(
                self.match_on, key,
                f"the name and date of birth match {len(same)} people: {names}",
                f"give the {key_label} to say which one"),
                outcome=Outcome.NEEDS_CONFIRMATION, candidate=names)
        if same:
            candidate = same[0]
            if self.confirm:
                return self._apply(row, candidate, employer_id,
                                   note="matched by name and date of birth, as confirmed")
            return self._reject(row, CellProblem(
                "given_name", f"{row.given_name} {row.family_name}",
                f"may be {candidate.describe()}: the same name and date of birth, but no "
                f"matching {key_label}",
                f"confirm that this is the same person, or give the {key_label} that tells "
                "them apart"),
                outcome=Outcome.NEEDS_CONFIRMATION, candidate=candidate.describe())
        which = next(k for k in (self.match_on, self.other_key)
                     if k and self._differs(row, others[0], k))
        return (f"the same name and date of birth as {others[0].label}, whose "
                f"{LABELS[which].lower()} differs: added as another person")

    def _differs(self, row: PersonRow, record: PersonRecord, only: str | None = None) -> bool:
        """Row and record both have a key (``only`` that one) and it differs."""
        for key in (only,) if only else (self.match_on, self.other_key):
            if key is None:
                continue
            mine, theirs = row.key(key).lower(), (getattr(record, key) or "").lower()
            if mine and theirs and mine != theirs:
                return True
        return False

    def _reject(self, row: PersonRow, problem: CellProblem, *,
                outcome: Outcome = Outcome.REJECTED, candidate: str = "") -> RowOutcome:
        return RowOutcome(row.row, outcome, problems=(problem,), candidate=candidate,
                          line=row.line)

    # ------------------------------------------------------------ applying

    def _apply(self, row: PersonRow, record: PersonRecord, employer_id: int | None, *,
               note: str = "") -> RowOutcome:
        changes = self.diff(record, row, employer_id)
        if changes:
            old_email, old_number = record.email.lower(), record.employee_number or ""
            old_name = record.name_key()
            self._set(record, row, employer_id)
            self._unindex(record, "email", old_email)
            self._unindex(record, "employee_number", old_number)
            if record.employee_number:
                self.by_key["employee_number"].setdefault(record.employee_number, record)
            if record.email:
                self.by_key["email"].setdefault(record.email.lower(), record)
            if record.name_key() != old_name:
                self.by_name[hash(old_name)].remove(record)
                self.by_name.setdefault(hash(record.name_key()), []).append(record)
            self._touched.setdefault(id(record), record)
            self._live.setdefault(id(record), record)
        record.last_row = (row.row, _signature(row))
        outcome = Outcome.UPDATED if changes else Outcome.UNCHANGED
        return RowOutcome(row.row, outcome, record.label, tuple(changes), note=note,
                          line=row.line)

    def _employer_name(self, employer_id: int | None) -> str:
        return self.employers.names.get(employer_id, "") if employer_id is not None else ""

    def diff(self, record: PersonRecord, row: PersonRow,
             employer_id: int | None) -> list[Change]:
        """What applying ``row`` would change, field by field."""
        changes: list[Change] = []
        for name in _TEXTS:
            new = getattr(row, name)
            if new and new != getattr(record, name):
                changes.append(Change(name, getattr(record, name), new))
        for name in _VALUES:
            new = getattr(row, name)
            if new is not None and new != getattr(record, name):
                changes.append(Change(name, _text(getattr(record, name)), _text(new)))
        if row.email and row.email != record.email.lower():
            changes.append(Change("email", record.email, row.email))
        if row.employee_number and row.employee_number != (record.employee_number or ""):
            changes.append(Change("employee_number", record.employee_number or "",
                                  row.employee_number))
        if employer_id is not None and employer_id != record.employer_id:
            changes.append(Change("employer", self._employer_name(record.employer_id),
                                  self._employer_name(employer_id)))
        added = [c for c in row.citizenships if c not in record.citizenships]
        if added:
            changes.append(Change("citizenships", "; ".join(record.citizenships),
                                  "; ".join([*record.citizenships, *added])))
        if row.visa_expiry is not None and all(e != row.visa_expiry for _, e in record.visas):
            latest = _latest_visa(record)
            changes.append(Change("visa_expiry", _text(latest[1] if latest else None),
                                  row.visa_expiry.isoformat()))
        return changes

    def _set(self, record: PersonRecord, row: PersonRow, employer_id: int | None) -> None:
        def put(name: str, value: Any) -> None:
            if name not in record.before and record.id is not None:
                record.before[name] = getattr(record, name)
            setattr(record, name, value)
            record.changed.add(name)

        for name in _TEXTS:
            new = getattr(row, name)
            if new and new != getattr(record, name):
                put(name, new)
        for name in _VALUES:
            new = getattr(row, name)
            if new is not None and new != getattr(record, name):
                put(name, new)
        if row.email and row.email != record.email.lower():
            put("email", row.email)
        if row.employee_number and row.employee_number != (record.employee_number or ""):
            put("employee_number", row.employee_number)
        if employer_id is not None and employer_id != record.employer_id:
            put("employer_id", employer_id)
        for code in row.citizenships:
            if code not in record.citizenships:
                record.citizenships.append(code)
                record.new_citizenships.append(code)
        if row.visa_expiry is not None and all(e != row.visa_expiry for _, e in record.visas):
            latest = _latest_visa(record)
            if latest is None:
                record.visas.append((None, row.visa_expiry))
            else:
                record.visas[record.visas.index(latest)] = (latest[0], row.visa_expiry)
            record.visa_change = (latest[0] if latest else None, row.visa_expiry)


_BITS = 64
_MASK = (1 << _BITS) - 1


def _signature(row: PersonRow) -> int:
    """The hash of what a row says (two rows alike: the same number)."""
    return hash(row_signature(row)) & _MASK


def _pack(first_row: int | None, last_row: tuple[int, int] | None) -> int:
    """first_row and last_row in one int: 0 stands for None (a row number is at least 2)."""
    number, signature = last_row if last_row is not None else (0, 0)
    return (((signature << _BITS) | (first_row or 0)) << _BITS) | number


def _unpack(packed: int) -> tuple[int | None, tuple[int, int] | None]:
    number, rest = packed & _MASK, packed >> _BITS
    first_row, signature = rest & _MASK, rest >> _BITS
    return first_row or None, (number, signature) if number else None


def _name_key(row: PersonRow) -> NameKey:
    return (row.given_name.casefold(), row.family_name.casefold(), row.date_of_birth)


def _latest_visa(record: PersonRecord) -> tuple[int | None, date | None] | None:
    if not record.visas:
        return None
    return max(record.visas, key=lambda v: (v[1] or date.min, v[0] or 0))


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


__all__ = ["PeopleMatcher", "PersonKeys", "PersonRecord"]
