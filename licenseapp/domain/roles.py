"""What each person on a team may do: the five roles, in the users' words.

On a team database (PostgreSQL, one login per person) a person holds the roles the
administrator granted; working alone (SQLite, or a maintenance login that owns everything) a
person holds every role and no second pair of eyes is asked for.
"""

from __future__ import annotations

from enum import Enum


class Role(Enum):
    VIEWER = "viewer"
    PREPARER = "preparer"
    REVIEWER = "reviewer"
    EMPOWERED_OFFICIAL = "empowered_official"
    ADMINISTRATOR = "administrator"

    @property
    def words(self) -> str:
        return _WORDS[self]

    @classmethod
    def parse(cls, text: str) -> Role:
        key = text.strip().lower().replace("-", "_").replace(" ", "_")
        for role in cls:
            if key in (role.value, role.name.lower()):
                return role
            if key == "admin" and role is cls.ADMINISTRATOR:
                return role
        names = ", ".join(r.value for r in cls)
        raise ValueError(f"{text!r} is not a role; the roles are {names}")


_WORDS = {
    Role.VIEWER: "viewer",
    Role.PREPARER: "preparer",
    Role.REVIEWER: "reviewer",
    Role.EMPOWERED_OFFICIAL: "empowered official",
    Role.ADMINISTRATOR: "administrator",
}

#: Who may do what. A role not listed for an action is refused it.
MAY_DRAFT = frozenset({Role.PREPARER, Role.REVIEWER, Role.EMPOWERED_OFFICIAL,
                       Role.ADMINISTRATOR})
MAY_MARK_READY = frozenset({Role.REVIEWER})
MAY_SIGN_OFF = frozenset({Role.EMPOWERED_OFFICIAL})
MAY_SUBMIT = frozenset({Role.REVIEWER, Role.EMPOWERED_OFFICIAL})
MAY_ADMINISTER = frozenset({Role.ADMINISTRATOR})

EVERY_ROLE = frozenset(Role)
