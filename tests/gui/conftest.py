"""GUI fixtures: a database with applications whose names use several scripts."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

import pytest

from licenseapp.gui.refcount_guard import guard_singletons
from licenseapp.gui.tasks import TaskRunner

guard_singletons()  # as the app does at start (PySide6 6.12 on Python 3.11)


@dataclass(frozen=True)
class SamplePerson:
    given: str
    family: str
    native: str
    citizenships: tuple[str, ...]


#: Names a user must be able to read: Chinese, Arabic, Cyrillic, Devanagari, Latin diacritics.
SAMPLE_PEOPLE = (
    SamplePerson("Wei", "Zhang", "张伟", ("CN",)),
    SamplePerson("Layla", "Haddad", "ليلى حداد", ("JO", "CA")),
    SamplePerson("Dmitri", "Ivanov", "Дмитрий Иванов", ("RU",)),
    SamplePerson("Priya", "Sharma", "प्रिया शर्मा", ("IN",)),
    SamplePerson("José Ángel", "Núñez", "", ("ES",)),
    SamplePerson("Zoë", "Lefèvre-Dvořák", "", ("FR", "CZ")),
)

#: (status, regulator, items, history) for each sample application, in ref order.
SAMPLE_APPLICATIONS = (
    ("draft", "BIS", ("Mythos 5",), ("draft",)),
    ("submitted", "BIS", ("Mythos 5", "Photon lithography process"),
     ("draft", "internal_review", "ready", "submitted")),
    ("registered", "DDTC", ("Guidance firmware",), ("draft", "ready", "submitted", "registered")),
    ("approved_with_conditions", "BIS", ("Mythos 5",),
     ("draft", "ready", "submitted", "registered", "approved_with_conditions")),
    ("info_requested", "ECJU", ("ML22 production technology",),
     ("draft", "ready", "submitted", "registered", "info_requested")),
    ("denied", "BIS", ("Photon lithography process",),
     ("draft", "ready", "submitted", "registered", "denied")),
)

_ITEMS = {
    "Mythos 5": ("IT-0001", "ai_model_access", "EAR", "4E091"),
    "Photon lithography process": ("IT-0002", "technology", "EAR", "3E001"),
    "Guidance firmware": ("IT-0003", "technical_data", "ITAR", "XII(f)"),
    "ML22 production technology": ("IT-0004", "technology", "UK", "ML22"),
}
_FORMS = {"BIS": "BIS-748P", "DDTC": "DSP-5", "ECJU": "SIEL"}


def add_sample_applications(db, count: int | None = None) -> list[str]:
    """Insert the sample organization, people, items and applications; returns the refs.

    ``count`` repeats the six sample applications (cycling through the people) to make a
    longer list; by default there is one application per sample.
    """
    from licenseapp.store.models import (
        Application,
        ApplicationItem,
        ApplicationParty,
        Citizenship,
        ControlledItem,
        License,
        LicenseCondition,
        Organization,
        Person,
        StatusEvent,
    )

    base = datetime(2026, 1, 5, 14, 30, tzinfo=UTC)
    refs: list[str] = []
    with db.unit_of_work() as session:
        org = Organization(legal_name="Northwind Frontier AI, Inc.", city="San Jose", state="CA")
        session.add(org)
        people = []
        for n, sample in enumerate(SAMPLE_PEOPLE, start=1):
            person = Person(
                ref=f"P-{n:05d}", given_name=sample.given, family_name=sample.family,
                native_name=sample.native, immigration_status="h1b",
                date_of_birth=date(1988, n, 10), birth_country=sample.citizenships[0],
                job_title="Research engineer",
            )
            person.citizenships = [Citizenship(country=c) for c in sample.citizenships]
            people.append(person)
        session.add_all(people)
        items = {}
        for name, (ref, kind, regime, eccn) in _ITEMS.items():
            items[name] = ControlledItem(
                ref=ref, name=name, kind=kind, regime=regime, classification=eccn
            )
        session.add_all(items.values())
        session.flush()
        total = count or len(SAMPLE_APPLICATIONS)
        for n in range(total):
            status, regulator, names, history = SAMPLE_APPLICATIONS[n % len(SAMPLE_APPLICATIONS)]
            person = people[n % len(people)]
            ref = f"LA-2026-{n + 1:04d}"
            when = base + timedelta(days=n % 300, hours=n % 7)
            app = Application(
                ref=ref, organization_id=org.id, regulator_code=regulator,
                form_code=_FORMS[regulator], person_id=person.id, owner=("alice", "bob")[n % 2],
                status=status, status_changed_at=when + timedelta(days=len(history)),
                regulator_ref=f"Z{100000 + n}" if len(history) > 3 else "",
                end_use="Model evaluation and red-teaming at the Palo Alto lab.",
                updated_at=when + timedelta(days=len(history)),
            )
            app.items = [
                ApplicationItem(item_id=items[name].id, position=pos, eccn=_ITEMS[name][3])
                for pos, name in enumerate(names, start=1)
            ]
            app.parties = [
                ApplicationParty(role="ultimate_consignee", name=person.given_name + " "
                                 + person.family_name, country="US"),
            ]
            session.add(app)
            session.flush()
            previous = None
            for step, target in enumerate(history):
                session.add(StatusEvent(
                    application_id=app.id, from_status=previous, to_status=target,
                    occurred_at=when + timedelta(days=step + 1), actor="alice",
                    note="Created" if previous is None else f"Moved to {target}",
                ))
                previous = target
            if status == "approved_with_conditions":
                lic = License(
                    application_id=app.id, number=f"D{1200000 + n}",
                    issued_on=date(2026, 2, 1), expires_on=date(2030, 1, 31),
                )
                lic.conditions = [
                    LicenseCondition(position=1, text="No access from outside the United States."),
                    LicenseCondition(position=2, text="Report annually on the access granted.",
                                     anniversary_report=True),
                ]
                session.add(lic)
            refs.append(ref)
    return refs


@pytest.fixture
def sample_db_url(db, db_url: str) -> str:
    """A database (as --db would name it) holding the sample applications."""
    add_sample_applications(db)
    return db_url


@pytest.fixture
def db(db, runner):  # type: ignore[no-untyped-def]
    """The database under test, closed only once the runner's tasks have finished: a
    screen may still be reading from it (a details pane reloading) when a test ends."""
    return db


@pytest.fixture(autouse=True)
def own_settings(tmp_path_factory):  # type: ignore[no-untyped-def]
    """Each test's personal settings (and remembered window layout) in a folder of its own,
    never the user's: a window closed by one test must not open the next on its screen."""
    from PySide6.QtCore import QSettings

    folder = tmp_path_factory.mktemp("settings")
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    return folder


@pytest.fixture
def window(qtbot, runner):  # type: ignore[no-untyped-def]
    """The main window, shown at 1280×800, with no database yet; failures reported to it
    fail the test."""
    from licenseapp.gui.main_window import MainWindow

    errors: list[BaseException] = []
    win = MainWindow(runner, errors.append)
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    yield win
    win.close()
    assert errors == []


@pytest.fixture
def runner(qapp) -> Iterator[TaskRunner]:
    """A task runner whose unhandled failures fail the test."""
    errors: list[BaseException] = []
    task_runner = TaskRunner(on_error=errors.append)
    yield task_runner
    task_runner.shutdown()
    if errors:
        raise errors[0]


def build_row(n: int, **changes: object):
    """An application row as the service returns it, without a database."""
    from dataclasses import replace

    from licenseapp.services.dto import ApplicationRow

    sample = SAMPLE_PEOPLE[n % len(SAMPLE_PEOPLE)]
    status, regulator, names, _history = SAMPLE_APPLICATIONS[n % len(SAMPLE_APPLICATIONS)]
    when = datetime(2026, 3, 1, 12, 0, tzinfo=UTC) + timedelta(hours=n)
    row = ApplicationRow(
        id=n + 1, ref=f"LA-2026-{n + 1:04d}", status=status, status_label=status.title(),
        regulator=regulator, form=_FORMS[regulator], applicant="Northwind Frontier AI, Inc.",
        foreign_national=f"{sample.given} {sample.family}", native_name=sample.native,
        citizenships=sample.citizenships, items=names,
        eccns=tuple(_ITEMS[name][3] for name in names), acn=f"Z{100000 + n}",
        owner=("alice", "bob")[n % 2], updated_at=when, status_changed_at=when,
        submitted_on=None,
    )
    return replace(row, **changes) if changes else row


@pytest.fixture
def rows():
    """Twelve application rows (two of each sample), newest reference first."""
    return [build_row(n) for n in reversed(range(12))]


@pytest.fixture
def make_row():
    """``make_row(n, **changes)``: one application row as the service returns it."""
    return build_row


@pytest.fixture
def fresh_logging():
    """The "licenseapp" logger as if the program had just started; restored afterwards.

    ``logging_setup.configure`` runs once per process; tests each have their own log
    directory, so each test that logs to a file starts from scratch.
    """
    import logging

    logger = logging.getLogger("licenseapp")
    saved_handlers, saved_level = list(logger.handlers), logger.level
    saved_flag = logger.__dict__.pop("_licenseapp_configured", None)
    logger.handlers.clear()
    yield logger
    for handler in logger.handlers:
        handler.close()
    logger.handlers[:] = saved_handlers
    logger.setLevel(saved_level)
    logger.__dict__.pop("_licenseapp_configured", None)
    if saved_flag is not None:
        logger._licenseapp_configured = saved_flag  # type: ignore[attr-defined]
