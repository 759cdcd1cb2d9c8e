"""A team on one PostgreSQL server: who the session is, the roles, and the server's own rules.

One login role per person; five group roles carry the grants; the tables belong to
``licenseapp_owner``, a role nobody logs in as (the administrator group may ``SET ROLE`` to
it to upgrade the schema, without inheriting its rights day to day). A database whose
tables that owner holds is a *team database*: there every login that is not a superuser

- is recorded by the server on each status event and audit entry (``session_user``, written
  by a trigger over whatever the client sent),
- holds only the roles granted to it, checked by the services and again by the server:
  "ready to file" only by a reviewer who neither owns nor drafted nor sent the application
  for review, a sign-off only by an empowered official, "submitted" only after a sign-off,
- cannot change or delete an append-only row (no UPDATE or DELETE grant on them at all).

SQLite and a superuser's connection (maintenance, or one person alone) hold every role.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection, Engine, text

from licenseapp.domain.roles import EVERY_ROLE, Role

OWNER = "licenseapp_owner"
GROUPS: dict[Role, str] = {role: f"licenseapp_{role.value}" for role in Role}
#: Status-event kinds the team rules know: a change of status, and an official's sign-off.
SIGN_OFF_KIND = "sign_off"
#: Tables written once and never changed: only INSERT and SELECT are granted on them.
APPEND_ONLY_MARK = "_no_update"


@dataclass(frozen=True)
class Identity:
    """Who a database connection acts as, and what the person may do.

    ``team``: the roles are the ones granted and the four-eyes rules apply (a team login);
    otherwise the person holds every role and works alone."""

    actor: str
    roles: frozenset[Role]
    team: bool = False

    def holds(self, allowed: frozenset[Role]) -> bool:
        return bool(self.roles & allowed)


def working_alone(actor: str) -> Identity:
    return Identity(actor, EVERY_ROLE, team=False)


def is_team_database(conn: Connection) -> bool:
    """Whether the application's tables belong to the team owner role."""
    owner = conn.execute(text(
        "SELECT tableowner FROM pg_tables WHERE schemaname = current_schema() "
        "AND tablename = 'applications'")).scalar()
    return owner == OWNER


def identify(engine: Engine, claimed: str) -> Identity:
    """Who the engine's login is. A superuser keeps the name the front end ``claimed``."""
    if engine.dialect.name != "postgresql":
        return working_alone(claimed)
    with engine.connect() as conn:
        login, superuser = conn.execute(text(
            "SELECT session_user, rolsuper FROM pg_roles WHERE rolname = session_user")).one()
        if superuser:
            return working_alone(claimed)
        if not is_team_database(conn):
            return working_alone(str(login))
        held = {
            str(name) for (name,) in conn.execute(text(
                "SELECT rolname FROM pg_roles WHERE rolname = ANY(:groups) "
                "AND pg_has_role(session_user, oid, 'MEMBER')"),
                {"groups": list(GROUPS.values())})
        }
    return Identity(str(login), frozenset(r for r, g in GROUPS.items() if g in held), team=True)


# --- set-up, run by the administrator -------------------------------------------------------

def create_roles(conn: Connection) -> list[str]:
    """The owner and the five group roles, those missing; returns the ones created."""
    made: list[str] = []
    for name in (OWNER, *GROUPS.values()):
        exists = conn.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :n"), {"n": name})
        if exists.scalar() is None:
            # The administrator group does not inherit the owner's rights: it may only SET ROLE.
            inherit = "NOINHERIT" if name == GROUPS[Role.ADMINISTRATOR] else "INHERIT"
            conn.execute(text(f'CREATE ROLE "{name}" NOLOGIN {inherit}'))
            made.append(name)
    conn.execute(text(f'GRANT "{OWNER}" TO "{GROUPS[Role.ADMINISTRATOR]}"'))
    conn.execute(text(f'GRANT USAGE, CREATE ON SCHEMA public TO "{OWNER}"'))
    groups = ", ".join(f'"{g}"' for g in GROUPS.values())
    conn.execute(text(f"GRANT USAGE ON SCHEMA public TO {groups}"))
    return made


def take_over(conn: Connection) -> None:
    """Give a single user's LicenseApp tables and functions to the owner role (superuser)."""
    for (table,) in conn.execute(text(
            "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")).all():
        conn.execute(text(f'ALTER TABLE "{table}" OWNER TO "{OWNER}"'))  # with its sequences
    for (signature,) in conn.execute(text(
            "SELECT p.oid::regprocedure::text FROM pg_proc p "
            "WHERE p.pronamespace = current_schema()::regnamespace "
            "AND p.proname LIKE 'licenseapp\\_%'")).all():
        conn.execute(text(f'ALTER FUNCTION {signature} OWNER TO "{OWNER}"'))


_SERVER_RULES = [
    # A team login: not a superuser (a superuser may switch any trigger off anyway).
    """CREATE OR REPLACE FUNCTION licenseapp_team_login() RETURNS boolean LANGUAGE sql STABLE
       AS $$ SELECT NOT COALESCE((SELECT rolsuper FROM pg_roles
                                  WHERE rolname = session_user), false) $$""",
    """CREATE OR REPLACE FUNCTION licenseapp_member(role_name text) RETURNS boolean
       LANGUAGE sql STABLE AS $$ SELECT EXISTS (SELECT 1 FROM pg_roles
         WHERE rolname = role_name AND pg_has_role(session_user, oid, 'MEMBER')) $$""",
    """CREATE OR REPLACE FUNCTION licenseapp_stamp_actor() RETURNS trigger LANGUAGE plpgsql
       AS $$ BEGIN
         IF licenseapp_team_login() THEN NEW.actor := session_user; END IF;
         RETURN NEW;
       END $$""",
    f"""CREATE OR REPLACE FUNCTION licenseapp_four_eyes() RETURNS trigger LANGUAGE plpgsql
       AS $$ DECLARE ready_id integer;
       BEGIN
         IF NOT licenseapp_team_login() THEN RETURN NEW; END IF;
         IF NEW.kind = 'status' AND NEW.to_status = 'ready' THEN
           IF NOT licenseapp_member('{GROUPS[Role.REVIEWER]}') THEN
             RAISE EXCEPTION 'only a reviewer may mark an application ready to file'
               USING ERRCODE = '42501';
           END IF;
           IF EXISTS (SELECT 1 FROM applications a WHERE a.id = NEW.application_id
                        AND a.owner = session_user)
              OR EXISTS (SELECT 1 FROM status_events e
                         WHERE e.application_id = NEW.application_id AND e.kind = 'status'
                           AND e.to_status IN ('draft', 'internal_review')
                           AND e.actor = session_user) THEN
             RAISE EXCEPTION 'a reviewer other than its preparer must mark it ready to file'
               USING ERRCODE = '42501';
           END IF;
         ELSIF NEW.kind = '{SIGN_OFF_KIND}' THEN
           IF NOT licenseapp_member('{GROUPS[Role.EMPOWERED_OFFICIAL]}') THEN
             RAISE EXCEPTION 'only an empowered official may sign off an application'
               USING ERRCODE = '42501';
           END IF;
         ELSIF NEW.kind = 'status' AND NEW.to_status = 'submitted' THEN
           IF NOT (licenseapp_member('{GROUPS[Role.REVIEWER]}')
                   OR licenseapp_member('{GROUPS[Role.EMPOWERED_OFFICIAL]}')) THEN
             RAISE EXCEPTION 'only a reviewer or an empowered official may mark it submitted'
               USING ERRCODE = '42501';
           END IF;
           SELECT max(id) INTO ready_id FROM status_events
             WHERE application_id = NEW.application_id AND kind = 'status'
               AND to_status = 'ready';
           IF NOT EXISTS (SELECT 1 FROM status_events s
                          WHERE s.application_id = NEW.application_id
                            AND s.kind = '{SIGN_OFF_KIND}' AND s.id > COALESCE(ready_id, 0)) THEN
             RAISE EXCEPTION 'an empowered official must sign it off before it is submitted'
               USING ERRCODE = '42501';
           END IF;
         END IF;
         RETURN NEW;
       END $$""",
    # An application's status follows its newest event, written by the same login: a client
    # cannot set "ready" or "submitted" on the row without the event the rules above check.
    """CREATE OR REPLACE FUNCTION licenseapp_status_follows_events() RETURNS trigger
       LANGUAGE plpgsql AS $$ DECLARE newest record;
       BEGIN
         IF NOT licenseapp_team_login() OR NEW.status = OLD.status THEN RETURN NULL; END IF;
         SELECT to_status, actor INTO newest FROM status_events
           WHERE application_id = NEW.id AND kind = 'status' ORDER BY id DESC LIMIT 1;
         IF newest.to_status IS DISTINCT FROM NEW.status
            OR newest.actor IS DISTINCT FROM session_user THEN
           RAISE EXCEPTION 'an application''s status changes only by recording the change'
             USING ERRCODE = '42501';
         END IF;
         RETURN NULL;
       END $$""",
    "ALTER TABLE status_events ALTER COLUMN actor SET DEFAULT session_user",
    "ALTER TABLE audit_entries ALTER COLUMN actor SET DEFAULT session_user",
]


#: The team's triggers: name -> its definition as the server shows it (``pg_get_triggerdef``
#: without the schema), the one source of what is created and what ``verify`` expects.
TEAM_TRIGGERS = {
    "trg_status_events_a_stamp_actor": "CREATE TRIGGER trg_status_events_a_stamp_actor BEFORE "
    "INSERT ON status_events FOR EACH ROW EXECUTE FUNCTION licenseapp_stamp_actor()",
    "trg_audit_entries_a_stamp_actor": "CREATE TRIGGER trg_audit_entries_a_stamp_actor BEFORE "
    "INSERT ON audit_entries FOR EACH ROW EXECUTE FUNCTION licenseapp_stamp_actor()",
    "trg_status_events_b_four_eyes": "CREATE TRIGGER trg_status_events_b_four_eyes BEFORE "
    "INSERT ON status_events FOR EACH ROW EXECUTE FUNCTION licenseapp_four_eyes()",
    "trg_applications_status_follows_events": "CREATE CONSTRAINT TRIGGER "
    "trg_applications_status_follows_events AFTER UPDATE ON applications DEFERRABLE "
    "INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION licenseapp_status_follows_events()",
}


def _table_of(definition: str) -> str:
    return definition.split(" ON ", 1)[1].split()[0]


def install_server_rules(conn: Connection) -> None:
    """The identity and four-eyes triggers (as the owner; again after every upgrade)."""
    for statement in _SERVER_RULES:
        conn.execute(text(statement))
    for name, definition in TEAM_TRIGGERS.items():
        conn.execute(text(f"DROP TRIGGER IF EXISTS {name} ON {_table_of(definition)}"))
        conn.execute(text(definition))


def append_only_tables(conn: Connection) -> set[str]:
    """Tables whose rows the schema refuses to change (a ``trg_<table>_no_update`` guard)."""
    return {
        str(table) for (table,) in conn.execute(text(
            "SELECT c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
            "WHERE NOT t.tgisinternal AND t.tgname LIKE 'trg\\_%\\_no\\_update'"))
    }


def apply_grants(conn: Connection) -> None:
    """Every group's rights on every table, from nothing (as the owner; after every upgrade).

    Viewers read; the others read and write, but on append-only tables only add rows; the
    schema's version table is read-only to all."""
    groups = ", ".join(f'"{g}"' for g in GROUPS.values())
    writers = ", ".join(f'"{GROUPS[r]}"' for r in Role if r is not Role.VIEWER)
    tables = [str(t) for (t,) in conn.execute(text(
        "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()"))]
    fixed = append_only_tables(conn)
    for table in tables:
        conn.execute(text(f'REVOKE ALL ON "{table}" FROM PUBLIC, {groups}'))
        conn.execute(text(f'GRANT SELECT ON "{table}" TO {groups}'))
        if table == "alembic_version":
            continue
        rights = "INSERT" if table in fixed else "INSERT, UPDATE, DELETE"
        conn.execute(text(f'GRANT {rights} ON "{table}" TO {writers}'))
    conn.execute(text(f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {writers}"))


def add_login(conn: Connection, name: str, role: Role) -> bool:
    """Give ``name`` a login (if it has none) and the group ``role``; True if the login is new.
    Passwords and certificates are the server's business (``ALTER ROLE ... PASSWORD``,
    ``pg_hba.conf``)."""
    quoted = conn.execute(text("SELECT quote_ident(:n)"), {"n": name}).scalar_one()
    exists = conn.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :n"), {"n": name})
    new = exists.scalar() is None
    if new:
        conn.execute(text(f"CREATE ROLE {quoted} LOGIN INHERIT"))
    conn.execute(text(f'GRANT "{GROUPS[role]}" TO {quoted}'))
    return new


def members(conn: Connection) -> dict[str, set[Role]]:
    """Each login holding a team role, with its roles."""
    found: dict[str, set[Role]] = {}
    by_group = {g: r for r, g in GROUPS.items()}
    for login, group in conn.execute(text(
            "SELECT m.rolname, g.rolname FROM pg_auth_members a "
            "JOIN pg_roles g ON g.oid = a.roleid JOIN pg_roles m ON m.oid = a.member "
            "WHERE g.rolname = ANY(:groups) AND m.rolcanlogin ORDER BY m.rolname"),
            {"groups": list(GROUPS.values())}):
        found.setdefault(str(login), set()).add(by_group[str(group)])
    return found


def may_administer(conn: Connection) -> bool:
    """A superuser, or a member of the administrator group."""
    return bool(conn.execute(text(
        "SELECT rolsuper OR COALESCE((SELECT pg_has_role(session_user, g.oid, 'MEMBER') "
        "FROM pg_roles g WHERE g.rolname = :admin), false) "
        "FROM pg_roles WHERE rolname = session_user"), {"admin": GROUPS[Role.ADMINISTRATOR]}
    ).scalar())


def is_superuser(conn: Connection) -> bool:
    return bool(conn.execute(text(
        "SELECT rolsuper FROM pg_roles WHERE rolname = session_user")).scalar())
