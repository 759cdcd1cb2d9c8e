"""Screening results as the engine hands them over (dto values), for the tests of what
shows them: the hits table, the side-by-side, the evidence sections."""

from __future__ import annotations

from datetime import UTC, date, datetime

from licenseapp.services.screening.dto import (
    Decision,
    Hit,
    HitView,
    ScoreFactor,
    ScreeningState,
    SnapshotInfo,
    Subject,
)

SNAPSHOT = SnapshotInfo(
    id=1, source="U.S. Consolidated Screening List (trade.gov)",
    published_on=date(2026, 7, 31), loaded_at=datetime(2026, 12, 6, 20, 0, tzinfo=UTC),
    sha256="3f2a9c1b" + "0" * 56, entries=25_921,
    counts_by_list=(("SDN", 19_181), ("EL", 2_104), ("DPL", 512)), current=True)
SCREENED_AT = datetime(2026, 12, 6, 21, 40, tzinfo=UTC)


def sample_hit(n: int = 1, *, name: str = "ZHANG, Wei", score: float = 91.0,
               list_code: str = "SDN") -> Hit:
    return Hit(
        score=score, list_code=list_code,
        list_name="Specially Designated Nationals (Treasury OFAC)" if list_code == "SDN"
        else "Entity List (Commerce BIS)",
        entry_id=f"{list_code}-{1000 + n}", entry_name=name, matched_name=name,
        query_name="Wei Zhang", programs=("CHINA-EO13959",), countries=("CN",),
        source_url=f"https://sanctionssearch.ofac.treas.gov/Details.aspx?id={1000 + n}",
        explanation=(ScoreFactor("name 'Wei Zhang' ~ 'ZHANG, Wei' (word order ignored)", 88),
                     ScoreFactor("nationality CN matches the entry's country", 6),
                     ScoreFactor("no date of birth on the entry", -3)))


def sample_view(n: int = 1, *, decision: Decision = Decision.OPEN, score: float = 91.0,
                subject: Subject = Subject.PERSON, subject_name: str = "Wei Zhang",
                name: str = "ZHANG, Wei", note: str = "") -> HitView:
    decided = decision is not Decision.OPEN
    return HitView(
        id=n, subject=subject, subject_id=n, subject_ref=f"P-{n:05d}"
        if subject is Subject.PERSON else subject_name, subject_name=subject_name,
        hit=sample_hit(n, name=name, score=score), decision=decision,
        decided_by="alice" if decided else None,
        decided_at=datetime(2026, 12, 6, 22, 5, tzinfo=UTC) if decided else None,
        note=note, snapshot_id=1, screened_at=SCREENED_AT)


def sample_state(*views: HitView, screened: bool = True) -> ScreeningState:
    first = views[0] if views else None
    return ScreeningState(
        subject=first.subject if first else Subject.PERSON,
        subject_id=first.subject_id if first else 1,
        screened_at=SCREENED_AT if screened else None,
        snapshot=SNAPSHOT if screened else None, hits=views)


SDN = "Specially Designated Nationals (SDN) - Treasury Department"
EL = "Entity List (EL) - Bureau of Industry and Security"
#: Listed parties that resemble the sample people (tests/gui/conftest.py SAMPLE_PEOPLE).
LISTED = (
    ("ZHANG, Wei", SDN, "CN", "1201"),
    ("IVANOV, Dmitri Sergeyevich", SDN, "RU", "1202"),
)
#: Fillers no sample person resembles, so each list is big enough to be watched for drops.
FILLERS = tuple(f"{a} {b} TRADING" for a in ("OKAPI", "QUOLL", "NUMBAT", "TAKIN", "SAIGA")
                for b in ("NORTH", "SOUTH", "EAST", "WEST", "CENTRAL", "HARBOUR"))


def list_file(path, *, published: str = "2026-07-31", fillers: int = len(FILLERS),
              listed=LISTED):  # type: ignore[no-untyped-def]
    """A Consolidated Screening List in trade.gov's JSON format, written to ``path``."""
    import json

    results = [{"name": name, "alt_names": [], "source": source, "entity_number": number,
                "type": "Individual", "addresses": [{"country": country}],
                "nationalities": [country], "programs": ["SDGT"],
                "source_list_url": f"https://sanctionssearch.ofac.treas.gov/Details.aspx?id="
                                   f"{number}"}
               for name, source, country, number in listed]
    results += [{"name": name, "source": SDN, "entity_number": str(5000 + n),
                 "type": "Entity", "addresses": [{"country": "IR"}], "programs": ["IRAN"]}
                for n, name in enumerate(FILLERS[:fillers])]
    path.write_text(json.dumps({"sources_used": [{"source": SDN, "import_date":
                                                  f"{published}T13:15:00+00:00"}],
                                "results": results}), encoding="utf-8")
    return path


def load_and_screen(db, folder):  # type: ignore[no-untyped-def]
    """Load the small list (:func:`list_file`) and screen everyone in ``db`` against it."""
    from licenseapp.services.screening.runs import rescreen_everyone
    from licenseapp.services.screening.snapshots import import_snapshot

    import_snapshot(db, list_file(folder / "list.json"))
    return rescreen_everyone(db)
