"""One queue as a table: the application, its person, who prepared (and reviewed) it, since
when it waits. Rows are :class:`~licenseapp.services.team.queues.QueueEntry`."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from enum import IntEnum
from typing import Any, ClassVar

from licenseapp.domain.days import local_moment, local_time
from licenseapp.gui.records_model import RecordsModel
from licenseapp.services.team.queue_entries import QueueEntry


class QueueColumn(IntEnum):
    REF = 0
    PERSON = 1
    FORM = 2
    PREPARED = 3
    REVIEWED = 4
    SINCE = 5


class QueueModel(RecordsModel[QueueEntry]):
    headers = {
        QueueColumn.REF: "Application",
        QueueColumn.PERSON: "Person",
        QueueColumn.FORM: "Form",
        QueueColumn.PREPARED: "Prepared by",
        QueueColumn.REVIEWED: "Ready to file by",
        QueueColumn.SINCE: "Waiting since",
    }
    display = {
        QueueColumn.REF: lambda e: e.ref,
        QueueColumn.PERSON: lambda e: e.person,
        QueueColumn.FORM: lambda e: f"{e.regulator} {e.form}",
        QueueColumn.PREPARED: lambda e: e.prepared_by,
        QueueColumn.REVIEWED: lambda e: e.reviewed_by,
        QueueColumn.SINCE: lambda e: local_time(e.since),
    }
    roles: ClassVar[Mapping[int, Callable[[Any], Any]]] = {}  # no database id per row
    typed = {QueueColumn.SINCE: lambda e: local_moment(e.since)}

    def identity(self, record: QueueEntry) -> object:
        return record.ref

    def sort_value(self, record: QueueEntry, column: int) -> Any:
        if column == QueueColumn.SINCE:
            return record.since.isoformat() if record.since else ""
        return super().sort_value(record, column)
