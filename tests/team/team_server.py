"""A team's database on the real PostgreSQL server under test, with one login per person.

Logins are cluster-wide: they are named ``la_test_*``; the database is a separate one beside
the suite's own (``licenseapp_team_<the suite's database>``, so two suites on one server keep
apart), set up by ``admin setup`` as the suite's superuser would.
"""

from __future__ import annotations

from dataclasses import dataclass

from dbsupport import postgres_url, reset_postgres
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from licenseapp.domain.roles import Role

#: The people of the tests, each with one role.
LOGINS = {
    "la_test_prep": Role.PREPARER,
    "la_test_rev": Role.REVIEWER,
    "la_test_rev2": Role.REVIEWER,
    "la_test_eo": Role.EMPOWERED_OFFICIAL,
    "la_test_admin": Role.ADMINISTRATOR,
    "la_test_view": Role.VIEWER,
}


@dataclass(frozen=True)
class TeamServer:
    superuser_url: str

    def url_for(self, login: str) -> str:
        return make_url(self.superuser_url).set(username=login, password=None).render_as_string(
            hide_password=False)


def empty_team_database() -> TeamServer | None:
    """An empty team database on the server under test (None without one)."""
    base = postgres_url()
    if not base:
        return None
    team_database = f"licenseapp_team_{make_url(base).database}"[:63]
    url = make_url(base).set(database=team_database).render_as_string(hide_password=False)
    engine = create_engine(base, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            if conn.execute(text("SELECT 1 FROM pg_database WHERE datname = :n"),
                            {"n": team_database}).scalar() is None:
                conn.execute(text(f'CREATE DATABASE "{team_database}"'))
    finally:
        engine.dispose()
    reset_postgres(url)
    return TeamServer(url)
