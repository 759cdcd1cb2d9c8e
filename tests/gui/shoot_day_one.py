"""Day one, shot step by step: runs ``test_day_one_gui.py`` with ``LICENSEAPP_SHOTS`` set,
so each step is saved as ``dayone_NN_step.png`` (and the packet as ``dayone-packet.pdf``)
in OUTDIR. Not collected by pytest (no ``test_`` prefix).

    Xvfb :61 -screen 0 1400x900x24 -nolisten tcp &
    DISPLAY=:61 QT_QPA_PLATFORM=xcb .venv/bin/python tests/gui/shoot_day_one.py /tmp/shots

Without a display it shoots offscreen. LICENSEAPP_TEST_PG_URL set: on PostgreSQL.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(f"usage: {argv[0]} OUTDIR", file=sys.stderr)
        return 2
    out = Path(argv[1]).resolve()
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("dayone_*.png"):
        old.unlink()
    os.environ["LICENSEAPP_SHOTS"] = str(out)
    if os.environ.get("DISPLAY") and not os.environ.get("QT_QPA_PLATFORM"):
        os.environ["QT_QPA_PLATFORM"] = "xcb"
    import pytest

    test = Path(__file__).with_name("test_day_one_gui.py")
    code = pytest.main([str(test), "-q", "-p", "no:cacheprovider",
                        "--rootdir", str(test.parents[2])])
    shots = sorted(out.glob("dayone_*.png"))
    print(f"{len(shots)} screenshots in {out}")
    return int(code)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
