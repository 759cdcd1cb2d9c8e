"""The completeness checker: what a regulator would return the application for, before filing.

One validator drives the wizard's per-section badges, the checklist, the ``check`` command
and the "ready to file" gate: :func:`check` gives every finding; :func:`by_section` groups
them as ``{section: [findings]}``.
"""

from licenseapp.domain.checker.findings import (
    FIX_FIELDS,
    Finding,
    Severity,
    Target,
    by_section,
    errors,
    warnings,
)
from licenseapp.domain.checker.run import check

__all__ = ["FIX_FIELDS", "Finding", "Severity", "Target", "by_section", "check", "errors",
           "warnings"]
