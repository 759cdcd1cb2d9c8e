"""The wizard's findings heading counts in words: "1 error, 2 warnings", not "1 error(s)"
(#17 point 2)."""

from __future__ import annotations

from licenseapp.domain.checker import Finding, Severity
from licenseapp.gui.wizard.findings_panel import FindingsPanel


def _finding(severity: Severity, n: int) -> Finding:
    return Finding(severity, "end_use", f"block 2{n}", "required-field",
                   f"block 2{n} is required and empty", "form spec", "fill it in")


def test_the_heading_says_1_error_and_2_warnings(qtbot) -> None:  # type: ignore[no-untyped-def]
    panel = FindingsPanel(title="Everything to fix")
    qtbot.addWidget(panel)
    panel.show_findings([_finding(Severity.ERROR, 1), _finding(Severity.WARNING, 2),
                         _finding(Severity.WARNING, 3)])
    text = panel.heading.text()
    assert text.startswith("Everything to fix: 1 error, 2 warnings — ")
    assert "(s)" not in text
    panel.show_findings([_finding(Severity.ERROR, 1), _finding(Severity.ERROR, 2),
                         _finding(Severity.WARNING, 3)])
    assert panel.heading.text().startswith("Everything to fix: 2 errors, 1 warning — ")
