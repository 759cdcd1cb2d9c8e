#!/usr/bin/env python3
"""Screenshots of every screen and the main dialogs, taken from the real app on a fresh demo
database, and the guide for the repository written with them (docs/GUIDE.md and the README's
guide section, from resources/help/guide.md: the text F1 shows in the app).

    .venv/bin/python scripts/screenshots.py --xvfb
    .venv/bin/python scripts/screenshots.py --xvfb --size 1440x900 --scale 1.25 --out /tmp/s125
    .venv/bin/python scripts/screenshots.py --xvfb --theme dark --out /tmp/shots-dark
    .venv/bin/python scripts/screenshots.py --docs-only   # after editing the guide's text

The window is a real xcb window: --xvfb starts an X server (Xvfb) of exactly --size for the
run, so the window and every dialog meet the screen a user with that screen has (a dialog
sized to the screen, one larger than it); without --xvfb the display in DISPLAY is used
(e.g. under xvfb-run -a -s "-screen 0 1280x800x24"), with a warning when its size is not
--size. Without --out the light 1280×800 set goes to docs/screenshots/ and the docs are
written; other sets (another size, scale or theme) need --out and leave the docs alone.
The app's own settings, keys and logs go to a temporary folder, never the user's.
"""

from __future__ import annotations

import argparse
import io
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
DEFAULT_SIZE = (1280, 800)

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from licenseapp.gui.app import Desktop
    from licenseapp.gui.wizard.wizard import DraftWizard
    from licenseapp.store.database import Database


def run_for(seconds: float) -> None:
    """Let the app run for ``seconds``: its events handled, Python's lock let go between
    them. Not ``QTest.qWait``, which holds the lock while it waits: the app's workers then
    ran a step per wait, and a task on the 100-application demo took 30-60 s."""
    from PySide6.QtCore import QCoreApplication, QEvent

    end = time.monotonic() + seconds
    while True:
        QCoreApplication.processEvents()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        left = end - time.monotonic()
        if left <= 0:
            return
        time.sleep(min(0.01, left))


@dataclass(frozen=True)
class Options:
    size: tuple[int, int]
    scale: float
    theme: str
    out: Path
    docs: bool  # the light 1280×800 set: docs/screenshots and the docs written
    docs_only: bool
    xvfb: str | None = None  # "auto" or the display, e.g. ":85"


def _size(text: str) -> tuple[int, int]:
    try:
        width, height = (int(part) for part in text.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a size such as 1280x800") from None
    if width < 640 or height < 480:
        raise argparse.ArgumentTypeError(f"{text} is smaller than 640x480")
    return width, height


def _scale(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a scale such as 1.25") from None
    if not 0.5 <= value <= 4:
        raise argparse.ArgumentTypeError(f"a scale of {text} is outside 0.5 to 4")
    return value


def parse_args(argv: list[str]) -> Options:
    parser = argparse.ArgumentParser(
        prog="screenshots.py",
        description="Screenshots of the app on a fresh demo database, and the docs' guide.")
    parser.add_argument("--size", type=_size, default=DEFAULT_SIZE, metavar="WxH",
                        help="the screen the window fills, in pixels (default 1280x800)")
    parser.add_argument("--scale", type=_scale, default=1.0,
                        help="display scaling (QT_SCALE_FACTOR), e.g. 1.25 with --size 1440x900")
    parser.add_argument("--theme", choices=("light", "dark"), default="light",
                        help="the app's light or dark look (View › Appearance; default light)")
    parser.add_argument("--out", type=Path, help="folder for the PNGs (default: "
                        "docs/screenshots, for the light 1280x800 set only)")
    parser.add_argument("--xvfb", nargs="?", const="auto", metavar=":N",
                        help="run on an X server of its own (Xvfb) of exactly --size, on "
                        "display :N if given, else the first free one")
    parser.add_argument("--docs-only", action="store_true",
                        help="only write docs/GUIDE.md and the README's guide section")
    args = parser.parse_args(argv)
    standard = args.size == DEFAULT_SIZE and args.scale == 1.0 and args.theme != "dark"
    if args.out is None and not standard and not args.docs_only:
        parser.error("only the light 1280x800 set goes to docs/screenshots: give --out "
                     "for this one")
    out = args.out or DOCS / "screenshots"
    docs = args.docs_only or (standard and out.resolve() == (DOCS / "screenshots").resolve())
    return Options(args.size, args.scale, args.theme, out, docs, args.docs_only, args.xvfb)


# --- the docs ------------------------------------------------------------------------------

def write_docs() -> list[Path]:
    """docs/GUIDE.md and the README's guide section, from the in-app guide; the files that
    changed."""
    from licenseapp.gui.help.docs_guide import docs_guide, with_readme_block
    from licenseapp.gui.help.guide import guide_text

    guide = guide_text()
    changed = []
    for path, text in ((DOCS / "GUIDE.md", docs_guide(guide)),
                       (ROOT / "README.md",
                        with_readme_block((ROOT / "README.md").read_text("utf-8"), guide))):
        if not path.exists() or path.read_text("utf-8") != text:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, "utf-8")
            changed.append(path)
    return changed


# --- the app -------------------------------------------------------------------------------

def start_xvfb(size: tuple[int, int], display: str) -> subprocess.Popen[bytes]:
    """An X server of exactly ``size`` on ``display`` (":N", or "auto": a free one), made
    the DISPLAY."""
    if shutil.which("Xvfb") is None:
        raise SystemExit("--xvfb: Xvfb is not installed (Debian: apt-get install xvfb)")
    where = ["-displayfd", "1"] if display == "auto" else [display]
    server = subprocess.Popen(
        ["Xvfb", *where, "-screen", "0", f"{size[0]}x{size[1]}x24", "-nolisten", "tcp"],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    if display == "auto":
        assert server.stdout is not None
        number = server.stdout.readline().decode().strip()
        display = f":{number}"
    else:
        number = display.lstrip(":")
        lock = Path(f"/tmp/.X{number}-lock")
        for _ in range(50):  # up to 5 s for the server to take the display
            if lock.exists() or server.poll() is not None:
                break
            time.sleep(0.1)
    if not number.isdigit() or server.poll() is not None:
        server.kill()
        raise SystemExit(f"--xvfb: Xvfb did not start on {display} (is the display taken?)")
    time.sleep(0.3)
    os.environ["DISPLAY"] = display
    return server


def prepare_environment(options: Options, home: Path) -> None:
    """Before Qt starts: the display, the scale, and the app's files in ``home``."""
    if not os.environ.get("DISPLAY"):
        raise SystemExit("screenshots.py needs a display: give --xvfb, or run it under "
                         "xvfb-run -a -s \"-screen 0 1280x800x24\", or set DISPLAY")
    os.environ["QT_QPA_PLATFORM"] = "xcb"
    if options.scale != 1.0:
        os.environ["QT_SCALE_FACTOR"] = f"{options.scale:g}"
    else:
        os.environ.pop("QT_SCALE_FACTOR", None)
    os.environ["QT_ENABLE_HIGHDPI_SCALING"] = "0"  # the scale is QT_SCALE_FACTOR's alone
    for name in ("LICENSEAPP_DATA_DIR", "LICENSEAPP_CONFIG_DIR", "LICENSEAPP_LOG_DIR",
                 "XDG_CONFIG_HOME"):
        folder = home / name.lower()
        folder.mkdir()
        os.environ[name] = str(folder)
    os.environ["LICENSEAPP_USER"] = "m.okafor"
    # A home of its own: the folders file dialogs and Back up… propose, and what they write.
    os.environ.setdefault("XDG_CACHE_HOME", str(Path.home() / ".cache"))  # fonts' cache kept
    (home / "home" / "Documents").mkdir(parents=True)
    os.environ["HOME"] = str(home / "home")


def make_demo(db_path: Path) -> None:
    subprocess.run([sys.executable, "-m", "licenseapp", "--db", str(db_path), "demo"],
                   check=True, stdout=subprocess.DEVNULL)


def choose_theme(theme: str) -> None:
    """The app started in ``theme``, as View › Appearance would have it (the app reads
    ``$LICENSEAPP_THEME`` at start, over the person's choice)."""
    try:
        from licenseapp.gui.appearance import THEME_VARIABLE
    except ImportError:
        raise SystemExit(f"--theme {theme}: the app's themes are not available yet "
                         "(licenseapp/gui/appearance.py)") from None
    os.environ[THEME_VARIABLE] = theme


def save_png(widget: QWidget, path: Path) -> None:
    """``widget`` as drawn, as a small PNG (256 colours when Pillow is there)."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice

    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    widget.grab().toImage().save(buffer, "PNG")
    raw = bytes(data.data())
    try:
        from PIL import Image
    except ImportError:
        path.write_bytes(raw)
        return
    image = Image.open(io.BytesIO(raw)).convert("RGB")
    image.quantize(colors=256, method=Image.Quantize.MEDIANCUT,
                   dither=Image.Dither.NONE).save(path, optimize=True)


class Shooter:
    """Walks the app and saves each shot under its name from ``docs_guide.SHOTS``."""

    def __init__(self, desktop: Desktop, out: Path, roster: Path,
                 every_dialog: Path | None = None) -> None:
        from licenseapp.gui.help.docs_guide import SHOTS

        self.desktop = desktop
        self.window = desktop.window
        self.out = out
        self.roster = roster
        self.every_dialog = every_dialog  # a scratch folder: the other dialogs shot too
        self.expected = {shot.name for shot in SHOTS}
        self.saved: list[str] = []
        self.skipped: list[str] = []
        self.failed: list[str] = []

    # -- waiting and saving -------------------------------------------------------------
    def settle(self, until: Callable[[], bool] = lambda: True, timeout: float = 30.0) -> None:
        """Let the app work until ``until()`` holds and no task is pending, then paint."""

        deadline = time.monotonic() + timeout
        run_for(0.15)
        while time.monotonic() < deadline:
            if self.desktop.runner.pending == 0 and until():
                break
            run_for(0.05)
        else:
            print(f"  (still busy after {timeout:.0f} s; shot as it is)", file=sys.stderr)
        run_for(0.4)

    def shoot(self, name: str, widget: QWidget) -> None:
        assert name in self.expected, name
        save_png(widget, self.out / f"{name}.png")
        self.saved.append(name)
        print(f"  {name}.png  {widget.width()}x{widget.height()}")

    def new_dialog(self, trigger: Callable[[], object]) -> QWidget | None:
        """The top-level window ``trigger`` opened (None if none did)."""
        from PySide6.QtWidgets import QApplication

        before = {id(w) for w in QApplication.topLevelWidgets() if w.isVisible()}
        trigger()
        self.settle()
        opened = [w for w in QApplication.topLevelWidgets()
                  if w.isVisible() and id(w) not in before]
        return opened[-1] if opened else None

    def close(self, dialog: QWidget | None) -> None:
        from PySide6.QtWidgets import QDialog

        if isinstance(dialog, QDialog):
            dialog.reject()
        elif dialog is not None:
            dialog.close()
        self.settle()

    # -- the walk -----------------------------------------------------------------------
    def run(self) -> None:
        window = self.window
        self.settle(lambda: window.built and window.applications.is_loaded, timeout=60)
        for part in (self.screens, self.wizard, self.dialogs):
            self.attempt(part)
        if self.every_dialog is not None:
            from dialog_shots import DialogTour  # type: ignore[import-not-found]

            tour = DialogTour(self, self.every_dialog)
            self.attempt(tour.run)
            self.failed += tour.failed
        missing = self.expected - set(self.saved) - set(self.skipped) - set(self.failed)
        self.failed += sorted(missing)

    def attempt(self, part: Callable[[], None]) -> None:
        """``part`` of the walk run; if it breaks, the error shown and the walk goes on
        (its shots not taken are reported as failed)."""
        import traceback

        try:
            part()
        except Exception:
            print(f"  FAILED in {part.__name__}:", file=sys.stderr)
            traceback.print_exc(file=sys.stderr)
            from PySide6.QtWidgets import QApplication, QDialog

            for widget in QApplication.topLevelWidgets():  # what it left open
                if widget.isVisible() and widget is not self.window:
                    if isinstance(widget, QDialog):
                        widget.reject()
                    else:
                        widget.close()
            self.settle(timeout=10)

    def screens(self) -> None:
        from licenseapp.services.drafts.applications import list_applications

        window = self.window
        rows = list_applications(window.database)
        registered = next(r for r in rows if r.status == "registered")
        names = {"Dashboard": "dashboard", "Applications": "applications",
                 "Authorization": "authorization", "Licenses & deadlines": "deadlines",
                 "People": "people", "Organizations": "organizations", "Items": "items",
                 "Reports": "reports", "Screening": "screening"}
        for row in range(window.nav.count()):
            title = window.nav.item(row).text()
            window.nav.setCurrentRow(row)
            self.settle()
            page = window.pages.currentWidget()
            if title == "Applications":
                window.applications.reveal(registered.ref)
                self.settle(lambda: window.details.detail is not None)
            elif title == "Reports":
                from licenseapp.services.reports.request import ReportKind

                window.reports.choose(ReportKind.PENDING)
                window.reports.preview_action.trigger()
                self.settle()
            elif title != "Dashboard":
                select_first_row(page)
                self.settle()
            name = names.get(title)
            if name is None:
                print(f"  (a screen without a shot: {title})", file=sys.stderr)
                continue
            self.shoot(name, window)

    def wizard(self) -> None:
        from licenseapp.domain.draft_form import EDITABLE_STATUSES
        from licenseapp.services.drafts.applications import list_applications
        from licenseapp.services.drafts.draft_editing import load_draft

        window = self.window
        db = window.database
        names = ["wizard-1-regulator", "wizard-2-applicant", "wizard-3-person",
                 "wizard-4-items", "wizard-5-end-use", "wizard-6-letters",
                 "wizard-7-documents", "wizard-8-review"]
        best: Any = None

        def open_at_review(ref: str) -> DraftWizard:
            wizard = window.drafting.open_wizard(load_draft(db, ref), page=7)
            assert wizard is not None
            self.settle(lambda: wizard.choices is not None and not wizard.busy)
            self.settle()
            return wizard

        def close(wizard: DraftWizard) -> None:
            wizard.hide()
            wizard.deleteLater()
            window.drafting.wizard = None
            self.settle()

        for row in list_applications(db):
            if row.status not in EDITABLE_STATUSES:
                continue
            wizard = open_at_review(row.ref)
            if best is None or wizard.currentId() > best[1]:
                best = (row.ref, wizard.currentId())
            if wizard.currentId() == 7:  # its scans attached, as a user would have
                close(wizard)
                attach_scans(db, row.ref)
                wizard = open_at_review(row.ref)
                break
            close(wizard)
        if wizard.currentId() != 7:
            print(f"  (no demo draft reaches Review; {best[0]} reaches page "
                  f"{best[1] + 1})", file=sys.stderr)
        shown = wizard.currentId()
        for page in range(7, shown, -1):
            self.skipped.append(names[page])
        while True:
            self.shoot(names[wizard.currentId()], wizard)
            if wizard.currentId() == 0:
                break
            wizard.back()
            self.settle(lambda w=wizard: not w.busy)
        close(wizard)

    def dialogs(self) -> None:
        from licenseapp.services.drafts.applications import list_applications

        window = self.window
        rows = list_applications(window.database)
        ready = next((r for r in rows if r.status == "ready"), rows[0])
        filed = next(r for r in rows if r.status == "registered")

        window.show_application(filed.ref)
        self.settle(lambda: window.details.detail is not None)
        preview = self.new_dialog(window.packets.preview_action.trigger)
        self.settle(timeout=60)
        self.shot_or_skip("packet-preview", preview)

        window.show_application(ready.ref)
        self.settle(lambda: window.details.detail is not None
                    and window.details.detail.row.ref == ready.ref)
        self.shot_or_skip("status-change",
                          self.new_dialog(window.tracking.change_status_action.trigger))

        window.show_page(window.authorization)
        self.settle()
        impact = self.new_dialog(window.authorization.open_impact_dialog)
        if impact is not None:
            choose = getattr(impact, "choose", None)
            if callable(choose):
                choose("ai-access-directive-2026")
            self.settle()
            run = getattr(impact, "run", None)
            if callable(run):
                run(explicit=True)
            self.settle(timeout=60)
            table = getattr(impact, "table", impact)
            select_first_row(table)  # and why it is affected, below the list
            self.settle()
        self.shot_or_skip("directive-impact", impact)

        window.show_page(window.people)
        self.settle()
        launcher = window.people.roster_import
        self.shot_or_skip("import-roster", self.new_dialog(
            lambda: launcher.look_at(self.roster) if launcher is not None else None))

        self.shot_or_skip("settings", self.new_dialog(window.settings_action.trigger))

        guide = self.new_dialog(lambda: window.help_actions.open_section("directive-day"))
        self.shot_or_skip("guide", guide)

        self.search()

    def search(self) -> None:
        from PySide6.QtGui import QAction, QKeySequence
        from PySide6.QtTest import QTest
        from PySide6.QtWidgets import QApplication

        window = self.window
        found = [a for a in window.findChildren(QAction)
                 if a.shortcut() == QKeySequence("Ctrl+K")]
        if not found:
            print("  (no global search in the app yet: search.png not taken)", file=sys.stderr)
            self.skipped.append("search")
            return
        window.show_page(window.applications)
        window.activateWindow()
        self.settle()
        popup = self.new_dialog(found[0].trigger)
        QTest.keyClicks(QApplication.focusWidget() or window, "Chen")
        self.settle()
        shown = popup or QApplication.activePopupWidget() or window
        self.shoot("search", shown)
        QTest.keyClick(QApplication.focusWidget() or window,
                       QKeySequence("Escape")[0].key())
        self.settle()

    def shot_or_skip(self, name: str, dialog: QWidget | None) -> None:
        if dialog is None:
            print(f"  ({name}: no window opened)", file=sys.stderr)
            self.skipped.append(name)
            return
        self.shoot(name, dialog)
        self.close(dialog)


def attach_scans(db: Database, ref: str) -> None:
    """A passport "scan" (a specimen page, PNG) attached to ``ref``, so the documents page
    shows what a user's would (the visa left missing: Review shows a warning to
    acknowledge)."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRect, Qt
    from PySide6.QtGui import QColor, QFont, QImage, QPainter

    from licenseapp.services.output.attachments import attach

    for kind, title in (("passport", "PASSPORT"),):
        image = QImage(1240, 1754, QImage.Format.Format_RGB32)  # A4 at 150 dpi
        image.fill(QColor("white"))
        painter = QPainter(image)
        painter.setFont(QFont("Noto Sans", 48))
        painter.drawText(QRect(0, 200, 1240, 200), Qt.AlignmentFlag.AlignCenter, title)
        painter.setFont(QFont("Noto Sans", 28))
        painter.drawText(QRect(0, 500, 1240, 100), Qt.AlignmentFlag.AlignCenter,
                         "SPECIMEN — demo data, not a real document")
        painter.end()
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        image.save(buffer, "PNG")
        attach(db, ref, bytes(data.data()), kind, file_name=f"{kind.replace('_', '-')}-scan.png")


def select_first_row(page: QWidget) -> None:
    """The first row of the screen's first visible list selected, for its details."""
    from PySide6.QtWidgets import QAbstractItemView

    views = [page] if isinstance(page, QAbstractItemView) else []
    for view in views + page.findChildren(QAbstractItemView):
        model = view.model()
        if view.isVisible() and model is not None and model.rowCount() > 0:
            view.setCurrentIndex(model.index(0, 0))
            view.selectionModel().select(
                model.index(0, 0), view.selectionModel().SelectionFlag.ClearAndSelect
                | view.selectionModel().SelectionFlag.Rows)
            return


ROSTER = """\
Given Name,Family Name,Nationality,Date of Birth,Email,Employee Number
Ana,Ferreira,Brazil,1991-03-14,ana.ferreira@example.com,E-2001
Kenji,Watanabe,JP,1988-11-02,kenji.watanabe@example.com,E-2002
Olena,Kovalenko,Ukraine,03/04/1990,olena.kovalenko@example.com,E-2003
"""


def main(argv: list[str]) -> int:
    options = parse_args(argv)
    if options.docs_only:
        for path in write_docs():
            print(f"wrote {path.relative_to(ROOT)}")
        return 0
    # One fixed folder, so the status bar's database path is the same in every run.
    home = Path(tempfile.gettempdir()) / "licenseapp-screenshots"
    shutil.rmtree(home, ignore_errors=True)
    home.mkdir()
    server = start_xvfb(options.size, options.xvfb) if options.xvfb else None
    try:
        prepare_environment(options, home)
        db_path = home / "licenseapp-demo.db"
        make_demo(db_path)
        roster = home / "new-starters.csv"
        roster.write_text(ROSTER, "utf-8")
        taken = home / "shots"  # moved to --out once all are taken
        taken.mkdir()

        choose_theme(options.theme)
        from PySide6.QtWidgets import QApplication

        app = QApplication([sys.argv[0]])
        from licenseapp.gui.app import start

        desktop = start(str(db_path), [sys.argv[0]], install_hooks=False)
        window = desktop.window
        scale = options.scale
        screen = app.primaryScreen().size()
        logical = (round(options.size[0] / scale), round(options.size[1] / scale))
        if (screen.width(), screen.height()) != logical:
            print(f"warning: the display is {round(screen.width() * scale)}x"
                  f"{round(screen.height() * scale)}, not {options.size[0]}x{options.size[1]}: "
                  "dialogs fit themselves to the display (--xvfb gives one of --size)",
                  file=sys.stderr)
        window.move(0, 0)
        window.resize(*logical)
        print(f"shooting at {options.size[0]}x{options.size[1]}, scale {scale:g}, "
              f"theme {options.theme} into {options.out}")
        if not options.docs:  # the review sets: every dialog, not only the guide's
            sys.path.insert(0, str(Path(__file__).resolve().parent))
        shooter = Shooter(desktop, taken, roster, None if options.docs else home)
        try:
            shooter.run()
        finally:
            desktop.close()
        options.out.mkdir(parents=True, exist_ok=True)
        for old in options.out.glob("*.png"):
            old.unlink()
        for shot in taken.glob("*.png"):
            shutil.move(shot, options.out / shot.name)
        print(f"{len(shooter.saved)} screenshots in {options.out}; skipped: "
              f"{', '.join(shooter.skipped) or 'none'}")
        if shooter.failed:
            print(f"FAILED: {', '.join(shooter.failed)}", file=sys.stderr)
            return 1
    finally:
        shutil.rmtree(home, ignore_errors=True)
        if server is not None:
            server.terminate()
            server.wait(10)
    if options.docs:
        for path in write_docs():
            print(f"wrote {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
