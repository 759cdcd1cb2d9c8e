"""Filling the letter of explanation and the technology control plan from the record.

The template used: the application's own text if it has one, else the organization's
default, else the one shipped in ``resources/templates/``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from sqlalchemy import select

from licenseapp.domain.templates import FillResult, fill_record
from licenseapp.errors import ValidationError
from licenseapp.paths import resource_path
from licenseapp.services.lookup import application_by_ref, application_key, no_application
from licenseapp.services.output.packets import application_record
from licenseapp.store import audit
from licenseapp.store.database import Database
from licenseapp.store.models import Application, Organization


class Letter(StrEnum):
    LOE = "loe"
    TCP = "tcp"

    @property
    def label(self) -> str:
        return "letter of explanation" if self is Letter.LOE else "technology control plan"

    @property
    def shipped_file(self) -> str:
        return "loe-bis-deemed-export.txt" if self is Letter.LOE else "tcp-default.txt"


class TemplateSource(StrEnum):
    APPLICATION = "application"
    ORGANIZATION = "organization"
    SHIPPED = "shipped"


@dataclass(frozen=True)
class FilledLetter:
    which: Letter
    source: TemplateSource
    result: FillResult
    saved: bool = False

    @property
    def text(self) -> str:
        return self.result.text


def letter(value: str | Letter) -> Letter:
    try:
        return Letter(str(value).strip().lower())
    except ValueError:
        raise ValidationError("which", f"{value!r} is not a letter; use loe or tcp") from None


def shipped_template(which: str | Letter) -> str:
    """The template shipped with LicenseApp for ``which``."""
    chosen = letter(which)
    return resource_path("templates", chosen.shipped_file).read_text(encoding="utf-8")


def choose_template(application_text: str, organization_text: str,
                    which: Letter) -> tuple[str, TemplateSource]:
    if application_text.strip():
        return application_text, TemplateSource.APPLICATION
    if organization_text.strip():
        return organization_text, TemplateSource.ORGANIZATION
    return shipped_template(which), TemplateSource.SHIPPED


def _template_for(db: Database, ref: str, which: Letter) -> tuple[str, TemplateSource]:
    with db.reading() as session:
        row = session.execute(
            select(Application.loe_text, Application.tcp_text, Application.organization_id)
            .where(Application.ref == application_key(ref))
        ).one_or_none()
        if row is None:
            raise no_application(ref)
        org = session.get(Organization, row.organization_id)
        own = row.loe_text if which is Letter.LOE else row.tcp_text
        default = "" if org is None else (
            org.default_loe_template if which is Letter.LOE else org.default_tcp_template)
    return choose_template(own or "", default or "", which)


def fill_letter(db: Database, ref: str, which: str | Letter = Letter.LOE, save: bool = False,
                today: date | None = None, actor: str | None = None) -> FilledLetter:
    """The letter ``which`` of ``ref`` filled from its record; ``save`` stores the result.

    Saving is refused (:class:`ValidationError` naming them) while unknown placeholders or
    stray braces remain, so a letter is never stored half filled.
    """
    chosen = letter(which)
    template, source = _template_for(db, ref, chosen)
    result = fill_record(template, application_record(db, ref),
                         today or db.clock.today())
    if not save:
        return FilledLetter(chosen, source, result)
    if result.unknown:
        names = ", ".join(f"{{{p.placeholder}}} (line {p.line})" for p in result.unknown)
        raise ValidationError(chosen.value, f"the {chosen.label} was not saved: fix {names}")
    who = actor or db.actor
    with db.unit_of_work() as session:
        app = application_by_ref(session, ref)
        before = app.loe_text if chosen is Letter.LOE else app.tcp_text
        if chosen is Letter.LOE:
            app.loe_text = result.text
        else:
            app.tcp_text = result.text
        session.flush()
        audit.record(session, actor=who, action="fill", entity="application",
                     entity_id=app.ref,
                     summary=f"{chosen.label} filled from the {source.value} template",
                     before={f"{chosen.value}_text": before},
                     after={f"{chosen.value}_text": result.text})
    return FilledLetter(chosen, source, result, saved=True)
