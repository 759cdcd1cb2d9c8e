"""A hard crash (segfault) leaves its trace in the log directory, and a clean run leaves
nothing. The crashes here are real: a child process dies of SIGSEGV."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from licenseapp import fault_log

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")


def _run_child(script: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONFAULTHANDLER"}
    env["QT_QPA_PLATFORM"] = "offscreen"
    return subprocess.run([sys.executable, "-c", textwrap.dedent(script)], capture_output=True,
                          text=True, env=env, timeout=120, check=False)


def _fault_files() -> list[Path]:
    return sorted(fault_log.fault_dir().glob("fault-*.log"))


def test_a_segfault_leaves_every_threads_stack_and_the_header(tmp_path: Path) -> None:
    result = _run_child(
        """
        import faulthandler
        from licenseapp import fault_log

        def deep_in_the_app():
            faulthandler._sigsegv()

        fault_log.start()
        deep_in_the_app()
        """
    )
    assert result.returncode == -signal.SIGSEGV, result.stderr  # died of the crash itself
    [trace] = _fault_files()
    text = trace.read_text(encoding="utf-8")
    first_line = text.splitlines()[0]
    assert first_line.startswith("LicenseApp ") and ", process " in first_line
    assert "Fatal Python error: Segmentation fault" in text
    assert "deep_in_the_app" in text  # the Python stack that crashed

    [crash] = fault_log.take_previous_crashes()
    assert "deep_in_the_app" in crash.report
    assert fault_log.take_previous_crashes() == []  # offered once
    assert _fault_files() == []


def test_a_clean_run_leaves_no_file_and_a_running_one_is_left_alone() -> None:
    result = _run_child(
        """
        from licenseapp import fault_log
        finish = fault_log.start()
        print(len(list(fault_log.fault_dir().glob("fault-*.log"))))
        print(fault_log.take_previous_crashes())  # its own file: a run still going
        print(len(list(fault_log.fault_dir().glob("fault-*.log"))))
        finish()
        """
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split("\n")[:3] == ["1", "[]", "1"]
    assert _fault_files() == []


def test_a_command_that_crashes_leaves_its_trace_and_one_that_ends_leaves_none(
    tmp_path: Path,
) -> None:
    database = tmp_path / "cli.db"
    ok = _run_child(
        f"from licenseapp.cli.main import main; main(['init', '--db', {str(database)!r}])"
    )
    assert ok.returncode == 0, ok.stderr
    assert _fault_files() == []

    # The command line's composition root, with a command that dies of a segfault.
    crashed = _run_child(
        f"""
        import faulthandler
        from licenseapp.cli import setup_commands
        from licenseapp.cli.main import main

        def cmd_init(ctx, args):
            faulthandler._sigsegv()

        setup_commands.cmd_init = cmd_init
        main(['init', '--db', {str(database)!r}])
        """
    )
    assert crashed.returncode == -signal.SIGSEGV, crashed.stderr
    [trace] = _fault_files()
    assert "in cmd_init" in trace.read_text(encoding="utf-8")
