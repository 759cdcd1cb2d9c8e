"""Team settings: one row per setting changed from its declared default."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from licenseapp.store.base import Base, UTCDateTime, utcnow


class TeamSetting(Base):
    """A team-wide setting's value (declared in :mod:`licenseapp.domain.settings`), as
    text, with who changed it last and when. A setting without a row has its default.
    Sealed like every record: a value changed behind the app's back is named by verify."""

    __tablename__ = "team_settings"

    name: Mapped[str] = mapped_column(String(60), primary_key=True)
    value: Mapped[str] = mapped_column(String(200))
    changed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    changed_by: Mapped[str] = mapped_column(String(100))
