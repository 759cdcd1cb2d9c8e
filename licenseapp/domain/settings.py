"""Every setting, declared once: its name, type, default, label, help, valid values, scope.

The front ends build their settings screens and commands from these declarations, and the
stores keep values under their names; nothing else knows a setting's default or range.

- **Team** settings change what the records mean for everyone (when a renewal falls due):
  they are kept in the database, so the command line, the desktop app and every colleague
  using the same database agree, and each change is recorded in the audit trail
  (:mod:`licenseapp.services.team_settings`).
- **Personal** settings are one person's preferences on one computer (how the window looks);
  the desktop app keeps them (:mod:`licenseapp.gui.settings`).

Who is acting is never a setting: it is the person's login (see :mod:`licenseapp.context`).
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Generic, TypeVar

from licenseapp.domain.text_limits import clean_problem
from licenseapp.errors import LicenseAppError, NotFoundError, ValidationError

#: The team setting's default (Settings › License renewal window), not a regulation.
DEFAULT_RENEWAL_WINDOW_DAYS = 60

V = TypeVar("V", int, str)


class Scope(StrEnum):
    TEAM = "team"  # in the database: the same for everyone using it
    PERSONAL = "personal"  # this person's, on this computer


class InvalidSetting(ValidationError):
    """A value a setting cannot take; the message names the setting in words and what it
    can be. ``field`` is the setting's name (a front end may find its widget by it)."""

    def __init__(self, setting: Setting[int] | Setting[str], message: str) -> None:
        LicenseAppError.__init__(self, message)  # the message reads on its own
        self.field = setting.name
        self.fields = (setting.name,)
        self.setting = setting


@dataclass(frozen=True)
class Setting(ABC, Generic[V]):
    """One setting. ``name`` is how the stores and the command line know it."""

    name: str
    default: V
    label: str  # in words, as a screen shows it: "License renewal window"
    help: str  # one or two sentences: what it changes
    scope: Scope
    #: Kinds of records shown differently once it changes (``services.changes.Kind`` values).
    affects: frozenset[str] = field(default=frozenset())

    @abstractmethod
    def check(self, value: V) -> V:
        """``value`` if the setting can take it; else :class:`InvalidSetting`."""

    @abstractmethod
    def parse(self, text: str) -> V:
        """A value from text (typed on the command line, or as stored)."""

    @abstractmethod
    def valid_values(self) -> str:
        """What the setting can be, in words: "from 1 to 365 days"."""

    def show(self, value: V) -> str:
        """The value in words: "60 days"."""
        return str(value)

    def to_text(self, value: V) -> str:
        """The value as stored and as :meth:`parse` reads it back."""
        return str(self.check(value))


@dataclass(frozen=True)
class NumberSetting(Setting[int]):
    """A whole number from ``minimum`` to ``maximum``, counted in ``unit``."""

    minimum: int = 0
    maximum: int = 0
    unit: str = ""  # plural, e.g. "days"

    def check(self, value: int) -> int:
        if isinstance(value, bool) or not isinstance(value, int) \
                or not self.minimum <= value <= self.maximum:
            raise InvalidSetting(
                self, f"{self.label} must be a whole number {self.valid_values()} "
                      f"({value} was given)")
        return value

    def parse(self, text: str) -> int:
        typed = text.strip()
        try:
            number = int(typed)
        except ValueError:
            shown = typed if len(typed) <= 40 else typed[:40] + "…"
            raise InvalidSetting(
                self, f"{self.label} must be a whole number {self.valid_values()} "
                      f"(“{shown}” was given)") from None
        return self.check(number)

    def valid_values(self) -> str:
        return f"from {self.minimum} to {self.maximum} {self.unit}".rstrip()

    def show(self, value: int) -> str:
        unit = self.unit[:-1] if value == 1 and self.unit.endswith("s") else self.unit
        return f"{value} {unit}".rstrip()


@dataclass(frozen=True)
class TextSetting(Setting[str]):
    """One line of text of at most ``max_length`` characters ('' allowed)."""

    max_length: int = 100

    def check(self, value: str) -> str:
        if not isinstance(value, str):
            raise InvalidSetting(self, f"{self.label} must be text")
        value = value.strip()
        if len(value) > self.max_length:
            raise InvalidSetting(
                self, f"{self.label} must be {self.valid_values()} "
                      f"({len(value):,} were given)")
        problem = clean_problem(value)
        if problem:
            raise InvalidSetting(self, f"{self.label} {problem}")
        return value

    def parse(self, text: str) -> str:
        return self.check(text)

    def valid_values(self) -> str:
        return f"at most {self.max_length} characters"

    def show(self, value: str) -> str:
        return value or "(none)"


RENEWAL_WINDOW_DAYS = NumberSetting(
    name="renewal_window_days",
    default=DEFAULT_RENEWAL_WINDOW_DAYS,
    label="License renewal window",
    help="How many days before a license expires its renewal falls due. The deadlines "
         "screen, calendar exports, reports and a license's state (expiring) follow it.",
    scope=Scope.TEAM,
    affects=frozenset({"deadlines", "licenses", "applications"}),
    minimum=1, maximum=365, unit="days",
)

SCREENING_THRESHOLD = NumberSetting(
    name="screening_threshold",
    default=85,
    label="Screening hit threshold",
    help="How alike, from 0 to 100, a name must be to a restricted-party list entry to be "
         "a hit someone must review. Lower finds more true matches and more false ones; "
         "the default was chosen from the measured precision and recall.",
    scope=Scope.TEAM,
    affects=frozenset({"screening"}),
    minimum=60, maximum=100, unit="points",
)

DISPLAY_NAME = TextSetting(
    name="display_name",
    default="",
    label="Your name in this window",
    help="Shown beside your login in the status bar. Events are always recorded under "
         "your login.",
    scope=Scope.PERSONAL,
    max_length=100,
)

#: Every setting, in the order a settings screen lists them.
SETTINGS: tuple[NumberSetting | TextSetting, ...] = (
    RENEWAL_WINDOW_DAYS, SCREENING_THRESHOLD, DISPLAY_NAME)
TEAM_SETTINGS = tuple(s for s in SETTINGS if s.scope is Scope.TEAM)
PERSONAL_SETTINGS = tuple(s for s in SETTINGS if s.scope is Scope.PERSONAL)


def find_setting(name: str, scope: Scope | None = None) -> NumberSetting | TextSetting:
    """The setting called ``name`` ('-' and '_' alike, any case), of ``scope`` if given."""
    wanted = name.strip().lower().replace("-", "_")
    known = ", ".join(s.name for s in SETTINGS if scope is None or s.scope is scope)
    for setting in SETTINGS:
        if setting.name == wanted:
            if scope is None or setting.scope is scope:
                return setting
            raise NotFoundError(
                f"{setting.label} is a {setting.scope.value} setting"
                + (", kept by the desktop app on each computer"
                   if setting.scope is Scope.PERSONAL else "")
                + f"; the {scope.value} settings are: {known}")
    shown = name if len(name) <= 40 else name[:40] + "…"
    raise NotFoundError(f"there is no setting “{shown}”; the settings are: {known}")


__all__ = ["DISPLAY_NAME", "PERSONAL_SETTINGS", "RENEWAL_WINDOW_DAYS", "SCREENING_THRESHOLD",
           "SETTINGS", "TEAM_SETTINGS", "InvalidSetting", "NumberSetting", "Scope", "Setting",
           "TextSetting", "find_setting"]
