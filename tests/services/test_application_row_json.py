"""`list --json` writes each application row field by field (no deep copy): the same JSON as
the dataclass's every field, dates as ISO text, so a field added later is not left out."""

from __future__ import annotations

import json
from dataclasses import asdict, fields
from datetime import UTC, date, datetime

import pytest

from licenseapp.services.dto import ApplicationRow


def row(submitted_on: date | None) -> ApplicationRow:
    moment = datetime(2026, 3, 4, 5, 6, 7, tzinfo=UTC)
    return ApplicationRow(
        id=7, ref="LA-2026-0007", status="submitted", status_label="Submitted",
        regulator="BIS", form="BIS-748P", applicant="Acme", foreign_national="Wei Zhang",
        native_name="张伟", citizenships=("CN", "SG"), items=("Model", "Chip"),
        eccns=("4E091", "3A090"), acn="", owner="alice", updated_at=moment,
        status_changed_at=moment, submitted_on=submitted_on)


@pytest.mark.parametrize("submitted_on", [None, date(2026, 3, 1)])
def test_every_field_is_written_as_the_dataclass_holds_it(submitted_on: date | None) -> None:
    application = row(submitted_on)
    written = application.to_json()
    assert list(written) == [f.name for f in fields(ApplicationRow)]
    expected = json.loads(json.dumps(asdict(application), default=lambda v: v.isoformat()))
    assert json.loads(json.dumps(written, ensure_ascii=False)) == expected
