"""The guide for the repository: ``docs/GUIDE.md`` is the in-app guide
(``resources/help/guide.md``) with the screenshots of ``docs/screenshots/`` shown under
the sections they illustrate, and the README's guide section lists its contents.

Written by ``scripts/screenshots.py`` (``--docs-only`` without taking screenshots);
a test checks both are current, so the guide has one source. Plain Python, no Qt.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from licenseapp.gui.help.guide import headings

SCREENSHOTS = "screenshots"
README_START = "<!-- guide:start: written by scripts/screenshots.py -->"
README_END = "<!-- guide:end -->"
GENERATED_NOTE = ("<!-- Written by scripts/screenshots.py from resources/help/guide.md, the "
                  "text the app shows with F1: edit that file, then run "
                  "`scripts/screenshots.py --docs-only`. -->")
_HEADING = re.compile(r"^#{1,6}\s")


@dataclass(frozen=True)
class Shot:
    """A screenshot the script takes: its file name (without ``.png``), the section of the
    guide it is shown under (None: taken for review only, not in the docs) and its caption."""

    name: str
    anchor: str | None
    caption: str

    @property
    def file_name(self) -> str:
        return f"{self.name}.png"


#: Every screenshot, in the order the script takes them.
SHOTS: tuple[Shot, ...] = (
    Shot("dashboard", "dashboard", "The Dashboard"),
    Shot("applications", "applications", "The Applications screen, an application selected"),
    Shot("authorization", "directive-day", "The Authorization screen"),
    Shot("deadlines", "licenses--deadlines", "Licenses & deadlines"),
    Shot("people", "people", "The People screen"),
    Shot("organizations", "organizations", "The Organizations screen"),
    Shot("items", "controlled-items", "The Items screen"),
    Shot("reports", "reports", "A report previewed on the Reports screen"),
    Shot("screening", "screening", "A screening hit beside the list entry"),
    Shot("wizard-1-regulator", "regulator-and-form", "Wizard: Regulator and form"),
    Shot("wizard-2-applicant", "applicant", "Wizard: Applicant"),
    Shot("wizard-3-person", "foreign-national", "Wizard: Foreign national"),
    Shot("wizard-4-items", "items", "Wizard: Items, with the license determination"),
    Shot("wizard-5-end-use", "end-use-and-justification", "Wizard: End use and justification"),
    Shot("wizard-6-letters", "letter-of-explanation-and-technology-control-plan",
         "Wizard: Letter of explanation and technology control plan"),
    Shot("wizard-7-documents", "supporting-documents", "Wizard: Supporting documents"),
    Shot("wizard-8-review", "review", "Wizard: Review"),
    Shot("packet-preview", "print-the-packet", "Preview packet…"),
    Shot("status-change", "file", "Change status…"),
    Shot("directive-impact", "directive-day", "Directive impact…"),
    Shot("import-roster", "people", "Import a roster…: the columns mapped, each row's outcome"),
    Shot("settings", "settings", "Settings…"),
    Shot("guide", "licenseapp-guide", "This guide in the app (F1)"),
    Shot("search", "finding-your-way", "Edit › Find anything… (Ctrl+K)"),
)


def shots_under(anchor: str) -> list[Shot]:
    return [shot for shot in SHOTS if shot.anchor == anchor]


def docs_guide(guide: str) -> str:
    """``docs/GUIDE.md``: the guide with each section's screenshots at its end."""
    anchors = iter(section.anchor for section in headings(guide))
    lines: list[str] = [GENERATED_NOTE, ""]
    pending: list[Shot] = []

    def place_pending() -> None:
        while lines and not lines[-1]:
            lines.pop()
        for shot in pending:
            lines.extend(["", f"![{shot.caption}]({SCREENSHOTS}/{shot.file_name})"])
        lines.append("")
        pending.clear()

    fenced = False
    for line in guide.splitlines():
        if line.startswith(("```", "~~~")):
            fenced = not fenced
        if not fenced and _HEADING.match(line):
            if pending:
                place_pending()
            pending.extend(shots_under(next(anchors)))
        lines.append(line)
    place_pending()
    return "\n".join(lines)


def readme_block(guide: str) -> str:
    """The README's guide section between its markers: the guide's sections, each a link
    into ``docs/GUIDE.md``, and one screenshot."""
    lines = [README_START, ""]
    for section in headings(guide):
        if section.level == 2:
            lines.append(f"- [{section.title}](docs/GUIDE.md#{section.anchor})")
    first = SHOTS[1]
    lines += ["", f"![{first.caption}](docs/{SCREENSHOTS}/{first.file_name})", "", README_END]
    return "\n".join(lines)


def with_readme_block(readme: str, guide: str) -> str:
    """``readme`` with its guide section replaced (appended at the end if it has none);
    nothing outside the markers changes."""
    start, end = readme.find(README_START), readme.find(README_END)
    if start < 0 or end < start:
        return readme.rstrip("\n") + "\n\n## The guide\n\n" + readme_block(guide) + "\n"
    return readme[:start] + readme_block(guide) + readme[end + len(README_END):]
