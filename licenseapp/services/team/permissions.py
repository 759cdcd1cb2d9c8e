"""Refusing, with a clear sentence, what a person's roles do not allow.

The server refuses the same on a team's database (:mod:`licenseapp.store.team_roles`); the
check here comes first so the person reads why, in words, rather than a server error.
"""

from __future__ import annotations

from licenseapp.domain.roles import Role
from licenseapp.errors import LicenseAppError
from licenseapp.store.database import Database


class NotPermitted(LicenseAppError):
    """The person's roles do not allow the action."""

    code = "not_permitted"


def _listed(roles: frozenset[Role]) -> str:
    words = [r.words for r in Role if r in roles]
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " or " + words[-1]


def require(db: Database, allowed: frozenset[Role], doing: str) -> None:
    """Refuse ``doing`` (e.g. "mark an application ready to file") unless the person holds
    one of the ``allowed`` roles."""
    if db.identity.holds(allowed):
        return
    held = _listed(db.identity.roles) if db.identity.roles else "no team role"
    needed = _listed(allowed)
    has = f"is {_article(held)}{held}" if db.identity.roles else "holds no team role"
    raise NotPermitted(
        f"only {_article(needed)}{needed} may {doing}; {db.identity.actor} {has}. "
        "Ask the administrator for the role if you need it")


def _article(words: str) -> str:
    return "an " if words[:1] in "aeiou" else "a "
