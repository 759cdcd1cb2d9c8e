"""Drafting applications for everyone a rule set newly affects, in one step.

One application per affected person and regulator/form, covering all of that person's
affected items, prefilled from the person, the items, the applicant (the person's employer)
and the templates (:mod:`licenseapp.services.drafts.draft_texts`), linked to the rule set, owned by
the current user, each with its first status event and audit entry.

Not drafted for: a pair already covered by a valid license, or by an application in progress
(not closed) for that person and item — under this rule set or any other, so a second run
creates nothing. A person left with nothing to draft for is counted as skipped. All or
nothing: one transaction; ``cancel()`` is checked between batches and rolls everything back.

By default the newly required are drafted for; ``groups`` may add the already required and
unlicensed, drafted under the rule set that required the license before (their legal basis).
The undetermined are never drafted for: their facts are missing.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from licenseapp.domain.enums import PartyRole
from licenseapp.domain.rules import RuleSet
from licenseapp.services.changes import NOTHING, Changes, application_changes
from licenseapp.services.directive.impact import (
    ALREADY_REQUIRED,
    NEWLY_REQUIRED,
    UNDETERMINED,
    AffectedPair,
    compute,
    resolve,
)
from licenseapp.services.drafts import draft_texts as tx
from licenseapp.services.drafts.drafting import (
    DraftItem,
    DraftParty,
    NewApplication,
    format_ref,
    insert_drafts,
    last_number,
)
from licenseapp.store.database import Database
from licenseapp.store.models import ControlledItem, Organization, Person

BATCH = 250

Progress = Callable[[int, int], None]
Cancel = Callable[[], bool]


@dataclass(frozen=True)
class PlannedDraft:
    ref: str  # the reference it got (or would get, in a dry run)
    person_ref: str
    person_name: str
    items: tuple[str, ...]  # item names
    regulator: str
    form: str


@dataclass(frozen=True)
class SkippedPerson:
    person_ref: str
    person_name: str
    why: str  # "open_application" or "no_employer"
    applications: tuple[str, ...] = ()  # the open applications that already cover them


@dataclass(frozen=True)
class BulkDraftResult:
    ruleset_id: str
    on: date
    dry_run: bool
    cancelled: bool
    drafts: tuple[PlannedDraft, ...]  # created (or, in a dry run / cancelled, planned)
    skipped: tuple[SkippedPerson, ...]
    licensed_pairs: int  # affected pairs a valid license already covers

    @property
    def changes(self) -> Changes:
        """The applications drafted (none in a dry run or when cancelled)."""
        if self.dry_run or self.cancelled:
            return NOTHING
        return application_changes(d.ref for d in self.drafts)

    @property
    def created(self) -> int:
        return 0 if self.dry_run or self.cancelled else len(self.drafts)

    @property
    def duplicates(self) -> int:
        return sum(1 for s in self.skipped if s.why == "open_application")


class _Cancelled(Exception):
    pass


def _group(pairs: tuple[AffectedPair, ...], target: str) -> tuple[
        dict[tuple[int, str, str, str], list[AffectedPair]], dict[int, list[AffectedPair]], int]:
    """(person, regulator, form, rule set that requires the license) -> pairs to draft for;
    person -> pairs already in progress. A pair already required without the directive is
    drafted under the rule set that required it (its legal basis), not the directive."""
    todo: dict[tuple[int, str, str, str], list[AffectedPair]] = defaultdict(list)
    covered: dict[int, list[AffectedPair]] = defaultdict(list)
    licensed = 0
    for p in pairs:
        if p.license_number:
            licensed += 1
        elif p.open_application:
            covered[p.person_id].append(p)
        else:
            basis = (p.before_ruleset or target) if p.group == ALREADY_REQUIRED else target
            todo[(p.person_id, p.regulator, p.form, basis)].append(p)
    return todo, covered, licensed


def _org(o: Organization) -> tx.OrgFacts:
    return tx.OrgFacts(o.id, o.legal_name, o.street, o.city, o.state, o.postal_code, o.country,
                       o.phone, o.signatory_name, o.signatory_title, o.default_loe_template,
                       o.default_tcp_template)


def _person(p: Person, on: date) -> tx.PersonFactsForDraft:
    cits = tuple(c.country for c in p.citizenships
                 if c.country != "US" and (c.ended_on is None or c.ended_on > on))
    return tx.PersonFactsForDraft(p.id, p.full_name, p.native_name, cits, p.immigration_status,
                                  p.date_of_birth, p.birth_country, p.job_title, p.duties,
                                  p.supervisor, p.work_site)


def _plan(session: Session, target: RuleSet, pairs: tuple[AffectedPair, ...], on: date,
          today: date, known: tuple[RuleSet, ...] = ()
          ) -> tuple[list[NewApplication], list[PlannedDraft], list[SkippedPerson], int]:
    todo, covered, licensed = _group(pairs, target.id)
    person_ids = {k[0] for k in todo}
    people = {p.id: p for p in session.execute(
        select(Person).where(Person.id.in_(person_ids)).options(
            selectinload(Person.citizenships))).scalars()} if person_ids else {}
    orgs = {o.id: _org(o) for o in session.execute(select(Organization)).scalars()}
    items = {i.id: tx.ItemForDraft(i.id, i.name, i.classification, i.ccats, i.description)
             for i in session.execute(select(ControlledItem)).scalars()}
    bases = {r.id: r for r in (*known, target)}

    def basis(ruleset_id: str) -> tx.DirectiveFacts:
        r = bases.get(ruleset_id, target)
        return tx.DirectiveFacts(r.id, r.title, r.effective_from,
                                 "; ".join(c.cite for c in r.citations))
    note = f"Drafted in bulk under {target.title}"
    drafts: list[NewApplication] = []
    planned: list[PlannedDraft] = []
    skipped: list[SkippedPerson] = []
    for (person_id, regulator, form, basis_id), group in sorted(
            todo.items(), key=lambda kv: (kv[1][0].person_ref, kv[0][1], kv[0][2], kv[0][3])):
        directive = basis(basis_id)
        row = people[person_id]
        org = orgs.get(row.employer_id) if row.employer_id is not None else None
        if org is None:
            skipped.append(SkippedPerson(row.ref, row.full_name, "no_employer"))
            continue
        person = _person(row, on)
        lines = tuple(items[p.item_id] for p in group)
        texts = tx.draft_texts(person, org, lines, directive, today)
        street, city, state, postal = tx.site_address(person, org)
        drafts.append(NewApplication(
            organization_id=org.id, regulator=regulator, form=form, person_id=person_id,
            items=tuple(DraftItem(i.id, i.eccn, i.description, i.ccats) for i in lines),
            parties=(
                DraftParty(PartyRole.APPLICANT.value, org.legal_name, org.street, org.city,
                           org.state, org.postal_code, org.country, org.phone,
                           organization_id=org.id),
                DraftParty(PartyRole.ULTIMATE_CONSIGNEE.value, person.name, street, city, state,
                           postal, org.country, person_id=person_id),
                DraftParty(PartyRole.END_USER.value, org.legal_name, street, city, state, postal,
                           org.country, org.phone, organization_id=org.id),
            ),
            ruleset_id=directive.id, special_purpose="Technology" if regulator == "BIS" else "",
            end_use=texts.end_use, justification=texts.justification,
            additional_info=texts.additional_info, loe_text=texts.loe_text,
            tcp_text=texts.tcp_text, note=note,
        ))
        planned.append(PlannedDraft("", row.ref, row.full_name, tuple(i.name for i in lines),
                                    regulator, form))
    drafting = {k[0] for k in todo}
    for person_id, group in sorted(covered.items(), key=lambda kv: kv[1][0].person_ref):
        if person_id not in drafting:
            refs = tuple(dict.fromkeys(p.open_application for p in group))
            skipped.append(SkippedPerson(group[0].person_ref, group[0].person_name,
                                         "open_application", refs))
    return drafts, planned, skipped, licensed


def draft_bulk(
    db: Database, ruleset_id: str, dry_run: bool = False, progress: Progress | None = None,
    cancel: Cancel | None = None, *, on: date | None = None, actor: str | None = None,
    now: datetime | None = None, rulesets: tuple[RuleSet, ...] | None = None,
    groups: Sequence[str] = (NEWLY_REQUIRED,),
) -> BulkDraftResult:
    """Draft applications for everyone ``ruleset_id`` newly affects (see the module doc).

    ``progress(done, total)`` is called before the first batch and after each; ``cancel()``
    between batches: True rolls everything back (the result says ``cancelled``). A dry run
    plans the same drafts, with the references they would get, and writes nothing."""
    target, known, on = resolve(ruleset_id, on, rulesets, db)
    actor = actor or db.actor
    now = (now or db.clock.now()).replace(microsecond=0)
    report = progress or (lambda done, total: None)
    year = now.astimezone().year
    try:
        with (db.reading() if dry_run else db.unit_of_work()) as session:
            impact = compute(session, target, known, on)
            chosen = tuple(p for g in groups if g != UNDETERMINED for p in impact.group(g))
            drafts, planned, skipped, licensed = _plan(session, target, chosen, on,
                                                       now.astimezone().date(), known)
            first = last_number(session, year) + 1
            planned = [_with_ref(p, format_ref(year, first + n)) for n, p in enumerate(planned)]
            total = len(drafts)
            report(0, total)
            if not dry_run:
                done = 0
                for start in range(0, total, BATCH):
                    if cancel is not None and cancel():
                        raise _Cancelled
                    created = insert_drafts(session, drafts[start:start + BATCH], actor=actor,
                                            now=now, rulesets=(*known, target))
                    for n, c in enumerate(created, start=start):
                        planned[n] = _with_ref(planned[n], c.ref)
                    done += len(created)
                    report(done, total)
                if cancel is not None and cancel():
                    raise _Cancelled
    except _Cancelled:
        return BulkDraftResult(target.id, on, dry_run, True, tuple(planned), tuple(skipped),
                               licensed)
    return BulkDraftResult(target.id, on, dry_run, False, tuple(planned), tuple(skipped),
                           licensed)


def _with_ref(p: PlannedDraft, ref: str) -> PlannedDraft:
    return PlannedDraft(ref, p.person_ref, p.person_name, p.items, p.regulator, p.form)


__all__ = ["BulkDraftResult", "PlannedDraft", "SkippedPerson", "draft_bulk"]
