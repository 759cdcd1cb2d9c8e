"""The guide in the repository is the guide in the app: docs/GUIDE.md and the README's guide
section are what scripts/screenshots.py writes from resources/help/guide.md, every
screenshot they show is there, and the script's options parse as documented."""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path
from types import ModuleType

import pytest

from licenseapp.gui.help.docs_guide import (
    README_END,
    README_START,
    SHOTS,
    docs_guide,
    with_readme_block,
)
from licenseapp.gui.help.guide import anchors, guide_text, headings

ROOT = Path(__file__).resolve().parents[2]


def screenshots_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("screenshots",
                                                  ROOT / "scripts" / "screenshots.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclass looks its module up there
    spec.loader.exec_module(module)
    return module


def test_docs_guide_is_the_in_app_guide_with_its_screenshots() -> None:
    written = (ROOT / "docs" / "GUIDE.md").read_text("utf-8")
    assert written == docs_guide(guide_text()), \
        "docs/GUIDE.md is stale: run scripts/screenshots.py --docs-only"
    text_only = [line for line in written.splitlines()
                 if line and not line.startswith(("![", "<!--"))]
    assert text_only == [line for line in guide_text().splitlines() if line]
    shown = re.findall(r"!\[[^\]]*\]\((screenshots/[^)]+)\)", written)
    assert len(shown) >= 15
    missing = [path for path in shown if not (ROOT / "docs" / path).is_file()]
    assert missing == []


def test_readme_guide_section_is_current_and_links_into_the_guide() -> None:
    readme = (ROOT / "README.md").read_text("utf-8")
    assert readme == with_readme_block(readme, guide_text()), \
        "the README's guide section is stale: run scripts/screenshots.py --docs-only"
    block = readme[readme.index(README_START):readme.index(README_END)]
    linked = set(re.findall(r"docs/GUIDE\.md#([\w-]+)", block))
    assert linked and linked <= anchors()
    assert {s.anchor for s in headings(guide_text()) if s.level == 2} == linked


def test_the_readme_block_changes_nothing_outside_its_markers() -> None:
    readme = ("# App\n\n```sh\nrun the app\n```\n\n" + README_START + "\nold\n" + README_END
              + "\n\n```sh\nrun the tests\n```\n")
    updated = with_readme_block(readme, "# Guide\n\n## First step\n\nText.\n")
    assert updated.startswith("# App\n\n```sh\nrun the app\n```\n\n" + README_START)
    assert updated.endswith(README_END + "\n\n```sh\nrun the tests\n```\n")
    assert "old" not in updated and "[First step](docs/GUIDE.md#first-step)" in updated


def test_every_shot_of_the_docs_is_under_an_existing_section() -> None:
    assert {shot.anchor for shot in SHOTS if shot.anchor} <= anchors()
    assert len({shot.name for shot in SHOTS}) == len(SHOTS)


def test_screenshot_script_options() -> None:
    script = screenshots_script()
    default = script.parse_args([])
    assert default.size == (1280, 800) and default.scale == 1.0 and default.theme == "light"
    assert default.out == ROOT / "docs" / "screenshots" and default.docs
    scaled = script.parse_args(["--size", "1440x900", "--scale", "1.25", "--out", "/tmp/x"])
    assert scaled.size == (1440, 900) and scaled.scale == 1.25 and not scaled.docs
    dark = script.parse_args(["--theme", "dark", "--out", "/tmp/dark"])
    assert dark.theme == "dark" and dark.out == Path("/tmp/dark") and not dark.docs
    assert script.parse_args(["--docs-only"]).docs_only
    for wrong in (["--size", "big"], ["--size", "320x200"], ["--scale", "9"],
                  ["--theme", "blue"], ["--scale", "1.25"]):  # the last: other sets need --out
        with pytest.raises(SystemExit):
            script.parse_args(wrong)
