"""The installer scripts that cannot run here (Windows, macOS) and the Linux metadata agree
with the program: its version, its icon files, how a file is passed to it (issue #21).
Quick: runs on every test run, unlike test_bundle.py."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from licenseapp import __version__

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"


def test_every_script_states_the_programs_version() -> None:
    iss = (PACKAGING / "windows" / "licenseapp.iss").read_text(encoding="utf-8")
    assert f'#define AppVersion "{__version__}"' in iss
    spec = (PACKAGING / "licenseapp.spec").read_text(encoding="utf-8")
    assert spec.count(f'"{__version__}"') == 2  # BUNDLE version and CFBundleShortVersionString
    metainfo = (PACKAGING / "io.licenseapp.LicenseApp.metainfo.xml").read_text(encoding="utf-8")
    assert f'<release version="{__version__}"' in metainfo


def test_the_files_the_scripts_name_exist() -> None:
    iss = (PACKAGING / "windows" / "licenseapp.iss").read_text(encoding="utf-8")
    icon = re.search(r"^SetupIconFile=(.+)$", iss, re.M)
    assert icon is not None and (ROOT / icon.group(1).replace("\\", "/")).is_file()
    for png in ("licenseapp-512.png", "licenseapp.ico", "licenseapp.svg"):
        assert (ROOT / "resources" / "icons" / png).is_file()
    assert (PACKAGING / "macos" / "entitlements.plist").is_file()


def test_a_file_is_passed_alone_as_the_cli_accepts_it() -> None:
    desktop = (PACKAGING / "licenseapp.desktop").read_text(encoding="utf-8")
    assert re.search(r"^Exec=licenseapp %f$", desktop, re.M)
    iss = (PACKAGING / "windows" / "licenseapp.iss").read_text(encoding="utf-8")
    assert '"""{app}\\{#AppExe}"" ""%1"""' in iss  # licenseapp.exe "%1"


@pytest.mark.skipif(shutil.which("desktop-file-validate") is None,
                    reason="needs desktop-file-utils")
def test_desktop_entry_is_valid() -> None:
    done = subprocess.run(["desktop-file-validate", str(PACKAGING / "licenseapp.desktop")],
                          capture_output=True, text=True)
    assert done.returncode == 0 and not done.stdout.strip(), done.stdout


@pytest.mark.skipif(shutil.which("appstreamcli") is None, reason="needs appstream")
def test_appstream_metainfo_is_valid() -> None:
    done = subprocess.run(["appstreamcli", "validate", "--no-net",
                           str(PACKAGING / "io.licenseapp.LicenseApp.metainfo.xml")],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stdout
