"""``screen`` and ``lists``: restricted-party screening on the command line.

``screen --name NAME [--country CC] [--dob D]`` screens a name ad hoc (nothing stored);
``screen --batch FILE`` a CSV of names (name, country, date_of_birth), one result per row;
``screen people|orgs`` screens every person or organization and shows their hits;
``screen decide HIT cleared|escalated|confirmed --note T`` records a decision.
``lists`` shows the list snapshots loaded; ``lists import FILE [--accept-drop]`` loads a
newer one and re-screens everyone. ``--json``: one JSON document; hits carry at least
``score``, ``list``, ``entry_id``, ``matched_name`` and ``explanation``.
"""

from __future__ import annotations

import argparse
import csv
import io
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from licenseapp.cli.context import Context
from licenseapp.cli.output import print_json, print_table
from licenseapp.errors import LicenseAppError, ValidationError

if TYPE_CHECKING:
    from licenseapp.services.screening.dto import Hit, HitView, RescreenResult, SnapshotInfo

DECISIONS = ("cleared", "escalated", "confirmed")


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser],
             common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "screen", parents=[common],
        help="restricted-party screening: a name (--name), a CSV of names (--batch), "
             "'screen people|orgs', 'screen decide HIT ...'",
        description="Screen against the restricted-party lists (the U.S. Consolidated "
                    "Screening List). Without a list loaded, the shipped one is loaded first.")
    p.add_argument("--name", help="a name to screen (nothing is stored)")
    p.add_argument("--country", metavar="CC", help="the name's country (ISO code)")
    p.add_argument("--dob", metavar="D", type=_day, help="date of birth, YYYY-MM-DD")
    p.add_argument("--batch", metavar="FILE", type=Path,
                   help="a CSV with columns name, country, date_of_birth (nothing is stored)")
    p.add_argument("--json", action="store_true", help="one JSON document on stdout")
    p.set_defaults(handler=cmd_screen)
    verbs = p.add_subparsers(dest="verb", metavar="people|orgs|decide", parser_class=type(p))
    for verb, what in (("people", "every person"), ("orgs", "every organization")):
        v = verbs.add_parser(verb, parents=[common],
                             help=f"screen {what} against the current list and show the hits")
        v.add_argument("--json", action="store_true", help="one JSON list on stdout")
        v.set_defaults(handler=cmd_screen_records, subject=verb)
    d = verbs.add_parser("decide", parents=[common], help="record a decision on a hit")
    d.add_argument("hit", metavar="HIT", type=int, help="the hit's number")
    d.add_argument("decision", choices=DECISIONS)
    d.add_argument("--note", default="", help="why (required to clear or confirm)")
    d.set_defaults(handler=cmd_decide)

    lists = sub.add_parser("lists", parents=[common],
                           help="the restricted-party list snapshots; 'lists import FILE'",
                           description="List snapshots loaded, newest first.")
    lists.add_argument("--json", action="store_true", help="one JSON list on stdout")
    lists.set_defaults(handler=cmd_lists)
    lverbs = lists.add_subparsers(dest="verb", metavar="import", parser_class=type(p))
    imp = lverbs.add_parser("import", parents=[common],
                            help="load a Consolidated Screening List file (JSON or CSV, as "
                                 "trade.gov publishes it) and re-screen everyone")
    imp.add_argument("file", metavar="FILE", type=Path)
    imp.add_argument("--accept-drop", action="store_true",
                     help="load it even though a list's count fell sharply")
    imp.add_argument("--json", action="store_true", help="one JSON document on stdout")
    imp.set_defaults(handler=cmd_lists_import)


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def _hit_json(hit: Hit) -> dict[str, Any]:
    from licenseapp.services.screening.entry_data import hit_to_json

    return hit_to_json(hit)


def _view_json(view: HitView) -> dict[str, Any]:
    return {"hit": view.id, "subject": view.subject.value, "subject_id": view.subject_id,
            "ref": view.subject_ref, "name": view.subject_name, "decision": view.decision.value,
            "decided_by": view.decided_by, "decided_at": view.decided_at, "note": view.note,
            "lapsed": view.lapsed or None, **_hit_json(view.hit)}


def _print_hits(hits: list[Hit]) -> None:
    if not hits:
        print("No hits.")
        return
    print_table(["Score", "List", "Entry", "Matched name"],
                [[f"{h.score:.0f}", h.list_code, h.entry_id, h.matched_name] for h in hits])
    for h in hits:
        print(f"\n{h.score:.0f}  {h.list_code} {h.entry_id}  {h.entry_name}")
        for f in h.explanation:
            print(f"    {f.effect:+5.0f}  {f.label}")


def cmd_screen(ctx: Context, args: argparse.Namespace) -> int:
    from licenseapp.services.screening.runs import screen_name

    if args.batch is not None:
        return _batch(ctx, args)
    if not args.name:
        raise ValidationError("--name", "give a name to screen (or a file of names, or "
                                        "'people', 'orgs' or 'decide')")
    hits = screen_name(ctx.database(), args.name, country=args.country, dob=args.dob)
    if args.json:
        print_json([_hit_json(h) for h in hits])
    else:
        _print_hits(hits)
    return 0


def _batch_rows(path: Path) -> list[tuple[str, str, date | None]]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise LicenseAppError(f"cannot read {path.name}: {exc}") from None
    reader = csv.DictReader(io.StringIO(text))
    headers = {(h or "").strip().lower().replace(" ", "_"): h for h in reader.fieldnames or []}
    if "name" not in headers:
        raise ValidationError("--batch", f"{path.name} has no “name” column (columns: name, "
                                         "country, date_of_birth)")
    dob_column = headers.get("date_of_birth") or headers.get("dob")
    rows = []
    for number, row in enumerate(reader, start=2):
        born_text = (row.get(dob_column) or "").strip() if dob_column else ""
        try:
            born = date.fromisoformat(born_text) if born_text else None
        except ValueError:
            raise ValidationError("--batch", f"line {number}: “{born_text}” is not a date "
                                             "(YYYY-MM-DD)") from None
        rows.append(((row.get(headers["name"]) or "").strip(),
                     (row.get(headers.get("country", "")) or "").strip(), born))
    return rows


def _batch(ctx: Context, args: argparse.Namespace) -> int:
    from licenseapp.services.screening.runs import screen_name

    db = ctx.database()
    results: list[dict[str, Any]] = []
    for line, (name, country, born) in enumerate(_batch_rows(args.batch), start=2):
        hits = screen_name(db, name, country=country or None, dob=born) if name else []
        results.append({"line": line, "name": name, "country": country or None,
                        "date_of_birth": born, "hits": [_hit_json(h) for h in hits]})
    if args.json:
        print_json(results)
        return 0
    print_table(["Line", "Name", "Hits", "Best"],
                [[str(r["line"]), str(r["name"]), str(len(r["hits"])),
                  f"{r['hits'][0]['score']:.0f} {r['hits'][0]['list']} "
                  f"{r['hits'][0]['matched_name']}" if r["hits"] else ""] for r in results],
                max_width=48)
    return 0


def cmd_screen_records(ctx: Context, args: argparse.Namespace) -> int:
    from licenseapp.services.screening.dto import Subject
    from licenseapp.services.screening.results import all_hits
    from licenseapp.services.screening.runs import rescreen_everyone

    db = ctx.database()
    subject = Subject.PERSON if args.subject == "people" else Subject.ORGANIZATION
    result = rescreen_everyone(db)
    views = [v for v in all_hits(db, subject=subject) if v.current]
    if args.json:
        print_json([_view_json(v) for v in views])
        return 0
    if views:
        print_table(["Hit", "Ref", "Name", "Score", "List", "Matched name", "Decision"],
                    [[str(v.id), v.subject_ref, v.subject_name, f"{v.hit.score:.0f}",
                      v.hit.list_code, v.hit.matched_name, v.decision.value] for v in views])
        print()
    else:
        print("No hits.")
    print(_summary(result))
    return 0


def _summary(result: RescreenResult) -> str:
    return (f"{result.screened:,} screened: {result.new_hits} new hit(s), {result.changed} "
            f"changed, {result.unchanged} unchanged, {result.gone} no longer found.")


def cmd_decide(ctx: Context, args: argparse.Namespace) -> int:
    from licenseapp.services.screening.dto import Decision
    from licenseapp.services.screening.results import decide

    decide(ctx.database(), args.hit, Decision(args.decision), args.note)
    print(f"Hit {args.hit}: {args.decision}.")
    return 0


def _snapshot_json(s: SnapshotInfo) -> dict[str, Any]:
    return {"id": s.id, "source": s.source, "published_on": s.published_on,
            "loaded_at": s.loaded_at, "sha256": s.sha256, "entries": s.entries,
            "counts": dict(s.counts_by_list), "current": s.current}


def cmd_lists(ctx: Context, args: argparse.Namespace) -> int:
    from licenseapp.services.screening.snapshots import list_snapshots

    found = list_snapshots(ctx.database())
    if args.json:
        print_json([_snapshot_json(s) for s in found])
        return 0
    if not found:
        print("No list loaded yet: the shipped list is loaded when screening first runs.")
        return 0
    print_table(["Current", "Published", "Entries", "By list", "SHA-256"],
                [["yes" if s.current else "", s.published_on.isoformat(), f"{s.entries:,}",
                  ", ".join(f"{c} {n:,}" for c, n in s.counts_by_list[:5]), s.sha256[:16]]
                 for s in found], max_width=60)
    return 0


def cmd_lists_import(ctx: Context, args: argparse.Namespace) -> int:
    from licenseapp.services.screening.runs import rescreen_everyone
    from licenseapp.services.screening.snapshots import import_snapshot

    db = ctx.database()
    info = import_snapshot(db, args.file, accept_drop=args.accept_drop)
    result = rescreen_everyone(db)
    if args.json:
        print_json({"snapshot": _snapshot_json(info),
                    "rescreen": {"screened": result.screened, "new_hits": result.new_hits,
                                 "changed": result.changed, "unchanged": result.unchanged,
                                 "gone": result.gone}})
        return 0
    print(f"List of {info.published_on.isoformat()} loaded: {info.entries:,} entries "
          f"(SHA-256 {info.sha256[:16]}…).")
    print(_summary(result))
    return 0
