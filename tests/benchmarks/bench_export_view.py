"""Benchmark: File › Export current view… of 100,000 applications, to XLSX and CSV.

Not part of the normal test run (pytest ignores tests/benchmarks). Run either way:

    QT_QPA_PLATFORM=offscreen .venv/bin/python tests/benchmarks/bench_export_view.py [ROWS]
    QT_QPA_PLATFORM=offscreen .venv/bin/pytest -o addopts="" -s \
        tests/benchmarks/bench_export_view.py

The Applications list's own model, proxy and table (offscreen) hold ROWS rows (100,000 by
default; rows as the service returns them, made without a database), sorted by "Updated"
newest first, one column hidden. Timed:

- ``take_view``: what the GUI thread does (the rows in view order, the columns) — must stay
  far under a frame's worth per thousand rows;
- the export off the GUI thread, cells and file, to CSV and to XLSX (typed dates, widths,
  header, filter row).

Baselines measured in the same run, with the ratios: making the cells (the model's
``export_value`` on every visible cell) plus writing them with a bare ``csv.writer`` (the
least a CSV export does), or with a bare openpyxl write-only workbook (the least an XLSX
export does). Run with ``PYTHONDONTWRITEBYTECODE`` and ``PYTHONUNBUFFERED`` unset.
"""

from __future__ import annotations

import csv
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ["QT_QPA_PLATFORM"] = os.environ.get("QT_QPA_PLATFORM") or "offscreen"
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # tests.gui.conftest
sys.path.insert(0, str(Path(__file__).parent))
from figures import figure, suite_or

ROWS = 100_000
#: scripts/bench.sh leaves XLSX out (its bare writer alone takes ~15 s of the suite's budget).
FORMATS = suite_or(("csv", "xlsx"), ("csv",))


def _time(work: Callable[[], object]) -> float:
    t0 = time.perf_counter()
    work()
    return time.perf_counter() - t0


def run(count: int = ROWS) -> dict[str, float]:
    from openpyxl import Workbook
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from licenseapp.gui.applications.model import ApplicationColumn
    from licenseapp.gui.applications.view import ApplicationsWidget
    from licenseapp.gui.exporting.view_table import take_view
    from licenseapp.gui.exporting.writing import write_view
    from licenseapp.gui.tasks import TaskRunner
    from tests.gui.conftest import build_row

    app = QApplication.instance() or QApplication([])
    runner = TaskRunner()
    widget = ApplicationsWidget(runner, user="alice")
    widget.resize(1280, 800)
    widget.show()
    widget.model.set_rows([build_row(n) for n in range(count)])
    widget.table.sortByColumn(ApplicationColumn.UPDATED, Qt.SortOrder.DescendingOrder)
    widget.table.horizontalHeader().hideSection(ApplicationColumn.OWNER)
    app.processEvents()

    figures: dict[str, float] = {}
    views = []
    figures["take_view"] = min(_time(lambda: views.append(take_view(widget.table)))
                               for _ in range(3))
    view = views[-1]
    assert len(view) == count
    cells: list[list[object]] = []
    figures["cells"] = _time(lambda: cells.extend(view.rows()))
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        for suffix in FORMATS:
            figures[suffix] = _time(lambda s=suffix: write_view(None, out / f"view.{s}", view))

        def bare_csv() -> None:
            with (out / "bare.csv").open("w", encoding="utf-8-sig", newline="") as fh:
                writer = csv.writer(fh)
                writer.writerow(view.headers)
                writer.writerows(cells)

        def bare_xlsx() -> None:
            book = Workbook(write_only=True)
            sheet = book.create_sheet("Export")
            sheet.append(list(view.headers))
            for row in cells:
                sheet.append(row)
            book.save(out / "bare.xlsx")

        figures["bare_csv"] = _time(bare_csv)
        if "xlsx" in FORMATS:
            figures["bare_xlsx"] = _time(bare_xlsx)
    runner.shutdown()
    widget.close()

    print(f"rows: {count:,}, columns: {len(view.headers)}")
    print(f"on the GUI thread, take_view: {figures['take_view'] * 1000:.0f} ms "
          f"({figures['take_view'] / count * 1e6:.2f} µs a row)")
    print(f"the cells, made by the model's export_value: {figures['cells']:.2f} s")
    for suffix in FORMATS:
        least = figures["cells"] + figures[f"bare_{suffix}"]
        print(f"{suffix.upper()}: export {figures[suffix]:.2f} s; the cells plus a bare writer "
              f"{least:.2f} s; ratio {figures[suffix] / least:.2f}x")
    size = f"{count // 1000}k rows"
    figure(f"Export current view…: the GUI thread's part (take_view), {size}",
           figures["take_view"], None, 0.5)
    for suffix, writer in (("csv", "csv.writer"), ("xlsx", "openpyxl write-only")):
        if suffix not in FORMATS:
            print(f"{suffix.upper()}: not run in scripts/bench.sh (time budget)")
            continue
        figure(f"Export current view… to {suffix.upper()}, {size}", figures[suffix],
               figures["cells"] + figures[f"bare_{suffix}"], 2.0,
               baseline_name=f"the cells + a bare {writer}")
    return figures


def test_export_of_100000_rows() -> None:
    figures = run()
    assert figures["take_view"] < 0.5  # the GUI thread: a blink, not a freeze
    for suffix in ("csv", "xlsx"):  # checks, typing, widths, styles: a fraction more
        assert figures[suffix] < 1.6 * (figures["cells"] + figures[f"bare_{suffix}"]) + 1.0


if __name__ == "__main__":
    run(int(sys.argv[1]) if len(sys.argv) > 1 else ROWS)
