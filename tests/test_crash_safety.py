"""Killing the program mid-operation leaves a consistent database that reopens (SIGKILL)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from dbsupport import postgres_url, reset_postgres
from sqlalchemy import func, select

from licenseapp.services.safety.integrity import verify
from licenseapp.store.database import open_database
from licenseapp.store.models import Application, Person


def _target(tmp_path: Path) -> str:
    url = postgres_url()
    if url:
        reset_postgres(url)
        return url
    return str(tmp_path / "crash.db")


def _kill_during(args: list[str], env: dict[str, str], marker_seconds: float) -> None:
    proc = subprocess.Popen([sys.executable, "-m", "licenseapp", *args], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(marker_seconds)
    still_running = proc.poll() is None
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert still_running, "the operation ended before it could be killed: make it longer"


@pytest.mark.parametrize("delay", [1.5, 3.0])
def test_a_killed_bulk_demo_load_leaves_all_or_nothing(tmp_path: Path, delay: float) -> None:
    target = _target(tmp_path)
    env = {**os.environ, "LICENSEAPP_DB": target}
    subprocess.run([sys.executable, "-m", "licenseapp", "init"], env=env, check=True,
                   capture_output=True)
    _kill_during(["demo", "--size", "40000"], env, delay)
    db = open_database(target)  # reopens without complaint
    try:
        with db.reading() as s:
            apps = s.execute(select(func.count(Application.id))).scalar_one()
            people = s.execute(select(func.count(Person.id))).scalar_one()
        assert (apps, people) == (0, 0)  # the transaction never committed: nothing half-done
        assert verify(db).ok
    finally:
        db.dispose()


def test_a_killed_import_leaves_the_database_as_it_was(tmp_path: Path) -> None:
    target = _target(tmp_path)
    env = {**os.environ, "LICENSEAPP_DB": target}
    subprocess.run([sys.executable, "-m", "licenseapp", "demo"], env=env, check=True,
                   capture_output=True)
    roster = tmp_path / "roster.csv"
    lines = ["given_name,family_name,date_of_birth,citizenships,email"]
    # Enough rows that the import is still writing when it is killed (20,000 now import in
    # about a second and a half).
    lines += [f"Given{i},Family{i},1990-01-01,CN;CA,p{i}@example.com" for i in range(60000)]
    roster.write_text("\n".join(lines) + "\n", encoding="utf-8")
    before = open_database(target)
    with before.reading() as s:
        people_before = s.execute(select(func.count(Person.id))).scalar_one()
    before.dispose()
    _kill_during(["import", "people", str(roster)], env, 2.5)
    db = open_database(target)
    try:
        with db.reading() as s:
            people = s.execute(select(func.count(Person.id))).scalar_one()
        assert people == people_before
        assert verify(db).ok
    finally:
        db.dispose()
