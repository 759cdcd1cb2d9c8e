"""Each regulator's own periods, from its lifecycle file: for each, what starts it, what
stops it, and its due day (calendar days for BIS and DDTC, UK working days for ECJU), with
its citation; and nothing of BIS's law on a DDTC or UK case."""

from __future__ import annotations

import ast
import re
from datetime import date
from pathlib import Path

import pytest

from licenseapp.domain import deadlines as dl
from licenseapp.domain.clock import read_clock
from licenseapp.domain.clock_words import clock_cell, clock_headline, clock_lines
from licenseapp.domain.enums import ApplicationStatus as S
from licenseapp.domain.lifecycle import lifecycle
from licenseapp.domain.periods import DayCount, HolidayCalendar

D = date

# (regulator, status entered, on, deadline kind, due, words its title must carry)
STATUS_PERIODS = [
    ("BIS", S.INTENT_TO_DENY, D(2026, 3, 1), "intent_to_deny_response", D(2026, 3, 21),
     "15 CFR 750.6, 20 calendar days"),
    ("BIS", S.DENIED, D(2026, 3, 1), "appeal_window", D(2026, 4, 15),
     "15 CFR Part 756, 45 calendar days"),
    ("BIS", S.INFO_REQUESTED, D(2026, 3, 1), "info_request_due", D(2026, 3, 31),
     "30 calendar days, unconfirmed"),
    ("DDTC", S.DENIED, D(2026, 3, 1), "reconsideration_window", D(2026, 3, 31),
     "22 CFR 126.7, 30 calendar days, unconfirmed"),
    ("DDTC", S.INFO_REQUESTED, D(2026, 3, 1), "info_request_due", D(2026, 3, 31),
     "DDTC practice"),
    # NTE 2024/01: 20 working days. A request on Friday 18 December 2026 skips Christmas
    # (25th), Boxing Day (Saturday 26th: its substitute is Monday 28th), New Year's Day and
    # the weekends: due Wednesday 20 January 2027.
    ("ECJU", S.INFO_REQUESTED, D(2026, 12, 18), "info_request_due", D(2027, 1, 20),
     "NTE 2024/01, 20 working days"),
    ("ECJU", S.INFO_REQUESTED, D(2026, 6, 1), "info_request_due", D(2026, 6, 29),
     "NTE 2024/01, 20 working days"),
    ("ECJU", S.DENIED, D(2026, 3, 1), "appeal_window", D(2026, 3, 29),
     "28 calendar days, unconfirmed"),
]


@pytest.mark.parametrize(("regulator", "status", "on", "kind", "due", "words"), STATUS_PERIODS)
def test_each_status_period_is_the_regulators_own(
    regulator: str, status: S, on: date, kind: str, due: date, words: str
) -> None:
    (deadline,) = dl.status_deadlines("LA-1", regulator, status, on)
    assert (deadline.kind, deadline.due_on) == (kind, due)
    assert words in deadline.title
    assert deadline.note.startswith(f"{regulator}: ")


def test_the_uk_bank_holidays_come_from_the_holiday_calendar() -> None:
    uk = lifecycle("ECJU").clock.count
    assert uk.working and uk.holidays is not None
    assert uk.holidays.name == "England and Wales bank holidays"
    skipped = [D(2026, 12, d) for d in range(19, 32) if not uk.counts(D(2026, 12, d))]
    assert skipped == [D(2026, 12, d) for d in (19, 20, 25, 26, 27, 28)]
    # England and Wales, not Scotland: St Andrew's Day (Monday 30 November 2026) counts.
    assert uk.counts(D(2026, 11, 30))
    scotland = DayCount(True, HolidayCalendar("GB", "SCT", "Scottish bank holidays"))
    assert not scotland.counts(D(2026, 11, 30))


def test_no_period_starts_on_a_status_another_regulator_has_alone() -> None:
    assert dl.status_deadlines("LA-1", "DDTC", S.INTENT_TO_DENY, D(2026, 3, 1)) == []
    assert dl.status_deadlines("LA-1", "BIS", S.REGISTERED, D(2026, 3, 1)) == []


# (regulator, history, today, counted days, stopped days, {limit or step: due}, flags)
CLOCKS = [
    # BIS: 90 calendar days from registration; a pre-license check stops it (750.4(b)).
    ("BIS", [(S.REGISTERED, D(2026, 7, 1)), (S.REFERRED, D(2026, 7, 6)),
             (S.PRE_LICENSE_CHECK, D(2026, 7, 10)), (S.REFERRED, D(2026, 7, 20))],
     D(2026, 8, 1), 21, 10, {"limit": D(2026, 10, 9), "agency": D(2026, 8, 15)}, ()),
    # Government-to-government assurances stop it too; still waiting: due days move on.
    ("BIS", [(S.REGISTERED, D(2026, 7, 1)), (S.AWAITING_ASSURANCES, D(2026, 7, 5))],
     D(2026, 7, 15), 4, 10, {"limit": D(2026, 10, 9)}, ()),
    ("BIS", [(S.REGISTERED, D(2026, 7, 1)), (S.APPLICANT_DELAY, D(2026, 7, 2)),
             (S.REGISTERED, D(2026, 7, 12))],
     D(2026, 7, 20), 9, 10, {"limit": D(2026, 10, 9)}, ()),
    ("BIS", [(S.REGISTERED, D(2026, 7, 1))], D(2026, 7, 11), 10, 0,
     {"referral": D(2026, 7, 10), "limit": D(2026, 9, 29)}, ("past the 9-day referral step",)),
    # DDTC: no regulatory time limit, days counted for information only.
    ("DDTC", [(S.REGISTERED, D(2026, 7, 1)), (S.INFO_REQUESTED, D(2026, 7, 11)),
              (S.REGISTERED, D(2026, 7, 21))], D(2026, 12, 1), 143, 10, {}, ()),
    # ECJU: service targets in working days from receipt. Submitted Monday 14 December
    # 2026: the 20th working day is 14 January 2027 (25, 26→28 Dec and 1 Jan skipped).
    ("ECJU", [(S.SUBMITTED, D(2026, 12, 14)), (S.REGISTERED, D(2026, 12, 15))],
     D(2026, 12, 23), 7, 0, {"target": D(2027, 1, 14)}, ()),
    # A request on 16 December stops it (2 working days counted) until it is answered on
    # 5 January (11 working days stopped): 18 more working days, due 29 January.
    ("ECJU", [(S.SUBMITTED, D(2026, 12, 14)), (S.INFO_REQUESTED, D(2026, 12, 16)),
              (S.REGISTERED, D(2027, 1, 5))],
     D(2027, 1, 6), 3, 11, {"target": D(2027, 1, 29)}, ()),
    ("ECJU", [(S.SUBMITTED, D(2026, 6, 1))], D(2026, 7, 1), 22, 0,
     {"target": D(2026, 6, 29)}, ("past the 20-working-day service target",)),
]


@pytest.mark.parametrize(("regulator", "history", "today", "counted", "stopped", "due", "flags"),
                         CLOCKS)
def test_each_clock_is_the_regulators_own(
    regulator: str, history: list[tuple[S, date]], today: date, counted: int, stopped: int,
    due: dict[str, date], flags: tuple[str, ...],
) -> None:
    reading = read_clock(history, today, lifecycle(regulator).clock)
    assert (reading.counted_days, reading.stopped_days) == (counted, stopped)
    for key, day in due.items():
        assert reading.due(key) == day, key
    assert reading.flags == flags


def test_ddtc_has_no_limit_and_says_so() -> None:
    reading = read_clock([(S.REGISTERED, D(2026, 7, 1))], D(2026, 12, 1),
                         lifecycle("DDTC").clock)
    assert reading.limits == () and reading.steps == ()
    assert "no regulatory time limit" in clock_headline(reading)
    assert clock_cell(reading) == "153 calendar days (no regulatory time limit)"


def test_the_ecju_clock_says_it_is_a_target_in_working_days() -> None:
    reading = read_clock([(S.SUBMITTED, D(2026, 12, 14))], D(2026, 12, 23),
                         lifecycle("ECJU").clock)
    assert clock_headline(reading) == (
        "ECJU service targets: 20 working days (England and Wales bank holidays skipped) — "
        "day 7; a target, not a legal limit (NTE 2023/15, unconfirmed)")
    text = " ".join(line.text for line in clock_lines(reading, D(2026, 12, 23)))
    assert "confirm in the ECJU service and performance code" in text


def test_bis_records_every_stoppage_and_an_intent_to_deny_may_end_in_approval() -> None:
    bis = lifecycle("BIS")
    for pause in (S.INFO_REQUESTED, S.PRE_LICENSE_CHECK, S.AWAITING_ASSURANCES,
                  S.APPLICANT_DELAY, S.MULTILATERAL_REVIEW, S.GOVERNMENT_CONSULTATION):
        assert pause in bis.clock.stops and pause in bis.allowed(S.REGISTERED)
        assert bis.clock.pause(pause) is not None
        assert bis.clock.pause(pause).citation.startswith("15 CFR 750.4")  # type: ignore[union-attr]
    assert S.APPROVED in bis.allowed(S.INTENT_TO_DENY)


def test_the_missing_ddtc_and_lite_states_are_there() -> None:
    ddtc, ecju = lifecycle("DDTC"), lifecycle("ECJU")
    assert S.RECONSIDERATION in ddtc.allowed(S.DENIED) and S.CLOSED in ddtc.allowed(S.REGISTERED)
    assert S.APPLICANT_EDITING in ecju.allowed(S.SUBMITTED)
    assert S.FINAL_REVIEW in ecju.allowed(S.REFERRED)
    assert S.LICENSE_NOT_REQUIRED in ecju.allowed(S.REGISTERED)
    assert S.CLOSED in ecju.allowed(S.INFO_REQUESTED)
    assert {S.SUSPENDED, S.REVOKED, S.SURRENDERED} <= ecju.allowed(S.APPROVED)
    assert ecju.label(S.LICENSE_NOT_REQUIRED) == "No licence required"


US_LAW = re.compile(r"15 CFR|750\.\d|Part 756|BIS\b")


@pytest.mark.parametrize("regulator", ["DDTC", "ECJU"])
def test_no_bis_citation_on_a_ddtc_or_uk_case(regulator: str) -> None:
    """Every status of the lifecycle, reached by a plausible path over the days: its
    deadlines and its clock in every form never cite BIS's law."""
    cycle = lifecycle(regulator)
    for status in cycle.statuses:
        path = cycle.path_to(status)
        history = [(s, D(2026, 6, 1 + 2 * i)) for i, s in enumerate(path)]
        today = D(2026, 12, 1)
        texts = []
        for s, on in history:
            for d in dl.status_deadlines("LA-1", regulator, s, on):
                texts += [d.title, d.note]
        reading = read_clock(history, today, cycle.clock)
        texts += [clock_headline(reading), clock_cell(reading), *reading.flags]
        texts += [f"{line.label} {line.text}" for line in clock_lines(reading, today)]
        for text in texts:
            assert not US_LAW.search(text), (status, text)


#: A day constant allowed in domain/ (none of them is a regulator's period).
ALLOWED = {("settings.py", "DEFAULT_RENEWAL_WINDOW_DAYS")}  # the team setting's default


def _day_constants(tree: ast.AST, name: str) -> list[str]:
    """Names ending in ``_DAYS`` given a number, ``timedelta(days=N)`` for N above 1 (the
    next day is not a period), and texts such as "90-day" outside docstrings."""
    docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                  if isinstance(node, (ast.Module, ast.FunctionDef, ast.ClassDef))
                  and node.body and isinstance(node.body[0], ast.Expr)}
    found = []
    for node in ast.walk(tree):
        if isinstance(node, (ast.Assign, ast.AnnAssign)) and isinstance(node.value, ast.Constant):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                if (isinstance(target, ast.Name) and target.id.endswith("_DAYS")
                        and (name, target.id) not in ALLOWED):
                    found.append(f"{target.id} = {node.value.value}")
        if isinstance(node, ast.keyword) and node.arg == "days" and isinstance(
                node.value, ast.Constant) and node.value.value != 1:
            found.append(f"days={node.value.value}")
        if (isinstance(node, ast.Constant) and isinstance(node.value, str)
                and id(node) not in docstrings and re.search(r"\b\d+-day\b", node.value)):
            found.append(repr(node.value))
    return found


def test_no_number_of_days_in_the_domain_code() -> None:
    """Every regulator's period is data in its lifecycle file, none in the domain's code."""
    root = Path(__file__).resolve().parents[2] / "licenseapp" / "domain"
    found = []
    for path in sorted(root.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        found += [f"{path.relative_to(root)}: {what}" for what in _day_constants(tree, path.name)]
    assert found == []


def test_the_day_constant_check_would_see_one() -> None:
    tree = ast.parse('LIMIT_DAYS = 90\nx = timedelta(days=45)\ny = "past the 9-day step"\n')
    assert sorted(_day_constants(tree, "x.py")) == [
        "'past the 9-day step'", "LIMIT_DAYS = 90", "days=45"]


def test_an_escalated_bis_case_says_escalation_is_not_timed_here() -> None:
    history = [(S.REGISTERED, D(2026, 11, 2)), (S.REFERRED, D(2026, 11, 10)),
               (S.ESCALATED, D(2026, 11, 20))]
    reading = read_clock(history, D(2026, 11, 27), lifecycle("BIS").clock)
    lines = {line.label: line.text for line in clock_lines(reading, D(2026, 11, 27))}
    assert "Executive Order 12981" in lines["Untimed"]
    assert reading.due("limit") == D(2027, 1, 31)
    referred = read_clock(history[:2], D(2026, 11, 27), lifecycle("BIS").clock)
    assert "Untimed" not in {line.label for line in clock_lines(referred, D(2026, 11, 27))}
