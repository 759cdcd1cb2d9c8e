"""The case record's "Review and sign-off" section: who prepared the application, who marked
it ready to file, and who signed off which packet (its SHA-256), from its own history."""

from __future__ import annotations

from typing import TYPE_CHECKING

from licenseapp.domain.enums import ApplicationStatus
from licenseapp.pdf.report_model import ReportSection
from licenseapp.services.reports.wording import when
from licenseapp.store.team_roles import SIGN_OFF_KIND

if TYPE_CHECKING:
    from licenseapp.services.reports.case_record import CaseFacts

_PREPARING = (ApplicationStatus.DRAFT.value, ApplicationStatus.INTERNAL_REVIEW.value)


def review_section(facts: CaseFacts) -> ReportSection:
    events = facts.detail.events
    prepared = sorted({e.actor for e in events if e.kind == "status"
                       and e.to_status in _PREPARING} | ({facts.detail.row.owner}
                                                         if facts.detail.row.owner else set()))
    lines = [f"Prepared by: {', '.join(prepared) or 'not recorded'}"]
    ready = [e for e in events
             if e.kind == "status" and e.to_status == ApplicationStatus.READY.value]
    for e in ready:
        lines.append(f"Marked ready to file by {e.actor}, {when(e.occurred_at)}")
    signed = [e for e in events if e.kind == SIGN_OFF_KIND]
    for e in signed:
        note = f" — {e.note}" if e.note else ""
        lines.append(f"Signed off by {e.actor}, {when(e.occurred_at)}; packet SHA-256 "
                     f"{e.reference}{note}")
    if not ready:
        lines.append("Not yet marked ready to file.")
    elif not signed:
        lines.append("No empowered official's sign-off recorded.")
    if facts.filed is not None and signed:
        same = facts.filed.sha256 == signed[-1].reference
        lines.append("The packet filed is the one signed off." if same else
                     "The packet filed differs from the one last signed off.")
    return ReportSection("Review and sign-off", lines=tuple(lines))
